// Saved pages given to the importer (Importer::parseFile on an .html file: the path that picks
// product or search page and parses it). The input is written to a file, as the user's would be.
#include "fuzzsupport.h"

#include <core/scraping/amazonparser.h>
#include <core/scraping/importer.h>

#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    static const AmazonParser parser;
    static QTemporaryDir dir;
    static const QString path = dir.filePath(QStringLiteral("saved-page.html"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    file.write(reinterpret_cast<const char *>(data), qint64(size));
    file.close();
    const Importer::FileResult result = Importer::parseFile(path, parser);
    podtrends::fuzz::check(result.products.isEmpty() || result.error.isEmpty(), "result.products.isEmpty() || result.error.isEmpty()");
    return 0;
}
