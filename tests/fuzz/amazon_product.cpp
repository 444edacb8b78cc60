// Amazon product detail pages (AmazonParser::parseProduct and the page-kind test the importer uses).
#include "fuzzsupport.h"

#include <core/scraping/amazonparser.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    static const AmazonParser parser;
    static const QUrl base(QStringLiteral("https://www.amazon.com"));
    const QByteArray html = podtrends::fuzz::bytes(data, size);
    (void)parser.looksLikeProductPage(html);
    auto product = parser.parseProduct(html, base);
    Q_UNUSED(product)
    // The rank text as it comes out of a page.
    (void)AmazonParser::parseBestSellersRank(QString::fromUtf8(html.left(4096)));
    return 0;
}
