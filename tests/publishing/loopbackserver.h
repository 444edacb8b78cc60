#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>

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
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    static FakeReply json(int status, const QJsonObject &object, QList<QPair<QByteArray, QByteArray>> headers = {});
};

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 (keep-alive, Content-Length bodies) that hands each
 * request to a handler on the test's thread. Enough for QNetworkAccessManager and nothing more.
 */
class LoopbackServer final : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<FakeReply(const FakeRequest &)>;
    explicit LoopbackServer(Handler handler, QObject *parent = nullptr);
    QUrl baseUrl() const;
    QList<FakeRequest> requests; ///< every request received, in order

private:
    void onConnection();
    QTcpServer m_server;
    Handler m_handler;
};

} // namespace podtrends::test
