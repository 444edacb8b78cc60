#include "publishhttp.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcPublishHttp, "podtrends.publishing.http")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PublishHttp)
};
} // namespace

PublishHttp::PublishHttp(int timeoutMs)
    : m_nam(std::make_unique<QNetworkAccessManager>())
    , m_timeoutMs(timeoutMs)
{
}

PublishHttp::~PublishHttp() = default;

Status PublishHttp::checkUrlAllowed(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return Status::failure(Tr::tr("The address %1 is not a valid URL.").arg(url.toDisplayString(QUrl::RemoveUserInfo)), 2);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        const QString host = url.host().toLower();
        const QHostAddress address(host);
        if (host == QLatin1String("localhost") || (!address.isNull() && address.isLoopback()))
            return {};
        return Status::failure(Tr::tr("Refusing plain http to %1: credentials are only sent over https (or to this computer).").arg(host), 2);
    }
    return Status::failure(Tr::tr("Unsupported URL scheme \"%1\".").arg(scheme), 2);
}

bool PublishHttp::sleep(qint64 ms)
{
    if (ms <= 0)
        return !isCancelled();
    QEventLoop loop;
    QTimer done;
    done.setSingleShot(true);
    QObject::connect(&done, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (isCancelled())
            loop.quit();
    });
    done.start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
    poll.start(50);
    loop.exec();
    return !isCancelled();
}

PublishResponse PublishHttp::send(const QByteArray &method, const QUrl &url, const PublishHeaders &headers, const QByteArray &body)
{
    PublishResponse response;
    if (Status allowed = checkUrlAllowed(url); !allowed) {
        response.networkError = allowed.errorMessage();
        return response;
    }
    if (isCancelled()) {
        response.cancelled = true;
        response.networkError = Tr::tr("Cancelled.");
        return response;
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("PodTrends/%1").arg(QStringLiteral(PODTRENDS_VERSION)));
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    // Only the path is logged: queries and headers may carry identifiers, never tokens.
    qCDebug(lcPublishHttp).noquote() << method << url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    QNetworkReply *reply = m_nam->sendCustomRequest(request, method, body);
    std::unique_ptr<QNetworkReply> owner(reply);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (isCancelled()) {
            response.cancelled = true;
            reply->abort();
        }
    });
    poll.start(50);
    if (!reply->isFinished())
        loop.exec();
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.insert(pair.first.toLower(), pair.second);
    if (response.cancelled) {
        response.networkError = Tr::tr("Cancelled.");
        response.status = 0;
    } else if (response.status == 0) {
        response.networkError = reply->error() == QNetworkReply::OperationCanceledError
                                    ? Tr::tr("%1 did not answer within %2 s.").arg(url.host()).arg(m_timeoutMs / 1000)
                                    : Tr::tr("Cannot reach %1: %2").arg(url.host(), reply->errorString());
    }
    qCDebug(lcPublishHttp).noquote() << "->" << response.status << response.body.size() << "bytes";
    return response;
}

QByteArray PublishHttp::multipartBody(const PublishHeaders &fields, const QByteArray &fileField, const QString &fileName,
                                      const QByteArray &mimeType, const QByteArray &data, QByteArray *contentType)
{
    const QByteArray boundary = "----podtrends" + QUuid::createUuid().toByteArray(QUuid::Id128);
    QByteArray out;
    for (const auto &f : fields) {
        out += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.first + "\"\r\n\r\n" + f.second + "\r\n";
    }
    out += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName.toUtf8()
           + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
    *contentType = "multipart/form-data; boundary=" + boundary;
    return out;
}

} // namespace podtrends::core
