// Amazon search result pages (AmazonParser::parseSearch), through both engines: the streaming
// HtmlScan the built-in selectors use and the libxml2 tree + XPath.
#include "fuzzsupport.h"

#include <core/scraping/amazonparser.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    static const AmazonParser streaming;
    static const AmazonParser tree = [] {
        AmazonParser p;
        p.setEngine(AmazonParser::Engine::Tree);
        return p;
    }();
    static const QUrl base(QStringLiteral("https://www.amazon.com"));
    const QByteArray html = podtrends::fuzz::bytes(data, size);
    auto a = streaming.parseSearch(html, base, QStringLiteral("cat shirt"));
    auto b = tree.parseSearch(html, base, QStringLiteral("cat shirt"));
    Q_UNUSED(a)
    Q_UNUSED(b)
    (void)streaming.isBlocked(html);
    return 0;
}
