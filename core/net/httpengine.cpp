#include "httpengine.h"

#include "hostratelimiter.h"
#include "httppolicy.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

Q_LOGGING_CATEGORY(lcNet, "podtrends.core.net")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HttpClient)
};

QMutex s_instanceMutex;
HttpEngine *s_instance = nullptr;
std::atomic<QThread *> s_networkThread{nullptr};

bool isRetryableNetworkError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // a transfer timeout (our own aborts are marked)
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
    case QNetworkReply::TooManyRedirectsError:
        return Tr::tr("%1 sent the request round in circles (too many redirects)").arg(host);
    case QNetworkReply::InsecureRedirectError:
        return Tr::tr("%1 redirected to an insecure address").arg(host);
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::UnknownContentError: // with a 2xx status: the body could not be decompressed
        return Tr::tr("The answer from %1 could not be decoded (broken compression or framing)").arg(host);
    default:
        return Tr::tr("Network error talking to %1").arg(host);
    }
}

/** An uncompressed body that ended before its Content-Length (HEAD, 204 and 304 have none). */
bool isShortOfContentLength(qint64 received, const QByteArray &method, int status, const QNetworkReply *reply)
{
    if (method == "HEAD" || status == 204 || status == 304)
        return false;
    const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return false; // Qt hands out the decoded bytes, which the length does not describe
    bool ok = false;
    const qint64 expected = reply->rawHeader("Content-Length").trimmed().toLongLong(&ok);
    return ok && received < expected;
}

QString attemptsSuffix(int attempts)
{
    return attempts > 1 ? Tr::tr(" (after %n attempt(s))", nullptr, attempts) : QString();
}

} // namespace

struct HttpEngine::Call
{
    quint64 id = 0;
    HttpRequest request;
    HttpSettings settings;
    Done done;
    Notice notice;
    QFuture<Result<HttpReply>> cancelWith;
    int attempt = 0;            ///< attempts sent so far
    int transientRetries = 0;
    int rateLimitWaits = 0;
    QNetworkReply *reply = nullptr;
    QTimer *timer = nullptr;    ///< backoff and rate-limit waits
    QTimer *deadline = nullptr;
    QObject *watcher = nullptr; ///< QFutureWatcher of cancelWith
    QByteArray body;
    qint64 received = 0;
    std::unique_ptr<QSaveFile> file;
    bool sinkChosen = false;
    bool toFile = false;
    bool tooLarge = false;
    int redirects = 0;
    int lastStatus = 0;         ///< the status that made the call wait and resend
    bool followingRedirect = false;
    /** The request as it is sent now: redirects change the address, and may change the method. */
    QUrl url;
    QByteArray method;
    QByteArray body_;
    HttpHeaders headers;
    bool deadlineHit = false;
    bool fileFailed = false;
    QString fileError;

    QString host() const { return (url.isEmpty() ? request.url : url).host(); }
};

HttpEngine::HttpEngine() = default;

HttpEngine::~HttpEngine() = default;

HttpEngine &HttpEngine::instance()
{
    QMutexLocker lock(&s_instanceMutex);
    if (!s_instance) {
        qRegisterMetaType<RetryNotice>();
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("network"));
        auto *engine = new HttpEngine;
        engine->m_thread = thread;
        engine->moveToThread(thread);
        if (QCoreApplication *app = QCoreApplication::instance())
            thread->moveToThread(app->thread()); // stopped and deleted by the application's thread
        s_networkThread = thread;
        thread->start();
        s_instance = engine;
        qAddPostRoutine(&HttpEngine::shutDown);
    }
    return *s_instance;
}

void HttpEngine::shutDown()
{
    HttpEngine *engine = nullptr;
    {
        QMutexLocker lock(&s_instanceMutex);
        engine = std::exchange(s_instance, nullptr);
    }
    if (!engine)
        return;
    QThread *thread = engine->m_thread;
    if (thread->isRunning()) {
        QMetaObject::invokeMethod(engine, [engine] {
            std::vector<quint64> ids;
            for (const auto &[id, call] : engine->m_calls)
                ids.push_back(id);
            for (quint64 id : ids)
                engine->completeById(id, Error{Tr::tr("Cancelled: the program is closing"), HttpError::Cancelled});
            delete engine->m_nam;
            engine->m_nam = nullptr;
            engine->moveToThread(nullptr);
        }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
    }
    s_networkThread = nullptr;
    delete engine;
    delete thread;
}

bool HttpEngine::onNetworkThread()
{
    const QThread *thread = s_networkThread.load();
    return thread && QThread::currentThread() == thread;
}

quint64 HttpEngine::start(HttpRequest request, HttpSettings settings, Done done, Notice notice, QFuture<Result<HttpReply>> cancelWith)
{
    auto call = std::make_shared<Call>();
    call->id = m_nextId.fetch_add(1);
    call->request = std::move(request);
    call->settings = call->request.settings ? *call->request.settings : std::move(settings);
    call->done = std::move(done);
    call->notice = std::move(notice);
    call->cancelWith = std::move(cancelWith);
    ++m_active;
    QMetaObject::invokeMethod(this, [this, call] { begin(call); }, Qt::QueuedConnection);
    return call->id;
}

void HttpEngine::cancel(quint64 id)
{
    QMetaObject::invokeMethod(this, [this, id] { completeById(id, Error{Tr::tr("Cancelled"), HttpError::Cancelled}); }, Qt::QueuedConnection);
}

void HttpEngine::completeById(quint64 id, const Error &error)
{
    auto it = m_calls.find(id);
    if (it != m_calls.end())
        complete(it->second.get(), error);
}

void HttpEngine::begin(const std::shared_ptr<Call> &call)
{
    if (!m_nam) {
        m_nam = new QNetworkAccessManager(this);
        // Redirects are followed here, not by Qt: each target is checked against the loopback rule
        // before anything is sent to it (Qt's own policies connect first and ask afterwards).
        m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_nam->setAutoDeleteReplies(false);
    }
    m_calls.emplace(call->id, call);
    Call *c = call.get();
    c->url = c->request.url;
    c->method = c->request.method.toUpper();
    c->body_ = c->request.body;
    c->headers = c->request.headers;
    if (c->cancelWith.isValid()) {
        auto *watcher = new QFutureWatcher<Result<HttpReply>>(this);
        c->watcher = watcher;
        const quint64 id = c->id;
        connect(watcher, &QFutureWatcherBase::canceled, this, [this, id] { completeById(id, Error{Tr::tr("Cancelled"), HttpError::Cancelled}); });
        watcher->setFuture(c->cancelWith);
    }
    if (Status allowed = HttpPolicy::checkUrlAllowed(c->request.url); !allowed) {
        complete(c, Error{allowed.errorMessage(), HttpError::Refused});
        return;
    }
    if (c->request.deadlineMs > 0) {
        c->deadline = new QTimer(this);
        c->deadline->setSingleShot(true);
        const quint64 id = c->id;
        connect(c->deadline, &QTimer::timeout, this, [this, id] {
            auto it = m_calls.find(id);
            if (it == m_calls.end())
                return;
            Call *late = it->second.get();
            late->deadlineHit = true;
            if (late->reply)
                late->reply->abort(); // onFinished reports it
            else if (late->lastStatus == 429 || late->lastStatus == 430 || late->lastStatus == 503)
                complete(late, Error{Tr::tr("%1 kept refusing the request (HTTP %2, rate limited) for %3 s").arg(late->host()).arg(late->lastStatus).arg(late->request.deadlineMs / 1000.0),
                                     late->lastStatus});
            else
                complete(late, Error{Tr::tr("%1 did not answer within %2 s").arg(late->host()).arg(late->request.deadlineMs / 1000.0), HttpError::Network});
        });
        c->deadline->start(c->request.deadlineMs);
    }
    dispatch(c, 0);
}

void HttpEngine::dispatch(Call *call, qint64 extraDelayMs)
{
    const quint64 id = call->id;
    if (!call->timer) {
        call->timer = new QTimer(this);
        call->timer->setSingleShot(true);
        call->timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early and break the rate
    }
    auto go = [this, id] {
        auto it = m_calls.find(id);
        if (it == m_calls.end())
            return;
        Call *c = it->second.get();
        const qint64 wait = HostRateLimiter::instance().reserve(HttpPolicy::hostKey(c->url), c->settings.requestsPerSecond, c->settings.burst);
        if (wait <= 0) {
            send(c);
            return;
        }
        if (wait > 1000)
            notify(c, wait, true, 0, Tr::tr("%1 asked for a slower pace").arg(c->host()));
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
    call->timer->disconnect();
    connect(call->timer, &QTimer::timeout, this, go);
    call->timer->start(int(std::min<qint64>(extraDelayMs, std::numeric_limits<int>::max())));
}

void HttpEngine::send(Call *call)
{
    if (!std::exchange(call->followingRedirect, false))
        ++call->attempt;
    call->body.clear();
    call->received = 0;
    call->sinkChosen = call->toFile = false;
    call->tooLarge = call->fileFailed = false;
    call->file.reset();
    const HttpRequest &r = call->request;
    if (!r.saveTo.isEmpty()) {
        call->file = std::make_unique<QSaveFile>(r.saveTo);
        if (!call->file->open(QIODevice::WriteOnly)) {
            complete(call, Error{Tr::tr("Cannot write %1: %2").arg(r.saveTo, call->file->errorString()), HttpError::File});
            return;
        }
    }
    QNetworkRequest req(call->url);
    req.setHeader(QNetworkRequest::UserAgentHeader, call->settings.userAgent.isEmpty() ? HttpPolicy::userAgent() : call->settings.userAgent);
    req.setTransferTimeout(call->settings.transferTimeoutMs);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!r.accept.isEmpty())
        req.setRawHeader("Accept", r.accept);
    if (!r.contentType.isEmpty() && !call->body_.isEmpty())
        req.setRawHeader("Content-Type", r.contentType);
    for (const auto &[name, value] : call->headers)
        req.setRawHeader(name, value);
    // Only the path: queries and headers may carry identifiers, never tokens.
    qCDebug(lcNet).noquote() << call->method << call->url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) << "attempt" << call->attempt;

    const QByteArray &method = call->method;
    QNetworkReply *reply = nullptr;
    if (method == "GET")
        reply = m_nam->get(req);
    else if (method == "HEAD")
        reply = m_nam->head(req);
    else
        reply = m_nam->sendCustomRequest(req, method, call->body_);
    call->reply = reply;
    const quint64 id = call->id;
    auto find = [this, id]() -> Call * {
        auto it = m_calls.find(id);
        return it == m_calls.end() ? nullptr : it->second.get();
    };
    connect(reply, &QNetworkReply::readyRead, this, [this, find] {
        if (Call *c = find())
            onReadyRead(c);
    });
    connect(reply, &QNetworkReply::finished, this, [this, find] {
        if (Call *c = find())
            onFinished(c);
    });
}

void HttpEngine::onReadyRead(Call *call)
{
    QNetworkReply *reply = call->reply;
    if (!reply || call->tooLarge || call->fileFailed)
        return;
    if (!call->sinkChosen) {
        // Only a successful answer goes into the file; an error page stays in memory for the caller.
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        call->toFile = call->file && status >= 200 && status < 300;
        call->sinkChosen = true;
    }
    const QByteArray data = reply->readAll();
    call->received += data.size();
    if (call->received > call->settings.maxBodyBytes) {
        call->tooLarge = true;
        reply->abort();
        return;
    }
    if (call->toFile) {
        if (call->file->write(data) != data.size()) {
            call->fileFailed = true;
            call->fileError = call->file->errorString();
            reply->abort();
        }
        return;
    }
    call->body += data;
}

void HttpEngine::onFinished(Call *call)
{
    QNetworkReply *reply = call->reply;
    onReadyRead(call); // whatever is left in the buffer
    call->reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    const QString host = call->host();
    if (call->deadlineHit) {
        complete(call, Error{Tr::tr("%1 did not answer within %2 s").arg(host).arg(call->request.deadlineMs / 1000.0), HttpError::Network});
        return;
    }
    if (call->tooLarge) {
        complete(call, Error{Tr::tr("The answer from %1 is larger than %2 MB").arg(host).arg(double(call->settings.maxBodyBytes) / (1024 * 1024), 0, 'g', 3),
                             HttpError::TooLarge});
        return;
    }
    if (call->fileFailed) {
        complete(call, Error{Tr::tr("Cannot write %1: %2").arg(call->request.saveTo, call->fileError), HttpError::File});
        return;
    }

    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    QNetworkReply::NetworkError netError = reply->error();
    if (netError == QNetworkReply::NoError && statusAttr.isValid() && isShortOfContentLength(call->received, call->method, statusAttr.toInt(), reply)) {
        // Qt 6.4 at times reports a connection reset in the middle of a body as a success with
        // the bytes so far: a body shorter than its Content-Length is a broken transfer.
        qCInfo(lcNet) << "short body from" << host << call->received << "of" << reply->rawHeader("Content-Length");
        netError = QNetworkReply::RemoteHostClosedError;
    }
    // A transport or protocol failure (reset, timeout, truncated or undecodable body) means no
    // complete answer even when a status line arrived: never hand out partial bytes.
    // Qt also reports a 4xx/5xx status as an error (400 even as a "protocol" one): that is a
    // complete answer for the caller to judge, unless the transport failed as well.
    const int statusCode = statusAttr.toInt();
    if (!statusAttr.isValid() || (netError != QNetworkReply::NoError && (int(netError) < 100 || statusCode < 400))) {
        if (netError == QNetworkReply::NoError) {
            complete(call, Error{Tr::tr("No answer from %1").arg(host), HttpError::Network});
            return;
        }
        const Error error{describeNetworkError(netError, host) + attemptsSuffix(call->attempt), HttpError::Network};
        qCInfo(lcNet) << "network error" << netError << "from" << host << "attempt" << call->attempt;
        // A refused connection never reached the server, so even a POST may go again.
        const bool safe = call->request.isIdempotent() || netError == QNetworkReply::ConnectionRefusedError;
        if (safe && isRetryableNetworkError(netError) && call->transientRetries < call->settings.maxRetries) {
            ++call->transientRetries;
            retry(call, error, backoffMs(call), false, 0);
        } else {
            complete(call, error);
        }
        return;
    }

    HttpReply response;
    response.status = statusAttr.toInt();
    response.body = std::move(call->body);
    response.url = call->url;
    response.attempts = call->attempt;
    response.bodyBytes = call->received;
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.insert(pair.first.toLower(), pair.second);
    QByteArray type = response.header("content-type").toLower();
    if (const qsizetype semi = type.indexOf(';'); semi >= 0)
        type.truncate(semi);
    response.contentType = type.trimmed();
    learnLimits(call->url, response);

    const int status = response.status;
    if (followRedirect(call, response))
        return;
    const bool noRetry = call->request.noRetryStatuses.contains(status);
    const qint64 retryAfter = HttpPolicy::parseRetryAfter(response.header("retry-after"));
    const bool idempotent = call->request.isIdempotent();
    // 429 and 430 say the request was refused, not done: safe to send again whatever the method.
    if (!noRetry && (status == 429 || status == 430 || (status == 503 && (idempotent || retryAfter >= 0)))) {
        if (retryAfter > call->settings.maxRetryAfterMs || call->rateLimitWaits >= call->settings.maxRateLimitWaits) {
            complete(call, std::move(response));
            return;
        }
        qint64 wait = retryAfter;
        if (wait < 0 && status == 429 && call->settings.rateLimitedWaitMs >= 0)
            wait = call->settings.rateLimitedWaitMs;
        if (wait < 0)
            wait = backoffMs(call) * (status == 430 ? 4 : 1);
        qCInfo(lcNet) << status << "from" << host << "- retrying in" << wait << "ms";
        // Everyone else talking to this host waits too.
        HostRateLimiter::instance().pushBack(HttpPolicy::hostKey(call->url), wait);
        ++call->rateLimitWaits;
        retry(call, std::move(response), wait, true, status);
        return;
    }
    if (!noRetry && idempotent && status >= 500 && status <= 504 && status != 501) {
        if (call->transientRetries >= call->settings.maxRetries) {
            complete(call, std::move(response));
            return;
        }
        ++call->transientRetries;
        retry(call, std::move(response), backoffMs(call), false, status);
        return;
    }
    if (response.isSuccess() && call->request.retryAfter) {
        const qint64 wait = call->request.retryAfter(response);
        if (wait >= 0 && call->rateLimitWaits < call->settings.maxRateLimitWaits) {
            ++call->rateLimitWaits;
            retry(call, std::move(response), wait, true, status);
            return;
        }
    }
    if (call->file) {
        // Only a successful answer becomes the file (an empty one included); an error page never does.
        if (response.isSuccess()) {
            if (!call->file->commit()) {
                complete(call, Error{Tr::tr("Cannot write %1: %2").arg(call->request.saveTo, call->file->errorString()), HttpError::File});
                return;
            }
            response.savedTo = call->request.saveTo;
        } else {
            call->file->cancelWriting();
        }
        call->file.reset();
    }
    complete(call, std::move(response));
}

bool HttpEngine::followRedirect(Call *call, const HttpReply &response)
{
    const int status = response.status;
    const QByteArray location = response.header("location").trimmed();
    if (call->settings.maxRedirects <= 0 || location.isEmpty() || !(status == 301 || status == 302 || status == 303 || status == 307 || status == 308))
        return false;
    const QString host = call->host();
    if (call->redirects >= call->settings.maxRedirects) {
        complete(call, Error{Tr::tr("%1 sent the request round in circles (too many redirects)").arg(host), HttpError::Network});
        return true;
    }
    const QUrl target = call->url.resolved(QUrl::fromEncoded(location));
    if (Status allowed = HttpPolicy::checkUrlAllowed(target); !allowed) {
        complete(call, Error{allowed.errorMessage(), HttpError::Refused});
        return true;
    }
    // What was sent for one host never goes to another: its headers may carry keys.
    if (HttpPolicy::hostKey(target) != HttpPolicy::hostKey(call->url) || target.scheme() != call->url.scheme())
        call->headers.clear();
    // As browsers do: 303, and 301/302 after a POST, continue with a GET without the body.
    if (status == 303 || ((status == 301 || status == 302) && call->method == "POST")) {
        if (call->method != "HEAD")
            call->method = "GET";
        call->body_.clear();
    }
    qCDebug(lcNet).noquote() << status << "redirect to" << target.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    call->url = target;
    ++call->redirects;
    call->followingRedirect = true;
    if (call->file)
        call->file->cancelWriting();
    call->file.reset();
    dispatch(call, 0);
    return true;
}

void HttpEngine::retry(Call *call, Result<HttpReply> outcome, qint64 delayMs, bool rateLimited, int status)
{
    if (call->file)
        call->file->cancelWriting();
    call->file.reset();
    call->lastStatus = status;
    QString reason;
    if (status == 429 || status == 430)
        reason = Tr::tr("%1 is rate limiting (HTTP %2)").arg(call->host()).arg(status);
    else if (rateLimited)
        reason = Tr::tr("%1 asked to wait (HTTP %2)").arg(call->host()).arg(status);
    else if (status > 0)
        reason = Tr::tr("%1 answered HTTP %2").arg(call->host()).arg(status);
    else
        reason = outcome ? Tr::tr("%1 did not answer properly").arg(call->host()) : outcome.errorMessage();
    notify(call, delayMs, rateLimited, status, reason);
    dispatch(call, delayMs);
}

void HttpEngine::notify(Call *call, qint64 waitMs, bool rateLimited, int status, const QString &reason)
{
    if (!call->notice)
        return;
    RetryNotice n;
    n.host = call->host();
    n.status = status;
    n.waitMs = waitMs;
    n.attempt = call->attempt + 1;
    n.rateLimited = rateLimited;
    n.reason = reason;
    call->notice(n);
}

void HttpEngine::learnLimits(const QUrl &url, const HttpReply &response)
{
    const QString key = HttpPolicy::hostKey(url);
    // Etsy announces its allowance on every success (x-limit-per-second / x-remaining-this-second).
    const QByteArray perSecond = response.header("x-limit-per-second");
    if (!perSecond.isEmpty()) {
        bool ok = false;
        const double rate = perSecond.toDouble(&ok);
        if (ok && rate > 0)
            HostRateLimiter::instance().setRate(key, rate);
        if (response.header("x-remaining-this-second").trimmed() == "0")
            HostRateLimiter::instance().pushBack(key, 1000);
    }
    // Printful (and others) say when the budget is spent: X-Ratelimit-Remaining 0 until Reset,
    // seen both as seconds to go and as a UNIX time.
    const QByteArray remaining = response.header("x-ratelimit-remaining").trimmed();
    if (!remaining.isEmpty() && remaining.toDouble() <= 0) {
        const double reset = response.header("x-ratelimit-reset").trimmed().toDouble();
        qint64 waitMs = 1000;
        if (reset > 1e9)
            waitMs = QDateTime::currentDateTimeUtc().msecsTo(QDateTime::fromSecsSinceEpoch(qint64(reset), Qt::UTC));
        else if (reset > 0)
            waitMs = qint64(std::ceil(reset * 1000.0));
        HostRateLimiter::instance().pushBack(key, std::clamp<qint64>(waitMs, 0, 3600 * 1000));
    }
}

qint64 HttpEngine::backoffMs(const Call *call) const
{
    const int retries = call->transientRetries + call->rateLimitWaits; // this one included
    const double exp = std::min(30, std::max(0, retries - 1));
    const double base = double(call->settings.baseBackoffMs) * std::pow(2.0, exp);
    const double jitter = 0.5 + QRandomGenerator::global()->generateDouble(); // 0.5 … 1.5
    return qint64(std::min(double(call->settings.maxBackoffMs), base * jitter));
}

void HttpEngine::complete(Call *call, Result<HttpReply> outcome)
{
    auto it = m_calls.find(call->id);
    if (it == m_calls.end())
        return;
    std::shared_ptr<Call> owned = std::move(it->second);
    m_calls.erase(it);
    --m_active;
    if (owned->timer)
        owned->timer->deleteLater();
    if (owned->deadline)
        owned->deadline->deleteLater();
    if (owned->watcher)
        owned->watcher->deleteLater();
    if (owned->reply) {
        owned->reply->disconnect(this);
        owned->reply->abort();
        owned->reply->deleteLater();
        owned->reply = nullptr;
    }
    if (owned->file)
        owned->file->cancelWriting();
    owned->file.reset();
    if (!outcome)
        qCDebug(lcNet) << "call" << owned->id << "to" << owned->host() << "failed:" << outcome.errorMessage();
    if (owned->done)
        owned->done(std::move(outcome));
}

} // namespace podtrends::core
