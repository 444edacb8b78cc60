#include "httpfront.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <map>
#include <utility>

#include <sys/resource.h>

Q_LOGGING_CATEGORY(lcFront, "podtrends.api.http")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HttpFront)
};

// Bytes a socket buffers for us before the rest waits in the kernel.
constexpr qint64 kSocketReadBuffer = 64 * 1024;
// Replies waiting for a client that reads slowly: no more requests of it are taken meanwhile.
constexpr qint64 kMaxUnsentBytes = 1024 * 1024;
// After an error answer, the client's unread input is read and dropped this long, so that it
// sees the answer rather than a reset.
constexpr int kDrainMs = 1000;
// File descriptors kept for everything but client connections (database, pool threads, logs…).
constexpr rlim_t kReservedDescriptors = 64;

int connectionCapFor(int wanted)
{
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return wanted;
    const rlim_t available = limit.rlim_cur > kReservedDescriptors * 2 ? limit.rlim_cur - kReservedDescriptors : limit.rlim_cur / 2;
    return std::max(4, int(std::min<rlim_t>(rlim_t(wanted), available)));
}

} // namespace

struct HttpFront::Connection
{
    enum class State { Head, Body, Draining, Closing };

    quint64 id = 0;
    QPointer<QTcpSocket> socket;
    QHostAddress peer;
    State state = State::Head;
    QByteArray in;
    qsizetype checkedForBareLf = 0; ///< bytes of `in` looked at for a line end without CR
    IncomingRequest current;        ///< the request whose body is being read
    QDeadlineTimer deadline;    ///< of the current phase
    bool idle = true;           ///< nothing read of the next request yet
    qint64 lastActivityMs = 0;
    quint64 nextSequence = 0;   ///< of the next request read
    quint64 nextToSend = 0;
    std::map<quint64, std::pair<QByteArray, bool>> ready; ///< answers waiting for earlier ones (bytes, close after)
    bool closeAfterLast = false; ///< no further request is read (Connection: close, an error)
    qint64 stalledSinceMs = -1;  ///< when unsent replies last stopped draining
    int pending() const { return int(nextSequence - nextToSend); }
};

HttpFront::HttpFront(HttpLimits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_cap(connectionCapFor(limits.maxConnections))
{
    m_sweep.setInterval(200);
    connect(&m_sweep, &QTimer::timeout, this, &HttpFront::sweep);
}

HttpFront::~HttpFront()
{
    // abort() emits disconnected(), whose handler would erase from the map being walked.
    const auto connections = std::exchange(m_connections, {});
    for (const auto &c : connections)
        if (c->socket)
            c->socket->abort();
}

void HttpFront::setHandlers(Admit admit, Serve serve)
{
    m_admit = std::move(admit);
    m_serve = std::move(serve);
}

Status HttpFront::listen(const QHostAddress &address, quint16 port)
{
    auto *server = new QTcpServer(this);
    server->setMaxPendingConnections(64);
    if (!server->listen(address, port)) {
        const QString reason = server->errorString();
        delete server;
        return Status::failure(Tr::tr("Cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(reason), 1);
    }
    m_server = server;
    connect(server, &QTcpServer::newConnection, this, &HttpFront::onNewConnection);
    connect(server, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        // Out of file descriptors: Qt pauses accepting. Free an idle connection and try again
        // shortly (the pending ones wait in the backlog) instead of spinning or going deaf.
        qCWarning(lcFront) << "accepting a connection failed:" << error << "with" << m_connections.size() << "open";
        evictIdle();
        QTimer::singleShot(100, this, [this] {
            if (m_server)
                m_server->resumeAccepting();
        });
    });
    m_sweep.start();
    qCInfo(lcFront) << "at most" << m_cap << "connections";
    return {};
}

quint16 HttpFront::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QByteArray HttpFront::reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

QByteArray HttpFront::errorResponse(int status, const QString &detail, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("detail"), detail}}).toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n"
                     "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Connection: close\r\n\r\n" + body;
    return out;
}

void HttpFront::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (int(m_connections.size()) >= m_cap && !evictIdle()) {
            // Every slot is answering a request: this client is told to come back.
            socket->write(errorResponse(503, Tr::tr("The server is busy; try again shortly"), {{"Retry-After", "1"}}));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(kDrainMs, socket, [socket] { socket->abort(); socket->deleteLater(); });
            continue;
        }
        auto c = std::make_shared<Connection>();
        c->id = m_nextId++;
        c->socket = socket;
        c->peer = socket->peerAddress();
        c->deadline = QDeadlineTimer(m_limits.idleTimeoutMs);
        c->lastActivityMs = QDeadlineTimer::current().deadline();
        socket->setReadBufferSize(kSocketReadBuffer);
        m_connections.insert(c->id, c);
        const quint64 id = c->id;
        connect(socket, &QTcpSocket::readyRead, this, [this, id] {
            if (auto it = m_connections.find(id); it != m_connections.end())
                readFrom(**it);
        });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, id] {
            if (auto it = m_connections.find(id); it != m_connections.end()) {
                Connection &conn = **it;
                conn.stalledSinceMs = -1;
                if (conn.state == Connection::State::Closing && conn.pending() == 0 && conn.ready.empty() && conn.socket->bytesToWrite() == 0)
                    closeSoon(conn);
                else if (conn.state == Connection::State::Head || conn.state == Connection::State::Body)
                    process(conn); // the client reads again: take its next requests
            }
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, id] { drop(id); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, id](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError)
                drop(id);
        });
        if (socket->bytesAvailable() > 0)
            readFrom(*c);
    }
}

bool HttpFront::evictIdle()
{
    // The longest-idle connection that has no request being answered: an idle keep-alive one,
    // or one still sending its head (a slow client loses its place to a new one).
    // Connections that are only being drained before they close go first.
    Connection *victim = nullptr;
    auto rank = [](const Connection &c) { return c.state == Connection::State::Draining ? 0 : 1; };
    for (const auto &c : std::as_const(m_connections)) {
        const bool candidate = c->state == Connection::State::Draining
            || (c->state == Connection::State::Head && c->pending() == 0 && c->ready.empty());
        if (!candidate)
            continue;
        if (!victim || rank(*c) < rank(*victim) || (rank(*c) == rank(*victim) && c->lastActivityMs < victim->lastActivityMs))
            victim = c.get();
    }
    if (!victim)
        return false;
    // abort() emits disconnected() at once, whose handler drops (and frees) the connection:
    // keep its id, not the pointer, past that call.
    const quint64 id = victim->id;
    if (victim->socket)
        victim->socket->abort();
    drop(id);
    return true;
}

void HttpFront::drop(quint64 id)
{
    auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    std::shared_ptr<Connection> c = *it;
    m_connections.erase(it);
    if (c->socket) {
        c->socket->disconnect(this);
        c->socket->deleteLater();
    }
}

void HttpFront::readFrom(Connection &c)
{
    if (!c.socket)
        return;
    c.lastActivityMs = QDeadlineTimer::current().deadline();
    if (c.state == Connection::State::Draining) {
        c.socket->skip(c.socket->bytesAvailable());
        return;
    }
    if (c.state == Connection::State::Closing)
        return; // what else it sends stays unread
    process(c);
}

void HttpFront::process(Connection &c)
{
    // Reads no more than one head or one body's worth ahead of what it handles: the rest waits
    // in the socket's (bounded) buffer and the kernel.
    while (c.socket && (c.state == Connection::State::Head || c.state == Connection::State::Body)) {
        if (c.pending() >= m_limits.maxPipelined || c.socket->bytesToWrite() > kMaxUnsentBytes)
            return; // resumed when answers go out
        if (c.state == Connection::State::Head) {
            const qint64 room = qint64(m_limits.maxHeaderBytes) + 4 - c.in.size();
            if (room > 0 && c.socket->bytesAvailable() > 0)
                c.in += c.socket->read(room);
            // Blank lines between requests are allowed (RFC 9112 §2.2).
            while (c.in.startsWith("\r\n")) {
                c.in.remove(0, 2);
                c.checkedForBareLf = 0;
            }
            if (c.in.isEmpty())
                return;
            if (c.idle) {
                c.idle = false;
                c.deadline = QDeadlineTimer(m_limits.headerTimeoutMs);
            }
            // A line ended by LF alone would never show the blank line looked for below.
            for (qsizetype i = std::max<qsizetype>(c.checkedForBareLf, 0); i < c.in.size(); ++i)
                if (c.in.at(i) == '\n' && (i == 0 || c.in.at(i - 1) != '\r'))
                    return fail(c, 400, Tr::tr("Bare LF in the request head"));
            c.checkedForBareLf = c.in.size();
            const qsizetype end = c.in.indexOf("\r\n\r\n");
            if (end < 0) {
                const qsizetype lineEnd = c.in.indexOf("\r\n");
                if ((lineEnd < 0 ? c.in.size() : lineEnd) > m_limits.maxTargetBytes + 32)
                    return fail(c, 414, Tr::tr("Request target too long"));
                if (c.in.size() > m_limits.maxHeaderBytes)
                    return fail(c, 431, Tr::tr("Request header fields too large"));
                return;
            }
            auto parsed = parseRequestHead(QByteArrayView(c.in).first(end), m_limits);
            c.in.remove(0, end + 4);
            c.checkedForBareLf = 0;
            if (!parsed)
                return fail(c, parsed.error().code, parsed.errorMessage());
            IncomingRequest request = std::move(parsed).value();
            request.remoteAddress = c.peer;
            if (m_admit) {
                if (std::optional<QByteArray> answer = m_admit(request)) {
                    // Answered from the head alone: a body is never read, so the connection ends here.
                    const bool close = request.contentLength > 0 || !request.keepAlive;
                    queue(c, c.nextSequence++, std::move(*answer), close);
                    if (close)
                        return;
                    c.idle = true;
                    c.deadline = QDeadlineTimer(m_limits.idleTimeoutMs);
                    continue;
                }
            }
            if (request.contentLength > m_limits.maxBodyBytes)
                return fail(c, 413, Tr::tr("The request body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
            if (request.expectContinue && request.contentLength > 0 && c.pending() == 0)
                c.socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            c.current = std::move(request);
            c.state = Connection::State::Body;
            c.deadline = QDeadlineTimer(m_limits.bodyTimeoutMs);
        }
        if (c.state == Connection::State::Body) {
            const qint64 missing = c.current.contentLength - c.in.size();
            if (missing > 0 && c.socket->bytesAvailable() > 0)
                c.in += c.socket->read(missing);
            if (c.in.size() < c.current.contentLength)
                return;
            c.current.body = c.in.left(c.current.contentLength);
            c.in.remove(0, c.current.contentLength);
            IncomingRequest request = std::move(c.current);
            c.current = {};
            c.state = Connection::State::Head;
            c.idle = true;
            c.deadline = QDeadlineTimer(m_limits.idleTimeoutMs);
            if (!request.keepAlive)
                c.closeAfterLast = true;
            const Exchange exchange{c.id, c.nextSequence++};
            const quint64 id = c.id;
            if (m_serve)
                m_serve(std::move(request), exchange);
            else
                respond(exchange, errorResponse(503, Tr::tr("Not serving")));
            auto it = m_connections.find(id);
            if (it == m_connections.end() || it->get() != &c)
                return; // the handler's answer closed it
            if (c.closeAfterLast) {
                c.state = Connection::State::Closing;
                flush(c);
                return;
            }
        }
    }
}

void HttpFront::fail(Connection &c, int status, const QString &detail)
{
    qCDebug(lcFront) << "connection" << c.id << "from" << c.peer.toString() << "answered" << status << detail;
    queue(c, c.nextSequence++, errorResponse(status, detail), true);
}

void HttpFront::respond(const Exchange &exchange, QByteArray response)
{
    auto it = m_connections.find(exchange.connection);
    if (it == m_connections.end())
        return; // the client left
    Connection &c = **it;
    const bool close = c.closeAfterLast && exchange.sequence + 1 == c.nextSequence;
    queue(c, exchange.sequence, std::move(response), close);
}

void HttpFront::queue(Connection &c, quint64 sequence, QByteArray response, bool close)
{
    if (close) {
        c.closeAfterLast = true;
        if (c.state != Connection::State::Draining)
            c.state = Connection::State::Closing;
        if (close && response.indexOf("\r\nConnection: close\r\n") < 0) {
            const qsizetype headEnd = response.indexOf("\r\n\r\n");
            if (headEnd > 0)
                response.insert(headEnd, "\r\nConnection: close");
        }
    }
    c.ready.emplace(sequence, std::make_pair(std::move(response), close));
    flush(c);
}

void HttpFront::flush(Connection &c)
{
    if (!c.socket || c.state == Connection::State::Draining)
        return;
    bool closeNow = false;
    for (auto next = c.ready.find(c.nextToSend); next != c.ready.end(); next = c.ready.find(c.nextToSend)) {
        c.socket->write(next->second.first);
        closeNow = next->second.second;
        c.ready.erase(next);
        ++c.nextToSend;
        if (closeNow)
            break;
    }
    if (c.socket->bytesToWrite() > 0 && c.stalledSinceMs < 0)
        c.stalledSinceMs = QDeadlineTimer::current().deadline();
    if (closeNow)
        c.ready.clear(); // nothing after a closing answer goes out
    if ((closeNow || (c.state == Connection::State::Closing && c.pending() == 0)) && c.socket->bytesToWrite() == 0) {
        closeSoon(c);
        return;
    }
    if (c.state == Connection::State::Head && c.pending() == 0 && c.idle)
        c.deadline = QDeadlineTimer(m_limits.idleTimeoutMs); // idle from the last answer on
    if (c.state == Connection::State::Head || c.state == Connection::State::Body)
        process(c);
}

void HttpFront::closeSoon(Connection &c)
{
    if (c.state == Connection::State::Draining || !c.socket)
        return;
    // Everything is sent: read and drop what the client still sends for a moment, then close.
    c.state = Connection::State::Draining;
    c.in.clear();
    c.in.squeeze();
    c.deadline = QDeadlineTimer(kDrainMs);
    c.socket->setReadBufferSize(kSocketReadBuffer);
    c.socket->skip(c.socket->bytesAvailable());
    c.socket->disconnectFromHost();
}

void HttpFront::sweep()
{
    const qint64 now = QDeadlineTimer::current().deadline();
    QList<quint64> expired;
    for (const auto &c : std::as_const(m_connections)) {
        if (c->stalledSinceMs >= 0 && c->socket && c->socket->bytesToWrite() > 0 && now - c->stalledSinceMs > m_limits.writeTimeoutMs) {
            expired << c->id;
            continue;
        }
        if (!c->deadline.hasExpired())
            continue;
        switch (c->state) {
        case Connection::State::Head:
            if (c->pending() > 0 || !c->ready.empty())
                continue; // its answers are being made; the idle time starts after them
            if (c->idle || c->in.isEmpty())
                expired << c->id; // idle: closed without a word
            else
                fail(*c, 408, Tr::tr("The request head did not arrive in time"));
            break;
        case Connection::State::Body:
            fail(*c, 408, Tr::tr("The request body did not arrive in time"));
            break;
        case Connection::State::Draining:
            expired << c->id;
            break;
        case Connection::State::Closing:
            break; // waits for its answers
        }
    }
    for (quint64 id : std::as_const(expired)) {
        if (auto it = m_connections.find(id); it != m_connections.end() && (*it)->socket)
            (*it)->socket->abort();
        drop(id);
    }
}

} // namespace podtrends::core
