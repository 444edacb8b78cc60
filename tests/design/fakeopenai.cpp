#include "fakeopenai.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QTcpSocket>

namespace podtrends::test {

static QByteArray response(int status, const QByteArray &body, const QByteArray &type = "application/json")
{
    const QByteArray reason = status == 200 ? "OK" : status == 400 ? "Bad Request" : "Error";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: " + type +
           "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

static QByteArray chatBody(const QString &content, const QString &finish = QStringLiteral("stop"), const QJsonValue &refusal = QJsonValue())
{
    QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), content}};
    if (!refusal.isNull())
        message.insert(QStringLiteral("refusal"), refusal);
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("chatcmpl-123")},
                                     {QStringLiteral("object"), QStringLiteral("chat.completion")},
                                     {QStringLiteral("created"), 1732500000},
                                     {QStringLiteral("model"), QStringLiteral("llama3.1:8b")},
                                     {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                                                       {QStringLiteral("message"), message},
                                                                                       {QStringLiteral("finish_reason"), finish}}}}})
        .toJson(QJsonDocument::Compact);
}

static QByteArray artworkPng()
{
    // A small valid PNG: an orange circle on a flat white background, like an image model's answer.
    QImage img(256, 256, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(0xf3a25c));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(128, 128), 90, 90);
    p.end();
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "PNG");
    return bytes;
}

FakeOpenAi::FakeOpenAi()
{
    m_thread.start();
    // Build and listen on the server thread so its sockets live there.
    QObject *context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        context,
        [this] {
            m_server = new QTcpServer;
            m_server->listen(QHostAddress::LocalHost, 0);
            m_port = m_server->serverPort();
            QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] {
                while (QTcpSocket *s = m_server->nextPendingConnection())
                    handle(s);
            });
        },
        Qt::BlockingQueuedConnection);
    context->deleteLater();
}

FakeOpenAi::~FakeOpenAi()
{
    QTcpServer *server = m_server;
    QObject *context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(context, [server] { delete server; }, Qt::BlockingQueuedConnection);
    delete context;
    m_thread.quit();
    m_thread.wait();
}

QString FakeOpenAi::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port);
}

void FakeOpenAi::scriptChat(const QStringList &modes)
{
    QMutexLocker lock(&m_mutex);
    m_chat = modes;
}

void FakeOpenAi::scriptImages(const QStringList &modes)
{
    QMutexLocker lock(&m_mutex);
    m_images = modes;
}

int FakeOpenAi::chatRequests() const
{
    QMutexLocker lock(&m_mutex);
    return m_chatCount;
}

int FakeOpenAi::imageRequests() const
{
    QMutexLocker lock(&m_mutex);
    return m_imageCount;
}

QByteArray FakeOpenAi::lastAuthorization() const
{
    QMutexLocker lock(&m_mutex);
    return m_auth;
}

QString FakeOpenAi::nextMode(QStringList &script)
{
    return script.isEmpty() ? QStringLiteral("ok") : script.takeFirst();
}

void FakeOpenAi::handle(QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
        buffer->append(socket->readAll());
        const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray head = buffer->left(headerEnd);
        qsizetype length = 0;
        QByteArray auth;
        for (const QByteArray &line : head.split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
            if (l.toLower().startsWith("authorization:"))
                auth = l.mid(14).trimmed();
        }
        if (buffer->size() < headerEnd + 4 + length)
            return;
        const QByteArray requestLine = head.left(head.indexOf("\r\n"));
        const QJsonObject body = QJsonDocument::fromJson(buffer->mid(headerEnd + 4, length)).object();
        QString mode;
        const bool chat = requestLine.contains("/v1/chat/completions");
        const bool images = requestLine.contains("/v1/images/generations");
        {
            QMutexLocker lock(&m_mutex);
            m_auth = auth;
            if (chat) {
                ++m_chatCount;
                mode = nextMode(m_chat);
            } else if (images) {
                ++m_imageCount;
                mode = nextMode(m_images);
            }
        }
        if (mode == QLatin1String("hang"))
            return; // never answers: the client's timeout must fire
        QByteArray reply;
        if (chat && body.value(QStringLiteral("model")).toString().isEmpty()) {
            reply = response(400, R"({"error":{"message":"model is required","type":"invalid_request_error","param":null,"code":null}})");
        } else if (chat) {
            if (mode == QLatin1String("refusal"))
                reply = response(200, chatBody(QString(), QStringLiteral("stop"), QStringLiteral("I can't help with that request.")));
            else if (mode == QLatin1String("invalid_json"))
                reply = response(200, chatBody(QStringLiteral("Sure! Here are some slogans: camping is life")));
            else if (mode == QLatin1String("http_error"))
                reply = response(500, R"({"error":{"message":"model overloaded","type":"server_error","param":null,"code":null}})");
            else
                reply = response(200, chatBody(QStringLiteral(
                                          "{\"concept\":\"A campfire under the stars for weekend campers\","
                                          "\"slogans\":[\"Campfire Nights Forever\",\"Sleep Under Stars\",\"Tent Life\"]}")));
        } else if (images) {
            if (mode == QLatin1String("not_image"))
                reply = response(200, R"({"created":1732500000,"data":[{"b64_json":"SGVsbG8sIHRoaXMgaXMgbm90IGFuIGltYWdl"}]})");
            else if (mode == QLatin1String("url_only"))
                reply = response(200, R"({"created":1732500000,"data":[{"url":"https://example.invalid/img.png"}]})");
            else
                reply = response(200, QJsonDocument(QJsonObject{{QStringLiteral("created"), 1732500000},
                                                                {QStringLiteral("data"), QJsonArray{QJsonObject{
                                                                                             {QStringLiteral("b64_json"), QString::fromLatin1(artworkPng().toBase64())},
                                                                                             {QStringLiteral("revised_prompt"), QJsonValue()}}}}})
                                          .toJson(QJsonDocument::Compact));
        } else {
            reply = response(404, R"({"error":{"message":"not found","type":"invalid_request_error","param":null,"code":null}})");
        }
        socket->write(reply);
        socket->disconnectFromHost();
    });
}

} // namespace podtrends::test
