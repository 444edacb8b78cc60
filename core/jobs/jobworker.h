#pragma once

#include <core/domain/job.h>
#include <core/storage/database.h>

#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QWaitCondition>

#include <atomic>
#include <memory>

class QThread;

namespace podtrends::core {

/** How a JobWorker takes jobs. */
struct JobWorkerOptions
{
    int concurrency = 1;           ///< jobs run at once (one thread each)
    QList<JobKind> kinds;          ///< kinds to take; empty: every registered kind
    int leaseSeconds = 60;         ///< a dead worker's job is taken over after this long
    int pollIntervalMs = 1000;     ///< how often an idle slot looks for due jobs
    int maxAttempts = 5;           ///< a job whose worker died this often is marked failed
    QString ownerName;             ///< "host:pid" by default; each slot appends "#N"
};

/**
 * Takes due jobs from the shared jobs table and runs their registered handlers (JobHandlers) on
 * its own threads, one per concurrency slot, holding each job's lease with a heartbeat thread.
 * Used by `podtrends worker` and by the app. Signals arrive on the thread that created the worker.
 */
class JobWorker final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(JobWorker)
    JobWorker(std::shared_ptr<Database> db, JobWorkerOptions options, QObject *parent = nullptr);
    ~JobWorker() override;

    /** The kinds this worker will take: the options' kinds that have a handler. */
    QList<JobKind> effectiveKinds() const;
    void start();
    /**
     * Stops taking jobs and asks running handlers to stop; a handler that honours the request has
     * its job put back in the queue, one that finishes anyway records its result. Emits stopped().
     */
    void stop();
    bool isRunning() const { return m_running.load(); }
    /** Wakes idle slots to look for jobs at once (e.g. after queueing one). */
    void wake();

Q_SIGNALS:
    void jobStarted(const podtrends::core::Job &job);
    /** status: done, failed, released or lost (the lease was taken over). */
    void jobFinished(qint64 id, podtrends::core::JobKind kind, const QString &status, const QString &error, qint64 elapsedMs);
    /** A database problem the worker keeps retrying through (connection lost, …). */
    void problem(const QString &message);
    void stopped();

private:
    struct Slot
    {
        QString owner;
        qint64 jobId = 0;
        std::atomic<bool> cancel{false};
        std::atomic<bool> leaseLost{false};
        QThread *thread = nullptr;
    };
    void runSlot(Slot *slot);
    void runHeartbeats();
    void runJob(Slot *slot, const Job &job);
    bool waitFor(int ms);
    void threadFinished();

    std::shared_ptr<Database> m_db;
    JobWorkerOptions m_options;
    QList<JobKind> m_kinds;
    std::vector<std::unique_ptr<Slot>> m_slots;
    QThread *m_heartbeatThread = nullptr;
    QMutex m_mutex; // guards each Slot::jobId and the wait condition
    QWaitCondition m_wake;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_running{false};
    int m_liveThreads = 0;
};

} // namespace podtrends::core
