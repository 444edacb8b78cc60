// REST request heads as HttpFront reads them (parseRequestHead).
#include "fuzzsupport.h"

#include <core/api/incomingrequest.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    auto request = parseRequestHead(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!request)
        return 0;
    (void)request->header("host");
    (void)request->hasHeader("authorization");
    (void)request->url.path();
    (void)request->url.query();
    return 0;
}
