#pragma once

#include <core/net/httptypes.h>
#include <core/util/result.h>

#include <QFuture>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <unordered_map>

class QNetworkAccessManager;
class QThread;

namespace podtrends::core {

/**
 * The process's one network stack: a thread named "network" that owns the only
 * QNetworkAccessManager and runs every outgoing call under its HttpSettings: user agent,
 * transfer timeout and deadline, redirects (never to plain http off loopback), a body size cap,
 * streaming into files, retries with backoff and jitter, Retry-After in both forms, the per-host
 * token buckets (HostRateLimiter) and cancellation.
 *
 * Callers use one of its two front ends: HttpClient (asynchronous, answers delivered to the
 * caller's thread or a QFuture) or BlockingHttp (worker threads; waits without an event loop).
 */
class HttpEngine final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(HttpEngine)
    /** Runs exactly once per call, on the network thread. */
    using Done = std::function<void(Result<HttpReply>)>;
    /** Runs on the network thread before each wait-and-resend. */
    using Notice = std::function<void(const RetryNotice &)>;

    /** The engine, started on first use; stopped (calls cancelled) when the application exits. */
    static HttpEngine &instance();
    /** True on the network thread, where a blocking wait would wait for itself. */
    static bool onNetworkThread();

    /**
     * Starts a call; thread-safe. `cancelWith`, when valid, cancels the call once that future
     * is cancelled. Returns the call id.
     */
    quint64 start(HttpRequest request, HttpSettings settings, Done done, Notice notice = {},
                  QFuture<Result<HttpReply>> cancelWith = {});
    /** Cancels a call (its Done gets HttpError::Cancelled); thread-safe; no-op once finished. */
    void cancel(quint64 id);
    /** Calls in flight or waiting (network thread's view; for tests and diagnostics). */
    int activeCount() const { return m_active.load(); }

private:
    struct Call;
    HttpEngine();
    ~HttpEngine() override;
    static void shutDown();

    void begin(const std::shared_ptr<Call> &call);
    void dispatch(Call *call, qint64 extraDelayMs);
    void send(Call *call);
    void onReadyRead(Call *call);
    void onFinished(Call *call);
    bool followRedirect(Call *call, const HttpReply &response);
    void retry(Call *call, Result<HttpReply> outcome, qint64 delayMs, bool rateLimited, int status);
    void complete(Call *call, Result<HttpReply> outcome);
    void completeById(quint64 id, const Error &error);
    void learnLimits(const QUrl &url, const HttpReply &response);
    qint64 backoffMs(const Call *call) const;
    void notify(Call *call, qint64 waitMs, bool rateLimited, int status, const QString &reason);

    QThread *m_thread = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    std::unordered_map<quint64, std::shared_ptr<Call>> m_calls;
    std::atomic<quint64> m_nextId{1};
    std::atomic_int m_active{0};
};

} // namespace podtrends::core
