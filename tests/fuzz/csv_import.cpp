// Etsy shop CSV exports (Importer::parseEtsyCsv, which runs Importer::parseCsv).
#include "fuzzsupport.h"

#include <core/scraping/importer.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    QString error;
    const QList<Product> products = Importer::parseEtsyCsv(podtrends::fuzz::bytes(data, size), QStringLiteral("shop"), &error);
    podtrends::fuzz::check(products.isEmpty() || error.isEmpty(), "products.isEmpty() || error.isEmpty()");
    return 0;
}
