// Etsy Open API v3 listing replies (EtsyScraper's reply parser).
#include "fuzzsupport.h"

#include <core/scraping/etsyscraper.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    auto page = EtsyScraper::parse(podtrends::fuzz::bytes(data, size), 1, QStringLiteral("cat shirt"));
    Q_UNUSED(page)
    return 0;
}
