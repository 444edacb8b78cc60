#pragma once

#include <core/net/httppolicy.h>
#include <core/net/httptypes.h>
#include <core/util/result.h>

#include <QFuture>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <unordered_map>

namespace podtrends::core {

/**
 * The asynchronous front end of the one network stack (HttpEngine): requests run on the network
 * thread under this client's HttpSettings, and each answer comes back to the thread this client
 * lives in, or as a QFuture. Scrapers and thumbnails use it; worker threads use BlockingHttp.
 *
 * Destroying the client cancels its calls without calling back.
 */
class HttpClient final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(HttpClient)
    using Callback = std::function<void(Result<HttpReply>)>;

    explicit HttpClient(HttpSettings settings = HttpSettings::defaults(), QObject *parent = nullptr);
    ~HttpClient() override;

    /** Starts a request; `done` runs exactly once in this client's thread (also on cancel). */
    quint64 send(const HttpRequest &request, Callback done);
    /**
     * Like send(), but `done` is dropped when `context` (an object of this client's thread) is
     * destroyed first.
     */
    quint64 send(const HttpRequest &request, QObject *context, Callback done);
    /**
     * Starts a request and returns its answer as a future (chain it with .then(context, …));
     * cancelling the future cancels the request. Callable from any thread.
     */
    QFuture<Result<HttpReply>> fetch(const HttpRequest &request) const;
    /** Cancels one call; its callback gets HttpError::Cancelled before this returns. */
    void cancel(quint64 id);
    void cancelAll();
    int pendingCount() const { return int(m_pending.size()); }

    const HttpSettings &settings() const { return m_settings; }
    void setSettings(const HttpSettings &settings) { m_settings = settings; }

Q_SIGNALS:
    /** A call is about to wait and send again (rate limit, retry). */
    void retrying(quint64 id, const podtrends::core::RetryNotice &notice);

private:
    struct Route;
    struct Pending
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
    };
    void deliver(quint64 id, Result<HttpReply> outcome);

    HttpSettings m_settings;
    std::shared_ptr<Route> m_route;
    std::unordered_map<quint64, Pending> m_pending;
};

} // namespace podtrends::core
