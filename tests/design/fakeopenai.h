#pragma once

#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QTcpServer>
#include <QThread>

namespace podtrends::test {

/**
 * A loopback fake of an OpenAI-compatible server (chat/completions and images/generations) on
 * its own thread, so that clients blocking other threads still get answers. Each request takes
 * the next scripted mode for its endpoint ("ok" when the script is empty).
 * Chat modes: ok, refusal, invalid_json, http_error, hang. Image modes: ok, not_image, url_only, hang.
 */
class FakeOpenAi final : public QObject
{
    Q_OBJECT
public:
    FakeOpenAi();
    ~FakeOpenAi() override;

    QString baseUrl() const;
    void scriptChat(const QStringList &modes);
    void scriptImages(const QStringList &modes);
    int chatRequests() const;
    int imageRequests() const;
    QByteArray lastAuthorization() const;

private:
    void handle(class QTcpSocket *socket);
    QString nextMode(QStringList &script);

    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QStringList m_chat;
    QStringList m_images;
    int m_chatCount = 0;
    int m_imageCount = 0;
    QByteArray m_auth;
};

} // namespace podtrends::test
