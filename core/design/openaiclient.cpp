#include "openaiclient.h"

#include <core/net/blockinghttp.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace podtrends::core::openaiclient {

Q_LOGGING_CATEGORY(lcOpenAi, "podtrends.design.openai")

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OpenAiClient)
};

} // namespace

QUrl endpoint(const QString &base, const QString &path)
{
    QString b = base.trimmed();
    while (b.endsWith(QLatin1Char('/')))
        b.chop(1);
    return QUrl(b + QLatin1Char('/') + path);
}

HttpSettings httpSettings(int timeoutMs)
{
    HttpSettings s;
    s.transferTimeoutMs = timeoutMs;
    s.maxBodyBytes = 64ll * 1024 * 1024; // a 1792×1024 PNG as base64 is under 10 MB
    s.maxRetries = 0;                    // a repeated generation is paid twice
    s.maxRateLimitWaits = 2;
    s.baseBackoffMs = 2000;
    s.maxRetryAfterMs = std::max(timeoutMs, 1000);
    s.requestsPerSecond = 0;             // the server's 429s set the pace
    return s;
}

HttpRequest request(const QUrl &url, const QJsonObject &body, const QString &apiKey, int timeoutMs)
{
    HttpRequest r = HttpRequest::postJson(url, body);
    // Local servers ignore the key but OpenAI's clients always send one.
    r.setHeader("Authorization", "Bearer " + (apiKey.isEmpty() ? QByteArray("none") : apiKey.toUtf8()));
    r.settings = httpSettings(timeoutMs);
    r.deadlineMs = timeoutMs;
    return r;
}

Result<QJsonObject> parseReply(const QUrl &url, const HttpReply &reply)
{
    const QString host = url.host();
    const int status = reply.status;
    const QJsonDocument doc = QJsonDocument::fromJson(reply.body);
    if (status >= 400) {
        QString message = doc.object().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        if (message.isEmpty())
            message = QString::fromUtf8(reply.body.left(160)).simplified();
        qCWarning(lcOpenAi) << "request to" << url.path() << "failed with" << status;
        if (status == 401 || status == 403)
            return Result<QJsonObject>::failure(Tr::tr("%1 rejected the API key (HTTP %2): %3").arg(host).arg(status).arg(message), status);
        return Result<QJsonObject>::failure(Tr::tr("%1 answered HTTP %2: %3").arg(host).arg(status).arg(message), status);
    }
    if (!doc.isObject())
        return Result<QJsonObject>::failure(Tr::tr("%1 sent an answer that is not valid JSON").arg(host));
    return doc.object();
}

Result<QJsonObject> postJson(const QUrl &url, const QJsonObject &body, const QString &apiKey, int timeoutMs,
                             const std::atomic_bool *cancel)
{
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return Result<QJsonObject>::failure(Tr::tr("The AI server address %1 is not a valid http(s) URL").arg(url.toString()), 2);
    BlockingHttp http(httpSettings(timeoutMs));
    http.setCancelFlag(cancel);
    auto sent = http.send(request(url, body, apiKey, timeoutMs));
    if (!sent) {
        const int code = sent.error().code;
        if (code == HttpError::Cancelled)
            return Result<QJsonObject>::failure(Tr::tr("Cancelled"));
        if (code == HttpError::Refused)
            return Result<QJsonObject>::failure(sent.errorMessage(), 2);
        return Result<QJsonObject>::failure(sent.errorMessage());
    }
    return parseReply(url, *sent);
}

} // namespace podtrends::core::openaiclient
