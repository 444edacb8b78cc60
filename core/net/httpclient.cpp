#include "httpclient.h"

#include "httpengine.h"

#include <QCoreApplication>
#include <QMutex>
#include <QPromise>
#include <QThread>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HttpClient)
};
} // namespace

/**
 * How the network thread reaches a client: events are posted to it only while it is alive.
 * The client clears `client` under the mutex before it dies, and Qt drops events still queued
 * for a destroyed object.
 */
struct HttpClient::Route
{
    QMutex mutex;
    HttpClient *client = nullptr;

    /** `id` is read on the client's thread, which set it before it could process this event. */
    void post(std::shared_ptr<quint64> id, Result<HttpReply> outcome)
    {
        QMutexLocker lock(&mutex);
        if (!client)
            return;
        HttpClient *target = client;
        QMetaObject::invokeMethod(target, [target, id, outcome = std::move(outcome)]() mutable { target->deliver(*id, std::move(outcome)); },
                                  Qt::QueuedConnection);
    }
    void postNotice(std::shared_ptr<quint64> id, const RetryNotice &notice)
    {
        QMutexLocker lock(&mutex);
        if (!client)
            return;
        HttpClient *target = client;
        QMetaObject::invokeMethod(target, [target, id, notice] { Q_EMIT target->retrying(*id, notice); }, Qt::QueuedConnection);
    }
};

HttpClient::HttpClient(HttpSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_route(std::make_shared<Route>())
{
    m_route->client = this;
}

HttpClient::~HttpClient()
{
    {
        QMutexLocker lock(&m_route->mutex);
        m_route->client = nullptr;
    }
    // Callbacks may touch objects that are being destroyed too: drop them silently.
    HttpEngine &engine = HttpEngine::instance();
    for (const auto &[id, pending] : m_pending)
        engine.cancel(id);
    m_pending.clear();
}

quint64 HttpClient::send(const HttpRequest &request, Callback done)
{
    HttpEngine &engine = HttpEngine::instance();
    std::shared_ptr<Route> route = m_route;
    // The engine may finish before start() returns; the id is read when the answer is
    // delivered on this thread, after it was stored below.
    auto idHolder = std::make_shared<quint64>(0);
    const quint64 id = engine.start(
        request, m_settings, [route, idHolder](Result<HttpReply> outcome) { route->post(idHolder, std::move(outcome)); },
        [route, idHolder](const RetryNotice &notice) { route->postNotice(idHolder, notice); });
    *idHolder = id;
    m_pending.emplace(id, Pending{{}, false, std::move(done)});
    return id;
}

quint64 HttpClient::send(const HttpRequest &request, QObject *context, Callback done)
{
    Q_ASSERT(!context || context->thread() == thread());
    const quint64 id = send(request, std::move(done));
    auto it = m_pending.find(id);
    it->second.context = context;
    it->second.hasContext = context != nullptr;
    return id;
}

QFuture<Result<HttpReply>> HttpClient::fetch(const HttpRequest &request) const
{
    auto promise = std::make_shared<QPromise<Result<HttpReply>>>();
    promise->start();
    QFuture<Result<HttpReply>> future = promise->future();
    HttpEngine::instance().start(
        request, m_settings,
        [promise](Result<HttpReply> outcome) {
            if (!promise->isCanceled())
                promise->addResult(std::move(outcome));
            promise->finish();
        },
        {}, future);
    return future;
}

void HttpClient::deliver(quint64 id, Result<HttpReply> outcome)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // cancelled here already
    Pending pending = std::move(it->second);
    m_pending.erase(it);
    if (pending.hasContext && !pending.context)
        return;
    if (pending.done)
        pending.done(std::move(outcome));
}

void HttpClient::cancel(quint64 id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    HttpEngine::instance().cancel(id);
    deliver(id, Error{Tr::tr("Cancelled"), HttpError::Cancelled});
}

void HttpClient::cancelAll()
{
    std::vector<quint64> ids;
    for (const auto &[id, pending] : m_pending)
        ids.push_back(id);
    for (quint64 id : ids)
        cancel(id);
}

} // namespace podtrends::core
