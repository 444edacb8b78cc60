#pragma once

#include <core/domain/job.h>
#include <core/storage/database.h>

#include <memory>
#include <optional>

namespace podtrends::core {

/**
 * Typed access to the jobs table: the history of every scrape, analysis, generation and
 * publish run. Leasing across processes lives in core/jobs on top of the same table.
 */
class JobRepository final
{
public:
    explicit JobRepository(std::shared_ptr<Database> db);

    /** Inserts a job (queued unless job.status says otherwise; run_at defaults to now) and returns
     *  its id, or 0 when job.scheduleKey is taken by another job already. */
    Result<qint64> create(const Job &job);
    /**
     * Records a run this process does itself (a scheduled or manual scrape, an import, an
     * analysis, a publish): inserted running, owned by processOwnerName(), with a lease that
     * JobLeases keeps extending until finish(). No worker may claim it; when this process dies
     * the reaper (JobLeases::reap) fails it and frees its source. Returns 0 when job.scheduleKey
     * is taken by another job already.
     */
    Result<qint64> begin(const Job &job);
    /** True when a source's due slot is taken: a job holds its schedule key, or a scrape of the
     *  source is queued or running (on any machine sharing the database). */
    Result<bool> scrapeSlotTaken(const QString &scheduleKey, qint64 sourceId);
    /** Marks a job running by `owner` ("host:pid") with a lease kept alive by JobLeases, and
     *  counts the attempt. */
    Status start(qint64 id, const QString &owner);
    Status progress(qint64 id, double fraction, const QString &text, int items);
    /** status: done, failed or cancelled. Ends the lease. */
    Status finish(qint64 id, JobStatus status, int items, const QString &error, const JobResult &result = {});
    Result<std::optional<Job>> findById(qint64 id);
    /** Newest first; kind and sourceId narrow the list when set. */
    Result<QList<Job>> recent(int limit, std::optional<JobKind> kind = std::nullopt, std::optional<qint64> sourceId = {});

    static QString jobColumns();
    /** A row as a Job; parameters it cannot read leave Job::payloadError set, never a failure. */
    static Job fromRecord(const QSqlQuery &query, int firstColumn = 0);
    /** Reads a stored payload column into job.payload (job.kind set), or sets job.payloadError. */
    static void readPayload(Job &job, const QVariant &column);
    /** "hostname:pid", the lease owner name of this process. */
    static QString processOwnerName();
    /** Now on the clock every process sharing the database agrees on (the server's on PostgreSQL,
     *  measured once per database). */
    static QDateTime sharedNow(Database &db);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
