#pragma once

#include <core/util/result.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace podtrends::core {

/** One HTTP answer as the publishing clients see it. */
struct PublishResponse
{
    int status = 0;               ///< HTTP status, 0 when no response arrived
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QString networkError;         ///< set when the request failed below HTTP (refused, timeout, …)
    bool cancelled = false;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    bool transient() const { return !cancelled && (status == 0 || status >= 500); }
};

using PublishHeaders = QList<QPair<QByteArray, QByteArray>>;

/**
 * The small blocking HTTP transport of the publishing clients. It is meant for worker threads
 * and the command line: send() runs a local event loop until the reply finished, timed out or
 * the cancel flag was raised. One instance per thread (it owns its QNetworkAccessManager).
 * Plain http is refused except to loopback addresses; headers are never logged.
 */
class PublishHttp final
{
public:
    Q_DISABLE_COPY_MOVE(PublishHttp)
    explicit PublishHttp(int timeoutMs = 60000);
    ~PublishHttp();

    /** Raised by another thread to stop waiting; send() and sleep() return early. */
    void setCancelFlag(const std::atomic_bool *flag) { m_cancel = flag; }
    /** Alternatively (or also) asks this function, e.g. a job's isCancelled(). */
    void setCancelCheck(std::function<bool()> check) { m_cancelCheck = std::move(check); }
    bool isCancelled() const { return (m_cancel && m_cancel->load()) || (m_cancelCheck && m_cancelCheck()); }

    PublishResponse send(const QByteArray &method, const QUrl &url, const PublishHeaders &headers, const QByteArray &body = {});
    /** Waits without blocking the thread's event loop; false when cancelled meanwhile. */
    bool sleep(qint64 ms);

    /** https anywhere, http only to 127.0.0.0/8, ::1 and localhost. */
    static Status checkUrlAllowed(const QUrl &url);
    /** multipart/form-data with the fields in order and the file last; returns the content type. */
    static QByteArray multipartBody(const PublishHeaders &fields, const QByteArray &fileField, const QString &fileName,
                                    const QByteArray &mimeType, const QByteArray &data, QByteArray *contentType);

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    const std::atomic_bool *m_cancel = nullptr;
    std::function<bool()> m_cancelCheck;
    int m_timeoutMs;
};

} // namespace podtrends::core
