#include "httpclient.h"

#include "hostratelimiter.h"

#include <core/util/settings.h>

#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcNet, "podtrends.core.net")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HttpClient)
};

bool isRetryableNetworkError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // a transfer timeout (we mark our own aborts)
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return false;
    }
}

QString describeNetworkError(QNetworkReply::NetworkError e, const QString &host)
{
    switch (e) {
    case QNetworkReply::RemoteHostClosedError:
        return Tr::tr("%1 closed the connection before the answer was complete").arg(host);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return Tr::tr("%1 did not answer in time").arg(host);
    case QNetworkReply::ConnectionRefusedError:
        return Tr::tr("%1 refused the connection").arg(host);
    case QNetworkReply::HostNotFoundError:
        return Tr::tr("The host %1 was not found").arg(host);
    case QNetworkReply::SslHandshakeFailedError:
        return Tr::tr("The secure connection to %1 failed").arg(host);
    default:
        return Tr::tr("Network error talking to %1").arg(host);
    }
}

} // namespace

struct HttpClient::Call
{
    quint64 id = 0;
    HttpRequest request;
    Callback done;
    int attempt = 0;
    QNetworkReply *reply = nullptr;
    QTimer *timer = nullptr;
    QByteArray body;
    bool tooLarge = false;
    bool redirectRefused = false;
    QString refusedReason;
};

HttpSettings HttpSettings::defaults()
{
    HttpSettings s;
    s.transferTimeoutMs = settings::value(QStringLiteral("network/timeout_ms"), s.transferTimeoutMs).toInt();
    s.requestsPerSecond = settings::value(QStringLiteral("network/requests_per_second"), s.requestsPerSecond).toDouble();
    return s;
}

HttpClient::HttpClient(HttpSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
    m_nam->setAutoDeleteReplies(false);
}

HttpClient::~HttpClient()
{
    // Callbacks may touch objects that are being destroyed too: drop them silently.
    for (auto &[id, call] : m_calls) {
        if (call->reply) {
            call->reply->disconnect(this);
            call->reply->abort();
            call->reply->deleteLater();
        }
    }
    m_calls.clear();
}

bool HttpClient::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

Status HttpClient::checkUrlAllowed(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return Status::failure(Tr::tr("Not a valid web address: %1").arg(url.toDisplayString()), HttpError::Refused);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        return Status::failure(Tr::tr("Plain http is refused for %1; use https").arg(url.host()), HttpError::Refused);
    }
    return Status::failure(Tr::tr("Unsupported address scheme \"%1\"").arg(scheme), HttpError::Refused);
}

QString HttpClient::hostKey(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("http") ? 80 : 443;
    return url.host().toLower() + QLatin1Char(':') + QString::number(url.port(defaultPort));
}

qint64 HttpClient::parseRetryAfter(const QByteArray &value)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok)
        return seconds < 0 ? -1 : qint64(std::ceil(seconds * 1000.0));
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

quint64 HttpClient::get(const HttpRequest &request, Callback done)
{
    auto call = std::make_unique<Call>();
    call->id = m_nextId++;
    call->request = request;
    call->done = std::move(done);
    Call *raw = call.get();
    m_calls.emplace(raw->id, std::move(call));
    if (Status allowed = checkUrlAllowed(request.url); !allowed) {
        const quint64 id = raw->id;
        // Asynchronous like every other answer, so callers never re-enter themselves.
        QTimer::singleShot(0, this, [this, id, allowed] {
            auto it = m_calls.find(id);
            if (it != m_calls.end())
                complete(it->second.get(), allowed.error());
        });
        return raw->id;
    }
    dispatch(raw, 0);
    return raw->id;
}

void HttpClient::dispatch(Call *call, qint64 extraDelayMs)
{
    const quint64 id = call->id;
    auto go = [this, id] {
        auto it = m_calls.find(id);
        if (it == m_calls.end())
            return;
        Call *c = it->second.get();
        const qint64 wait = HostRateLimiter::instance().reserve(hostKey(c->request.url), m_settings.requestsPerSecond, m_settings.burst);
        if (wait <= 0) {
            send(c);
            return;
        }
        if (!c->timer) {
            c->timer = new QTimer(this);
            c->timer->setSingleShot(true);
            c->timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early and break the rate
        }
        c->timer->disconnect();
        connect(c->timer, &QTimer::timeout, this, [this, id] {
            auto i = m_calls.find(id);
            if (i != m_calls.end())
                send(i->second.get());
        });
        c->timer->start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
    };
    if (extraDelayMs <= 0) {
        go();
        return;
    }
    if (!call->timer) {
        call->timer = new QTimer(this);
        call->timer->setSingleShot(true);
        call->timer->setTimerType(Qt::PreciseTimer);
    }
    call->timer->disconnect();
    connect(call->timer, &QTimer::timeout, this, go);
    call->timer->start(int(std::min<qint64>(extraDelayMs, std::numeric_limits<int>::max())));
}

void HttpClient::send(Call *call)
{
    ++call->attempt;
    call->body.clear();
    call->tooLarge = false;
    call->redirectRefused = false;
    QNetworkRequest req(call->request.url);
    const QByteArray agent = m_settings.userAgent.isEmpty()
        ? QByteArray("PODTrends/") + QCoreApplication::applicationVersion().toLatin1()
        : m_settings.userAgent;
    req.setHeader(QNetworkRequest::UserAgentHeader, agent);
    req.setTransferTimeout(m_settings.transferTimeoutMs);
    req.setMaximumRedirectsAllowed(m_settings.maxRedirects);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    if (!call->request.accept.isEmpty())
        req.setRawHeader("Accept", call->request.accept);
    for (const auto &[name, value] : call->request.headers)
        req.setRawHeader(name, value);
    qCDebug(lcNet) << "GET" << call->request.url.toDisplayString(QUrl::RemoveUserInfo) << "attempt" << call->attempt;

    QNetworkReply *reply = m_nam->get(req);
    call->reply = reply;
    const quint64 id = call->id;
    auto find = [this, id]() -> Call * {
        auto it = m_calls.find(id);
        return it == m_calls.end() ? nullptr : it->second.get();
    };
    connect(reply, &QNetworkReply::redirected, this, [reply, find](const QUrl &url) {
        Call *c = find();
        if (!c)
            return;
        if (Status s = checkUrlAllowed(url); !s) {
            c->redirectRefused = true;
            c->refusedReason = s.errorMessage();
            reply->abort();
            return;
        }
        Q_EMIT reply->redirectAllowed();
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, find] {
        Call *c = find();
        if (!c || c->tooLarge)
            return;
        c->body += reply->readAll();
        if (c->body.size() > m_settings.maxBodyBytes) {
            c->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, find] {
        if (Call *c = find())
            onFinished(c);
    });
}

void HttpClient::onFinished(Call *call)
{
    QNetworkReply *reply = call->reply;
    call->reply = nullptr;
    reply->deleteLater();
    const QString host = call->request.url.host();
    if (call->tooLarge) {
        complete(call, Error{Tr::tr("The answer from %1 is larger than %2 MB").arg(host).arg(m_settings.maxBodyBytes / (1024 * 1024)), HttpError::TooLarge});
        return;
    }
    if (call->redirectRefused) {
        complete(call, Error{call->refusedReason, HttpError::Refused});
        return;
    }
    call->body += reply->readAll();

    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError netError = reply->error();
    // Transport errors (codes below 100: reset, refused, timeout, truncated body) mean no complete
    // HTTP answer even when a status line arrived: never hand out partial bytes.
    if (!statusAttr.isValid() || (netError != QNetworkReply::NoError && int(netError) < 100)) {
        const Error error{describeNetworkError(netError, host), HttpError::Network};
        if (netError == QNetworkReply::NoError) {
            complete(call, Error{Tr::tr("No answer from %1").arg(host), HttpError::Network});
            return;
        }
        qCInfo(lcNet) << "network error" << netError << "from" << host << "attempt" << call->attempt;
        if (isRetryableNetworkError(netError))
            retryOrFinish(call, error, backoffMs(call->attempt));
        else
            complete(call, error);
        return;
    }

    HttpReply response;
    response.status = statusAttr.toInt();
    response.body = std::move(call->body);
    response.url = reply->url();
    response.attempts = call->attempt;
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.insert(pair.first.toLower(), pair.second);
    QByteArray type = response.header("content-type").toLower();
    if (const qsizetype semi = type.indexOf(';'); semi >= 0)
        type.truncate(semi);
    response.contentType = type.trimmed();
    learnLimits(call->request.url, response);

    const int status = response.status;
    const bool noRetry = call->request.noRetryStatuses.contains(status);
    if (!noRetry && (status == 429 || status == 430 || status == 503)) {
        qint64 wait = parseRetryAfter(response.header("retry-after"));
        if (wait > m_settings.maxRetryAfterMs) {
            complete(call, std::move(response));
            return;
        }
        if (wait < 0)
            wait = backoffMs(call->attempt) * (status == 430 ? 4 : 1);
        qCInfo(lcNet) << status << "from" << host << "- retrying in" << wait << "ms";
        // Everyone else talking to this host waits too.
        HostRateLimiter::instance().pushBack(hostKey(call->request.url), wait);
        retryOrFinish(call, std::move(response), wait);
        return;
    }
    if (!noRetry && (status == 500 || status == 502 || status == 504)) {
        retryOrFinish(call, std::move(response), backoffMs(call->attempt));
        return;
    }
    complete(call, std::move(response));
}

void HttpClient::retryOrFinish(Call *call, Result<HttpReply> outcome, qint64 delayMs)
{
    if (call->attempt > m_settings.maxRetries) {
        complete(call, std::move(outcome));
        return;
    }
    dispatch(call, delayMs);
}

void HttpClient::learnLimits(const QUrl &url, const HttpReply &response)
{
    // Etsy announces its allowance on every success (x-limit-per-second / x-remaining-this-second).
    const QByteArray perSecond = response.header("x-limit-per-second");
    if (perSecond.isEmpty())
        return;
    bool ok = false;
    const double rate = perSecond.toDouble(&ok);
    if (ok && rate > 0)
        HostRateLimiter::instance().setRate(hostKey(url), rate);
    if (response.header("x-remaining-this-second").trimmed() == "0")
        HostRateLimiter::instance().pushBack(hostKey(url), 1000);
}

qint64 HttpClient::backoffMs(int attempt) const
{
    const double exp = std::min(30, std::max(0, attempt - 1));
    const double base = double(m_settings.baseBackoffMs) * std::pow(2.0, exp);
    const double jitter = 0.5 + QRandomGenerator::global()->generateDouble(); // 0.5 … 1.5
    return qint64(std::min(double(m_settings.maxBackoffMs), base * jitter));
}

void HttpClient::complete(Call *call, Result<HttpReply> outcome)
{
    auto it = m_calls.find(call->id);
    if (it == m_calls.end())
        return;
    std::unique_ptr<Call> owned = std::move(it->second);
    m_calls.erase(it);
    if (owned->timer)
        owned->timer->deleteLater();
    if (owned->reply) {
        owned->reply->disconnect(this);
        owned->reply->abort();
        owned->reply->deleteLater();
    }
    if (owned->done)
        owned->done(std::move(outcome));
}

void HttpClient::cancel(quint64 id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    complete(it->second.get(), Error{Tr::tr("Cancelled"), HttpError::Cancelled});
}

void HttpClient::cancelAll()
{
    QList<quint64> ids;
    for (const auto &[id, call] : m_calls)
        ids << id;
    for (quint64 id : ids)
        cancel(id);
}

} // namespace podtrends::core
