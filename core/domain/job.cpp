#include "job.h"

#include "keytable.h"

#include <core/util/json.h>

#include <QCoreApplication>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Job)
};

const detail::KeyTable<JobKind, 7> &kindKeys()
{
    static const detail::KeyTable<JobKind, 7> table({"scrape", "import", "analyze", "generate", "publish", "noop", "sleep"});
    return table;
}

const detail::KeyTable<JobStatus, 5> &statusKeys()
{
    static const detail::KeyTable<JobStatus, 5> table({"queued", "running", "done", "failed", "cancelled"});
    return table;
}
} // namespace

const QString &toKey(JobKind kind)
{
    return kindKeys().key(kind);
}

std::optional<JobKind> jobKindFromKey(QStringView key)
{
    return kindKeys().find(key);
}

QString displayName(JobKind kind)
{
    switch (kind) {
    case JobKind::Scrape: return Tr::tr("scrape");
    case JobKind::Import: return Tr::tr("import");
    case JobKind::Analyze: return Tr::tr("analysis");
    case JobKind::Generate: return Tr::tr("design generation");
    case JobKind::Publish: return Tr::tr("publish");
    case JobKind::Noop: return Tr::tr("test (no-op)");
    case JobKind::Sleep: return Tr::tr("test (sleep)");
    }
    return {};
}

QList<JobKind> productionJobKinds()
{
    return {JobKind::Scrape, JobKind::Import, JobKind::Analyze, JobKind::Generate, JobKind::Publish};
}

const QString &toKey(JobStatus status)
{
    return statusKeys().key(status);
}

std::optional<JobStatus> jobStatusFromKey(QStringView key)
{
    return statusKeys().find(key);
}

QString displayName(JobStatus status)
{
    switch (status) {
    case JobStatus::Queued: return Tr::tr("queued");
    case JobStatus::Running: return Tr::tr("running");
    case JobStatus::Done: return Tr::tr("done");
    case JobStatus::Failed: return Tr::tr("failed");
    case JobStatus::Cancelled: return Tr::tr("cancelled");
    }
    return {};
}

QJsonObject Job::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("kind"), toKey(kind));
    o.insert(QStringLiteral("payload"), core::toJson(payload));
    if (!payloadError.isEmpty())
        o.insert(QStringLiteral("payload_error"), payloadError);
    o.insert(QStringLiteral("status"), toKey(status));
    o.insert(QStringLiteral("schedule_key"), scheduleKey.isEmpty() ? QJsonValue() : QJsonValue(scheduleKey));
    o.insert(QStringLiteral("run_at"), json::fromDateTime(runAt));
    o.insert(QStringLiteral("lease_owner"), leaseOwner.isEmpty() ? QJsonValue() : QJsonValue(leaseOwner));
    o.insert(QStringLiteral("lease_expires_at"), json::fromDateTime(leaseExpiresAt));
    o.insert(QStringLiteral("attempts"), attempts);
    o.insert(QStringLiteral("progress"), progress);
    o.insert(QStringLiteral("progress_text"), progressText);
    o.insert(QStringLiteral("items"), items);
    o.insert(QStringLiteral("result"), core::toJson(result));
    o.insert(QStringLiteral("error"), error.isEmpty() ? QJsonValue() : QJsonValue(error));
    o.insert(QStringLiteral("source_id"), sourceId ? QJsonValue(*sourceId) : QJsonValue());
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("started_at"), json::fromDateTime(startedAt));
    o.insert(QStringLiteral("finished_at"), json::fromDateTime(finishedAt));
    return o;
}

} // namespace podtrends::core
