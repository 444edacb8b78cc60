#include "loopbackserver.h"

#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

namespace podtrends::test {

QJsonObject FakeRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

FakeReply FakeReply::json(int status, const QJsonObject &object, QList<QPair<QByteArray, QByteArray>> headers)
{
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
    return FakeReply{status, QJsonDocument(object).toJson(QJsonDocument::Compact), headers};
}

LoopbackServer::LoopbackServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{
    m_thread.setObjectName(QStringLiteral("loopback-server"));
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    // Listen on the server thread so the sockets live there.
    QMetaObject::invokeMethod(m_context, [this] {
        auto *server = new QTcpServer(m_context);
        QObject::connect(server, &QTcpServer::newConnection, m_context, [this, server] { onConnection(server); });
        server->listen(QHostAddress::LocalHost, 0);
        m_port = server->serverPort();
    }, Qt::BlockingQueuedConnection);
}

LoopbackServer::~LoopbackServer()
{
    QObject *context = m_context;
    QMetaObject::invokeMethod(context, [context] { delete context; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QUrl LoopbackServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void LoopbackServer::setInterceptor(Interceptor interceptor)
{
    QMutexLocker lock(&m_mutex);
    m_interceptor = std::move(interceptor);
}

void LoopbackServer::setReplyFilter(ReplyFilter filter)
{
    QMutexLocker lock(&m_mutex);
    m_filter = std::move(filter);
}

QList<FakeRequest> LoopbackServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

static QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

void LoopbackServer::onConnection(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        auto *buffer = new QByteArray;
        connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
            delete buffer;
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, m_context, [this, socket, buffer] {
            buffer->append(socket->readAll());
            for (;;) {
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
                FakeRequest r;
                const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
                if (requestLine.size() < 2)
                    return socket->disconnectFromHost();
                r.method = requestLine.at(0);
                r.url = QUrl(QString::fromUtf8(requestLine.at(1)));
                r.path = r.url.path();
                for (int i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines.at(i).indexOf(':');
                    if (colon > 0)
                        r.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
                }
                const qsizetype length = r.headers.value("content-length").toLongLong();
                if (buffer->size() < headerEnd + 4 + length)
                    return;
                r.body = buffer->mid(headerEnd + 4, length);
                buffer->remove(0, headerEnd + 4 + length);
                FakeReply reply;
                {
                    QMutexLocker lock(&m_mutex);
                    m_requests.append(r);
                    std::optional<FakeReply> intercepted = m_interceptor ? m_interceptor(r) : std::nullopt;
                    if (intercepted)
                        reply = std::move(*intercepted);
                    else
                        reply = m_filter ? m_filter(r, m_handler(r)) : m_handler(r);
                }
                if (socket->state() != QAbstractSocket::ConnectedState)
                    return;
                QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
                for (const auto &h : reply.headers)
                    out += h.first + ": " + h.second + "\r\n";
                out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\nConnection: keep-alive\r\n\r\n";
                using Fault = FakeReply::Fault;
                switch (reply.fault) {
                case Fault::None:
                    socket->write(out + reply.body);
                    break;
                case Fault::ResetBeforeBody:
                case Fault::ResetDuringBody:
                    socket->write(out + (reply.fault == Fault::ResetDuringBody ? reply.body.left(reply.body.size() / 2) : QByteArray()));
                    socket->flush();
                    socket->abort(); // deletes `buffer` (disconnected): touch nothing after this
                    return;
                case Fault::StallBody:
                    socket->write(out + reply.body.left(reply.body.size() / 2));
                    socket->disconnect(m_context); // no more reading or answering on this connection
                    buffer->clear();
                    return;
                }
            }
        });
    }
}

} // namespace podtrends::test
