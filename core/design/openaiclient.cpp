#include "openaiclient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

namespace podtrends::core::openaiclient {

Q_LOGGING_CATEGORY(lcOpenAi, "podtrends.design.openai")

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OpenAiClient)
};

constexpr qint64 MaxReplyBytes = 64 * 1024 * 1024;

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

QUrl endpoint(const QString &base, const QString &path)
{
    QString b = base.trimmed();
    while (b.endsWith(QLatin1Char('/')))
        b.chop(1);
    return QUrl(b + QLatin1Char('/') + path);
}

Result<QJsonObject> postJson(const QUrl &url, const QJsonObject &body, const QString &apiKey, int timeoutMs,
                             const std::atomic_bool *cancel)
{
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return Result<QJsonObject>::failure(Tr::tr("The AI server address %1 is not a valid http(s) URL").arg(url.toString()), 2);
    if (url.scheme() == QLatin1String("http") && !isLoopback(url))
        return Result<QJsonObject>::failure(
            Tr::tr("Refusing plain http to %1: use https (plain http is only allowed to this computer)").arg(url.host()), 2);

    QNetworkAccessManager manager;
    manager.setTransferTimeout(timeoutMs);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("PodTrends/%1").arg(QCoreApplication::applicationVersion()));
    // Local servers ignore the key but OpenAI's clients always send one.
    request.setRawHeader("Authorization", "Bearer " + (apiKey.isEmpty() ? QByteArray("none") : apiKey.toUtf8()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);

    std::unique_ptr<QNetworkReply> reply(manager.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    QEventLoop loop;
    bool timedOut = false;
    bool cancelled = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QTimer cancelPoll;
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (cancel && cancel->load()) {
            cancelled = true;
            reply->abort();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64) {
        if (received > MaxReplyBytes)
            reply->abort();
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    cancelPoll.start(100);
    if (!reply->isFinished())
        loop.exec();

    const QString host = url.host();
    if (cancelled)
        return Result<QJsonObject>::failure(Tr::tr("Cancelled"));
    if (timedOut || reply->error() == QNetworkReply::OperationCanceledError)
        return Result<QJsonObject>::failure(Tr::tr("%1 did not answer within %2 s").arg(host).arg(timeoutMs / 1000.0));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    if (status >= 400 || (reply->error() != QNetworkReply::NoError && status == 0)) {
        QString message = doc.object().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        if (message.isEmpty())
            message = status == 0 ? reply->errorString() : QString::fromUtf8(data.left(160)).simplified();
        qCWarning(lcOpenAi) << "request to" << url.path() << "failed with" << status;
        if (status == 401 || status == 403)
            return Result<QJsonObject>::failure(Tr::tr("%1 rejected the API key (HTTP %2): %3").arg(host).arg(status).arg(message), status);
        if (status == 0)
            return Result<QJsonObject>::failure(Tr::tr("Cannot reach %1: %2").arg(host, message));
        return Result<QJsonObject>::failure(Tr::tr("%1 answered HTTP %2: %3").arg(host).arg(status).arg(message), status);
    }
    if (!doc.isObject())
        return Result<QJsonObject>::failure(Tr::tr("%1 sent an answer that is not valid JSON").arg(host));
    return doc.object();
}

} // namespace podtrends::core::openaiclient
