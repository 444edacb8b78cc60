#include "blockinghttp.h"

#include "httpengine.h"

#include <QCoreApplication>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HttpClient)
};

constexpr auto kCancelPoll = std::chrono::milliseconds(50);

/** What the network thread hands to the waiting thread. */
struct Waiter
{
    std::mutex mutex;
    std::condition_variable wake;
    std::optional<Result<HttpReply>> result;
    std::deque<RetryNotice> notices;
};
} // namespace

BlockingHttp::BlockingHttp(HttpSettings settings)
    : m_settings(std::move(settings))
{
}

Result<HttpReply> BlockingHttp::send(const HttpRequest &request, const Notifier &notify)
{
    const Notifier &notifier = notify ? notify : m_notify;
    if (HttpEngine::onNetworkThread())
        return Error{Tr::tr("Internal error: a blocking request from the network thread"), HttpError::WrongThread};
    if (isCancelled())
        return Error{Tr::tr("Cancelled"), HttpError::Cancelled};
    auto waiter = std::make_shared<Waiter>();
    HttpEngine &engine = HttpEngine::instance();
    const quint64 id = engine.start(
        request, m_settings,
        [waiter](Result<HttpReply> outcome) {
            std::lock_guard lock(waiter->mutex);
            waiter->result.emplace(std::move(outcome));
            waiter->wake.notify_all();
        },
        [waiter](const RetryNotice &notice) {
            std::lock_guard lock(waiter->mutex);
            waiter->notices.push_back(notice);
            waiter->wake.notify_all();
        });
    bool cancelSent = false;
    std::unique_lock lock(waiter->mutex);
    for (;;) {
        waiter->wake.wait_for(lock, kCancelPoll, [&] { return waiter->result.has_value() || !waiter->notices.empty(); });
        if (!waiter->notices.empty()) {
            std::deque<RetryNotice> notices = std::exchange(waiter->notices, {});
            lock.unlock();
            if (notifier)
                for (const RetryNotice &n : notices)
                    notifier(n);
            lock.lock();
        }
        if (waiter->result)
            return std::move(*waiter->result);
        if (!cancelSent && isCancelled()) {
            cancelSent = true; // the engine answers with HttpError::Cancelled at once
            lock.unlock();
            engine.cancel(id);
            lock.lock();
        }
    }
}

bool BlockingHttp::sleep(qint64 ms)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max<qint64>(0, ms));
    while (!isCancelled()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= end)
            return true;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(end - now, kCancelPoll));
    }
    return false;
}

} // namespace podtrends::core
