#include "keychainthread.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QMutex>
#include <QPromise>
#include <QThread>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcKeychain, "podtrends.core.secrets.keychain")

namespace podtrends::core::keychain {

namespace {

const QString kService = QStringLiteral("podtrends");

using Promise = std::shared_ptr<QPromise<Answer>>;

// Finishes a promise once; later calls (the job answering after its timer) do nothing.
// Only ever called on the keychain thread, so the flag needs no lock.
struct Once
{
    Promise promise;
    bool done = false;
    void finish(Answer answer)
    {
        if (done)
            return;
        done = true;
        promise->addResult(std::move(answer));
        promise->finish();
    }
};

Answer answerOf(Op op, QKeychain::Job *job)
{
    Answer a;
    switch (job->error()) {
    case QKeychain::NoError:
        a.kind = Answer::Value;
        if (op == Op::Read)
            a.value = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        return a;
    case QKeychain::EntryNotFound:
        a.kind = op == Op::Remove ? Answer::Value : Answer::NotFound;
        return a;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::CouldNotDeleteEntry:
        a.kind = Answer::Failed;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // QtKeychain reports "no session bus", "no wallet daemon" and D-Bus timeouts as
        // OtherError: for the seller they all mean there is no keychain to use.
        a.kind = Answer::Unavailable;
        break;
    }
    a.detail = job->errorString();
    return a;
}

/**
 * Lives on the keychain thread and owns every job there. A job is deleted only after it has
 * finished (autoDelete), never while QtKeychain may still call back into it.
 */
class Worker final : public QObject
{
public:
    void start(Op op, const QString &key, const QString &value, int timeoutMs, const Promise &promise)
    {
        auto once = std::make_shared<Once>(Once{promise});
        QKeychain::Job *job = nullptr;
        switch (op) {
        case Op::Read: job = new QKeychain::ReadPasswordJob(kService, this); break;
        case Op::Write: {
            auto *w = new QKeychain::WritePasswordJob(kService, this);
            w->setTextData(value);
            job = w;
            break;
        }
        case Op::Remove: job = new QKeychain::DeletePasswordJob(kService, this); break;
        }
        job->setKey(key);
        job->setAutoDelete(true); // deleteLater() on this thread once it has finished
        connect(job, &QKeychain::Job::finished, this, [once, op, job] { once->finish(answerOf(op, job)); });
        // The timer belongs to the worker, not the job, so it fires even when the job is stuck.
        QTimer::singleShot(timeoutMs, this, [once, key] {
            if (!once->done)
                qCWarning(lcKeychain) << "no keychain answer within the timeout for" << key;
            once->finish(Answer{Answer::Unavailable, {}, QStringLiteral("timeout")});
        });
        job->start();
    }
};

struct State
{
    QMutex mutex;
    QThread *thread = nullptr;
    Worker *worker = nullptr;
    bool stopped = false;
};

State &state()
{
    static State s;
    return s;
}

Worker *worker()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    if (s.worker || s.stopped || !QCoreApplication::instance())
        return s.worker;
    s.thread = new QThread;
    s.thread->setObjectName(QStringLiteral("keychain"));
    s.worker = new Worker;
    s.worker->moveToThread(s.thread);
    s.thread->start();
    qAddPostRoutine(shutdown);
    return s.worker;
}

Answer stoppedAnswer()
{
    return Answer{Answer::Unavailable, {}, QStringLiteral("keychain thread stopped")};
}

} // namespace

QFuture<Answer> run(Op op, const QString &key, const QString &value, int timeoutMs, std::function<std::optional<Answer>()> first)
{
    auto promise = std::make_shared<QPromise<Answer>>();
    promise->start();
    QFuture<Answer> future = promise->future();
    Worker *w = worker();
    if (!w) {
        std::optional<Answer> answer = first ? first() : std::nullopt;
        promise->addResult(answer ? std::move(*answer) : stoppedAnswer());
        promise->finish();
        return future;
    }
    // Should the thread stop before this runs, the functor and its promise are destroyed
    // unfinished, which cancels the future: callers read that as Unavailable.
    QMetaObject::invokeMethod(w, [w, op, key, value, timeoutMs, promise, first = std::move(first)] {
            if (first) {
                if (std::optional<Answer> answer = first()) {
                    promise->addResult(std::move(*answer));
                    promise->finish();
                    return;
                }
            }
            w->start(op, key, value, timeoutMs, promise);
        }, Qt::QueuedConnection);
    return future;
}

QFuture<Answer> post(std::function<Answer()> fn)
{
    auto promise = std::make_shared<QPromise<Answer>>();
    promise->start();
    QFuture<Answer> future = promise->future();
    Worker *w = worker();
    if (!w) {
        promise->addResult(fn());
        promise->finish();
        return future;
    }
    QMetaObject::invokeMethod(w, [fn = std::move(fn), promise] {
            promise->addResult(fn());
            promise->finish();
        }, Qt::QueuedConnection);
    return future;
}

void shutdown()
{
    State &s = state();
    QThread *thread = nullptr;
    Worker *w = nullptr;
    {
        QMutexLocker lock(&s.mutex);
        s.stopped = true;
        thread = std::exchange(s.thread, nullptr);
        w = std::exchange(s.worker, nullptr);
    }
    if (!thread)
        return;
    // Only the event loop stops. Unfinished jobs are deliberately not deleted: QtKeychain's
    // libsecret backend does not cancel its GLib call when a job is deleted, and its callback
    // would then run on a freed job (the crash this thread exists to prevent). Once the loop
    // has stopped, the thread's GLib context is never iterated again, so no callback can run;
    // the worker and those jobs are left to the exiting process.
    Q_UNUSED(w);
    thread->quit();
    if (!thread->wait(3000))
        qCWarning(lcKeychain) << "the keychain thread did not stop within 3 s; leaving it";
}

} // namespace podtrends::core::keychain
