#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace podtrends::core {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/**
 * The policy for outgoing requests. Defaults suit real sites; each client (scrapers, Printful,
 * Shopify, the AI provider, thumbnails) starts from these and tests shorten the delays.
 */
struct HttpSettings
{
    QByteArray userAgent;                 ///< empty: HttpPolicy::userAgent()
    int transferTimeoutMs = 30000;        ///< no byte for this long → timeout
    int maxRedirects = 5;
    qint64 maxBodyBytes = 32ll * 1024 * 1024;
    int maxRetries = 4;                   ///< extra attempts after timeouts, resets and 5xx
    int maxRateLimitWaits = 4;            ///< extra attempts after 429/430/503 or a retryAfter() wait
    int baseBackoffMs = 1000;             ///< first retry delay; doubles each attempt, ±50% jitter
    int maxBackoffMs = 60000;
    int maxRetryAfterMs = 300000;         ///< a longer Retry-After is handed to the caller instead of waited out
    int rateLimitedWaitMs = -1;           ///< wait after a 429 without Retry-After; < 0: the backoff
    double requestsPerSecond = 1.0;       ///< default per-host rate; <= 0 disables the limit
    int burst = 1;

    /** Defaults, with "network/timeout_ms" and "network/requests_per_second" from the settings. */
    static HttpSettings defaults();
};

struct HttpReply;

/** One request: method, address, headers and body, plus what the caller expects of the answer. */
struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray accept = "application/json";
    QByteArray body;
    QByteArray contentType;               ///< of body; empty for no body
    /**
     * Streams the answer into this file instead of HttpReply::body. The file appears complete
     * or not at all (written beside it, renamed at the end); a failure leaves nothing behind.
     */
    QString saveTo;
    /** Statuses answered at once instead of retried (Amazon's 503 robot check). */
    QList<int> noRetryStatuses;
    /**
     * Whether sending twice is harmless. Idempotent calls are retried after timeouts, resets and
     * 5xx; the others only after answers that say nothing was done (429, 430, 503 with
     * Retry-After) or when the connection was refused. Default: by method (GET, HEAD, PUT,
     * DELETE, OPTIONS).
     */
    std::optional<bool> idempotent;
    /**
     * A reply parser's say on a 2xx answer that asks to come back later (Shopify's GraphQL
     * THROTTLED arrives with HTTP 200): milliseconds to wait before sending again, or < 0 to
     * accept the answer. Runs on the network thread; counts against maxRateLimitWaits.
     */
    std::function<qint64(const HttpReply &)> retryAfter;
    /** The whole call, retries included, fails after this long; 0: no deadline. */
    int deadlineMs = 0;
    /** This request's policy when it differs from its client's (a service's own limits). */
    std::optional<HttpSettings> settings;

    bool isIdempotent() const;

    static HttpRequest get(const QUrl &url);
    static HttpRequest post(const QUrl &url, const QByteArray &body, const QByteArray &contentType);
    static HttpRequest postJson(const QUrl &url, const QJsonObject &body);
    void setHeader(const QByteArray &name, const QByteArray &value);
};

/** multipart/form-data: fields in order, then files. */
class MultipartForm
{
public:
    MultipartForm();
    void addField(const QByteArray &name, const QByteArray &value);
    void addFile(const QByteArray &name, const QString &fileName, const QByteArray &mimeType, const QByteArray &data);
    QByteArray contentType() const;
    QByteArray body() const;
    /** A POST of this form. */
    HttpRequest post(const QUrl &url) const;

private:
    QByteArray m_boundary;
    QByteArray m_body;
};

/** A received answer; any HTTP status (the caller judges 4xx/5xx after the client's retries). */
struct HttpReply
{
    int status = 0;
    QByteArray body;                 ///< empty when the request streamed into a file
    QByteArray contentType;          ///< lower case, without parameters ("application/json")
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QUrl url;                        ///< after redirects
    int attempts = 1;
    QString savedTo;                 ///< the complete file, when HttpRequest::saveTo was set
    qint64 bodyBytes = 0;            ///< bytes received (in body or in the file)

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    bool isSuccess() const { return status >= 200 && status < 300; }
    bool isJson() const { return contentType.contains("json"); }
    bool isHtml() const { return contentType.contains("html"); }
};

/** Error codes carried in Error::code by transport failures (HTTP statuses use their own number). */
namespace HttpError {
constexpr int Cancelled = -1;
constexpr int Network = -2;      ///< reset, refused, DNS, timeout after all retries
constexpr int Refused = -3;      ///< our policy refused the URL (plain http, bad scheme)
constexpr int TooLarge = -4;
constexpr int File = -5;         ///< the download could not be written to its file
constexpr int WrongThread = -6;  ///< a blocking call from the network thread itself
} // namespace HttpError

/** The client is about to wait and send again; for "waiting 30 s" notes to the user. */
struct RetryNotice
{
    QString host;
    int status = 0;          ///< the HTTP status that caused it; 0 for a network error or pacing
    qint64 waitMs = 0;
    int attempt = 0;         ///< the attempt that follows (2 = first retry)
    bool rateLimited = false; ///< the server asked to slow down (429/430/503, THROTTLED, an empty budget)
    QString reason;          ///< one translated line
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::RetryNotice)
