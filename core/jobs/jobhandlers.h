#pragma once

#include <core/domain/job.h>
#include <core/storage/database.h>
#include <core/util/result.h>

#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace podtrends::core {

/**
 * What a job handler gets while it runs on a worker thread: the job row, the database (use
 * `db->connection()` on this thread), a cancel flag and a progress reporter. Progress is written
 * to the jobs row (throttled) together with the heartbeat.
 */
class JobContext final
{
public:
    Q_DISABLE_COPY_MOVE(JobContext)
    /** The Error code a handler returns when it stopped because isCancelled() said so. */
    static constexpr int CancelledCode = -499;

    JobContext(Job job, std::shared_ptr<Database> db, const std::atomic<bool> *cancel,
               std::function<void(double, const QString &, int)> progress);

    const Job &job() const { return m_job; }
    const JobPayload &payload() const { return m_job.payload; }
    /** The payload as the handler's kind's type (its defaults when the job gave none). */
    template <typename T>
    T payloadAs() const { return jobPayloadAs<T>(m_job.payload); }
    std::shared_ptr<Database> database() const { return m_db; }
    /** True once the worker is stopping or the lease was lost: finish quickly or return cancelled(). */
    bool isCancelled() const { return m_cancel && m_cancel->load(); }
    /** fraction 0–1, a short text and the number of items handled so far. */
    void reportProgress(double fraction, const QString &text = {}, int items = 0);
    /** The Error a handler returns after honouring isCancelled(). */
    static Error cancelled();

private:
    Job m_job;
    std::shared_ptr<Database> m_db;
    const std::atomic<bool> *m_cancel;
    std::function<void(double, const QString &, int)> m_progress;
};

/** Runs one job; returns its kind's result (stored in jobs.result) or an Error. */
using JobHandler = std::function<Result<JobResult>(JobContext &context)>;

/**
 * The process-wide registry of job kinds. Features register their handler once at start
 * (`JobHandlers::registerHandler(JobKind::Scrape, …)`); workers take only kinds they know.
 */
namespace JobHandlers {
/** Adds or replaces the handler of a kind. Thread-safe. */
void registerHandler(JobKind kind, JobHandler handler);
void unregisterHandler(JobKind kind);
/** The handler for a kind, or an empty function. */
JobHandler handler(JobKind kind);
/** Every registered kind, in enum order. */
QList<JobKind> kinds();
/**
 * Registers the built-in test kinds: "noop" (returns at once) and "sleep" (SleepJob: {"ms": N,
 * "record": true} sleeps N ms in small steps, honouring cancel, and when "record" is set
 * inserts a row into job_runs(job_id, owner, started_at, finished_at) for overlap checks).
 */
void registerBuiltinTestKinds();
} // namespace JobHandlers

} // namespace podtrends::core
