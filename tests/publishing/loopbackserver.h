#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QUrl>

#include <functional>
#include <optional>

class QTcpServer;

namespace podtrends::test {

/** A request as a fake service received it. */
struct FakeRequest
{
    QByteArray method;
    QString path;      ///< without the query
    QUrl url;          ///< path and query
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QByteArray body;
    QJsonObject json() const;
    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
};

struct FakeReply
{
    /** How the answer goes wrong on the wire (API-CONTRACTS.md §7's failures). */
    enum class Fault {
        None,
        ResetBeforeBody, ///< status line and headers, then the connection is reset
        ResetDuringBody, ///< half the body, then the connection is reset
        StallBody,       ///< half the body, then nothing more (the connection stays open)
    };
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    Fault fault = Fault::None;
    static FakeReply json(int status, const QJsonObject &object, QList<QPair<QByteArray, QByteArray>> headers = {});
};

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 (keep-alive, Content-Length bodies) on a thread of its
 * own, like a service in another process: a test may call a blocking client on its own thread
 * and still get answers. Handlers run on the server's thread, one at a time.
 */
class LoopbackServer final : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<FakeReply(const FakeRequest &)>;
    explicit LoopbackServer(Handler handler, QObject *parent = nullptr);
    ~LoopbackServer() override;
    QUrl baseUrl() const;
    /** Every request received, in order. */
    QList<FakeRequest> requests() const;
    /** Runs before the handler (on the server thread); an answer it gives replaces the handler's. */
    using Interceptor = std::function<std::optional<FakeReply>(const FakeRequest &)>;
    void setInterceptor(Interceptor interceptor);
    /** Runs after the handler (on the server thread) and may change its answer (a fault on the way back). */
    using ReplyFilter = std::function<FakeReply(const FakeRequest &, FakeReply)>;
    void setReplyFilter(ReplyFilter filter);

private:
    void onConnection(QTcpServer *server);
    QThread m_thread;
    QObject *m_context = nullptr; ///< lives on m_thread; owns the listening socket
    quint16 m_port = 0;
    Handler m_handler;
    Interceptor m_interceptor;
    ReplyFilter m_filter;
    mutable QMutex m_mutex;
    QList<FakeRequest> m_requests;
};

} // namespace podtrends::test
