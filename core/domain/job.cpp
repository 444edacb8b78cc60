#include "job.h"

#include <core/util/json.h>

namespace podtrends::core {

QJsonObject Job::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("payload"), payload);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("schedule_key"), scheduleKey.isEmpty() ? QJsonValue() : QJsonValue(scheduleKey));
    o.insert(QStringLiteral("run_at"), json::fromDateTime(runAt));
    o.insert(QStringLiteral("lease_owner"), leaseOwner.isEmpty() ? QJsonValue() : QJsonValue(leaseOwner));
    o.insert(QStringLiteral("lease_expires_at"), json::fromDateTime(leaseExpiresAt));
    o.insert(QStringLiteral("attempts"), attempts);
    o.insert(QStringLiteral("progress"), progress);
    o.insert(QStringLiteral("progress_text"), progressText);
    o.insert(QStringLiteral("items"), items);
    o.insert(QStringLiteral("result"), result);
    o.insert(QStringLiteral("error"), error.isEmpty() ? QJsonValue() : QJsonValue(error));
    o.insert(QStringLiteral("source_id"), sourceId ? QJsonValue(*sourceId) : QJsonValue());
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("started_at"), json::fromDateTime(startedAt));
    o.insert(QStringLiteral("finished_at"), json::fromDateTime(finishedAt));
    return o;
}

} // namespace podtrends::core
