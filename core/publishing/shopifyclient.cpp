#include "shopifyclient.h"

#include <algorithm>

#include <core/secrets/secretstore.h>
#include <core/util/logging.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cmath>

Q_LOGGING_CATEGORY(lcShopifyAdmin, "podtrends.publishing.shopify")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ShopifyClient)
};

const char *kStagedUpload = R"(mutation($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) {
    stagedTargets { url resourceUrl parameters { name value } }
    userErrors { field message } } })";

const char *kFileCreate = R"(mutation($files: [FileCreateInput!]!) {
  fileCreate(files: $files) {
    files { id fileStatus }
    userErrors { field message code } } })";

const char *kFileStatus = R"(query($id: ID!) {
  node(id: $id) {
    ... on MediaImage { id fileStatus image { url } fileErrors { message } }
    ... on GenericFile { id fileStatus url fileErrors { message } } } })";

const char *kProductByIdentifier = R"(query($handle: String!) {
  productByIdentifier(identifier: {handle: $handle}) { id handle status variants(first: 100) { nodes { sku } } } })";

const char *kProductByHandle = R"(query($handle: String!) {
  productByHandle(handle: $handle) { id handle status variants(first: 100) { nodes { sku } } } })";

const char *kProductSet = R"(mutation($input: ProductSetInput!, $synchronous: Boolean!) {
  productSet(input: $input, synchronous: $synchronous) {
    product { id handle status variants(first: 100) { nodes { id title price sku } } }
    userErrors { field message code } } })";

} // namespace

ShopifyProduct ShopifyClient::parseProduct(const QJsonObject &p)
{
    ShopifyProduct out{p.value(QLatin1String("id")).toString(), p.value(QLatin1String("handle")).toString(),
                       p.value(QLatin1String("status")).toString(), {}};
    for (const QJsonValue &v : p.value(QLatin1String("variants")).toObject().value(QLatin1String("nodes")).toArray())
        out.skus << v.toObject().value(QLatin1String("sku")).toString();
    return out;
}

QUrl ShopifyOptions::defaultAdminBase(const QString &shop, const QString &version)
{
    QString host = shop.trimmed();
    host.remove(QStringLiteral("https://")).remove(QStringLiteral("http://"));
    host = host.section(QLatin1Char('/'), 0, 0);
    if (!host.isEmpty() && !host.contains(QLatin1Char('.')))
        host += QStringLiteral(".myshopify.com");
    return QUrl(QStringLiteral("https://%1/admin/api/%2").arg(host, version));
}

ShopifyClient::ShopifyClient(ShopifyOptions options, BlockingHttp *http)
    : m_options(std::move(options))
    , m_http(http)
    , m_httpSettings(httpSettings(m_options, http->settings()))
    , m_token(m_options.accessToken)
{
}

HttpSettings ShopifyClient::httpSettings(const ShopifyOptions &options, HttpSettings base)
{
    base.transferTimeoutMs = options.timeoutMs;
    base.maxBodyBytes = 8ll * 1024 * 1024; // GraphQL answers here are a few kB
    base.maxRetries = options.maxRetries;
    base.maxRateLimitWaits = options.maxThrottleWaits;
    base.baseBackoffMs = options.retryBaseMs;
    base.maxBackoffMs = std::max(options.retryBaseMs * 8, 1000);
    // The Admin API is paced by query cost (THROTTLED, 429), not by a request rate.
    base.requestsPerSecond = 0;
    return base;
}

qint64 ShopifyClient::throttleDelayMs(const HttpReply &reply)
{
    if (!reply.body.contains("THROTTLED"))
        return -1;
    const QJsonObject doc = QJsonDocument::fromJson(reply.body).object();
    const QJsonObject first = doc.value(QLatin1String("errors")).toArray().first().toObject();
    if (first.value(QLatin1String("extensions")).toObject().value(QLatin1String("code")).toString() != QLatin1String("THROTTLED"))
        return -1;
    const QJsonObject cost = doc.value(QLatin1String("extensions")).toObject().value(QLatin1String("cost")).toObject();
    const QJsonObject status = cost.value(QLatin1String("throttleStatus")).toObject();
    const double requested = cost.value(QLatin1String("requestedQueryCost")).toDouble(100);
    const double available = status.value(QLatin1String("currentlyAvailable")).toDouble(0);
    const double restore = std::max(1.0, status.value(QLatin1String("restoreRate")).toDouble(50));
    const double seconds = std::clamp((requested - available) / restore, 0.2, 60.0);
    return qint64(std::ceil(seconds * 1000));
}

void ShopifyClient::noteRetry(const RetryNotice &notice) const
{
    if (!notice.rateLimited)
        qCWarning(lcShopifyAdmin) << "transient failure" << notice.status << notice.reason << "- retrying in" << notice.waitMs << "ms";
    if (!m_notify)
        return;
    const double seconds = double(notice.waitMs) / 1000.0;
    if (notice.status == 429 || notice.status == 430)
        m_notify(Tr::tr("Shopify rate limit: waiting %1 s").arg(seconds, 0, 'f', 1));
    else if (notice.rateLimited)
        m_notify(Tr::tr("Shopify is throttling: waiting %1 s").arg(seconds, 0, 'f', 1));
    else
        m_notify(Tr::tr("Shopify did not answer properly (%1); retrying").arg(notice.status ? QString::number(notice.status) : notice.reason));
}

QString ShopifyClient::storeHandle(const QString &shop)
{
    QString host = shop.trimmed();
    host.remove(QStringLiteral("https://")).remove(QStringLiteral("http://"));
    return host.section(QLatin1Char('/'), 0, 0).section(QLatin1Char('.'), 0, 0);
}

QString ShopifyClient::adminUrl(const QString &productGid) const
{
    return QStringLiteral("https://admin.shopify.com/store/%1/products/%2").arg(storeHandle(m_options.shop), productGid.section(QLatin1Char('/'), -1));
}

QString ShopifyClient::describeUserErrors(const QJsonArray &userErrors)
{
    QStringList parts;
    for (const QJsonValue &v : userErrors) {
        const QJsonObject e = v.toObject();
        QStringList field;
        for (const QJsonValue &f : e.value(QLatin1String("field")).toArray())
            field << (f.isString() ? f.toString() : QString::number(f.toInteger()));
        if (!field.isEmpty() && field.first() == QLatin1String("input"))
            field.removeFirst();
        const QString message = e.value(QLatin1String("message")).toString();
        parts << (field.isEmpty() ? message : field.join(QLatin1Char('.')) + QStringLiteral(": ") + message);
    }
    return parts.join(QStringLiteral("; "));
}

Status ShopifyClient::exchangeToken()
{
    QString base = m_options.adminBase.toString(QUrl::StripTrailingSlash);
    const qsizetype api = base.lastIndexOf(QLatin1String("/admin/api"));
    const QUrl url((api >= 0 ? base.left(api) : base) + QStringLiteral("/admin/oauth/access_token"));
    const QJsonObject body{{QStringLiteral("client_id"), m_options.clientId},
                           {QStringLiteral("client_secret"), m_options.clientSecret},
                           {QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
    HttpRequest request = HttpRequest::postJson(url, body);
    request.settings = m_httpSettings;
    auto sent = m_http->send(request, [this](const RetryNotice &n) { noteRetry(n); });
    if (!sent)
        return sent.error().code == HttpError::Cancelled ? Status::failure(Tr::tr("Cancelled."), -2)
                                                         : Status::failure(Tr::tr("Shopify: %1").arg(sent.errorMessage()), 0);
    const HttpReply &r = *sent;
    const QString token = QJsonDocument::fromJson(r.body).object().value(QLatin1String("access_token")).toString();
    if (r.status >= 400 || token.isEmpty())
        return Status::failure(Tr::tr("Shopify refused the client id and secret (%1). Check them in Settings → Accounts.").arg(r.status), 401);
    registerSecret(token);
    m_token = token;
    qCInfo(lcShopifyAdmin) << "obtained an access token by client credentials";
    return {};
}

Result<QJsonObject> ShopifyClient::graphql(const QString &query, const QJsonObject &variables, bool retryTransient)
{
    const bool canExchange = !m_options.clientId.isEmpty() && !m_options.clientSecret.isEmpty();
    if (m_token.isEmpty()) {
        if (!canExchange)
            return Error{SecretStore::missingMessage(SecretStore::Key::ShopifyToken), 401};
        if (Status s = exchangeToken(); !s)
            return s.error();
    }
    const QUrl url(m_options.adminBase.toString(QUrl::StripTrailingSlash) + QStringLiteral("/graphql.json"));
    HttpRequest request = HttpRequest::postJson(url, QJsonObject{{QStringLiteral("query"), query}, {QStringLiteral("variables"), variables}});
    // A query may be repeated after a lost answer; a mutation only where the caller says so.
    request.idempotent = retryTransient;
    request.settings = m_httpSettings;
    request.retryAfter = &ShopifyClient::throttleDelayMs; // THROTTLED arrives with HTTP 200
    bool refreshed = false;
    for (;;) {
        request.setHeader("X-Shopify-Access-Token", m_token.toUtf8());
        auto sent = m_http->send(request, [this](const RetryNotice &n) { noteRetry(n); });
        if (!sent) {
            if (sent.error().code == HttpError::Cancelled)
                return Error{Tr::tr("Cancelled."), -2};
            return Error{Tr::tr("Shopify: %1").arg(sent.errorMessage()), 0};
        }
        const HttpReply &r = *sent;
        if (r.status == 401) {
            if (canExchange && !refreshed) {
                refreshed = true;
                if (Status s = exchangeToken(); !s)
                    return s.error();
                continue;
            }
            return Error{Tr::tr("Shopify rejected the access token (401). Check the Shopify Admin token (or client id and secret) in Settings → Accounts."), 401};
        }
        return readGraphqlReply(r, url);
    }
}

Result<QJsonObject> ShopifyClient::readGraphqlReply(const HttpReply &r, const QUrl &url)
{
    if (r.status == 403)
        return Error{Tr::tr("Shopify refused access (403): the app needs the write_products and write_files scopes."), 403};
    if (r.status == 404)
        return Error{Tr::tr("Shopify answered 404 for %1: check the shop name and the API version in Settings → Publishing.").arg(url.path()), 404};
    if (r.status == 429 || r.status == 430)
        return Error{Tr::tr("Shopify's rate limit is still exceeded after waiting (HTTP %1). Try again in a minute.").arg(r.status), r.status};
    if (r.status >= 400)
        return Error{Tr::tr("Shopify answered HTTP %1: %2").arg(r.status).arg(QString::fromUtf8(r.body.left(200)).simplified()), r.status};
    QJsonParseError parseError;
    const QJsonObject doc = QJsonDocument::fromJson(r.body, &parseError).object();
    if (doc.isEmpty())
        return Error{Tr::tr("Shopify answered with something that is not JSON (%1).").arg(parseError.errorString()), 1};
    const QJsonArray errors = doc.value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty()) {
        const QString code = errors.first().toObject().value(QLatin1String("extensions")).toObject().value(QLatin1String("code")).toString();
        QStringList messages;
        for (const QJsonValue &e : errors)
            messages << e.toObject().value(QLatin1String("message")).toString();
        return Error{Tr::tr("Shopify GraphQL error: %1").arg(messages.join(QStringLiteral("; "))), code == QLatin1String("THROTTLED") ? 429 : 1};
    }
    return doc.value(QLatin1String("data")).toObject();
}

Result<StagedTarget> ShopifyClient::stagedUpload(const QString &filename, const QString &mimeType, qint64 size)
{
    Q_UNUSED(size) // fileSize is only required for VIDEO and MODEL_3D
    const QJsonObject input{{QStringLiteral("resource"), QStringLiteral("IMAGE")},
                            {QStringLiteral("filename"), filename},
                            {QStringLiteral("mimeType"), mimeType},
                            {QStringLiteral("httpMethod"), QStringLiteral("POST")}};
    auto data = graphql(QString::fromLatin1(kStagedUpload), QJsonObject{{QStringLiteral("input"), QJsonArray{input}}});
    if (!data)
        return data.error();
    const QJsonObject payload = data->value(QLatin1String("stagedUploadsCreate")).toObject();
    const QJsonArray userErrors = payload.value(QLatin1String("userErrors")).toArray();
    if (!userErrors.isEmpty())
        return Error{Tr::tr("Shopify refused the upload: %1").arg(describeUserErrors(userErrors)), 422};
    const QJsonObject t = payload.value(QLatin1String("stagedTargets")).toArray().first().toObject();
    StagedTarget target{t.value(QLatin1String("url")).toString(), t.value(QLatin1String("resourceUrl")).toString(), {}};
    for (const QJsonValue &p : t.value(QLatin1String("parameters")).toArray())
        target.parameters.append(qMakePair(p.toObject().value(QLatin1String("name")).toString().toUtf8(), p.toObject().value(QLatin1String("value")).toString().toUtf8()));
    if (target.url.isEmpty() || target.resourceUrl.isEmpty())
        return Error{Tr::tr("Shopify returned no upload target."), 1};
    return target;
}

Result<QString> ShopifyClient::uploadLocalFile(const QString &path, const QString &mimeType)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), 2};
    const QByteArray bytes = file.readAll();
    const QString name = QFileInfo(path).fileName();
    auto target = stagedUpload(name, mimeType, bytes.size());
    if (!target)
        return target.error();
    MultipartForm form;
    for (const auto &[field, value] : std::as_const(target->parameters))
        form.addField(field, value);
    form.addFile("file", name, mimeType.toUtf8(), bytes);
    // The storage host gets the signed form fields only, never the Shopify token. Sending the
    // same form to the same target again replaces the upload, so it is safe to repeat.
    HttpRequest request = form.post(QUrl(target->url));
    request.accept = "*/*";
    request.idempotent = true;
    request.settings = m_httpSettings;
    auto sent = m_http->send(request, [this](const RetryNotice &n) { noteRetry(n); });
    if (!sent) {
        if (sent.error().code == HttpError::Cancelled)
            return Error{Tr::tr("Cancelled."), -2};
        return Error{Tr::tr("The upload of %1 to Shopify's storage failed: %2").arg(name, sent.errorMessage()), 0};
    }
    if (sent->isSuccess())
        return target->resourceUrl;
    return Error{Tr::tr("The upload of %1 to Shopify's storage failed (HTTP %2).").arg(name).arg(sent->status), sent->status};
}

Result<QString> ShopifyClient::createFile(const QString &originalSource, const QString &alt)
{
    const QJsonObject input{{QStringLiteral("originalSource"), originalSource},
                            {QStringLiteral("contentType"), QStringLiteral("IMAGE")},
                            {QStringLiteral("alt"), alt}};
    // Not retried blindly: a second fileCreate would add a second file.
    auto data = graphql(QString::fromLatin1(kFileCreate), QJsonObject{{QStringLiteral("files"), QJsonArray{input}}}, false);
    if (!data)
        return data.error();
    const QJsonObject payload = data->value(QLatin1String("fileCreate")).toObject();
    const QJsonArray userErrors = payload.value(QLatin1String("userErrors")).toArray();
    if (!userErrors.isEmpty())
        return Error{Tr::tr("Shopify refused the file: %1").arg(describeUserErrors(userErrors)), 422};
    const QString id = payload.value(QLatin1String("files")).toArray().first().toObject().value(QLatin1String("id")).toString();
    if (id.isEmpty())
        return Error{Tr::tr("Shopify created no file."), 1};
    return id;
}

Result<QString> ShopifyClient::waitForFileUrl(const QString &fileId)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        auto data = graphql(QString::fromLatin1(kFileStatus), QJsonObject{{QStringLiteral("id"), fileId}});
        if (!data)
            return data.error();
        const QJsonObject node = data->value(QLatin1String("node")).toObject();
        const QString status = node.value(QLatin1String("fileStatus")).toString();
        QString url = node.value(QLatin1String("image")).toObject().value(QLatin1String("url")).toString();
        if (url.isEmpty())
            url = node.value(QLatin1String("url")).toString();
        if (status == QLatin1String("READY") && !url.isEmpty())
            return url;
        if (status == QLatin1String("FAILED")) {
            QStringList reasons;
            for (const QJsonValue &e : node.value(QLatin1String("fileErrors")).toArray())
                reasons << e.toObject().value(QLatin1String("message")).toString();
            return Error{Tr::tr("Shopify could not process the file: %1").arg(reasons.isEmpty() ? Tr::tr("no reason given") : reasons.join(QStringLiteral("; "))), 1};
        }
        if (timer.elapsed() >= m_options.pollTimeoutMs)
            return Error{Tr::tr("Shopify has not finished processing the print file after %1 s (status \"%2\"). Retry later; publishing resumes from this step.")
                             .arg(m_options.pollTimeoutMs / 1000.0, 0, 'f', 1)
                             .arg(status.isEmpty() ? Tr::tr("unknown") : status),
                         408};
        if (!m_http->sleep(m_options.pollIntervalMs))
            return Error{Tr::tr("Cancelled."), -2};
    }
}

Result<std::optional<ShopifyProduct>> ShopifyClient::productByHandle(const QString &handle)
{
    // productByIdentifier replaced productByHandle in 2024-10.
    const bool modern = m_options.apiVersion.isEmpty() || m_options.apiVersion >= QLatin1String("2024-10");
    auto data = graphql(QString::fromLatin1(modern ? kProductByIdentifier : kProductByHandle), QJsonObject{{QStringLiteral("handle"), handle}});
    if (!data)
        return data.error();
    const QJsonObject p = data->value(modern ? QLatin1String("productByIdentifier") : QLatin1String("productByHandle")).toObject();
    if (p.value(QLatin1String("id")).toString().isEmpty())
        return std::optional<ShopifyProduct>();
    return std::optional<ShopifyProduct>(parseProduct(p));
}

QJsonObject ShopifyClient::productSetVariables(const ShopifyProductInput &in, const QString &existingId)
{
    auto optionValues = [](const QStringList &names) {
        QJsonArray out;
        for (const QString &n : names)
            out.append(QJsonObject{{QStringLiteral("name"), n}});
        return out;
    };
    // Products without colours (posters) have one option, Size: Shopify refuses an empty value.
    const bool coloured = std::any_of(in.colours.begin(), in.colours.end(), [](const QString &c) { return !c.isEmpty(); });
    QJsonArray options{QJsonObject{{QStringLiteral("name"), QStringLiteral("Size")}, {QStringLiteral("position"), 1}, {QStringLiteral("values"), optionValues(in.sizes)}}};
    if (coloured)
        options.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Colour")}, {QStringLiteral("position"), 2}, {QStringLiteral("values"), optionValues(in.colours)}});
    QJsonArray variants;
    for (const ShopifyVariantInput &v : in.variants) {
        QJsonArray values{QJsonObject{{QStringLiteral("optionName"), QStringLiteral("Size")}, {QStringLiteral("name"), v.size}}};
        if (coloured)
            values.append(QJsonObject{{QStringLiteral("optionName"), QStringLiteral("Colour")}, {QStringLiteral("name"), v.colour}});
        variants.append(QJsonObject{{QStringLiteral("optionValues"), values}, {QStringLiteral("price"), v.price}, {QStringLiteral("sku"), v.sku}});
    }
    QJsonArray files;
    for (const ShopifyFileInput &f : in.files)
        files.append(QJsonObject{{QStringLiteral("originalSource"), f.originalSource}, {QStringLiteral("contentType"), QStringLiteral("IMAGE")}, {QStringLiteral("alt"), f.alt}});
    QJsonObject input{{QStringLiteral("title"), in.title},
                      {QStringLiteral("descriptionHtml"), in.descriptionHtml},
                      {QStringLiteral("vendor"), in.vendor},
                      {QStringLiteral("productType"), in.productType},
                      {QStringLiteral("status"), QStringLiteral("DRAFT")},
                      {QStringLiteral("handle"), in.handle},
                      {QStringLiteral("tags"), QJsonArray::fromStringList(in.tags)},
                      {QStringLiteral("productOptions"), options},
                      {QStringLiteral("variants"), variants},
                      {QStringLiteral("files"), files}};
    if (!existingId.isEmpty())
        input.insert(QStringLiteral("id"), existingId);
    return QJsonObject{{QStringLiteral("synchronous"), true}, {QStringLiteral("input"), input}};
}

Result<ShopifyProduct> ShopifyClient::productSet(const ShopifyProductInput &input, const QString &existingId)
{
    QString id = existingId;
    for (int attempt = 0;; ++attempt) {
        auto data = graphql(QString::fromLatin1(kProductSet), productSetVariables(input, id), false);
        if (!data) {
            const int code = data.error().code;
            if (!(code == 0 || code >= 500) || attempt >= m_options.maxRetries)
                return data.error();
            // The product may exist although the answer was lost: find it by handle and update it.
            if (!m_http->sleep(qint64(m_options.retryBaseMs) << attempt))
                return Error{Tr::tr("Cancelled."), -2};
            auto existing = productByHandle(input.handle);
            if (existing && existing->has_value())
                id = (*existing)->id;
            continue;
        }
        const QJsonObject payload = data->value(QLatin1String("productSet")).toObject();
        const QJsonArray userErrors = payload.value(QLatin1String("userErrors")).toArray();
        if (!userErrors.isEmpty())
            return Error{Tr::tr("Shopify refused the product: %1").arg(describeUserErrors(userErrors)), 422};
        ShopifyProduct p = parseProduct(payload.value(QLatin1String("product")).toObject());
        if (p.id.isEmpty())
            return Error{Tr::tr("Shopify returned no product."), 1};
        return p;
    }
}

} // namespace podtrends::core
