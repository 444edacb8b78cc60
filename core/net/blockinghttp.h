#pragma once

#include <core/net/httppolicy.h>
#include <core/net/httptypes.h>
#include <core/util/result.h>

#include <atomic>
#include <functional>

namespace podtrends::core {

/**
 * The blocking front end of the one network stack, for worker threads and the command line
 * (the publishing clients, the AI provider). The request runs on the network thread; the
 * calling thread waits on its completion without an event loop, waking every 50 ms to notice a
 * cancel request. Never call it from the network thread (it refuses) or the GUI thread.
 */
class BlockingHttp final
{
public:
    Q_DISABLE_COPY_MOVE(BlockingHttp)
    explicit BlockingHttp(HttpSettings settings = HttpSettings::defaults());

    /** Raised by another thread to stop waiting; send() and sleep() return early. */
    void setCancelFlag(const std::atomic_bool *flag) { m_cancel = flag; }
    /** Alternatively (or also) asks this function, e.g. a job's isCancelled(). */
    void setCancelCheck(std::function<bool()> check) { m_cancelCheck = std::move(check); }
    bool isCancelled() const { return (m_cancel && m_cancel->load()) || (m_cancelCheck && m_cancelCheck()); }
    /** Called on the waiting thread before the client waits and sends again. */
    void setRetryNotifier(std::function<void(const RetryNotice &)> notify) { m_notify = std::move(notify); }

    using Notifier = std::function<void(const RetryNotice &)>;
    /**
     * Sends and waits for the answer (after the policy's retries); cancellation gives
     * HttpError::Cancelled. `notify`, when set, replaces the retry notifier for this call.
     */
    Result<HttpReply> send(const HttpRequest &request, const Notifier &notify = {});
    /** Waits without an event loop; false when cancelled meanwhile. */
    bool sleep(qint64 ms);

    const HttpSettings &settings() const { return m_settings; }
    void setSettings(const HttpSettings &settings) { m_settings = settings; }

private:
    HttpSettings m_settings;
    const std::atomic_bool *m_cancel = nullptr;
    std::function<bool()> m_cancelCheck;
    std::function<void(const RetryNotice &)> m_notify;
};

} // namespace podtrends::core
