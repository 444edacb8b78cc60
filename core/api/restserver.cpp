#include "restserver.h"
#include <core/util/redaction.h>

#include <core/api/apikeystore.h>
#include <core/util/whenready.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QThread>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcRest, "podtrends.api.rest")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(RestServer)
};

constexpr qint64 KeyRecheckMs = 30000;
constexpr qint64 TouchEveryMs = 60000;

bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    if (ifNoneMatch.trimmed() == "*")
        return true;
    for (QByteArray candidate : ifNoneMatch.split(',')) {
        candidate = candidate.trimmed();
        if (candidate.startsWith("W/"))
            candidate = candidate.mid(2);
        if (candidate == etag)
            return true;
    }
    return false;
}

} // namespace

RestServer::RestServer(std::shared_ptr<Database> db, RestServerOptions options, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_options(std::move(options))
    , m_limiter(m_options.requestsPerSecond, m_options.burst)
    , m_front(m_options.limits)
{
    m_front.setHandlers([this](const IncomingRequest &head) { return admit(head); },
                        [this](IncomingRequest request, HttpFront::Exchange exchange) { serve(std::move(request), exchange); });
    m_clock.start();
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    m_pool.setExpiryTimeout(-1); // keep the threads, and with them their database connections
}

RestServer::~RestServer()
{
    m_pool.waitForDone();
}

Status RestServer::start()
{
    if (Status s = m_db->ensureConnection(); !s)
        return s;
    if (Status s = m_front.listen(m_options.address, m_options.port); !s)
        return s;
    m_port = m_front.port();
    if (!m_options.address.isLoopback())
        qCWarning(lcRest).noquote() << Tr::tr("The REST API listens on %1, reachable from other machines over plain HTTP")
                                           .arg(m_options.address.toString());
    qCInfo(lcRest).noquote() << "REST API on" << m_options.address.toString() << m_port;
    return {};
}

void RestServer::dataChanged(const QString &table)
{
    if (table.isEmpty())
        ++m_globalVersion;
    else
        ++m_tableVersions[table];
    if (table.isEmpty() || table == QLatin1String("api_keys"))
        m_knownKeys.clear();
}

quint64 RestServer::versionOf(const QString &table) const
{
    return m_globalVersion + m_tableVersions.value(table);
}

RestServer::Reply RestServer::json(int status, const QJsonValue &value)
{
    Reply r;
    r.status = status;
    r.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    // Every reply body is built here (cached lists once per version, not per request).
    r.body = redactUtf8(r.body);
    return r;
}

RestServer::Reply RestServer::detail(int status, const QString &message)
{
    return json(status, QJsonObject{{QStringLiteral("detail"), message}});
}

QJsonObject RestServer::validationError(const QJsonArray &loc, const QString &msg, const QString &type, const QJsonObject &ctx)
{
    QJsonObject e{{QStringLiteral("loc"), loc}, {QStringLiteral("msg"), msg}, {QStringLiteral("type"), type}};
    if (!ctx.isEmpty())
        e.insert(QStringLiteral("ctx"), ctx);
    return e;
}

RestServer::Reply RestServer::validation(const QJsonArray &errors)
{
    return json(422, QJsonObject{{QStringLiteral("detail"), errors}});
}

std::optional<qint64> RestServer::authenticate(const IncomingRequest &request, Reply *denied)
{
    const QByteArray header = request.header("authorization").trimmed();
    if (!header.startsWith("Bearer ") && !header.startsWith("bearer ")) {
        *denied = detail(401, QStringLiteral("Not authenticated"));
        denied->addHeader("WWW-Authenticate", "Bearer");
        return std::nullopt;
    }
    const QString token = QString::fromLatin1(header.mid(7).trimmed());
    const qint64 now = m_clock.elapsed();
    auto known = m_knownKeys.constFind(token);
    if (known != m_knownKeys.constEnd() && now - known->checkedMs < KeyRecheckMs)
        return known->id;
    auto verified = ApiKeyStore(m_db).verify(token);
    if (!verified) {
        qCWarning(lcRest).noquote() << verified.errorMessage();
        *denied = detail(503, Tr::tr("The database is not reachable"));
        return std::nullopt;
    }
    if (!verified->has_value()) {
        *denied = detail(401, QStringLiteral("Invalid API key"));
        denied->addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return std::nullopt;
    }
    if (m_knownKeys.size() > 1000)
        m_knownKeys.clear();
    const qint64 id = **verified;
    m_knownKeys.insert(token, KnownKey{id, now});
    if (now - m_lastTouchMs.value(id, -TouchEveryMs) >= TouchEveryMs) {
        m_lastTouchMs.insert(id, now);
        (void)ApiKeyStore(m_db).touch(id);
    }
    return id;
}

void RestServer::addCors(const QByteArray &origin, Reply &reply, bool preflight) const
{
    if (origin.isEmpty() || m_options.corsOrigins.isEmpty() || reply.corsAdded)
        return;
    reply.corsAdded = true;
    const bool any = m_options.corsOrigins.contains(QStringLiteral("*"));
    if (!any && !m_options.corsOrigins.contains(QString::fromUtf8(origin)))
        return;
    reply.addHeader("Access-Control-Allow-Origin", any ? QByteArray("*") : origin);
    reply.addHeader("Vary", "Origin");
    reply.addHeader("Access-Control-Expose-Headers", "ETag, Retry-After, Link");
    if (preflight) {
        reply.addHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        reply.addHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match");
        reply.addHeader("Access-Control-Max-Age", "600");
    }
}

std::optional<QByteArray> RestServer::admit(const IncomingRequest &head)
{
    const RequestInfo info{head.header("if-none-match"), head.header("origin"), head.method == "HEAD"};
    if (head.method == "OPTIONS") {
        Reply preflight;
        preflight.status = 204;
        addCors(info.origin, preflight, true);
        return format(info, std::move(preflight));
    }
    const QString path = head.url.path();
    if (path == QLatin1String("/api/v1/health") || path == QLatin1String("/health"))
        return std::nullopt;
    Reply denied;
    const std::optional<qint64> keyId = authenticate(head, &denied);
    // Failed attempts count against the address, so guessing keys is slowed down as well.
    const QString client = keyId ? QStringLiteral("key:%1").arg(*keyId) : QStringLiteral("ip:") + head.remoteAddress.toString();
    if (auto wait = m_limiter.take(client)) {
        Reply limited = detail(429, QStringLiteral("Too many requests"));
        limited.addHeader("Retry-After", QByteArray::number(*wait));
        return format(info, std::move(limited));
    }
    if (!keyId)
        return format(info, std::move(denied));
    return std::nullopt;
}

void RestServer::serve(IncomingRequest request, HttpFront::Exchange exchange)
{
    const RequestInfo info{request.header("if-none-match"), request.header("origin"), request.method == "HEAD"};
    Routed routed = route(request, request.url.path());
    if (routed.now)
        m_front.respond(exchange, format(info, std::move(*routed.now)));
    else
        dispatch(exchange, info, std::move(routed));
}

void RestServer::dispatch(HttpFront::Exchange exchange, const RequestInfo &info, Routed routed)
{
    const quint64 version = versionOf(routed.table);
    if (!routed.cacheKey.isEmpty()) {
        auto inflight = m_inflight.find(routed.cacheKey);
        if (inflight == m_inflight.end()) {
            m_inflight.insert(routed.cacheKey, {version, {}});
        } else if (inflight->first == version) {
            inflight->second.append(Waiter{exchange, info});
            return;
        } // else a build of older data is running: this one runs on its own, its waiters stay
    }
    // Queries run on the pool so that one slow query does not hold up other clients; the reply
    // comes back to this thread, which owns the connections and the cache.
    whenReady(QtConcurrent::run(&m_pool, std::move(routed.build)), this, [this, exchange, info, version, cacheKey = routed.cacheKey, table = routed.table](Reply reply) {
            QList<Waiter> waiters;
            if (!cacheKey.isEmpty()) {
                store(cacheKey, table, version, reply);
                auto inflight = m_inflight.find(cacheKey);
                if (inflight != m_inflight.end() && inflight->first == version) {
                    waiters = inflight->second;
                    m_inflight.erase(inflight);
                }
            }
            m_front.respond(exchange, format(info, reply));
            for (const Waiter &w : std::as_const(waiters))
                m_front.respond(w.exchange, format(w.info, reply));
        });
}

void RestServer::refreshInBackground(const QString &cacheKey, const QString &table, std::function<Reply()> build)
{
    if (m_inflight.contains(cacheKey))
        return;
    const quint64 version = versionOf(table);
    m_inflight.insert(cacheKey, {version, {}});
    whenReady(QtConcurrent::run(&m_pool, std::move(build)), this, [this, cacheKey, table, version](Reply reply) {
        store(cacheKey, table, version, reply);
        auto inflight = m_inflight.find(cacheKey);
        if (inflight == m_inflight.end() || inflight->first != version)
            return;
        const QList<Waiter> waiters = inflight->second;
        m_inflight.erase(inflight);
        for (const Waiter &w : waiters)
            m_front.respond(w.exchange, format(w.info, reply));
    });
}

QByteArray RestServer::format(const RequestInfo &info, Reply reply) const
{
    if (reply.status == 200 && !reply.body.isEmpty()) {
        if (reply.etag.isEmpty())
            reply.etag = '"' + QCryptographicHash::hash(reply.body, QCryptographicHash::Sha1).toHex().left(32) + '"';
        if (!info.ifNoneMatch.isEmpty() && etagMatches(info.ifNoneMatch, reply.etag)) {
            reply.status = 304;
            reply.body.clear();
        }
    }
    if (reply.status != 304 && reply.status != 200)
        reply.etag.clear();
    addCors(info.origin, reply, false);
    // One buffer: status line, headers and body go out in a single write.
    QByteArray out;
    out.reserve(reply.body.size() + 512);
    out += "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + HttpFront::reasonPhrase(reply.status) + "\r\n";
    if (reply.status != 204 && reply.status != 304)
        out += "Content-Type: application/json\r\n";
    if (reply.status != 304)
        out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    if (!reply.etag.isEmpty())
        out += "ETag: " + reply.etag + "\r\n";
    out += "Cache-Control: no-cache\r\n";
    for (const auto &[name, value] : std::as_const(reply.headers))
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!info.head)
        out += reply.body;
    return out;
}

} // namespace podtrends::core
