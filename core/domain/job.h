#pragma once

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace podtrends::core {

/** A unit of background work: a scrape, an analysis run, a generation, a publish. */
struct Job
{
    qint64 id = 0;
    QString kind;              ///< "scrape", "analyze", "generate", "publish"
    QJsonObject payload;
    QString status = QStringLiteral("queued"); ///< queued, running, done, failed, cancelled
    QString scheduleKey;       ///< unique per schedule slot, empty for ad-hoc jobs
    QDateTime runAt;
    QString leaseOwner;        ///< "host:pid" of the process running it
    QDateTime leaseExpiresAt;
    int attempts = 0;
    double progress = 0.0;     ///< 0–1
    QString progressText;
    int items = 0;
    QJsonObject result;
    QString error;
    std::optional<qint64> sourceId;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;

    QJsonObject toJson() const;
};

} // namespace podtrends::core
