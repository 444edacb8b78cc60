#pragma once

#include <core/domain/job.h>
#include <core/storage/database.h>

#include <QStringList>

#include <memory>
#include <optional>

namespace podtrends::core {

/**
 * The jobs table as a queue shared by every process on the database.
 *
 * A due job (queued with run_at ≤ now, or running with an expired lease) is claimed in one
 * statement: `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …` on PostgreSQL,
 * the same statement without the lock clause on SQLite (a single UPDATE is atomic there). The
 * claimer holds a lease that heartbeat() extends; completion only counts when the caller still
 * owns the lease, so a worker that lost its lease cannot overwrite the one that took over.
 * Scheduled jobs carry a schedule_key (UNIQUE), so each slot is queued once across all processes.
 *
 * Times come from the database server's clock on PostgreSQL (measured once), so machines with
 * skewed clocks agree on when a lease expires. Use from one thread (its connection).
 */
class JobQueue final
{
public:
    /** Error code of heartbeat()/complete()/release() when another process owns the job now. */
    static constexpr int LeaseLostCode = -409;

    explicit JobQueue(std::shared_ptr<Database> db);

    /**
     * Queues a job (run_at defaults to now). With a schedule_key that is already queued or ran,
     * nothing is inserted and the existing job's id is returned.
     */
    Result<qint64> enqueue(const Job &job);
    /** Takes the oldest due job of one of `kinds` (all kinds when empty) for `owner`. */
    Result<std::optional<Job>> claim(const QString &owner, const QList<JobKind> &kinds, int leaseSeconds, int maxAttempts = 5);
    /** Extends the lease; fails with LeaseLostCode when the job is no longer ours. */
    Status heartbeat(qint64 id, const QString &owner, int leaseSeconds);
    /** Records progress (and extends the lease like heartbeat()). */
    Status progress(qint64 id, const QString &owner, double fraction, const QString &text, int items, int leaseSeconds);
    /** Marks the job done with its result, or failed with the error. */
    Status complete(qint64 id, const QString &owner, const Result<JobResult> &outcome);
    /** Puts a job we own back in the queue untouched (a clean stop before it finished). */
    Status release(qint64 id, const QString &owner);
    /** Marks jobs whose lease expired after maxAttempts tries as failed; returns how many. */
    Result<int> failExhausted(int maxAttempts);
    /** Running jobs first, then the newest others: what the jobs panel shows. */
    Result<QList<Job>> overview(int limit);

    /** Now on the shared clock (the server's on PostgreSQL). */
    QDateTime now();

private:
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
