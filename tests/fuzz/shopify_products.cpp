// Shopify storefront /products.json pages (ShopifyScraper's page parser).
#include "fuzzsupport.h"

#include <core/scraping/shopifyscraper.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    static const QUrl store(QStringLiteral("https://shop.example.com"));
    auto page = ShopifyScraper::parse(podtrends::fuzz::bytes(data, size), store);
    if (page) {
        for (const Product &p : page->products)
            podtrends::fuzz::check(!p.externalId.isEmpty() && !p.title.isEmpty(), "!p.externalId.isEmpty() && !p.title.isEmpty()");
    }
    return 0;
}
