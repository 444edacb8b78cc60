#pragma once

// A loopback HTTP/1.1 server for the collection tests (API-CONTRACTS.md §1, §4, §5). Each
// request is answered by a handler; an answer can be cut after N body bytes (a reset mid-body),
// delayed, or the whole server stopped mid-run. Every request is recorded with its arrival time.

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace podtrends::test {

struct FakeRequest
{
    QByteArray method;
    QUrl url;                               ///< path + query
    QHash<QByteArray, QByteArray> headers;  ///< lower-case names
    qint64 atMs = 0;                        ///< ms since the server started
    QString query(const QString &name) const { return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded); }
};

struct FakeResponse
{
    int status = 200;
    QByteArray contentType = "application/json; charset=utf-8";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int cutAfterBytes = -1;   ///< >= 0: send only this many body bytes, then reset the connection
    int delayMs = 0;

    static FakeResponse json(const QByteArray &body, int status = 200) { return {status, "application/json; charset=utf-8", {}, body}; }
    static FakeResponse html(const QByteArray &body, int status = 200) { return {status, "text/html; charset=utf-8", {}, body}; }
};

class FakeServer final : public QObject
{
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeServer(Handler handler)
        : m_handler(std::move(handler))
    {
        m_clock.start();
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                serve(s);
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url(const QString &path = {}) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    /** Stops accepting and closes every open connection (the store "disappears"). */
    void shutDown()
    {
        m_server.close();
        for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets))
            if (s)
                s->abort();
    }
    const QList<FakeRequest> &requests() const { return m_requests; }
    /** Forgets the requests recorded so far (a long run keeps its own memory flat). */
    void clearRequests() { m_requests.clear(); }

private:
    void serve(QTcpSocket *socket)
    {
        m_sockets << socket;
        auto *buffer = new QByteArray;
        QObject::connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
            delete buffer;
            socket->deleteLater();
        });
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            buffer->remove(0, end + 4);
            FakeRequest request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.url = QUrl::fromEncoded(first.value(1));
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
            }
            request.atMs = m_clock.elapsed();
            m_requests << request;
            const FakeResponse response = m_handler(request);
            QPointer<QTcpSocket> guard(socket);
            auto write = [guard, response] {
                if (!guard)
                    return;
                QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\n";
                head += "Content-Type: " + response.contentType + "\r\n";
                head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
                for (const auto &[name, value] : response.headers)
                    head += name + ": " + value + "\r\n";
                head += "Connection: keep-alive\r\n\r\n";
                guard->write(head);
                if (response.cutAfterBytes >= 0) {
                    guard->write(response.body.left(response.cutAfterBytes));
                    guard->flush();
                    guard->abort();
                    return;
                }
                guard->write(response.body);
            };
            if (response.delayMs > 0)
                QTimer::singleShot(response.delayMs, socket, write);
            else
                write();
        });
    }

    Handler m_handler;
    QTcpServer m_server;
    QElapsedTimer m_clock;
    QList<FakeRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
};

/** A fake Shopify store of `total` products following §1.1 (limit clamp 250, empty page at the end, 400 past 25,000). */
inline FakeResponse shopifyPage(const FakeRequest &r, int total, qint64 firstId = 1000)
{
    if (r.url.path() != QLatin1String("/products.json"))
        return FakeResponse::html("<html><body>Not found</body></html>", 404);
    const int limit = std::min(250, std::max(1, r.query(QStringLiteral("limit")).toInt()));
    const int page = std::max(1, r.query(QStringLiteral("page")).toInt());
    if (qint64(page) * limit > 25000)
        return FakeResponse::json(R"({"errors":"Page * Limit exceeds the 25000 limit."})", 400);
    QByteArray body = "{\"products\":[";
    const int from = (page - 1) * limit;
    const int to = std::min(total, from + limit);
    for (int i = from; i < to; ++i) {
        if (i > from)
            body += ',';
        const QByteArray id = QByteArray::number(firstId + i);
        body += "{\"id\":" + id + ",\"title\":\"Retro Tee " + id + "\",\"handle\":\"retro-tee-" + id
            + "\",\"body_html\":\"<p>Soft &amp; comfy tee</p>\",\"vendor\":\"Sunny Prints\",\"product_type\":\"T-Shirt\","
              "\"tags\":[\"retro\",\"sunset\"],\"variants\":[{\"id\":" + id + "1,\"price\":\"24.00\"},{\"id\":" + id
            + "2,\"price\":\"19.50\"}],\"images\":[{\"src\":\"https://cdn.shopify.com/s/files/1/" + id + ".jpg\"}]}";
    }
    body += "]}";
    return FakeResponse::json(body);
}

} // namespace podtrends::test
