// Shopify Admin GraphQL answers (ShopifyClient's reply parsers: the envelope, the THROTTLED
// wait, a product node and userErrors). The first byte picks the HTTP status.
#include "fuzzsupport.h"

#include <iterator>

#include <core/publishing/shopifyclient.h>

#include <QJsonArray>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    static const int statuses[] = {200, 200, 200, 200, 400, 403, 404, 429, 430, 500, 502, 503};
    HttpReply reply;
    reply.status = size > 0 ? statuses[data[0] % std::size(statuses)] : 200;
    reply.body = size > 0 ? QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1)) : QByteArray();
    reply.contentType = "application/json";
    static const QUrl url(QStringLiteral("https://shop.example.com/admin/api/2025-01/graphql.json"));

    (void)ShopifyClient::throttleDelayMs(reply);
    auto answer = ShopifyClient::readGraphqlReply(reply, url);
    if (!answer)
        return 0;
    for (const QString &key : {QStringLiteral("productSet"), QStringLiteral("stagedUploadsCreate"), QStringLiteral("fileCreate")}) {
        const QJsonObject payload = answer->value(key).toObject();
        (void)ShopifyClient::describeUserErrors(payload.value(QLatin1String("userErrors")).toArray());
        (void)ShopifyClient::parseProduct(payload.value(QLatin1String("product")).toObject());
    }
    (void)ShopifyClient::parseProduct(answer->value(QLatin1String("productByIdentifier")).toObject());
    return 0;
}
