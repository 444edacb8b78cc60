#include "jobrepository.h"

#include <core/storage/jobleases.h>
#include <core/util/json.h>
#include <core/util/redaction.h>

#include <QCoreApplication>
#include <QHash>
#include <QHostInfo>
#include <QJsonDocument>
#include <QMutex>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(JobRepository)
};

// The server's clock minus ours, measured once per database (PostgreSQL only).
qint64 clockOffsetMs(Database &db)
{
    static QMutex mutex;
    static QHash<QString, qint64> offsets;
    const QString key = db.config().spec();
    QMutexLocker lock(&mutex);
    if (auto it = offsets.constFind(key); it != offsets.constEnd())
        return *it;
    QSqlQuery q(db.connection());
    const QDateTime before = QDateTime::currentDateTimeUtc();
    if (!q.exec(QStringLiteral("SELECT now()")) || !q.next())
        return 0; // not cached: measured again next time
    const QDateTime after = QDateTime::currentDateTimeUtc();
    const qint64 local = (before.toMSecsSinceEpoch() + after.toMSecsSinceEpoch()) / 2;
    const qint64 offset = q.value(0).toDateTime().toMSecsSinceEpoch() - local;
    offsets.insert(key, offset);
    return offset;
}

} // namespace

void JobRepository::readPayload(Job &job, const QVariant &column)
{
    // A row this version cannot read stays listable; the worker that claims it fails it with
    // the reason instead of running it with made-up parameters.
    QJsonObject object;
    if (!column.isNull()) {
        const QByteArray text = column.typeId() == QMetaType::QByteArray ? column.toByteArray() : column.toString().toUtf8();
        if (!text.trimmed().isEmpty()) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                job.payloadError = Tr::tr("The job's settings could not be read: the saved entry is damaged.");
                return;
            }
            object = doc.object();
        }
    }
    auto payload = jobPayloadFromJson(job.kind, object);
    if (payload)
        job.payload = *payload;
    else
        job.payloadError = payload.errorMessage();
}

QDateTime JobRepository::sharedNow(Database &db)
{
    QDateTime t = QDateTime::currentDateTimeUtc();
    if (db.isPostgres())
        t = t.addMSecs(clockOffsetMs(db));
    return t;
}

JobRepository::JobRepository(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QString JobRepository::jobColumns()
{
    return QStringLiteral("id, kind, payload, status, schedule_key, run_at, lease_owner, lease_expires_at, attempts, progress, "
                          "progress_text, items, result, error, source_id, created_at, started_at, finished_at");
}

Job JobRepository::fromRecord(const QSqlQuery &q, int c)
{
    Job j;
    j.id = q.value(c + 0).toLongLong();
    // A kind this version does not know (a newer program shares the database) is never claimed
    // here; listings show it as a no-op.
    j.kind = jobKindFromKey(q.value(c + 1).toString()).value_or(JobKind::Noop);
    readPayload(j, q.value(c + 2));
    j.status = jobStatusFromKey(q.value(c + 3).toString()).value_or(JobStatus::Failed);
    j.scheduleKey = q.value(c + 4).toString();
    j.runAt = json::dateTimeFrom(q.value(c + 5));
    j.leaseOwner = q.value(c + 6).toString();
    j.leaseExpiresAt = json::dateTimeFrom(q.value(c + 7));
    j.attempts = q.value(c + 8).toInt();
    j.progress = q.value(c + 9).toDouble();
    j.progressText = q.value(c + 10).toString();
    j.items = q.value(c + 11).toInt();
    j.result = jobResultFromJson(j.kind, json::objectFrom(q.value(c + 12)));
    j.error = q.value(c + 13).toString();
    if (!q.value(c + 14).isNull())
        j.sourceId = q.value(c + 14).toLongLong();
    j.createdAt = json::dateTimeFrom(q.value(c + 15));
    j.startedAt = json::dateTimeFrom(q.value(c + 16));
    j.finishedAt = json::dateTimeFrom(q.value(c + 17));
    return j;
}

QString JobRepository::processOwnerName()
{
    return QHostInfo::localHostName() + QLatin1Char(':') + QString::number(QCoreApplication::applicationPid());
}

Result<qint64> JobRepository::create(const Job &job)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO jobs (kind, payload, status, schedule_key, run_at, source_id, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (schedule_key) DO NOTHING RETURNING id"));
    q.addBindValue(toKey(job.kind));
    q.addBindValue(json::toText(toJson(job.payload)));
    q.addBindValue(toKey(job.status));
    q.addBindValue(job.scheduleKey.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(job.scheduleKey));
    q.addBindValue(job.runAt.isValid() ? job.runAt.toUTC() : now);
    q.addBindValue(job.sourceId ? QVariant(*job.sourceId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(now);
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return qint64(0); // the schedule key is taken
    return q.value(0).toLongLong();
}

Result<qint64> JobRepository::begin(const Job &job)
{
    const QDateTime now = sharedNow(*m_db);
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO jobs (kind, payload, status, schedule_key, run_at, source_id, created_at, started_at, "
                             "lease_owner, lease_expires_at, heartbeat_at, attempts, claimable) "
                             "VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (schedule_key) DO NOTHING RETURNING id"));
    q.addBindValue(toKey(job.kind));
    q.addBindValue(json::toText(toJson(job.payload)));
    q.addBindValue(job.scheduleKey.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(job.scheduleKey));
    q.addBindValue(now);
    q.addBindValue(job.sourceId ? QVariant(*job.sourceId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(processOwnerName());
    q.addBindValue(now.addSecs(JobLeases::LeaseSeconds));
    q.addBindValue(now);
    q.addBindValue(false);
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return qint64(0); // the schedule key is taken
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    JobLeases::hold(m_db, id);
    return id;
}

Result<bool> JobRepository::scrapeSlotTaken(const QString &scheduleKey, qint64 sourceId)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT 1 FROM jobs WHERE schedule_key = ? OR (kind = 'scrape' AND source_id = ? AND status IN ('queued', 'running'))"));
    q.addBindValue(scheduleKey);
    q.addBindValue(sourceId);
    if (Status s = exec(q); !s)
        return s.error();
    return q.next();
}

Status JobRepository::start(qint64 id, const QString &owner)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE jobs SET status = 'running', lease_owner = ?, started_at = ?, heartbeat_at = ?, lease_expires_at = ?, "
                             "attempts = attempts + 1 WHERE id = ?"));
    const QDateTime now = sharedNow(*m_db);
    q.addBindValue(owner);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(now.addSecs(JobLeases::LeaseSeconds));
    q.addBindValue(id);
    if (Status s = exec(q); !s)
        return s;
    JobLeases::hold(m_db, id);
    return {};
}

Status JobRepository::progress(qint64 id, double fraction, const QString &text, int items)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE jobs SET progress = ?, progress_text = ?, items = ?, heartbeat_at = ?, lease_expires_at = ? "
                             "WHERE id = ? AND status = 'running'"));
    const QDateTime now = sharedNow(*m_db);
    q.addBindValue(fraction);
    q.addBindValue(redact(text));
    q.addBindValue(items);
    q.addBindValue(now);
    q.addBindValue(now.addSecs(JobLeases::LeaseSeconds));
    q.addBindValue(id);
    return exec(q);
}

Status JobRepository::finish(qint64 id, JobStatus status, int items, const QString &error, const JobResult &result)
{
    JobLeases::release(*m_db, id);
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE jobs SET status = ?, items = ?, error = ?, result = ?, finished_at = ?, "
                             "progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END, lease_expires_at = NULL WHERE id = ?"));
    q.addBindValue(toKey(status));
    q.addBindValue(items);
    // Errors and results quote outside services, which may echo a request's credentials.
    q.addBindValue(error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(redact(error)));
    q.addBindValue(json::toText(redactJson(toJson(result))));
    q.addBindValue(sharedNow(*m_db));
    q.addBindValue(toKey(status));
    q.addBindValue(id);
    return exec(q);
}

Result<std::optional<Job>> JobRepository::findById(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT ") + jobColumns() + QStringLiteral(" FROM jobs WHERE id = ?"));
    q.addBindValue(id);
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<Job>();
    return std::optional<Job>(fromRecord(q));
}

Result<QList<Job>> JobRepository::recent(int limit, std::optional<JobKind> kind, std::optional<qint64> sourceId)
{
    QStringList clauses;
    QVariantList binds;
    if (kind) {
        clauses << QStringLiteral("kind = ?");
        binds << toKey(*kind);
    }
    if (sourceId) {
        clauses << QStringLiteral("source_id = ?");
        binds << *sourceId;
    }
    QString sql = QStringLiteral("SELECT ") + jobColumns() + QStringLiteral(" FROM jobs");
    if (!clauses.isEmpty())
        sql += QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT %1").arg(std::max(0, limit));
    QSqlQuery q(m_db->connection());
    q.prepare(sql);
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    if (Status s = exec(q); !s)
        return s.error();
    QList<Job> out;
    while (q.next())
        out << fromRecord(q);
    return out;
}

} // namespace podtrends::core
