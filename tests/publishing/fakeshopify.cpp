#include "fakeshopify.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace podtrends::test {

FakeShopify::FakeShopify(QString token, QString version, QObject *parent)
    : QObject(parent)
    , m_server([this](const FakeRequest &r) { return handle(r); })
    , m_token(std::move(token))
    , m_version(std::move(version))
{
}

QUrl FakeShopify::adminBase() const
{
    return QUrl(m_server.baseUrl().toString() + QStringLiteral("/admin/api/") + m_version);
}

FakeReply FakeShopify::data(const QJsonObject &d, double available)
{
    const QJsonObject cost{{QStringLiteral("requestedQueryCost"), 20}, {QStringLiteral("actualQueryCost"), 10},
                           {QStringLiteral("throttleStatus"), QJsonObject{{QStringLiteral("maximumAvailable"), 2000.0},
                                                                          {QStringLiteral("currentlyAvailable"), available},
                                                                          {QStringLiteral("restoreRate"), 100.0}}}};
    return FakeReply::json(200, QJsonObject{{QStringLiteral("data"), d}, {QStringLiteral("extensions"), QJsonObject{{QStringLiteral("cost"), cost}}}},
                           {qMakePair(QByteArray("X-Shopify-API-Version"), m_version.toUtf8())});
}

FakeReply FakeShopify::handle(const FakeRequest &r)
{
    if (r.method == "POST" && r.path == QLatin1String("/admin/oauth/access_token")) {
        const QJsonObject body = r.json();
        if (clientId.isEmpty() || body.value(QLatin1String("client_id")).toString() != clientId
            || body.value(QLatin1String("client_secret")).toString() != clientSecret
            || body.value(QLatin1String("grant_type")).toString() != QLatin1String("client_credentials"))
            return FakeReply::json(400, QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_client")}});
        m_token = QStringLiteral("shpat_issued_%1_0123456789abcdef").arg(++tokensIssued);
        m_tokenCalls = 0;
        return FakeReply::json(200, QJsonObject{{QStringLiteral("access_token"), m_token}, {QStringLiteral("scope"), QStringLiteral("write_products,write_files")},
                                                {QStringLiteral("expires_in"), 86399}});
    }
    if (r.method == "POST" && r.path.startsWith(QLatin1String("/staged/"))) {
        if (!r.header("x-shopify-access-token").isEmpty())
            violations << QStringLiteral("the Shopify token was sent to the storage host");
        if (!r.header("content-type").startsWith("multipart/form-data; boundary="))
            violations << QStringLiteral("staged upload is not multipart/form-data");
        if (!r.body.contains("name=\"policy\"") || !r.body.contains("name=\"key\""))
            violations << QStringLiteral("staged upload lacks the signed parameters");
        const qsizetype file = r.body.indexOf("name=\"file\"");
        if (file < 0 || file < r.body.indexOf("name=\"policy\""))
            violations << QStringLiteral("the file field must come last");
        if (!r.body.contains("\x89PNG") && !r.body.contains("\xFF\xD8\xFF"))
            violations << QStringLiteral("the upload holds no PNG or JPEG");
        uploads << m_targets.value(r.path);
        return FakeReply{201, "<PostResponse><Location>ok</Location></PostResponse>", {qMakePair(QByteArray("Content-Type"), QByteArray("application/xml"))}};
    }
    if (r.method == "POST" && r.path == adminBase().path() + QStringLiteral("/graphql.json")) {
        if (r.header("x-shopify-access-token") != m_token.toUtf8() || m_token.isEmpty() || (tokenUses >= 0 && m_tokenCalls >= tokenUses))
            return FakeReply::json(401, QJsonObject{{QStringLiteral("errors"), QStringLiteral("[API] Invalid API key or access token (unrecognized login or wrong password)")}});
        ++m_tokenCalls;
        if (!r.header("content-type").startsWith("application/json"))
            violations << QStringLiteral("GraphQL call without Content-Type: application/json");
        return graphql(r);
    }
    return FakeReply::json(404, QJsonObject{{QStringLiteral("errors"), QStringLiteral("Not Found")}});
}

FakeReply FakeShopify::graphql(const FakeRequest &r)
{
    const QJsonObject body = r.json();
    const QString query = body.value(QLatin1String("query")).toString();
    const QJsonObject vars = body.value(QLatin1String("variables")).toObject();
    if (query.isEmpty())
        violations << QStringLiteral("GraphQL body without query");
    if (query.contains(QLatin1String("stagedUploadsCreate"))) {
        QJsonArray targets;
        for (const QJsonValue &v : vars.value(QLatin1String("input")).toArray()) {
            const QJsonObject in = v.toObject();
            if (in.value(QLatin1String("resource")).toString() != QLatin1String("IMAGE") || in.value(QLatin1String("filename")).toString().isEmpty())
                violations << QStringLiteral("stagedUploadsCreate input malformed");
            const QString path = QStringLiteral("/staged/%1").arg(++m_nextId);
            const QString resource = QStringLiteral("https://shopify-staged-uploads.storage.googleapis.com/tmp/%1/%2").arg(m_nextId).arg(in.value(QLatin1String("filename")).toString());
            m_targets.insert(path, resource);
            targets.append(QJsonObject{{QStringLiteral("url"), QString(m_server.baseUrl().toString() + path)},
                                       {QStringLiteral("resourceUrl"), resource},
                                       {QStringLiteral("parameters"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("key")}, {QStringLiteral("value"), QStringLiteral("tmp/%1").arg(m_nextId)}},
                                                                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("policy")}, {QStringLiteral("value"), QStringLiteral("c2lnbmVk")}}}}});
        }
        return data(QJsonObject{{QStringLiteral("stagedUploadsCreate"), QJsonObject{{QStringLiteral("stagedTargets"), targets}, {QStringLiteral("userErrors"), QJsonArray{}}}}});
    }
    if (query.contains(QLatin1String("fileCreate"))) {
        QJsonArray files;
        for (const QJsonValue &v : vars.value(QLatin1String("files")).toArray()) {
            const QString source = v.toObject().value(QLatin1String("originalSource")).toString();
            if (!uploads.contains(source))
                violations << QStringLiteral("fileCreate from a source that was never uploaded: %1").arg(source);
            const QString id = QStringLiteral("gid://shopify/MediaImage/%1").arg(++m_nextId);
            m_filePolls.insert(id, 0);
            m_fileSource.insert(id, source);
            files.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("fileStatus"), QStringLiteral("UPLOADED")}});
        }
        return data(QJsonObject{{QStringLiteral("fileCreate"), QJsonObject{{QStringLiteral("files"), files}, {QStringLiteral("userErrors"), QJsonArray{}}}}});
    }
    if (query.contains(QLatin1String("node(id"))) {
        const QString id = vars.value(QLatin1String("id")).toString();
        if (!m_filePolls.contains(id))
            return data(QJsonObject{{QStringLiteral("node"), QJsonValue()}});
        const int polls = ++m_filePolls[id];
        const bool ready = polls >= filePollsUntilReady;
        const QString url = QStringLiteral("https://cdn.shopify.com/s/files/1/0000/0001/files/%1?v=1").arg(m_fileSource.value(id).section(QLatin1Char('/'), -1));
        if (ready && !cdnUrls.contains(url))
            cdnUrls << url;
        return data(QJsonObject{{QStringLiteral("node"), QJsonObject{{QStringLiteral("id"), id},
                                                                    {QStringLiteral("fileStatus"), ready ? QStringLiteral("READY") : QStringLiteral("PROCESSING")},
                                                                    {QStringLiteral("image"), ready ? QJsonValue(QJsonObject{{QStringLiteral("url"), url}}) : QJsonValue()},
                                                                    {QStringLiteral("fileErrors"), QJsonArray{}}}}});
    }
    if (query.contains(QLatin1String("productByIdentifier"))) {
        const QString handle = vars.value(QLatin1String("handle")).toString();
        for (const Product &p : std::as_const(products))
            if (p.handle == handle)
                return data(QJsonObject{{QStringLiteral("productByIdentifier"), QJsonObject{{QStringLiteral("id"), p.id}, {QStringLiteral("handle"), p.handle},
                                                                                           {QStringLiteral("status"), QStringLiteral("DRAFT")}}}});
        return data(QJsonObject{{QStringLiteral("productByIdentifier"), QJsonValue()}});
    }
    if (query.contains(QLatin1String("productSet")))
        return productSet(vars);
    violations << QStringLiteral("unexpected GraphQL operation: %1").arg(query.left(60));
    return FakeReply::json(200, QJsonObject{{QStringLiteral("errors"), QJsonArray{QJsonObject{{QStringLiteral("message"), QStringLiteral("Parse error")}}}}});
}

FakeReply FakeShopify::productSet(const QJsonObject &vars)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_throttledUntil.isValid() && now < m_throttledUntil)
        violations << QStringLiteral("productSet retried before the bucket had refilled");
    if (throttleNextProductSets > 0) {
        --throttleNextProductSets;
        // requested 110, available 10, restore 100/s: the client must wait one second.
        m_throttledUntil = now.addMSecs(950);
        const QJsonObject cost{{QStringLiteral("requestedQueryCost"), 110}, {QStringLiteral("actualQueryCost"), QJsonValue()},
                               {QStringLiteral("throttleStatus"), QJsonObject{{QStringLiteral("maximumAvailable"), 2000.0}, {QStringLiteral("currentlyAvailable"), 10},
                                                                              {QStringLiteral("restoreRate"), 100.0}}}};
        return FakeReply::json(200, QJsonObject{{QStringLiteral("errors"), QJsonArray{QJsonObject{{QStringLiteral("message"), QStringLiteral("Throttled")},
                                                                                                   {QStringLiteral("extensions"), QJsonObject{{QStringLiteral("code"), QStringLiteral("THROTTLED")}}}}}},
                                                {QStringLiteral("extensions"), QJsonObject{{QStringLiteral("cost"), cost}}}});
    }
    const QJsonObject in = vars.value(QLatin1String("input")).toObject();
    if (in.value(QLatin1String("status")).toString() != QLatin1String("DRAFT"))
        violations << QStringLiteral("productSet status is not DRAFT");
    for (const char *k : {"title", "descriptionHtml", "productType", "vendor", "handle"})
        if (!in.value(QLatin1String(k)).isString())
            violations << QStringLiteral("productSet input.%1 missing").arg(QLatin1String(k));
    if (in.value(QLatin1String("title")).toString().isEmpty())
        violations << QStringLiteral("productSet without title");
    if (!in.value(QLatin1String("tags")).isArray())
        violations << QStringLiteral("tags must be a list");
    QStringList optionNames;
    for (const QJsonValue &o : in.value(QLatin1String("productOptions")).toArray())
        optionNames << o.toObject().value(QLatin1String("name")).toString();
    // Size and Colour, or Size alone for products without colours (posters); never an empty value.
    if (optionNames != QStringList{QStringLiteral("Size"), QStringLiteral("Colour")} && optionNames != QStringList{QStringLiteral("Size")})
        violations << QStringLiteral("productOptions must be Size (and Colour), got %1").arg(optionNames.join(QLatin1Char(',')));
    for (const QJsonValue &o : in.value(QLatin1String("productOptions")).toArray())
        for (const QJsonValue &value : o.toObject().value(QLatin1String("values")).toArray())
            if (value.toObject().value(QLatin1String("name")).toString().isEmpty())
                violations << QStringLiteral("option %1 has an empty value").arg(o.toObject().value(QLatin1String("name")).toString());
    static const QRegularExpression decimal(QStringLiteral("^\\d+\\.\\d{2}$"));
    const QJsonArray variants = in.value(QLatin1String("variants")).toArray();
    if (variants.isEmpty())
        violations << QStringLiteral("productSet without variants");
    for (const QJsonValue &v : variants) {
        const QJsonObject o = v.toObject();
        if (!o.value(QLatin1String("price")).isString() || !decimal.match(o.value(QLatin1String("price")).toString()).hasMatch())
            violations << QStringLiteral("variant price must be a decimal string");
        if (o.value(QLatin1String("sku")).toString().isEmpty())
            violations << QStringLiteral("variant without sku");
        if (o.value(QLatin1String("optionValues")).toArray().size() != optionNames.size())
            violations << QStringLiteral("variant needs a value for each option");
    }
    for (const QJsonValue &f : in.value(QLatin1String("files")).toArray()) {
        const QString source = f.toObject().value(QLatin1String("originalSource")).toString();
        if (!uploads.contains(source) && !cdnUrls.contains(source))
            violations << QStringLiteral("product file from an unknown source: %1").arg(source);
    }
    if (userErrorsOnProductSet > 0) {
        --userErrorsOnProductSet;
        return data(QJsonObject{{QStringLiteral("productSet"),
                                 QJsonObject{{QStringLiteral("product"), QJsonValue()},
                                             {QStringLiteral("userErrors"), QJsonArray{QJsonObject{{QStringLiteral("field"), QJsonArray{QStringLiteral("input"), QStringLiteral("variants"), QStringLiteral("0"), QStringLiteral("price")}},
                                                                                                   {QStringLiteral("message"), QStringLiteral("Price must be greater than or equal to 0.50")},
                                                                                                   {QStringLiteral("code"), QStringLiteral("INVALID_VARIANT")}},
                                                                                       QJsonObject{{QStringLiteral("field"), QJsonArray{QStringLiteral("input"), QStringLiteral("title")}},
                                                                                                   {QStringLiteral("message"), QStringLiteral("Title is too long")},
                                                                                                   {QStringLiteral("code"), QStringLiteral("INVALID")}}}}}}});
    }
    const QString id = in.value(QLatin1String("id")).toString();
    Product *target = nullptr;
    for (Product &p : products)
        if (p.id == id)
            target = &p;
    if (!id.isEmpty() && !target)
        violations << QStringLiteral("productSet for an unknown id");
    if (!target) {
        QString handle = in.value(QLatin1String("handle")).toString();
        for (const Product &p : std::as_const(products))
            if (p.handle == handle)
                handle += QStringLiteral("-1"); // what Shopify does for a taken handle: a duplicate
        products.append(Product{QStringLiteral("gid://shopify/Product/%1").arg(1072481000 + ++m_nextId), handle, in});
        target = &products.last();
    } else {
        target->input = in;
    }
    QJsonArray nodes;
    int n = 0;
    for (const QJsonValue &v : variants)
        nodes.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://shopify/ProductVariant/%1").arg(1070325000 + ++n)},
                                 {QStringLiteral("price"), v.toObject().value(QLatin1String("price"))}, {QStringLiteral("sku"), v.toObject().value(QLatin1String("sku"))}});
    return data(QJsonObject{{QStringLiteral("productSet"),
                             QJsonObject{{QStringLiteral("product"), QJsonObject{{QStringLiteral("id"), target->id}, {QStringLiteral("handle"), target->handle},
                                                                                 {QStringLiteral("status"), QStringLiteral("DRAFT")},
                                                                                 {QStringLiteral("variants"), QJsonObject{{QStringLiteral("nodes"), nodes}}}}},
                                         {QStringLiteral("userErrors"), QJsonArray{}}}}});
}

} // namespace podtrends::test
