#include "restserver.h"
#include <core/util/redaction.h>

#include <core/api/apikeystore.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
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

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

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
    : QAbstractHttpServer(parent)
    , m_db(std::move(db))
    , m_options(std::move(options))
    , m_limiter(m_options.requestsPerSecond, m_options.burst)
{
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
    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(m_options.address, m_options.port)) {
        const QString reason = tcp->errorString();
        delete tcp;
        return Status::failure(Tr::tr("Cannot listen on %1:%2: %3").arg(m_options.address.toString()).arg(m_options.port).arg(reason), 1);
    }
    m_port = tcp->serverPort();
    bind(tcp);
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

std::optional<qint64> RestServer::authenticate(const QHttpServerRequest &request, Reply *denied)
{
    const QByteArray header = request.value("Authorization").trimmed();
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
    if (origin.isEmpty() || m_options.corsOrigins.isEmpty())
        return;
    const bool any = m_options.corsOrigins.contains(QStringLiteral("*"));
    if (!any && !m_options.corsOrigins.contains(QString::fromUtf8(origin)))
        return;
    reply.addHeader("Access-Control-Allow-Origin", any ? QByteArray("*") : origin);
    reply.addHeader("Vary", "Origin");
    reply.addHeader("Access-Control-Expose-Headers", "ETag, Retry-After");
    if (preflight) {
        reply.addHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        reply.addHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match");
        reply.addHeader("Access-Control-Max-Age", "600");
    }
}

bool RestServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const RequestInfo info{request.value("If-None-Match"), request.value("Origin")};
    if (request.method() == QHttpServerRequest::Method::Options) {
        Reply preflight;
        preflight.status = 204;
        addCors(info.origin, preflight, true);
        respond(socket, info, std::move(preflight));
        return true;
    }
    const bool isHealth = path == QLatin1String("/api/v1/health") || path == QLatin1String("/health");
    if (!isHealth) {
        Reply denied;
        const std::optional<qint64> keyId = authenticate(request, &denied);
        // Failed attempts count against the address, so guessing keys is slowed down as well.
        const QString client = keyId ? QStringLiteral("key:%1").arg(*keyId) : QStringLiteral("ip:") + request.remoteAddress().toString();
        if (auto wait = m_limiter.take(client)) {
            Reply limited = detail(429, QStringLiteral("Too many requests"));
            limited.addHeader("Retry-After", QByteArray::number(*wait));
            respond(socket, info, std::move(limited));
            return true;
        }
        if (!keyId) {
            respond(socket, info, std::move(denied));
            return true;
        }
    }
    Routed routed = route(request, path);
    if (routed.now)
        respond(socket, info, std::move(*routed.now));
    else
        dispatch(socket, info, std::move(routed));
    return true;
}

void RestServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    respond(socket, RequestInfo{{}, request.value("Origin")}, detail(404, QStringLiteral("Not Found")));
}

void RestServer::respond(QTcpSocket *socket, const RequestInfo &info, Reply reply)
{
    auto it = m_outgoing.find(socket);
    if (it == m_outgoing.end()) {
        socket->write(format(info, std::move(reply)));
        return;
    }
    it->second.push_back(std::make_shared<std::optional<QByteArray>>(format(info, std::move(reply))));
    flush(socket);
}

void RestServer::dispatch(QTcpSocket *socket, const RequestInfo &info, Routed routed)
{
    auto it = m_outgoing.find(socket);
    if (it == m_outgoing.end()) {
        it = m_outgoing.insert(socket, {QPointer<QTcpSocket>(socket), {}});
        connect(socket, &QObject::destroyed, this, [this, socket] { m_outgoing.remove(socket); });
    }
    Slot slot = std::make_shared<std::optional<QByteArray>>();
    it->second.push_back(slot);
    const quint64 version = versionOf(routed.table);
    if (!routed.cacheKey.isEmpty()) {
        auto inflight = m_inflight.find(routed.cacheKey);
        if (inflight == m_inflight.end()) {
            m_inflight.insert(routed.cacheKey, {version, {}});
        } else if (inflight->first == version) {
            inflight->second.append(Waiter{socket, info, slot});
            return;
        } // else a build of older data is running: this one runs on its own, its waiters stay

    }
    // Queries run on the pool so that one slow query does not hold up other clients; the reply
    // comes back to this thread, which owns the sockets and the cache.
    QtConcurrent::run(&m_pool, std::move(routed.build))
        .then(this, [this, socket, info, slot, version, cacheKey = routed.cacheKey, table = routed.table](Reply reply) {
            QList<Waiter> waiters;
            if (!cacheKey.isEmpty()) {
                store(cacheKey, table, version, reply);
                auto inflight = m_inflight.find(cacheKey);
                if (inflight != m_inflight.end() && inflight->first == version) {
                    waiters = inflight->second;
                    m_inflight.erase(inflight);
                }
            }
            *slot = format(info, reply);
            flush(socket);
            for (const Waiter &w : std::as_const(waiters)) {
                *w.slot = format(w.info, reply);
                flush(w.socket);
            }
        });
}

void RestServer::refreshInBackground(const QString &cacheKey, const QString &table, std::function<Reply()> build)
{
    if (m_inflight.contains(cacheKey))
        return;
    const quint64 version = versionOf(table);
    m_inflight.insert(cacheKey, {version, {}});
    QtConcurrent::run(&m_pool, std::move(build)).then(this, [this, cacheKey, table, version](Reply reply) {
        store(cacheKey, table, version, reply);
        auto inflight = m_inflight.find(cacheKey);
        if (inflight == m_inflight.end() || inflight->first != version)
            return;
        const QList<Waiter> waiters = inflight->second;
        m_inflight.erase(inflight);
        for (const Waiter &w : waiters) {
            *w.slot = format(w.info, reply);
            flush(w.socket);
        }
    });
}

void RestServer::flush(QTcpSocket *socket)
{
    auto it = m_outgoing.find(socket);
    if (it == m_outgoing.end())
        return;
    auto &[guard, queue] = *it;
    while (!queue.empty() && queue.front()->has_value()) {
        if (guard)
            guard->write(**queue.front());
        queue.pop_front();
    }
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
    out += "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
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
    out += reply.body;
    return out;
}

} // namespace podtrends::core
