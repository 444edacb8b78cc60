#include "printfulclient.h"

#include <core/secrets/secretstore.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcPrintful, "podtrends.publishing.printful")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PrintfulClient)
};

// A price that is not a number or beyond what qint64 cents hold is unknown (0, which the
// publish plan refuses as "no price"): rounding it would be undefined behaviour (found by fuzzing).
qint64 centsFromDecimal(const QJsonValue &v)
{
    const double d = v.isString() ? v.toString().toDouble() : v.toDouble();
    const double cents = d * 100.0;
    return std::isfinite(cents) && std::abs(cents) < 9.0e18 ? qRound64(cents) : 0;
}
} // namespace

QStringList CatalogProduct::colors() const
{
    QStringList out;
    for (const CatalogVariant &v : variants)
        if (!out.contains(v.color))
            out << v.color;
    return out;
}

bool CatalogProduct::colourless() const
{
    return !variants.isEmpty() && std::all_of(variants.begin(), variants.end(), [](const CatalogVariant &v) { return v.color.isEmpty(); });
}

bool CatalogProduct::knowsVariants() const
{
    return !variants.isEmpty()
           && std::all_of(variants.begin(), variants.end(), [](const CatalogVariant &v) { return v.id > 0 && v.priceCents > 0; });
}

QStringList CatalogProduct::sizes() const
{
    QStringList out;
    for (const CatalogVariant &v : variants)
        if (!out.contains(v.size))
            out << v.size;
    // The catalog lists variants colour by colour with sizes in a shop-floor order that is not
    // always the same per colour; order by the usual size ladder where known.
    static const QStringList ladder{QStringLiteral("XS"), QStringLiteral("S"), QStringLiteral("M"), QStringLiteral("L"),
                                    QStringLiteral("XL"), QStringLiteral("2XL"), QStringLiteral("3XL"), QStringLiteral("4XL"),
                                    QStringLiteral("5XL")};
    std::stable_sort(out.begin(), out.end(), [](const QString &a, const QString &b) {
        const qsizetype ia = ladder.indexOf(a), ib = ladder.indexOf(b);
        return (ia < 0 ? 100 : ia) < (ib < 0 ? 100 : ib);
    });
    return out;
}

std::optional<CatalogVariant> CatalogProduct::find(const QString &color, const QString &size) const
{
    for (const CatalogVariant &v : variants)
        if (v.color.compare(color, Qt::CaseInsensitive) == 0 && v.size.compare(size, Qt::CaseInsensitive) == 0)
            return v;
    return std::nullopt;
}

PrintfulClient::PrintfulClient(PrintfulOptions options, BlockingHttp *http)
    : m_options(std::move(options))
    , m_http(http)
    , m_httpSettings(httpSettings(m_options, http->settings()))
{
}

HttpSettings PrintfulClient::httpSettings(const PrintfulOptions &options, HttpSettings base)
{
    base.transferTimeoutMs = options.timeoutMs;
    base.maxBodyBytes = 8ll * 1024 * 1024; // the largest answer, a catalog product, is ~100 kB
    base.maxRetries = options.maxRetries;
    base.maxRateLimitWaits = options.maxRetries;
    base.baseBackoffMs = options.retryBaseMs;
    base.maxBackoffMs = std::max(options.retryBaseMs * 8, 1000);
    base.rateLimitedWaitMs = options.lockoutSeconds * 1000;
    base.maxRetryAfterMs = std::max(base.maxRetryAfterMs, options.lockoutSeconds * 1000);
    // Printful paces by its X-Ratelimit-* headers and 429s, which HttpEngine follows.
    base.requestsPerSecond = 0;
    return base;
}

QString PrintfulClient::dashboardUrl(qint64 syncProductId)
{
    return QStringLiteral("https://www.printful.com/dashboard/sync/update?id=%1").arg(syncProductId);
}

CatalogProduct PrintfulClient::parseCatalogProduct(const QJsonObject &result)
{
    CatalogProduct p;
    const QJsonObject product = result.value(QLatin1String("product")).toObject();
    p.id = product.value(QLatin1String("id")).toInteger();
    p.title = product.value(QLatin1String("title")).toString();
    p.typeName = product.value(QLatin1String("type_name")).toString();
    p.currency = product.value(QLatin1String("currency")).toString(QStringLiteral("USD"));
    const QJsonArray variants = result.value(QLatin1String("variants")).toArray();
    for (const QJsonValue &value : variants) {
        const QJsonObject o = value.toObject();
        CatalogVariant v;
        v.id = o.value(QLatin1String("id")).toInteger();
        v.color = o.value(QLatin1String("color")).toString();
        v.colorCode = o.value(QLatin1String("color_code")).toString();
        v.size = o.value(QLatin1String("size")).toString();
        v.priceCents = centsFromDecimal(o.value(QLatin1String("price")));
        v.inStock = o.value(QLatin1String("in_stock")).toBool(true);
        if (v.id > 0)
            p.variants << v;
    }
    return p;
}

QJsonObject PrintfulClient::syncProductBody(const SyncProductInput &input)
{
    QJsonObject product{{QStringLiteral("name"), input.name}, {QStringLiteral("external_id"), input.externalId}};
    if (!input.thumbnail.isEmpty())
        product.insert(QStringLiteral("thumbnail"), input.thumbnail);
    QJsonArray variants;
    for (const SyncVariantInput &v : input.variants) {
        QJsonObject file = v.fileId > 0 ? QJsonObject{{QStringLiteral("id"), v.fileId}} : QJsonObject{{QStringLiteral("url"), v.fileUrl}};
        variants.append(QJsonObject{{QStringLiteral("variant_id"), v.variantId},
                                    {QStringLiteral("retail_price"), v.retailPrice},
                                    {QStringLiteral("sku"), v.sku},
                                    {QStringLiteral("external_id"), v.externalId},
                                    {QStringLiteral("files"), QJsonArray{file}}});
    }
    return QJsonObject{{QStringLiteral("sync_product"), product}, {QStringLiteral("sync_variants"), variants}};
}

void PrintfulClient::noteRetry(const RetryNotice &notice) const
{
    if (!m_notify)
        return;
    const qint64 seconds = (notice.waitMs + 999) / 1000;
    if (notice.status == 429)
        m_notify(Tr::tr("Printful rate limit reached: waiting %1 s before retrying").arg(seconds));
    else if (notice.rateLimited)
        m_notify(Tr::tr("Printful rate limit: waiting %1 s").arg(seconds));
    else
        m_notify(Tr::tr("Printful did not answer properly (%1); retrying").arg(notice.status ? QString::number(notice.status) : notice.reason));
}

QString PrintfulClient::describeError(const HttpReply &response, const QString &path)
{
    const QJsonObject o = QJsonDocument::fromJson(response.body).object();
    QString message = o.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
    if (message.isEmpty())
        message = o.value(QLatin1String("result")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(response.body.left(200)).simplified();
    const int code = response.status;
    if (code == 401)
        return Tr::tr("Printful rejected the token (401: %1). Check the Printful token in Settings → Accounts.").arg(message);
    if (code == 403)
        return Tr::tr("Printful refused access (403: %1). The token needs the sync_products and file_library scopes, and the store id must be right.").arg(message);
    if (code == 429)
        return Tr::tr("Printful's rate limit is still exceeded after waiting (429: %1). Try again in a minute.").arg(message);
    return Tr::tr("Printful answered %1 to %2: %3").arg(code).arg(path.section(QLatin1Char('?'), 0, 0), message);
}

Result<QJsonValue> PrintfulClient::call(const QByteArray &method, const QString &path, const QJsonObject &body, bool retryTransient)
{
    if (m_options.token.isEmpty())
        return Error{SecretStore::missingMessage(SecretStore::Key::PrintfulToken), 401};
    HttpRequest request;
    request.method = method;
    request.url = QUrl(m_options.base.toString(QUrl::StripTrailingSlash) + path);
    request.setHeader("Authorization", "Bearer " + m_options.token.toUtf8());
    if (!m_options.storeId.isEmpty())
        request.setHeader("X-PF-Store-Id", m_options.storeId.toUtf8());
    if (method != "GET") {
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.contentType = "application/json";
    }
    // Creating is not idempotent; reading, and POST /files (same URL → the same file), are.
    request.idempotent = retryTransient;
    request.settings = m_httpSettings;
    auto sent = m_http->send(request, [this](const RetryNotice &n) { noteRetry(n); });
    if (!sent) {
        if (sent.error().code == HttpError::Cancelled)
            return Error{Tr::tr("Cancelled."), -2};
        return Error{Tr::tr("Printful: %1").arg(sent.errorMessage()), 0};
    }
    return readReply(*sent, path);
}

Result<QJsonValue> PrintfulClient::readReply(const HttpReply &response, const QString &path)
{
    if (response.status == 429)
        qCWarning(lcPrintful) << "429 on" << path.section(QLatin1Char('?'), 0, 0) << "after" << response.attempts << "attempts";
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &parseError);
    if (response.status >= 400 || (doc.isObject() && doc.object().value(QLatin1String("code")).toInt(200) >= 400))
        return Error{describeError(response, path), response.status >= 400 ? response.status : doc.object().value(QLatin1String("code")).toInt()};
    if (!doc.isObject())
        return Error{Tr::tr("Printful answered %1 with something that is not JSON (%2).").arg(path.section(QLatin1Char('?'), 0, 0), parseError.errorString()), 1};
    return doc.object().value(QLatin1String("result"));
}

Result<CatalogProduct> PrintfulClient::catalogProduct(qint64 productId)
{
    auto r = call("GET", QStringLiteral("/products/%1").arg(productId));
    if (!r) {
        if (r.error().code == 404)
            return Error{Tr::tr("Printful's catalog has no product %1 (404). Check the catalog product id in Settings → Publishing.").arg(productId), 404};
        return r.error();
    }
    CatalogProduct p = parseCatalogProduct(r->toObject());
    if (p.variants.isEmpty())
        return Error{Tr::tr("Printful's catalog product %1 has no variants.").arg(productId), 1};
    return p;
}

Result<QHash<qint64, PrintArea>> PrintfulClient::frontPrintAreas(qint64 productId)
{
    auto r = call("GET", QStringLiteral("/mockup-generator/printfiles/%1").arg(productId));
    if (!r)
        return r.error();
    return parsePrintAreas(r->toObject());
}

QHash<qint64, PrintArea> PrintfulClient::parsePrintAreas(const QJsonObject &o)
{
    QHash<qint64, PrintArea> byPrintfile;
    for (const QJsonValue &v : o.value(QLatin1String("printfiles")).toArray()) {
        const QJsonObject p = v.toObject();
        byPrintfile.insert(p.value(QLatin1String("printfile_id")).toInteger(),
                           PrintArea{p.value(QLatin1String("width")).toInt(), p.value(QLatin1String("height")).toInt(),
                                     p.value(QLatin1String("dpi")).toInt(), p.value(QLatin1String("fill_mode")).toString()});
    }
    QHash<qint64, PrintArea> out;
    for (const QJsonValue &v : o.value(QLatin1String("variant_printfiles")).toArray()) {
        const QJsonObject vp = v.toObject();
        const QJsonObject placements = vp.value(QLatin1String("placements")).toObject();
        const QJsonValue id = placements.contains(QLatin1String("front")) ? placements.value(QLatin1String("front"))
                                                                           : placements.value(QLatin1String("default"));
        if (byPrintfile.contains(id.toInteger()))
            out.insert(vp.value(QLatin1String("variant_id")).toInteger(), byPrintfile.value(id.toInteger()));
    }
    return out;
}

PrintfulFile PrintfulClient::parseFile(const QJsonObject &o)
{
    return PrintfulFile{o.value(QLatin1String("id")).toInteger(), o.value(QLatin1String("status")).toString(),
                        o.value(QLatin1String("url")).toString(), o.value(QLatin1String("preview_url")).toString(),
                        o.value(QLatin1String("message")).toString()};
}

Result<PrintfulFile> PrintfulClient::addFile(const QString &url, const QString &filename)
{
    const QJsonObject body{{QStringLiteral("url"), url}, {QStringLiteral("type"), QStringLiteral("default")},
                           {QStringLiteral("filename"), filename}, {QStringLiteral("visible"), true}};
    auto r = call("POST", QStringLiteral("/files"), body);
    if (!r)
        return r.error();
    PrintfulFile f = parseFile(r->toObject());
    if (f.id <= 0)
        return Error{Tr::tr("Printful accepted the file but returned no id."), 1};
    return f;
}

Result<PrintfulFile> PrintfulClient::file(qint64 id)
{
    auto r = call("GET", QStringLiteral("/files/%1").arg(id));
    if (!r)
        return r.error();
    return parseFile(r->toObject());
}

Result<PrintfulFile> PrintfulClient::waitForFile(qint64 id)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        auto f = file(id);
        if (!f)
            return f.error();
        if (f->status == QLatin1String("ok"))
            return f;
        if (f->status == QLatin1String("failed"))
            return Error{Tr::tr("Printful could not process the print file: %1").arg(f->message.isEmpty() ? Tr::tr("no reason given") : f->message), 1};
        if (timer.elapsed() >= m_options.pollTimeoutMs)
            return Error{Tr::tr("Printful has not finished fetching the print file after %1 s (status \"%2\"). Retry later; publishing resumes from this step.")
                             .arg(m_options.pollTimeoutMs / 1000.0, 0, 'f', m_options.pollTimeoutMs < 10000 ? 1 : 0)
                             .arg(f->status),
                         408};
        if (!m_http->sleep(m_options.pollIntervalMs))
            return Error{Tr::tr("Cancelled."), -2};
    }
}

Result<std::optional<SyncProduct>> PrintfulClient::findSyncProduct(const QString &externalId)
{
    auto r = call("GET", QStringLiteral("/store/products/@") + QString::fromLatin1(QUrl::toPercentEncoding(externalId)));
    if (!r) {
        if (r.error().code == 404)
            return std::optional<SyncProduct>();
        return r.error();
    }
    return parseSyncProduct(r->toObject());
}

std::optional<SyncProduct> PrintfulClient::parseSyncProduct(const QJsonObject &o)
{
    const QJsonObject sp = o.value(QLatin1String("sync_product")).toObject();
    SyncProduct p;
    p.id = sp.value(QLatin1String("id")).toInteger();
    p.externalId = sp.value(QLatin1String("external_id")).toString();
    p.name = sp.value(QLatin1String("name")).toString();
    p.variantCount = sp.value(QLatin1String("variants")).toInt();
    for (const QJsonValue &v : o.value(QLatin1String("sync_variants")).toArray()) {
        const QJsonObject sv = v.toObject();
        p.variants << SyncProduct::Variant{sv.value(QLatin1String("id")).toInteger(), sv.value(QLatin1String("variant_id")).toInteger(),
                                           sv.value(QLatin1String("external_id")).toString(), sv.value(QLatin1String("sku")).toString(),
                                           sv.value(QLatin1String("retail_price")).toString()};
    }
    if (p.id <= 0)
        return std::nullopt;
    return p;
}

Result<SyncProduct> PrintfulClient::createSyncProduct(const SyncProductInput &input)
{
    const QJsonObject body = syncProductBody(input);
    for (int attempt = 0;; ++attempt) {
        // Creating is not idempotent: a transient failure may hide a product Printful did create,
        // so look it up by external id before sending again.
        auto r = call("POST", QStringLiteral("/store/products"), body, false);
        if (r) {
            const QJsonObject o = r->toObject();
            SyncProduct p;
            p.id = o.value(QLatin1String("id")).toInteger();
            p.externalId = o.value(QLatin1String("external_id")).toString();
            p.name = o.value(QLatin1String("name")).toString();
            p.variantCount = o.value(QLatin1String("variants")).toInt();
            if (p.id <= 0)
                return Error{Tr::tr("Printful created the product but returned no id."), 1};
            return p;
        }
        const int code = r.error().code;
        if (!(code == 0 || code >= 500) || attempt >= m_options.maxRetries)
            return r.error();
        if (!m_http->sleep(qint64(m_options.retryBaseMs) << attempt))
            return Error{Tr::tr("Cancelled."), -2};
        auto existing = findSyncProduct(input.externalId);
        if (existing && existing->has_value())
            return **existing;
    }
}

} // namespace podtrends::core
