// JobLeases: the runs a process records for itself are leased and kept alive; rows nobody holds
// any more are failed (and their sources freed) or handed back to the queue. SQLite and PostgreSQL.
#include "processtestutil.h"

#include <core/jobs/jobqueue.h>
#include <core/storage/jobleases.h>
#include <core/storage/jobrepository.h>
#include <core/storage/sourcerepository.h>
#include <support/testenv.h>

#include <QHostInfo>
#include <QSqlError>
#include <QTemporaryDir>

using namespace podtrends;
using namespace podtrends::core;
using namespace podtrends::test;

namespace {

// The id of a process that has ended (and that nothing has reused yet).
qint64 endedPid()
{
    QProcess p;
    p.start(QStringLiteral("true"), {});
    p.waitForFinished();
    return p.processId() > 0 ? p.processId() : 999999;
}

// A run row as a process that is gone left it: running, leased, owned by `owner`.
qint64 insertRunning(const std::shared_ptr<Database> &db, const QString &kind, const QString &owner, bool claimable,
                     const QDateTime &leaseExpires, std::optional<qint64> sourceId = {}, const QString &scheduleKey = {})
{
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("INSERT INTO jobs (kind, payload, status, schedule_key, run_at, lease_owner, lease_expires_at, heartbeat_at, "
                             "attempts, source_id, created_at, started_at, claimable) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    q.addBindValue(kind);
    q.addBindValue(sourceId ? QStringLiteral("{\"source_id\":%1}").arg(*sourceId) : QStringLiteral("{\"marketplace\":\"shopify\"}"));
    q.addBindValue(scheduleKey.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(scheduleKey));
    q.addBindValue(now);
    q.addBindValue(owner);
    q.addBindValue(leaseExpires);
    q.addBindValue(now.addSecs(-5));
    q.addBindValue(sourceId ? QVariant(*sourceId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(claimable);
    if (!q.exec() || !q.next()) {
        qWarning() << q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

QString host()
{
    return QHostInfo::localHostName();
}

} // namespace

class TstJobLeases final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void aRunOfThisProcessIsLeasedAndLeftAlone_data() { addDialectRows(); }
    void aRunOfThisProcessIsLeasedAndLeftAlone()
    {
        PT_OPEN_DATABASE(db, m_dir);
        Job job;
        job.kind = JobKind::Import;
        const qint64 id = JobRepository(db).begin(job).value();
        const Job stored = JobRepository(db).findById(id).value().value();
        QCOMPARE(stored.status, JobStatus::Running);
        QCOMPARE(stored.leaseOwner, JobRepository::processOwnerName());
        QVERIFY(stored.leaseExpiresAt > QDateTime::currentDateTimeUtc().addSecs(JobLeases::LeaseSeconds - 30));
        QVERIFY(JobLeases::holds(*db, id));

        const ReapedJobs reaped = JobLeases::reap(db).value();
        QCOMPARE(reaped.failed, 0);
        QCOMPARE(JobRepository(db).findById(id).value()->status, JobStatus::Running);
        // No worker may take it, even once its lease is over.
        QVERIFY(!JobQueue(db).claim(QStringLiteral("elsewhere:1#1"), {}, 60).value().has_value());

        QVERIFY(JobRepository(db).finish(id, JobStatus::Done, 0, {}));
        QVERIFY(!JobLeases::holds(*db, id));
    }

    void aScheduledScrapeOfAnEndedProcessIsFailedAndItsSourceRunsAgain_data() { addDialectRows(); }
    void aScheduledScrapeOfAnEndedProcessIsFailedAndItsSourceRunsAgain()
    {
        PT_OPEN_DATABASE(db, m_dir);
        Source s;
        s.marketplace = Marketplace::Shopify;
        s.target = QStringLiteral("http://127.0.0.1:9/");
        s.label = QStringLiteral("Loopback store");
        s.nextScrape = QDateTime::currentDateTimeUtc().addSecs(-60);
        auto inserted = SourceRepository(db).insert(s);
        QVERIFY2(inserted, qPrintable(inserted.errorMessage()));
        const qint64 sourceId = *inserted;
        s.id = sourceId;
        SourceRepository sources(db);
        QVERIFY(sources.recordStatus(sourceId, ScrapeStatus::Running, {}, {}, {}, 0));
        const QString key = s.scheduleKey();
        const QString owner = host() + QLatin1Char(':') + QString::number(endedPid());
        const qint64 id = insertRunning(db, QStringLiteral("scrape"), owner, false, QDateTime::currentDateTimeUtc().addSecs(60), sourceId, key);
        QVERIFY(id > 0);
        QVERIFY(JobRepository(db).scrapeSlotTaken(key, sourceId).value());

        auto reapedOrNot = JobLeases::reap(db);
        QVERIFY2(reapedOrNot, qPrintable(reapedOrNot.errorMessage()));
        const ReapedJobs reaped = *reapedOrNot;
        QCOMPARE(reaped.failed, 1);
        QCOMPARE(reaped.sourcesFreed, 1);
        QCOMPARE(reaped.marketplacesFreed, 1);
        const Job job = JobRepository(db).findById(id).value().value();
        QCOMPARE(job.status, JobStatus::Failed);
        QVERIFY2(job.error.contains(QLatin1String("stopped before it finished")), qPrintable(job.error));
        QVERIFY(job.scheduleKey.isEmpty());
        QCOMPARE(job.result, JobResult(InterruptedJobResult{key}));
        const Source after = sources.findById(sourceId).value().value();
        QCOMPARE(after.status, ScrapeStatus::Error);
        QCOMPARE(after.errorMessage, job.error);
        QCOMPARE(sources.marketplaces().value().first().status, ScrapeStatus::Error);
        // Free again: due, and its slot can be taken once more.
        QCOMPARE(sources.due(QDateTime::currentDateTimeUtc()).value().size(), 1);
        QVERIFY(!JobRepository(db).scrapeSlotTaken(key, sourceId).value());
        // A second look finds nothing more to do.
        QCOMPARE(JobLeases::reap(db).value().failed, 0);
    }

    void aRunWhoseLeaseRanOutOnAnotherMachineIsFailed_data() { addDialectRows(); }
    void aRunWhoseLeaseRanOutOnAnotherMachineIsFailed()
    {
        PT_OPEN_DATABASE(db, m_dir);
        const qint64 stale = insertRunning(db, QStringLiteral("analyze"), QStringLiteral("other-machine:4242"), false,
                                           QDateTime::currentDateTimeUtc().addSecs(-5));
        const qint64 fresh = insertRunning(db, QStringLiteral("analyze"), QStringLiteral("other-machine:4243"), false,
                                           QDateTime::currentDateTimeUtc().addSecs(60));
        QCOMPARE(JobLeases::reap(db).value().failed, 1);
        QCOMPARE(JobRepository(db).findById(stale).value()->status, JobStatus::Failed);
        QVERIFY(JobRepository(db).findById(stale).value()->error.contains(QLatin1String("other-machine")));
        // Another machine's live process is never judged by our process table.
        QCOMPARE(JobRepository(db).findById(fresh).value()->status, JobStatus::Running);
    }

    void aRunOfAnEarlierProcessWithOurIdIsFailed_data() { addDialectRows(); }
    void aRunOfAnEarlierProcessWithOurIdIsFailed()
    {
        PT_OPEN_DATABASE(db, m_dir);
        const qint64 id = insertRunning(db, QStringLiteral("publish"), JobRepository::processOwnerName(), false,
                                        QDateTime::currentDateTimeUtc().addSecs(60));
        QCOMPARE(JobLeases::reap(db).value().failed, 1);
        QCOMPARE(JobRepository(db).findById(id).value()->status, JobStatus::Failed);
    }

    void aWorkerJobOfAnEndedProcessGoesBackToTheQueue_data() { addDialectRows(); }
    void aWorkerJobOfAnEndedProcessGoesBackToTheQueue()
    {
        PT_OPEN_DATABASE(db, m_dir);
        const QString owner = host() + QLatin1Char(':') + QString::number(endedPid()) + QStringLiteral("#1");
        const qint64 id = insertRunning(db, QStringLiteral("generate"), owner, true, QDateTime::currentDateTimeUtc().addSecs(60));
        const ReapedJobs reaped = JobLeases::reap(db).value();
        QCOMPARE(reaped.failed, 0);
        QCOMPARE(reaped.resumable, 1);
        auto claimed = JobQueue(db).claim(QStringLiteral("survivor:1#1"), {}, 60).value();
        QVERIFY(claimed.has_value());
        QCOMPARE(claimed->id, id);
        QCOMPARE(claimed->attempts, 2);
    }
};

QTEST_GUILESS_MAIN(TstJobLeases)
#include "tst_jobleases.moc"
