#pragma once

#include <core/util/result.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>
#include <memory>
#include <unordered_map>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace podtrends::core {

/** The one policy for outgoing requests. Defaults suit real sites; tests shorten the delays. */
struct HttpSettings
{
    QByteArray userAgent;                 ///< empty: "PODTrends/<version>"
    int transferTimeoutMs = 30000;        ///< no byte for this long → timeout
    int maxRedirects = 5;
    qint64 maxBodyBytes = 32ll * 1024 * 1024;
    int maxRetries = 4;                   ///< extra attempts after the first one
    int baseBackoffMs = 1000;             ///< first retry delay; doubles each attempt, ±50% jitter
    int maxBackoffMs = 60000;
    int maxRetryAfterMs = 300000;         ///< a longer Retry-After fails the request instead of waiting
    double requestsPerSecond = 1.0;       ///< default per-host rate; <= 0 disables the limit
    int burst = 1;

    /** Defaults, with "network/timeout_ms" and "network/requests_per_second" from the settings. */
    static HttpSettings defaults();
};

/** One GET. */
struct HttpRequest
{
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray accept = "application/json";
    /** Statuses answered at once instead of retried (Amazon's 503 robot check). */
    QList<int> noRetryStatuses;
    /** Headers whose values must never be logged (x-api-key, Authorization). */
    bool sensitiveHeaders = false;
};

/** A received answer; any HTTP status (the caller judges 4xx/5xx after the client's retries). */
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;          ///< lower case, without parameters ("application/json")
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QUrl url;                        ///< after redirects
    int attempts = 1;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    bool isSuccess() const { return status >= 200 && status < 300; }
    bool isJson() const { return contentType.contains("json"); }
    bool isHtml() const { return contentType.contains("html"); }
};

/** Error codes carried in Error::code by HttpClient failures (HTTP statuses use their own number). */
namespace HttpError {
constexpr int Cancelled = -1;
constexpr int Network = -2;      ///< reset, refused, DNS, timeout after all retries
constexpr int Refused = -3;      ///< our policy refused the URL (plain http, bad scheme)
constexpr int TooLarge = -4;
} // namespace HttpError

/**
 * Asynchronous HTTP GET with the project's policy: user agent, transfer timeout, redirect policy
 * (never to plain http off loopback), a body size cap, retries with exponential backoff and jitter
 * on timeouts, resets and 5xx, Retry-After honoured on 429/430/503, a per-host token bucket
 * (HostRateLimiter) and cancellation.
 *
 * Lives in one thread (its own QNetworkAccessManager); callbacks run in that thread.
 */
class HttpClient final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(HttpClient)
    using Callback = std::function<void(Result<HttpReply>)>;

    explicit HttpClient(HttpSettings settings = HttpSettings::defaults(), QObject *parent = nullptr);
    ~HttpClient() override;

    /** Starts a GET; `done` is called exactly once (also on cancel). Returns a call id. */
    quint64 get(const HttpRequest &request, Callback done);
    /** Cancels one call; its callback gets HttpError::Cancelled. */
    void cancel(quint64 id);
    void cancelAll();
    int pendingCount() const { return int(m_calls.size()); }

    const HttpSettings &settings() const { return m_settings; }
    void setSettings(const HttpSettings &settings) { m_settings = settings; }

    /** http is allowed only to 127.0.0.0/8, ::1 and localhost; https everywhere. */
    static Status checkUrlAllowed(const QUrl &url);
    static bool isLoopbackHost(const QString &host);
    /** "host:port", the rate limiter's key for a URL. */
    static QString hostKey(const QUrl &url);
    /** Retry-After as milliseconds (seconds or an HTTP date), or -1. */
    static qint64 parseRetryAfter(const QByteArray &value);

private:
    struct Call;
    void dispatch(Call *call, qint64 extraDelayMs);
    void send(Call *call);
    void onFinished(Call *call);
    void retryOrFinish(Call *call, Result<HttpReply> outcome, qint64 delayMs);
    void complete(Call *call, Result<HttpReply> outcome);
    void learnLimits(const QUrl &url, const HttpReply &response);
    qint64 backoffMs(int attempt) const;

    HttpSettings m_settings;
    QNetworkAccessManager *m_nam = nullptr;
    std::unordered_map<quint64, std::unique_ptr<Call>> m_calls;
    quint64 m_nextId = 1;
};

} // namespace podtrends::core
