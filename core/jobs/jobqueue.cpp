#include "jobqueue.h"

#include <core/storage/jobrepository.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcJobQueue, "podtrends.jobs.queue")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(JobQueue)
};

QVariant nullString()
{
    return QVariant(QMetaType(QMetaType::QString));
}

} // namespace

JobQueue::JobQueue(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QDateTime JobQueue::now()
{
    return JobRepository::sharedNow(*m_db);
}

Result<qint64> JobQueue::enqueue(const Job &job)
{
    const QDateTime now = this->now();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO jobs (kind, payload, status, schedule_key, run_at, source_id, created_at) "
                             "VALUES (?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT (schedule_key) DO NOTHING RETURNING id"));
    q.addBindValue(toKey(job.kind));
    q.addBindValue(json::toText(toJson(job.payload)));
    q.addBindValue(job.scheduleKey.isEmpty() ? nullString() : QVariant(job.scheduleKey));
    q.addBindValue(job.runAt.isValid() ? job.runAt.toUTC() : now);
    q.addBindValue(job.sourceId ? QVariant(*job.sourceId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(now);
    if (Status s = exec(q); !s)
        return s.error();
    if (q.next())
        return q.value(0).toLongLong();
    // The slot was taken already (by us earlier or by another process).
    QSqlQuery existing(m_db->connection());
    existing.prepare(QStringLiteral("SELECT id FROM jobs WHERE schedule_key = ?"));
    existing.addBindValue(job.scheduleKey);
    if (Status s = exec(existing); !s)
        return s.error();
    if (!existing.next())
        return Error{Tr::tr("The job for %1 could not be queued").arg(job.scheduleKey), 1};
    return existing.value(0).toLongLong();
}

Result<std::optional<Job>> JobQueue::claim(const QString &owner, const QList<JobKind> &kinds, int leaseSeconds, int maxAttempts)
{
    const QDateTime now = this->now();
    QString kindClause;
    if (!kinds.isEmpty()) {
        QStringList marks;
        marks.fill(QStringLiteral("?"), kinds.size());
        kindClause = QStringLiteral(" AND kind IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    // SKIP LOCKED lets many workers claim different rows at once without waiting on each other;
    // SQLite has one writer at a time, so the plain single-statement UPDATE is already atomic.
    const QString lockClause = m_db->isPostgres() ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString();
    const QString sql = QStringLiteral(
        "UPDATE jobs SET status = 'running', lease_owner = ?, lease_expires_at = ?, heartbeat_at = ?, started_at = ?, "
        "attempts = attempts + 1, error = NULL, finished_at = NULL WHERE id = ("
        "SELECT id FROM jobs WHERE ((status = 'queued' AND run_at <= ?) OR (status = 'running' AND lease_expires_at < ?)) "
        "AND attempts < ? AND claimable") + kindClause + QStringLiteral(" ORDER BY run_at, id LIMIT 1") + lockClause
        + QStringLiteral(") RETURNING ") + JobRepository::jobColumns();
    QSqlQuery q(m_db->connection());
    q.prepare(sql);
    q.addBindValue(owner);
    q.addBindValue(now.addSecs(leaseSeconds));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(maxAttempts);
    for (JobKind kind : kinds)
        q.addBindValue(toKey(kind));
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<Job>();
    Job job = JobRepository::fromRecord(q);
    q.finish();
    return std::optional<Job>(std::move(job));
}

Status JobQueue::heartbeat(qint64 id, const QString &owner, int leaseSeconds)
{
    const QDateTime now = this->now();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE jobs SET heartbeat_at = ?, lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'"));
    q.addBindValue(now);
    q.addBindValue(now.addSecs(leaseSeconds));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (Status s = exec(q); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return Status::failure(Tr::tr("Job %1 is no longer held by this worker").arg(id), LeaseLostCode);
    return {};
}

Status JobQueue::progress(qint64 id, const QString &owner, double fraction, const QString &text, int items, int leaseSeconds)
{
    const QDateTime now = this->now();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE jobs SET progress = ?, progress_text = ?, items = ?, heartbeat_at = ?, lease_expires_at = ? "
                             "WHERE id = ? AND lease_owner = ? AND status = 'running'"));
    q.addBindValue(fraction);
    q.addBindValue(text);
    q.addBindValue(items);
    q.addBindValue(now);
    q.addBindValue(now.addSecs(leaseSeconds));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (Status s = exec(q); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return Status::failure(Tr::tr("Job %1 is no longer held by this worker").arg(id), LeaseLostCode);
    return {};
}

Status JobQueue::complete(qint64 id, const QString &owner, const Result<JobResult> &outcome)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE jobs SET status = ?, result = ?, error = ?, finished_at = ?, lease_expires_at = NULL, "
                             "progress = CASE WHEN ? THEN 1 ELSE progress END WHERE id = ? AND lease_owner = ? AND status = 'running'"));
    q.addBindValue(toKey(outcome ? JobStatus::Done : JobStatus::Failed));
    q.addBindValue(outcome ? json::toText(toJson(*outcome)) : nullString());
    q.addBindValue(outcome ? nullString() : QVariant(outcome.errorMessage()));
    q.addBindValue(now());
    q.addBindValue(outcome.ok());
    q.addBindValue(id);
    q.addBindValue(owner);
    if (Status s = exec(q); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return Status::failure(Tr::tr("Job %1 is no longer held by this worker; its result was dropped").arg(id), LeaseLostCode);
    return {};
}

Status JobQueue::release(qint64 id, const QString &owner)
{
    // The attempt did not count: it stopped on request, not because the job is broken.
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, "
                             "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END WHERE id = ? AND lease_owner = ? AND status = 'running'"));
    q.addBindValue(id);
    q.addBindValue(owner);
    if (Status s = exec(q); !s)
        return s;
    if (q.numRowsAffected() != 1)
        return Status::failure(Tr::tr("Job %1 is no longer held by this worker").arg(id), LeaseLostCode);
    return {};
}

Result<int> JobQueue::failExhausted(int maxAttempts)
{
    const QDateTime now = this->now();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE jobs SET status = 'failed', error = ?, finished_at = ?, lease_expires_at = NULL "
                             "WHERE status = 'running' AND lease_expires_at < ? AND attempts >= ? AND claimable"));
    q.addBindValue(Tr::tr("The worker running it stopped responding %1 times").arg(maxAttempts));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(maxAttempts);
    if (Status s = exec(q); !s)
        return s.error();
    return q.numRowsAffected();
}

Result<QList<Job>> JobQueue::overview(int limit)
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + JobRepository::jobColumns()
              + QStringLiteral(" FROM jobs ORDER BY CASE WHEN status = 'running' THEN 0 WHEN status = 'queued' THEN 1 ELSE 2 END, "
                               "COALESCE(finished_at, started_at, created_at) DESC, id DESC LIMIT %1").arg(std::max(0, limit)));
    if (Status s = exec(q); !s)
        return s.error();
    QList<Job> out;
    while (q.next())
        out << JobRepository::fromRecord(q);
    return out;
}

} // namespace podtrends::core
