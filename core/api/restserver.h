#pragma once

#include <core/api/httpfront.h>
#include <core/api/ratelimiter.h>
#include <core/storage/database.h>

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QThreadPool>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace podtrends::core {

/** How the REST server listens and whom it lets in. */
struct RestServerOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost); ///< loopback unless told otherwise
    quint16 port = 8000;                    ///< 0 picks a free port
    double requestsPerSecond = 20;          ///< per client (API key or address); ≤ 0 disables limiting
    int burst = 40;
    QStringList corsOrigins;                ///< allowed browser origins; "*" allows any; empty: no CORS headers
    int cacheMaxAgeMs = 2000;               ///< list responses are reused this long at most (and only while the data is unchanged)
    HttpLimits limits;                      ///< header, body, time and connection limits (HttpFront)
};

/**
 * The seed's REST API (/api/v1/…) over the same storage the app uses. Runs on the thread it was
 * created on (with that thread's database connection); every request is answered on that thread
 * from small indexed queries or from a cache of recent responses that is dropped when the data
 * changes (see dataChanged()). Bearer API keys (ApiKeyStore) guard everything but /health.
 *
 * Requests arrive through HttpFront, which reads them within options().limits; the key, the rate
 * limit and CORS preflights are settled from the head, before any body is read.
 */
class RestServer final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(RestServer)
    RestServer(std::shared_ptr<Database> db, RestServerOptions options, QObject *parent = nullptr);
    ~RestServer() override;

    /** Binds; fails with a readable reason (port taken, address not local, …). */
    Status start();
    quint16 port() const { return m_port; }
    const RestServerOptions &options() const { return m_options; }
    /** Open client connections (for tests and the hostile-load measurements). */
    int connectionCount() const { return m_front.connectionCount(); }

    /** A response ready to send. */
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QByteArray etag;
        QList<std::pair<QByteArray, QByteArray>> headers;
        bool corsAdded = false; ///< CORS headers are in `headers` already (a preflight's)
        void addHeader(const QByteArray &name, const QByteArray &value) { headers.append(std::make_pair(name, value)); }
    };
    static constexpr int MaxCacheEntries = 2000;

    /**
     * Reads the list endpoints' query parameters and collects FastAPI-style validation errors
     * (public so that the query-string fuzzer reaches the parsing without a server).
     */
    struct Params
    {
        const QUrlQuery &query;
        QJsonArray errors;
        qint64 integer(const QString &name, qint64 fallback, qint64 min, qint64 max);
        /** `skip` up to `max`; a deeper one is refused (naming the `after=` cursor when the list has one). */
        qint64 skip(qint64 max, bool cursor);
        double number(const QString &name, double fallback, double min, double max);
        QString text(const QString &name);
        QString choice(const QString &name, const QStringList &allowed);
    };

public Q_SLOTS:
    /** Drops cached responses that depend on `table` (all of them when it is empty). */
    void dataChanged(const QString &table);

private:
    /** What a reply needs from its request after handleRequest() has returned. */
    struct RequestInfo
    {
        QByteArray ifNoneMatch;
        QByteArray origin;
        bool head = false; ///< HEAD: the headers of GET without the body
    };
    /** A reply now, or work for the pool (a database query) that produces one. */
    struct Routed
    {
        std::optional<Reply> now;
        std::function<Reply()> build;
        QString cacheKey;   ///< empty: not cached
        QString table;
    };
    struct CacheEntry
    {
        QByteArray body;
        QByteArray etag;
        QList<std::pair<QByteArray, QByteArray>> headers; ///< e.g. the next page's Link
        QString table;
        quint64 version = 0;
        qint64 createdMs = 0;
    };

    /** The head of a request: answers CORS preflights, missing or wrong keys and clients over
     *  their rate at once; nullopt lets the request (and its body) in. */
    std::optional<QByteArray> admit(const IncomingRequest &head);
    void serve(IncomingRequest request, HttpFront::Exchange exchange);
    Routed route(const IncomingRequest &request, const QString &path);
    Routed cached(const QString &cacheKey, const QString &table, std::function<Reply()> build);
    /** Rebuilds an aged cache entry in the background while the old one is still served. */
    void refreshInBackground(const QString &cacheKey, const QString &table, std::function<Reply()> build);
    void store(const QString &cacheKey, const QString &table, quint64 version, Reply &reply);
    Reply listTrends(const QUrlQuery &query);
    Reply listProducts(const QUrlQuery &query);
    Reply listDesigns(const QUrlQuery &query);
    Reply getTrend(const QString &id);
    Reply getProduct(const QString &id);
    Reply getDesign(const QString &id);
    Reply getJob(const QString &id);
    Reply generate(const QString &id, const QByteArray &body);
    Reply health();

    std::optional<qint64> authenticate(const IncomingRequest &request, Reply *denied);
    /** Runs the routed work on the pool; HttpFront sends its reply in request order. */
    void dispatch(HttpFront::Exchange exchange, const RequestInfo &info, Routed routed);
    QByteArray format(const RequestInfo &info, Reply reply) const;
    void addCors(const QByteArray &origin, Reply &reply, bool preflight) const;
    quint64 versionOf(const QString &table) const;

    static Reply json(int status, const QJsonValue &value);
    static Reply detail(int status, const QString &message);
    static Reply validation(const QJsonArray &errors);
    static QJsonObject validationError(const QJsonArray &loc, const QString &msg, const QString &type, const QJsonObject &ctx = {});
    static std::optional<qint64> pathId(const QString &text, const QString &name, Reply *error);

    std::shared_ptr<Database> m_db;
    RestServerOptions m_options;
    quint16 m_port = 0;
    RateLimiter m_limiter;
    HttpFront m_front;
    QElapsedTimer m_clock;
    QHash<QString, CacheEntry> m_cache;
    QHash<QString, quint64> m_tableVersions;
    quint64 m_globalVersion = 0;
    struct KnownKey
    {
        qint64 id = 0;
        qint64 checkedMs = 0;
    };
    QHash<QString, KnownKey> m_knownKeys;   // token → key, re-verified every 30 s and on api_keys changes
    QHash<qint64, qint64> m_lastTouchMs;    // key id → when last_used_at was written
    QThreadPool m_pool; // database work; each pool thread keeps its own connection
    struct Waiter
    {
        HttpFront::Exchange exchange;
        RequestInfo info;
    };
    // Requests for a response that is being built already wait for that build (no stampede).
    QHash<QString, std::pair<quint64, QList<Waiter>>> m_inflight;
};

} // namespace podtrends::core
