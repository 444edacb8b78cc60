#include "fakeprintful.h"

#include <support/testenv.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <tuple>

namespace podtrends::test {

FakePrintful::FakePrintful(QString token, QString storeId, QObject *parent)
    : QObject(parent)
    , m_server([this](const FakeRequest &r) { return handle(r); })
    , m_token(std::move(token))
    , m_storeId(std::move(storeId))
{
    // The T-shirt catalog is Printful's own answer for product 71 (Bella+Canvas 3001), captured live.
    QFile f(QDir(realSamplesDir()).filePath(QStringLiteral("printful/catalog-get-products-71-response.json")));
    if (f.open(QIODevice::ReadOnly))
        m_catalogs.insert(71, QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("result")).toObject());
    // The mug (19), poster (1) and tote (84) in the shape of §3.3: product and variants with id,
    // colour (none for posters), size and base price. Ids 1320/4830/16586 (mug), 1 (poster
    // 18″×24″) and 4533 (tote) are Printful's public ones; the other ids and every price are this
    // fake's own.
    auto product = [](qint64 id, const QString &title, const QString &type, const QList<std::tuple<qint64, QString, QString, QString>> &variants) {
        QJsonArray vs;
        for (const auto &[vid, colour, size, price] : variants)
            vs.append(QJsonObject{{QStringLiteral("id"), vid}, {QStringLiteral("product_id"), id},
                                  {QStringLiteral("name"), QStringLiteral("%1 (%2)").arg(title, colour.isEmpty() ? size : colour + QStringLiteral(" / ") + size)},
                                  {QStringLiteral("size"), size}, {QStringLiteral("color"), colour.isEmpty() ? QJsonValue() : QJsonValue(colour)},
                                  {QStringLiteral("color_code"), colour.isEmpty() ? QJsonValue() : QJsonValue(QStringLiteral("#ffffff"))},
                                  {QStringLiteral("price"), price}, {QStringLiteral("in_stock"), true}});
        return QJsonObject{{QStringLiteral("product"), QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("title"), title}, {QStringLiteral("type"), type},
                                                                  {QStringLiteral("type_name"), title}, {QStringLiteral("currency"), QStringLiteral("USD")}}},
                           {QStringLiteral("variants"), vs}};
    };
    const QString white = QStringLiteral("White");
    m_catalogs.insert(19, product(19, QStringLiteral("White Glossy Mug"), QStringLiteral("MUG"),
                                  {{1320, white, QStringLiteral("11 oz"), QStringLiteral("5.95")},
                                   {4830, white, QStringLiteral("15 oz"), QStringLiteral("7.95")},
                                   {16586, white, QStringLiteral("20 oz"), QStringLiteral("9.95")}}));
    m_catalogs.insert(1, product(1, QStringLiteral("Enhanced Matte Paper Poster (in)"), QStringLiteral("POSTER"),
                                 {{6239, QString(), QStringLiteral("12″×16″"), QStringLiteral("9.25")},
                                  {1, QString(), QStringLiteral("18″×24″"), QStringLiteral("13.50")}}));
    m_catalogs.insert(84, product(84, QStringLiteral("All-Over Print Tote"), QStringLiteral("BAG"),
                                  {{4533, QStringLiteral("Black"), QStringLiteral("15″×15″"), QStringLiteral("14.25")}}));
    // Print areas: apparel fronts 1800 × 2400 at 150 DPI (§3.6); the mug's wrap 2700 × 1050 at
    // 300; the poster's whole sheet at 150; the tote's face. Placement "default" outside apparel.
    auto printfiles = [](qint64 id, const QString &placement, const QList<std::tuple<qint64, int, int, int>> &areas, const QHash<qint64, qint64> &variantArea) {
        QJsonArray pf;
        for (const auto &[pid, w, h, dpi] : areas)
            pf.append(QJsonObject{{QStringLiteral("printfile_id"), pid}, {QStringLiteral("width"), w}, {QStringLiteral("height"), h},
                                  {QStringLiteral("dpi"), dpi}, {QStringLiteral("fill_mode"), QStringLiteral("fit")}, {QStringLiteral("can_rotate"), false}});
        QJsonArray vp;
        for (auto it = variantArea.cbegin(); it != variantArea.cend(); ++it)
            vp.append(QJsonObject{{QStringLiteral("variant_id"), it.key()}, {QStringLiteral("placements"), QJsonObject{{placement, it.value()}}}});
        return QJsonObject{{QStringLiteral("product_id"), id},
                           {QStringLiteral("available_placements"), QJsonObject{{placement, placement == QLatin1String("front") ? QStringLiteral("Front print") : QStringLiteral("Print file")}}},
                           {QStringLiteral("printfiles"), pf}, {QStringLiteral("variant_printfiles"), vp}};
    };
    QHash<qint64, qint64> shirtAreas;
    for (const QJsonValue &v : m_catalogs.value(71).value(QLatin1String("variants")).toArray())
        shirtAreas.insert(v.toObject().value(QLatin1String("id")).toInteger(), 1);
    m_printfiles.insert(71, printfiles(71, QStringLiteral("front"), {{1, 1800, 2400, 150}}, shirtAreas));
    m_printfiles.insert(19, printfiles(19, QStringLiteral("default"), {{43, 2700, 1050, 300}}, {{1320, 43}, {4830, 43}, {16586, 43}}));
    m_printfiles.insert(1, printfiles(1, QStringLiteral("default"), {{5, 1800, 2400, 150}, {6, 2700, 3600, 150}}, {{6239, 5}, {1, 6}}));
    m_printfiles.insert(84, printfiles(84, QStringLiteral("default"), {{6, 2550, 2475, 150}}, {{4533, 6}}));
    for (const QJsonObject &catalog : std::as_const(m_catalogs))
        for (const QJsonValue &v : catalog.value(QLatin1String("variants")).toArray())
            catalogVariantIds.insert(v.toObject().value(QLatin1String("id")).toInteger());
}

int FakePrintful::requestCount(const QByteArray &method, const QString &pathPrefix) const
{
    int n = 0;
    for (const FakeRequest &r : m_server.requests())
        if (r.method == method && r.path.startsWith(pathPrefix))
            ++n;
    return n;
}

FakeReply FakePrintful::ok(const QJsonValue &result, QList<QPair<QByteArray, QByteArray>> headers)
{
    const bool exhausted = exhaustBudgetOnNextReply;
    exhaustBudgetOnNextReply = false;
    if (exhausted) // the budget is spent: a request before the reset would be refused
        m_lockedUntil = QDateTime::currentDateTimeUtc().addMSecs(950);
    headers << qMakePair(QByteArray("X-Ratelimit-Limit"), QByteArray("120"))
            << qMakePair(QByteArray("X-Ratelimit-Remaining"), exhausted ? QByteArray("0") : QByteArray("119"))
            << qMakePair(QByteArray("X-Ratelimit-Reset"), exhausted ? QByteArray("1") : QByteArray("60"));
    return FakeReply::json(200, QJsonObject{{QStringLiteral("code"), 200}, {QStringLiteral("result"), result}}, headers);
}

FakeReply FakePrintful::error(int code, const QString &reason, const QString &message, QList<QPair<QByteArray, QByteArray>> headers)
{
    return FakeReply::json(code, QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("result"), message},
                                             {QStringLiteral("error"), QJsonObject{{QStringLiteral("reason"), reason}, {QStringLiteral("message"), message}}}},
                           headers);
}

void FakePrintful::checkSyncProduct(const QJsonObject &body)
{
    const QJsonObject sp = body.value(QLatin1String("sync_product")).toObject();
    if (sp.value(QLatin1String("name")).toString().isEmpty())
        violations << QStringLiteral("sync_product.name missing");
    if (sp.value(QLatin1String("external_id")).toString().isEmpty())
        violations << QStringLiteral("sync_product.external_id missing");
    if (!sp.value(QLatin1String("thumbnail")).toString().startsWith(QLatin1String("https://")))
        violations << QStringLiteral("sync_product.thumbnail is not a public https URL");
    const QJsonArray variants = body.value(QLatin1String("sync_variants")).toArray();
    if (variants.isEmpty() || variants.size() > 100)
        violations << QStringLiteral("sync_variants must hold 1..100 variants");
    static const QRegularExpression decimal(QStringLiteral("^\\d+\\.\\d{2}$"));
    for (const QJsonValue &value : variants) {
        const QJsonObject v = value.toObject();
        if (!v.value(QLatin1String("variant_id")).isDouble() || !catalogVariantIds.contains(v.value(QLatin1String("variant_id")).toInteger()))
            violations << QStringLiteral("variant_id %1 is not a catalog variant id").arg(v.value(QLatin1String("variant_id")).toInteger());
        if (!v.value(QLatin1String("retail_price")).isString() || !decimal.match(v.value(QLatin1String("retail_price")).toString()).hasMatch())
            violations << QStringLiteral("retail_price must be a decimal string, got %1").arg(QString::fromUtf8(QJsonDocument(QJsonArray{v.value(QLatin1String("retail_price"))}).toJson(QJsonDocument::Compact)));
        if (v.value(QLatin1String("sku")).toString().isEmpty() || v.value(QLatin1String("external_id")).toString().isEmpty())
            violations << QStringLiteral("sync variant without sku or external_id");
        const QJsonArray fs = v.value(QLatin1String("files")).toArray();
        if (fs.isEmpty())
            violations << QStringLiteral("sync variant without files");
        for (const QJsonValue &fv : fs) {
            const qint64 id = fv.toObject().value(QLatin1String("id")).toInteger();
            bool known = false;
            for (const File &f : std::as_const(files))
                known = known || (f.id == id && (filePollsUntilOk < 0 || f.polls >= filePollsUntilOk));
            if (!known && fv.toObject().value(QLatin1String("url")).toString().isEmpty())
                violations << QStringLiteral("sync variant file %1 is not a finished library file").arg(id);
        }
    }
}

FakeReply FakePrintful::handle(const FakeRequest &r)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_lockedUntil.isValid() && now < m_lockedUntil) {
        violations << QStringLiteral("%1 %2 sent during the 429 lockout").arg(QString::fromLatin1(r.method), r.path);
        return error(429, QStringLiteral("TooManyRequests"), QStringLiteral("Too many requests"),
                     {qMakePair(QByteArray("Retry-After"), QByteArray::number(lockoutSeconds))});
    }
    if (r.header("authorization") != "Bearer " + m_token.toUtf8())
        return error(401, QStringLiteral("BadRequest"), QStringLiteral("Malformed Authorization header."));
    const bool storeScoped = r.path.startsWith(QLatin1String("/store")) || r.path.startsWith(QLatin1String("/files"));
    if (storeScoped && !m_storeId.isEmpty() && r.header("x-pf-store-id") != m_storeId.toUtf8())
        return error(400, QStringLiteral("BadRequest"), QStringLiteral("This endpoint requires store_id"));
    if (r.method == "POST" && rateLimitNextPosts > 0) {
        --rateLimitNextPosts;
        m_lockedUntil = now.addMSecs(lockoutSeconds * 1000 - 50);
        return error(429, QStringLiteral("TooManyRequests"), QStringLiteral("Too many requests. Please try again after %1 seconds.").arg(lockoutSeconds),
                     {qMakePair(QByteArray("Retry-After"), QByteArray::number(lockoutSeconds)),
                      qMakePair(QByteArray("X-Ratelimit-Remaining"), QByteArray("0")), qMakePair(QByteArray("X-Ratelimit-Reset"), QByteArray::number(lockoutSeconds))});
    }
    static const QRegularExpression catalogPath(QStringLiteral("^/products/(\\d+)$"));
    static const QRegularExpression printfilesPath(QStringLiteral("^/mockup-generator/printfiles/(\\d+)$"));
    static const QRegularExpression filePath(QStringLiteral("^/files/(\\d+)$"));
    if (r.method == "GET") {
        if (auto m = catalogPath.match(r.path); m.hasMatch()) {
            const qint64 id = m.captured(1).toLongLong();
            if (!m_catalogs.contains(id))
                return error(404, QStringLiteral("NotFound"), QStringLiteral("Not Found"));
            return ok(m_catalogs.value(id));
        }
        if (auto m = printfilesPath.match(r.path); m.hasMatch()) {
            const qint64 id = m.captured(1).toLongLong();
            if (!m_printfiles.contains(id))
                return error(404, QStringLiteral("NotFound"), QStringLiteral("Not Found"));
            return ok(m_printfiles.value(id));
        }
        if (auto m = filePath.match(r.path); m.hasMatch()) {
            if (serverErrorsOnFileGet > 0) {
                --serverErrorsOnFileGet;
                return FakeReply{503, "<html>Service Unavailable</html>", {}};
            }
            for (File &f : files) {
                if (f.id == m.captured(1).toLongLong()) {
                    ++f.polls;
                    const bool done = filePollsUntilOk >= 0 && f.polls >= filePollsUntilOk;
                    return ok(QJsonObject{{QStringLiteral("id"), f.id}, {QStringLiteral("url"), f.url},
                                          {QStringLiteral("status"), done ? QStringLiteral("ok") : QStringLiteral("waiting")},
                                          {QStringLiteral("preview_url"), done ? QStringLiteral("https://files.cdn.printful.com/files/fake/%1_preview.png").arg(f.id) : QString()}});
                }
            }
            return error(404, QStringLiteral("NotFound"), QStringLiteral("File not found"));
        }
        if (r.path.startsWith(QLatin1String("/store/products/@"))) {
            const QString externalId = QUrl::fromPercentEncoding(r.path.mid(17).toUtf8());
            for (const SyncProduct &p : std::as_const(products)) {
                if (p.externalId == externalId) {
                    QJsonArray svs;
                    for (const QJsonValue &v : p.body.value(QLatin1String("sync_variants")).toArray()) {
                        QJsonObject sv = v.toObject();
                        sv.insert(QStringLiteral("id"), p.id * 10 + svs.size());
                        sv.insert(QStringLiteral("sync_product_id"), p.id);
                        svs.append(sv);
                    }
                    return ok(QJsonObject{{QStringLiteral("sync_product"), QJsonObject{{QStringLiteral("id"), p.id}, {QStringLiteral("external_id"), p.externalId},
                                                                                      {QStringLiteral("name"), p.body.value(QLatin1String("sync_product")).toObject().value(QLatin1String("name"))},
                                                                                      {QStringLiteral("variants"), svs.size()}, {QStringLiteral("synced"), svs.size()}}},
                                          {QStringLiteral("sync_variants"), svs}});
                }
            }
            return error(404, QStringLiteral("NotFound"), QStringLiteral("Not Found"));
        }
    }
    if (r.method == "POST" && r.path == QLatin1String("/files")) {
        const QJsonObject body = r.json();
        const QString url = body.value(QLatin1String("url")).toString();
        if (!url.startsWith(QLatin1String("https://")))
            violations << QStringLiteral("POST /files with a URL Printful cannot fetch: %1").arg(url);
        for (const File &f : std::as_const(files))
            if (f.url == url) // Printful returns the existing file for a URL it already has
                return ok(QJsonObject{{QStringLiteral("id"), f.id}, {QStringLiteral("url"), f.url}, {QStringLiteral("status"), QStringLiteral("waiting")}});
        files.append(File{m_nextId++, url, 0});
        return ok(QJsonObject{{QStringLiteral("id"), files.last().id}, {QStringLiteral("url"), url}, {QStringLiteral("status"), QStringLiteral("waiting")},
                              {QStringLiteral("type"), QStringLiteral("default")}, {QStringLiteral("visible"), true}});
    }
    if (r.method == "POST" && r.path == QLatin1String("/store/products")) {
        const QJsonObject body = r.json();
        checkSyncProduct(body);
        if (onSyncProductPost)
            onSyncProductPost();
        if (syncProductStatus)
            return error(syncProductStatus, QStringLiteral("NotFound"), syncProductMessage);
        const QString externalId = body.value(QLatin1String("sync_product")).toObject().value(QLatin1String("external_id")).toString();
        for (const SyncProduct &p : std::as_const(products))
            if (p.externalId == externalId)
                return error(400, QStringLiteral("BadRequest"), QStringLiteral("Product with this external ID already exists"));
        products.append(SyncProduct{m_nextId++, externalId, body});
        if (createThenFail > 0) {
            --createThenFail;
            return FakeReply{500, "{\"code\":500,\"result\":\"Internal error\"}", {}};
        }
        const int n = int(body.value(QLatin1String("sync_variants")).toArray().size());
        return ok(QJsonObject{{QStringLiteral("id"), products.last().id}, {QStringLiteral("external_id"), externalId},
                              {QStringLiteral("name"), body.value(QLatin1String("sync_product")).toObject().value(QLatin1String("name"))},
                              {QStringLiteral("variants"), n}, {QStringLiteral("synced"), n}});
    }
    return error(404, QStringLiteral("NotFound"), QStringLiteral("Not Found"));
}

} // namespace podtrends::test
