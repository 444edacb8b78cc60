// Saved pages given to the importer: Importer::parseSavedPage, parseFile()'s HTML path (it
// tells a product page from a search page, parses it and refuses captcha and empty pages).
// parseFile() itself reads up to 64 MB per file, which under ASan costs ~0.3 s per call in
// shadow-memory poisoning alone; the file reading is not what is fuzzed here.
#include "fuzzsupport.h"

#include <core/scraping/amazonparser.h>
#include <core/scraping/importer.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    static const AmazonParser parser;
    Importer::FileResult result;
    Importer::parseSavedPage(podtrends::fuzz::bytes(data, size), parser, &result);
    podtrends::fuzz::check(!result.kind.isEmpty(), "a saved page is named product or search");
    podtrends::fuzz::check(result.products.isEmpty() || result.error.isEmpty(), "products or an error, not both");
    return 0;
}
