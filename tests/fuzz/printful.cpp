// Printful API v1 answers (PrintfulClient's reply parsers: the {code, result, error} envelope,
// catalog products, print areas, files and store products). The first byte picks the HTTP status.
#include "fuzzsupport.h"

#include <iterator>

#include <core/publishing/printfulclient.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    static const int statuses[] = {200, 200, 200, 200, 400, 401, 403, 404, 429, 500, 503};
    HttpReply reply;
    reply.status = size > 0 ? statuses[data[0] % std::size(statuses)] : 200;
    reply.body = size > 0 ? QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1)) : QByteArray();
    reply.contentType = "application/json";

    auto result = PrintfulClient::readReply(reply, QStringLiteral("/products/71?x=1"));
    if (!result)
        return 0;
    const QJsonObject o = result->toObject();
    const CatalogProduct product = PrintfulClient::parseCatalogProduct(o);
    (void)product.colors();
    (void)product.sizes();
    (void)product.colourless();
    (void)product.knowsVariants();
    if (!product.variants.isEmpty())
        (void)product.find(product.variants.first().color, product.variants.last().size);
    (void)PrintfulClient::parsePrintAreas(o);
    (void)PrintfulClient::parseFile(o);
    (void)PrintfulClient::parseSyncProduct(o);
    return 0;
}
