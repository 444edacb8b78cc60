#include "jobworker.h"

#include <core/jobs/jobhandlers.h>
#include <core/jobs/jobqueue.h>
#include <core/storage/jobleases.h>
#include <core/storage/jobrepository.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcWorker, "podtrends.jobs.worker")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(JobWorker)
};

} // namespace

JobWorker::JobWorker(std::shared_ptr<Database> db, JobWorkerOptions options, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_options(std::move(options))
{
    qRegisterMetaType<podtrends::core::Job>();
    qRegisterMetaType<podtrends::core::JobKind>();
    if (m_options.ownerName.isEmpty())
        m_options.ownerName = JobRepository::processOwnerName();
    m_options.concurrency = std::max(1, m_options.concurrency);
    m_options.leaseSeconds = std::max(1, m_options.leaseSeconds);
    const QList<JobKind> registered = JobHandlers::kinds();
    if (m_options.kinds.isEmpty()) {
        m_kinds = registered;
    } else {
        for (JobKind kind : std::as_const(m_options.kinds))
            if (registered.contains(kind))
                m_kinds << kind;
    }
}

JobWorker::~JobWorker()
{
    m_stopping = true;
    {
        QMutexLocker lock(&m_mutex);
        for (auto &slot : m_slots)
            slot->cancel = true;
        m_wake.wakeAll();
    }
    for (auto &slot : m_slots)
        if (slot->thread) {
            slot->thread->wait();
            delete slot->thread;
        }
    if (m_heartbeatThread) {
        m_heartbeatThread->wait();
        delete m_heartbeatThread;
    }
}

QList<JobKind> JobWorker::effectiveKinds() const
{
    return m_kinds;
}

void JobWorker::start()
{
    if (m_running || m_kinds.isEmpty())
        return;
    m_running = true;
    m_stopping = false;
    for (int i = 0; i < m_options.concurrency; ++i) {
        auto slot = std::make_unique<Slot>();
        slot->owner = m_options.ownerName + QLatin1Char('#') + QString::number(i + 1);
        Slot *raw = slot.get();
        slot->thread = QThread::create([this, raw] { runSlot(raw); });
        slot->thread->setObjectName(QStringLiteral("job-slot-%1").arg(i + 1));
        connect(slot->thread, &QThread::finished, this, &JobWorker::threadFinished);
        m_slots.push_back(std::move(slot));
    }
    m_heartbeatThread = QThread::create([this] { runHeartbeats(); });
    m_heartbeatThread->setObjectName(QStringLiteral("job-heartbeat"));
    connect(m_heartbeatThread, &QThread::finished, this, &JobWorker::threadFinished);
    m_liveThreads = int(m_slots.size()) + 1;
    for (auto &slot : m_slots)
        slot->thread->start();
    m_heartbeatThread->start();
}

void JobWorker::stop()
{
    if (!m_running || m_stopping.exchange(true))
        return;
    QMutexLocker lock(&m_mutex);
    for (auto &slot : m_slots)
        slot->cancel = true;
    m_wake.wakeAll();
}

void JobWorker::wake()
{
    QMutexLocker lock(&m_mutex);
    m_wake.wakeAll();
}

void JobWorker::threadFinished()
{
    if (--m_liveThreads > 0)
        return;
    m_running = false;
    Q_EMIT stopped();
}

bool JobWorker::waitFor(int ms)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping)
        return false;
    m_wake.wait(&m_mutex, static_cast<unsigned long>(ms));
    return !m_stopping;
}

void JobWorker::runSlot(Slot *slot)
{
    JobQueue queue(m_db);
    int failures = 0;
    while (!m_stopping) {
        auto claimed = queue.claim(slot->owner, m_kinds, m_options.leaseSeconds, m_options.maxAttempts);
        if (!claimed) {
            // A lost connection is retried with a growing pause; the worker keeps running.
            ++failures;
            qCWarning(lcWorker).noquote() << claimed.errorMessage();
            QMetaObject::invokeMethod(this, [this, message = claimed.errorMessage()] { Q_EMIT problem(message); }, Qt::QueuedConnection);
            waitFor(std::min(30000, 500 * (1 << std::min(failures, 6))));
            continue;
        }
        failures = 0;
        if (!claimed->has_value()) {
            waitFor(m_options.pollIntervalMs);
            continue;
        }
        runJob(slot, **claimed);
    }
}

void JobWorker::runJob(Slot *slot, const Job &job)
{
    {
        QMutexLocker lock(&m_mutex);
        slot->jobId = job.id;
        slot->leaseLost = false;
        slot->cancel = m_stopping.load();
    }
    QMetaObject::invokeMethod(this, [this, job] { Q_EMIT jobStarted(job); }, Qt::QueuedConnection);
    QElapsedTimer timer;
    timer.start();
    JobQueue queue(m_db);
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    auto progress = [&](double fraction, const QString &text, int items) {
        // Throttled: a handler may report thousands of steps.
        if (fraction < 1.0 && sinceProgress.elapsed() < 500)
            return;
        sinceProgress.restart();
        if (Status s = queue.progress(job.id, slot->owner, fraction, text, items, m_options.leaseSeconds); !s && s.error().code == JobQueue::LeaseLostCode) {
            slot->leaseLost = true;
            slot->cancel = true;
        }
    };
    JobContext context(job, m_db, &slot->cancel, progress);
    const JobHandler handler = JobHandlers::handler(job.kind);
    // A row whose parameters this version cannot read fails with the reason, not with made-up parameters.
    Result<JobResult> outcome = !job.payloadError.isEmpty() ? Result<JobResult>(Error{job.payloadError, 2})
                                : handler                    ? handler(context)
                                                             : Result<JobResult>(Error{Tr::tr("No handler for jobs of kind %1").arg(toKey(job.kind)), 1});

    QString status;
    Status written;
    if (slot->leaseLost) {
        status = QStringLiteral("lost");
    } else if (!outcome && outcome.error().code == JobContext::CancelledCode && m_stopping) {
        written = queue.release(job.id, slot->owner);
        status = QStringLiteral("released");
    } else {
        written = queue.complete(job.id, slot->owner, outcome);
        status = toKey(outcome ? JobStatus::Done : JobStatus::Failed);
    }
    if (!written) {
        if (written.error().code == JobQueue::LeaseLostCode)
            status = QStringLiteral("lost");
        qCWarning(lcWorker).noquote() << written.errorMessage();
    }
    {
        QMutexLocker lock(&m_mutex);
        slot->jobId = 0;
    }
    const QString error = outcome ? QString() : outcome.errorMessage();
    QMetaObject::invokeMethod(this, [this, id = job.id, kind = job.kind, status, error, ms = timer.elapsed()] {
        Q_EMIT jobFinished(id, kind, status, error, ms);
    }, Qt::QueuedConnection);
}

void JobWorker::runHeartbeats()
{
    JobQueue queue(m_db);
    // Three beats per lease: one late beat (a slow query, a busy machine) does not lose the job.
    const int intervalMs = std::max(200, m_options.leaseSeconds * 1000 / 3);
    QElapsedTimer sinceBeat;
    sinceBeat.start();
    QElapsedTimer sinceSweep;
    sinceSweep.start();
    for (;;) {
        QList<std::pair<Slot *, qint64>> held;
        {
            QMutexLocker lock(&m_mutex);
            if (!m_stopping)
                m_wake.wait(&m_mutex, static_cast<unsigned long>(std::max<qint64>(1, intervalMs - sinceBeat.elapsed())));
            for (auto &slot : m_slots)
                if (slot->jobId)
                    held.append({slot.get(), slot->jobId});
        }
        // After stop() the beats go on until the last running handler has returned.
        if (m_stopping && held.isEmpty())
            break;
        if (sinceBeat.elapsed() < intervalMs) {
            if (m_stopping)
                QThread::msleep(50);
            continue;
        }
        sinceBeat.restart();
        for (const auto &[slot, id] : std::as_const(held)) {
            Status s = queue.heartbeat(id, slot->owner, m_options.leaseSeconds);
            if (!s && s.error().code == JobQueue::LeaseLostCode) {
                QMutexLocker lock(&m_mutex);
                if (slot->jobId == id) {
                    qCWarning(lcWorker).noquote() << s.errorMessage();
                    slot->leaseLost = true;
                    slot->cancel = true;
                }
            }
        }
        if (sinceSweep.elapsed() > 10000) {
            sinceSweep.restart();
            (void)queue.failExhausted(m_options.maxAttempts);
            (void)JobLeases::reap(m_db);
        }
    }
}

} // namespace podtrends::core
