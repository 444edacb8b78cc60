#include "jobleases.h"

#include <core/storage/jobrepository.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QSet>
#include <QThread>
#include <QWaitCondition>

#include <cerrno>
#include <csignal>

Q_LOGGING_CATEGORY(lcLeases, "podtrends.core.jobleases")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(JobLeases)
};

// The runs this process holds, per database, and the thread that keeps their leases.
class Keeper
{
public:
    static Keeper &instance()
    {
        static Keeper *keeper = [] {
            auto *k = new Keeper;
            // The thread ends before the application object goes (its connections with it).
            qAddPostRoutine([] { Keeper::instance().quit(); });
            return k;
        }();
        return *keeper;
    }

    void hold(const std::shared_ptr<Database> &db, qint64 id)
    {
        QMutexLocker lock(&m_mutex);
        Held &held = m_held[db->config().spec()];
        if (!held.db)
            held.db = db;
        held.ids.insert(id);
        if (!m_thread && !m_quitting) {
            m_thread = QThread::create([this] { run(); });
            m_thread->setObjectName(QStringLiteral("job-leases"));
            m_thread->start();
        }
    }

    void release(const Database &db, qint64 id)
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_held.find(db.config().spec());
        if (it == m_held.end() || !it->ids.remove(id))
            return;
        if (it->ids.isEmpty())
            m_wake.wakeAll(); // the thread lets go of the database (and its connection) now
    }

    bool holds(const Database &db, qint64 id)
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_held.constFind(db.config().spec());
        return it != m_held.constEnd() && it->ids.contains(id);
    }

private:
    struct Held
    {
        std::shared_ptr<Database> db;
        QSet<qint64> ids;
    };

    void quit()
    {
        QThread *thread = nullptr;
        {
            QMutexLocker lock(&m_mutex);
            m_quitting = true;
            m_wake.wakeAll();
            thread = m_thread;
        }
        if (thread) {
            thread->wait();
            delete thread;
        }
    }

    void run()
    {
        QMutexLocker lock(&m_mutex);
        QDeadlineTimer nextBeat(JobLeases::HeartbeatSeconds * 1000);
        while (!m_quitting) {
            m_wake.wait(&m_mutex, nextBeat);
            const bool beat = nextBeat.hasExpired();
            if (beat)
                nextBeat.setRemainingTime(JobLeases::HeartbeatSeconds * 1000);
            QList<std::pair<std::shared_ptr<Database>, QList<qint64>>> work;
            QList<std::shared_ptr<Database>> idle;
            for (auto it = m_held.begin(); it != m_held.end();) {
                if (it->ids.isEmpty() || m_quitting) {
                    idle << std::move(it->db);
                    it = m_held.erase(it);
                    continue;
                }
                if (beat)
                    work.append({it->db, it->ids.values()});
                ++it;
            }
            lock.unlock();
            for (const auto &[db, ids] : std::as_const(work))
                beatFor(*db, ids);
            // This thread's connection goes with the database's last run; the database object
            // itself goes here when nobody else holds it.
            for (const std::shared_ptr<Database> &db : std::as_const(idle))
                db->closeConnection();
            idle.clear();
            work.clear();
            lock.relock();
        }
    }

    static void beatFor(Database &db, const QList<qint64> &ids)
    {
        QStringList list;
        for (qint64 id : ids)
            list << QString::number(id);
        const QDateTime now = JobRepository::sharedNow(db);
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("UPDATE jobs SET heartbeat_at = ?, lease_expires_at = ? WHERE status = 'running' AND lease_owner = ? AND id IN (%1)")
                      .arg(list.join(QLatin1Char(','))));
        q.addBindValue(now);
        q.addBindValue(now.addSecs(JobLeases::LeaseSeconds));
        q.addBindValue(JobRepository::processOwnerName());
        if (Status s = exec(q); !s)
            qCWarning(lcLeases).noquote() << "extending job leases failed:" << s.errorMessage();
    }

    QMutex m_mutex;
    QWaitCondition m_wake;
    QHash<QString, Held> m_held;
    QThread *m_thread = nullptr;
    bool m_quitting = false;
};

struct RunningRow
{
    qint64 id = 0;
    QString kind;
    std::optional<Marketplace> marketplace; ///< a scrape's, when its payload names one
    QString owner;
    QString scheduleKey;
    QDateTime leaseExpiresAt;
    QDateTime lastSign; ///< the last heartbeat, else the start
    std::optional<qint64> sourceId;
    bool claimable = true;
};

// "host:pid" or "host:pid#slot" → host and pid (-1 when it is not that shape).
std::pair<QString, qint64> splitOwner(const QString &owner)
{
    const qsizetype colon = owner.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return {owner, -1};
    bool ok = false;
    const qint64 pid = owner.mid(colon + 1).section(QLatin1Char('#'), 0, 0).toLongLong(&ok);
    return {owner.left(colon), ok && pid > 0 ? pid : -1};
}

// Why a running row is held by nobody, or empty while its holder may still be alive.
QString orphanReason(const RunningRow &row, const QDateTime &now, const Database &db)
{
    static const QString host = QHostInfo::localHostName();
    const auto [ownerHost, pid] = splitOwner(row.owner);
    if (ownerHost == host && pid > 0) {
        if (pid == QCoreApplication::applicationPid()) {
            // Our id, but not a run we hold: a process before us had the same id (after a
            // restart of the machine or the container). Our own worker slots renew their leases.
            if (!row.claimable && !JobLeases::holds(db, row.id))
                return Tr::tr("It stopped before it finished: the program running it on %1 ended.").arg(ownerHost);
        } else if (!JobLeases::processAlive(pid)) {
            return Tr::tr("It stopped before it finished: the program running it on %1 (process %2) ended.").arg(ownerHost).arg(pid);
        }
    }
    const QString since = row.lastSign.isValid() ? row.lastSign.toLocalTime().toString(Qt::ISODate) : Tr::tr("its start");
    const QString who = ownerHost.isEmpty() ? Tr::tr("the program running it") : ownerHost;
    if (row.leaseExpiresAt.isValid() && row.leaseExpiresAt < now)
        return Tr::tr("It stopped before it finished: no sign of life from %1 since %2.").arg(who, since);
    // A row from before leases: ten minutes without a heartbeat is a dead run.
    if (!row.leaseExpiresAt.isValid() && (!row.lastSign.isValid() || row.lastSign.secsTo(now) > 600))
        return Tr::tr("It stopped before it finished: no sign of life from %1 since %2.").arg(who, since);
    return {};
}

Result<QList<RunningRow>> runningRows(Database &db)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, kind, payload, lease_owner, schedule_key, lease_expires_at, heartbeat_at, started_at, "
                               "source_id, claimable FROM jobs WHERE status = 'running'")))
        return Error{describeSqlError(q), 1};
    QList<RunningRow> rows;
    while (q.next()) {
        RunningRow r;
        r.id = q.value(0).toLongLong();
        r.kind = q.value(1).toString();
        if (r.kind == toKey(JobKind::Scrape)) {
            Job job;
            job.kind = JobKind::Scrape;
            JobRepository::readPayload(job, q.value(2));
            r.marketplace = jobPayloadAs<ScrapeJob>(job.payload).marketplace;
        }
        r.owner = q.value(3).toString();
        r.scheduleKey = q.value(4).toString();
        r.leaseExpiresAt = json::dateTimeFrom(q.value(5));
        r.lastSign = json::dateTimeFrom(q.value(6));
        if (!r.lastSign.isValid())
            r.lastSign = json::dateTimeFrom(q.value(7));
        if (!q.value(8).isNull())
            r.sourceId = q.value(8).toLongLong();
        r.claimable = q.value(9).toBool();
        rows << r;
    }
    return rows;
}

// The marketplace a scrape row collects: named in its payload, or its source's.
QString marketplaceOf(Database &db, const RunningRow &row)
{
    if (row.marketplace || !row.sourceId)
        return row.marketplace ? toKey(*row.marketplace) : QString();
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT marketplace FROM sources WHERE id = ?"));
    q.addBindValue(*row.sourceId);
    return exec(q) && q.next() ? q.value(0).toString() : QString();
}

} // namespace

void JobLeases::hold(const std::shared_ptr<Database> &db, qint64 jobId)
{
    Keeper::instance().hold(db, jobId);
}

void JobLeases::release(const Database &db, qint64 jobId)
{
    Keeper::instance().release(db, jobId);
}

bool JobLeases::holds(const Database &db, qint64 jobId)
{
    return Keeper::instance().holds(db, jobId);
}

bool JobLeases::processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    // Signal 0 only asks whether the process exists; EPERM means it does (another user's).
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

Result<ReapedJobs> JobLeases::reap(const std::shared_ptr<Database> &db)
{
    auto rows = runningRows(*db);
    if (!rows)
        return rows.error();
    const QDateTime now = JobRepository::sharedNow(*db);
    ReapedJobs out;
    QList<std::pair<RunningRow, QString>> failed;
    QSet<QString> busyMarketplaces;
    for (const RunningRow &row : std::as_const(*rows)) {
        const QString reason = orphanReason(row, now, *db);
        if (reason.isEmpty()) {
            if (row.kind == QLatin1String("scrape"))
                busyMarketplaces.insert(marketplaceOf(*db, row));
            continue;
        }
        QSqlQuery q(db->connection());
        if (row.claimable) {
            // The queue resumes it: a claim takes running rows whose lease has ended.
            q.prepare(QStringLiteral("UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND status = 'running' AND lease_owner = ? "
                                     "AND (lease_expires_at IS NULL OR lease_expires_at > ?)"));
            q.addBindValue(now.addSecs(-1));
            q.addBindValue(row.id);
            q.addBindValue(row.owner);
            q.addBindValue(now);
            if (Status s = exec(q); !s)
                return s.error();
            ++out.resumable;
            if (row.kind == QLatin1String("scrape"))
                busyMarketplaces.insert(marketplaceOf(*db, row));
            continue;
        }
        // The schedule key is given up, so the slot can run again; the result keeps it.
        const InterruptedJobResult result{row.scheduleKey};
        q.prepare(QStringLiteral("UPDATE jobs SET status = 'failed', error = ?, result = ?, finished_at = ?, lease_expires_at = NULL, "
                                 "schedule_key = NULL WHERE id = ? AND status = 'running' AND COALESCE(lease_owner, '') = ?"));
        q.addBindValue(reason);
        q.addBindValue(json::toText(toJson(JobResult(result))));
        q.addBindValue(now);
        q.addBindValue(row.id);
        q.addBindValue(row.owner);
        if (Status s = exec(q); !s)
            return s.error();
        if (q.numRowsAffected() != 1)
            continue; // finished or taken care of meanwhile
        qCInfo(lcLeases).noquote() << "job" << row.id << row.kind << "of" << row.owner << "failed:" << reason;
        ++out.failed;
        failed.append({row, reason});
    }

    const QDateTime wallNow = QDateTime::currentDateTimeUtc();
    for (const auto &[row, reason] : std::as_const(failed)) {
        if (row.kind != QLatin1String("scrape") && !row.sourceId)
            continue;
        if (row.sourceId) {
            QSqlQuery q(db->connection());
            q.prepare(QStringLiteral("UPDATE sources SET status = 'error', error_message = ?, updated_at = ? WHERE id = ? AND status = 'running' "
                                     "AND NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.source_id = sources.id AND jobs.status = 'running')"));
            q.addBindValue(reason);
            q.addBindValue(wallNow);
            q.addBindValue(*row.sourceId);
            if (Status s = exec(q); !s)
                return s.error();
            out.sourcesFreed += q.numRowsAffected() > 0 ? 1 : 0;
        }
        const QString marketplace = marketplaceOf(*db, row);
        if (marketplace.isEmpty() || busyMarketplaces.contains(marketplace))
            continue;
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("UPDATE marketplaces SET status = 'error', error_message = ?, updated_at = ? WHERE name = ? AND status = 'running'"));
        q.addBindValue(reason);
        q.addBindValue(wallNow);
        q.addBindValue(marketplace);
        if (Status s = exec(q); !s)
            return s.error();
        out.marketplacesFreed += q.numRowsAffected() > 0 ? 1 : 0;
    }
    return out;
}

} // namespace podtrends::core
