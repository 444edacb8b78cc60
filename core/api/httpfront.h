#pragma once

#include <core/api/incomingrequest.h>

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace podtrends::core {

/**
 * The REST API's HTTP/1.1 front: accepts connections and reads requests within HttpLimits, so no
 * client can make the server hold more than a few kilobytes for it or keep a connection it does
 * not use. (QHttpServer 6.4 buffers any header and body whole before its handler runs, and never
 * times a connection out.)
 *
 * Per request, in this order: the head is read (at most maxHeaderBytes, within headerTimeoutMs;
 * 431/414/408 otherwise, and strict parsing, see parseRequestHead); admit() sees the head and may
 * answer at once (authentication, rate limits, CORS preflight) — then a body the client announced
 * is never read and the connection closes after the answer; a Content-Length over maxBodyBytes is
 * answered 413 unread; `Expect: 100-continue` gets its interim answer only now; the body is read
 * (within bodyTimeoutMs); serve() gets the request, and respond() may come later from anywhere on
 * this thread: answers go out in request order. An error of the protocol is answered and the
 * connection closed after its unread input was drained for a moment (so the client reads the
 * answer instead of a reset).
 *
 * Connections: idle ones close after idleTimeoutMs; at most maxConnections are open (kept below
 * the process's file limit), and at the cap a new connection replaces the longest-idle one that
 * has no request being answered, else gets 503. When the process runs out of file descriptors
 * anyway, accepting pauses for a moment instead of spinning.
 */
class HttpFront final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(HttpFront)

    /** One request's place in its connection's answers. */
    struct Exchange
    {
        quint64 connection = 0;
        quint64 sequence = 0;
    };
    /** A whole response (status line, headers, body) to send instead of reading the body. */
    using Admit = std::function<std::optional<QByteArray>(const IncomingRequest &head)>;
    using Serve = std::function<void(IncomingRequest request, Exchange exchange)>;

    explicit HttpFront(HttpLimits limits, QObject *parent = nullptr);
    ~HttpFront() override;

    void setHandlers(Admit admit, Serve serve);
    /** Listens; fails with the reason (port taken, …). */
    Status listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    /** Sends the response of `exchange` once the answers before it have gone. */
    void respond(const Exchange &exchange, QByteArray response);

    int connectionCount() const { return int(m_connections.size()); }
    /** The connection cap in force: the limit, lowered to fit the process's file limit. */
    int connectionCap() const { return m_cap; }
    const HttpLimits &limits() const { return m_limits; }

    /** A minimal JSON error response ({"detail": …}) that closes the connection. */
    static QByteArray errorResponse(int status, const QString &detail, const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    static QByteArray reasonPhrase(int status);

private:
    struct Connection;
    void onNewConnection();
    void readFrom(Connection &c);
    void process(Connection &c);
    void fail(Connection &c, int status, const QString &detail);
    void queue(Connection &c, quint64 sequence, QByteArray response, bool close);
    void flush(Connection &c);
    void closeSoon(Connection &c);
    void drop(quint64 id);
    void sweep();
    bool evictIdle();

    HttpLimits m_limits;
    int m_cap = 0;
    Admit m_admit;
    Serve m_serve;
    QTcpServer *m_server = nullptr;
    QHash<quint64, std::shared_ptr<Connection>> m_connections;
    quint64 m_nextId = 1;
    QTimer m_sweep;
};

} // namespace podtrends::core
