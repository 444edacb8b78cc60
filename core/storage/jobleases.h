#pragma once

#include <core/storage/database.h>

#include <memory>

namespace podtrends::core {

/** What JobLeases::reap() found and did. */
struct ReapedJobs
{
    int failed = 0;            ///< runs of a process that is gone, now failed with the reason
    int resumable = 0;         ///< worker jobs whose holder is gone, left for the queue to resume
    int sourcesFreed = 0;      ///< sources such runs left "running", now due again
    int marketplacesFreed = 0; ///< marketplaces such runs left "running"
};

/**
 * No job row outlives its process as "running" (issue 16).
 *
 * Leases: every run a process records for itself (JobRepository::begin() or start()) is held
 * here until JobRepository::finish(); one thread of the process extends the lease of every held
 * row each HeartbeatSeconds, so a run of any length keeps a lease of LeaseSeconds ahead of it
 * while its process lives. Worker jobs (JobQueue) have their own heartbeat in JobWorker.
 *
 * Reaping: reap() looks at every running row. A row is an orphan when its lease ran out, or when
 * its owner ("host:pid") is a process on this machine that no longer exists (or is this process
 * but a run it does not hold: an earlier process had the same id). An orphan the process ran for
 * itself is failed with the reason and its schedule key is given up, and a source or marketplace
 * it left "running" is set to "error" with that reason, so the source is due and runs again. An
 * orphaned worker job is left to the queue, which resumes it (its lease is ended at once when its
 * process is gone). The app's scheduler, `worker` and every command that writes call reap() when
 * they start, and the scheduler and workers call it again on each check.
 */
class JobLeases final
{
public:
    static constexpr int LeaseSeconds = 90;
    static constexpr int HeartbeatSeconds = 15;

    /** Keeps job `jobId` (owned by processOwnerName()) leased until release(). */
    static void hold(const std::shared_ptr<Database> &db, qint64 jobId);
    static void release(const Database &db, qint64 jobId);
    static bool holds(const Database &db, qint64 jobId);

    /** Fails or hands back the running rows nobody holds any more (see the class comment). */
    static Result<ReapedJobs> reap(const std::shared_ptr<Database> &db);

    /** True while process `pid` exists on this machine. */
    static bool processAlive(qint64 pid);
};

} // namespace podtrends::core
