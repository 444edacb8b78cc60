#pragma once

#include <core/domain/jobpayload.h>
#include <core/domain/jobresult.h>

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

#include <optional>

namespace podtrends::core {

/** What a job does. Stored as its key ("scrape", "import", …); workers take the kinds they handle. */
enum class JobKind : quint8 {
    Scrape,
    Import,
    Analyze,
    Generate,
    Publish,
    Noop,  ///< test kind: returns at once (JobHandlers::registerBuiltinTestKinds)
    Sleep, ///< test kind: sleeps, honouring cancel
};

/** "scrape", "import", "analyze", "generate", "publish", "noop", "sleep". */
const QString &toKey(JobKind kind);
std::optional<JobKind> jobKindFromKey(QStringView key);
/** A translated word for the kind ("scrape", "import", "analysis", …). */
QString displayName(JobKind kind);
/** The kinds a worker can be asked to take (every kind but the test kinds). */
QList<JobKind> productionJobKinds();

/** Where a job is in its life. Stored as its key. */
enum class JobStatus : quint8 { Queued, Running, Done, Failed, Cancelled };

/** "queued", "running", "done", "failed", "cancelled". */
const QString &toKey(JobStatus status);
std::optional<JobStatus> jobStatusFromKey(QStringView key);
/** A translated word for the status. */
QString displayName(JobStatus status);

/** A unit of background work: a scrape, an analysis run, a generation, a publish. */
struct Job
{
    qint64 id = 0;
    JobKind kind = JobKind::Noop;
    JobPayload payload;         ///< the kind's parameters (std::monostate: none)
    /** Set when the stored parameters could not be read (a malformed or newer row): a worker
     *  fails the job with this message instead of running it. */
    QString payloadError;
    JobStatus status = JobStatus::Queued;
    QString scheduleKey;       ///< unique per schedule slot, empty for ad-hoc jobs
    QDateTime runAt;
    QString leaseOwner;        ///< "host:pid" of the process running it
    QDateTime leaseExpiresAt;
    int attempts = 0;
    double progress = 0.0;     ///< 0–1
    QString progressText;
    int items = 0;
    JobResult result;           ///< the kind's result once done (std::monostate: none)
    QString error;
    std::optional<qint64> sourceId;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;

    /** A job with its parameters: kind taken from the payload. */
    template <typename Payload>
    static Job of(Payload payload)
    {
        Job job;
        job.payload = std::move(payload);
        job.kind = *kindOf(job.payload);
        return job;
    }

    /** REST's and `--json`'s form: the row's columns, payload and result as stored. */
    QJsonObject toJson() const;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::JobKind)
Q_DECLARE_METATYPE(podtrends::core::JobStatus)
