// Query strings of the REST list endpoints: the request target as parseRequestHead reads it,
// then the parameters /trends, /products and /designs read (RestServer::Params).
#include "fuzzsupport.h"

#include <core/api/incomingrequest.h>
#include <core/api/restserver.h>

#include <limits>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    const QByteArray head = "GET /api/v1/trends?" + QByteArray(reinterpret_cast<const char *>(data), qsizetype(size))
        + " HTTP/1.1\r\nHost: localhost\r\n";
    auto request = parseRequestHead(head);
    if (!request)
        return 0;
    const QUrlQuery query(request->url);
    RestServer::Params p{query, {}};
    (void)p.integer(QStringLiteral("skip"), 0, 0, std::numeric_limits<qint32>::max());
    (void)p.integer(QStringLiteral("limit"), 20, 1, 100);
    (void)p.integer(QStringLiteral("trend_id"), 0, 1, std::numeric_limits<qint64>::max());
    (void)p.text(QStringLiteral("niche"));
    (void)p.text(QStringLiteral("marketplace")).toLower();
    (void)p.number(QStringLiteral("min_score"), -1, 0, 100);
    (void)p.number(QStringLiteral("min_rating"), -1, 0, 5);
    (void)p.choice(QStringLiteral("sort"), {QStringLiteral("opportunity"), QStringLiteral("overall")});
    (void)p.choice(QStringLiteral("status"), {QStringLiteral("draft"), QStringLiteral("ready"), QStringLiteral("published")});
    return 0;
}
