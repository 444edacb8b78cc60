#include <core/jobs/jobhandlers.h>
#include <core/jobs/jobqueue.h>
#include <core/jobs/jobworker.h>
#include <core/storage/jobrepository.h>
#include <support/testenv.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace podtrends;
using namespace podtrends::core;

class TestJobQueue : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static Job sleepJob(int ms, const QString &scheduleKey = {})
    {
        Job j = Job::of(SleepJob{ms, true});
        j.scheduleKey = scheduleKey;
        return j;
    }
    static void createRunsTable(const std::shared_ptr<Database> &db)
    {
        QVERIFY(execSql(db->connection(), sqlForDialectRuns(db)));
    }
    static QString sqlForDialectRuns(const std::shared_ptr<Database> &db)
    {
        return db->isPostgres() ? QStringLiteral("CREATE TABLE job_runs (job_id BIGINT, owner TEXT, started_at BIGINT, finished_at BIGINT)")
                                : QStringLiteral("CREATE TABLE job_runs (job_id INTEGER, owner TEXT, started_at INTEGER, finished_at INTEGER)");
    }
    static qint64 scalar(const std::shared_ptr<Database> &db, const QString &sql)
    {
        QSqlQuery q(db->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        JobHandlers::registerBuiltinTestKinds();
    }

    void claimsOldestDueJobOfRequestedKind_data() { test::addDialectRows(); }
    void claimsOldestDueJobOfRequestedKind()
    {
        PT_OPEN_DATABASE(db, m_dir);
        JobQueue queue(db);
        Job later = sleepJob(1);
        later.runAt = queue.now().addSecs(3600);
        QVERIFY(queue.enqueue(later));
        Job other;
        other.kind = JobKind::Noop;
        const auto otherId = queue.enqueue(other);
        QVERIFY(otherId);
        const auto firstId = queue.enqueue(sleepJob(1));
        const auto secondId = queue.enqueue(sleepJob(1));
        QVERIFY(firstId && secondId);

        auto claimed = queue.claim(QStringLiteral("a#1"), {JobKind::Sleep}, 30);
        QVERIFY2(claimed, qPrintable(claimed.errorMessage()));
        QVERIFY(claimed->has_value());
        QCOMPARE((*claimed)->id, *firstId);
        QCOMPARE((*claimed)->status, JobStatus::Running);
        QCOMPARE((*claimed)->leaseOwner, QStringLiteral("a#1"));
        QCOMPARE((*claimed)->attempts, 1);
        auto second = queue.claim(QStringLiteral("b#1"), {JobKind::Sleep}, 30);
        QVERIFY(second && second->has_value());
        QCOMPARE((*second)->id, *secondId);
        // The future job is not due and the noop job is another kind.
        auto none = queue.claim(QStringLiteral("c#1"), {JobKind::Sleep}, 30);
        QVERIFY(none && !none->has_value());
        auto noop = queue.claim(QStringLiteral("c#1"), {}, 30);
        QVERIFY(noop && noop->has_value());
        QCOMPARE((*noop)->id, *otherId);
    }

    void scheduleKeyQueuesOneJobPerSlot_data() { test::addDialectRows(); }
    void scheduleKeyQueuesOneJobPerSlot()
    {
        PT_OPEN_DATABASE(db, m_dir);
        JobQueue queue(db);
        const auto a = queue.enqueue(sleepJob(1, QStringLiteral("scrape:source-3:2026-11-25T12")));
        const auto b = queue.enqueue(sleepJob(1, QStringLiteral("scrape:source-3:2026-11-25T12")));
        const auto c = queue.enqueue(sleepJob(1, QStringLiteral("scrape:source-3:2026-11-25T18")));
        QVERIFY(a && b && c);
        QCOMPARE(*b, *a);
        QVERIFY(*c != *a);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs")), 2);
    }

    void expiredLeaseIsTakenOverAndOldOwnerCannotFinish_data() { test::addDialectRows(); }
    void expiredLeaseIsTakenOverAndOldOwnerCannotFinish()
    {
        PT_OPEN_DATABASE(db, m_dir);
        JobQueue queue(db);
        const auto id = queue.enqueue(sleepJob(1));
        QVERIFY(id);
        auto first = queue.claim(QStringLiteral("dead#1"), {}, 1);
        QVERIFY(first && first->has_value());
        auto notYet = queue.claim(QStringLiteral("alive#1"), {}, 30);
        QVERIFY(notYet && !notYet->has_value());
        QTest::qWait(1300);
        auto takeover = queue.claim(QStringLiteral("alive#1"), {}, 30);
        QVERIFY(takeover && takeover->has_value());
        QCOMPARE((*takeover)->id, *id);
        QCOMPARE((*takeover)->attempts, 2);

        Status late = queue.complete(*id, QStringLiteral("dead#1"), JobResult(SleepJobResult{1}));
        QVERIFY(!late);
        QCOMPARE(late.error().code, JobQueue::LeaseLostCode);
        QCOMPARE(queue.heartbeat(*id, QStringLiteral("dead#1"), 30).error().code, JobQueue::LeaseLostCode);
        QVERIFY(queue.heartbeat(*id, QStringLiteral("alive#1"), 30));
        QVERIFY(queue.complete(*id, QStringLiteral("alive#1"), JobResult(SleepJobResult{2})));
        auto row = JobRepository(db).findById(*id);
        QVERIFY(row && row->has_value());
        QCOMPARE((*row)->status, JobStatus::Done);
        QCOMPARE((*row)->result, JobResult(SleepJobResult{2}));
        QCOMPARE((*row)->progress, 1.0);
    }

    void releasePutsJobBackWithoutCountingTheAttempt_data() { test::addDialectRows(); }
    void releasePutsJobBackWithoutCountingTheAttempt()
    {
        PT_OPEN_DATABASE(db, m_dir);
        JobQueue queue(db);
        const auto id = queue.enqueue(sleepJob(1));
        QVERIFY(id);
        auto claimed = queue.claim(QStringLiteral("w#1"), {}, 30);
        QVERIFY(claimed && claimed->has_value());
        QVERIFY(queue.release(*id, QStringLiteral("w#1")));
        auto row = JobRepository(db).findById(*id);
        QCOMPARE((*row)->status, JobStatus::Queued);
        QCOMPARE((*row)->attempts, 0);
        QVERIFY((*row)->leaseOwner.isEmpty());
        auto again = queue.claim(QStringLiteral("w#2"), {}, 30);
        QVERIFY(again && again->has_value());
        QCOMPARE((*again)->id, *id);
    }

    void failedHandlerAndExhaustedAttemptsAreRecorded_data() { test::addDialectRows(); }
    void failedHandlerAndExhaustedAttemptsAreRecorded()
    {
        PT_OPEN_DATABASE(db, m_dir);
        JobQueue queue(db);
        const auto broken = queue.enqueue(sleepJob(1));
        QVERIFY(broken);
        auto claimed = queue.claim(QStringLiteral("w#1"), {}, 30);
        QVERIFY(queue.complete(*broken, QStringLiteral("w#1"), Error{QStringLiteral("the store answered 404"), 1}));
        auto row = JobRepository(db).findById(*broken);
        QCOMPARE((*row)->status, JobStatus::Failed);
        QCOMPARE((*row)->error, QStringLiteral("the store answered 404"));

        const auto cursed = queue.enqueue(sleepJob(1));
        QVERIFY(cursed);
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto c = queue.claim(QStringLiteral("dying#%1").arg(attempt), {}, 1, 2);
            QVERIFY(c && c->has_value());
            QTest::qWait(1100);
        }
        auto none = queue.claim(QStringLiteral("w#3"), {}, 30, 2);
        QVERIFY(none && !none->has_value());
        auto failed = queue.failExhausted(2);
        QVERIFY(failed);
        QCOMPARE(*failed, 1);
        QCOMPARE(JobRepository(db).findById(*cursed)->value().status, JobStatus::Failed);
    }

    void inProcessWorkerRunsEveryJobOnce_data() { test::addDialectRows(); }
    void inProcessWorkerRunsEveryJobOnce()
    {
        PT_OPEN_DATABASE(db, m_dir);
        createRunsTable(db);
        JobQueue queue(db);
        for (int i = 0; i < 60; ++i)
            QVERIFY(queue.enqueue(sleepJob(5)));
        JobWorkerOptions options;
        options.concurrency = 3;
        options.pollIntervalMs = 50;
        options.leaseSeconds = 5;
        options.kinds = {JobKind::Sleep};
        JobWorker worker(db, options);
        QSignalSpy finished(&worker, &JobWorker::jobFinished);
        QSignalSpy stopped(&worker, &JobWorker::stopped);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 60, 30000);
        worker.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 10000);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE status = 'done'")), 60);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM job_runs")), 60);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(DISTINCT job_id) FROM job_runs")), 60);
        for (const QList<QVariant> &args : std::as_const(finished))
            QCOMPARE(args.at(2).toString(), QStringLiteral("done"));
    }

    void stopReleasesTheRunningJob_data() { test::addDialectRows(); }
    void stopReleasesTheRunningJob()
    {
        PT_OPEN_DATABASE(db, m_dir);
        JobQueue queue(db);
        Job long_ = sleepJob(60000);
        long_.payload = SleepJob{60000, false};
        const auto id = queue.enqueue(long_);
        QVERIFY(id);
        JobWorkerOptions options;
        options.pollIntervalMs = 50;
        JobWorker worker(db, options);
        QSignalSpy started(&worker, &JobWorker::jobStarted);
        QSignalSpy finished(&worker, &JobWorker::jobFinished);
        QSignalSpy stopped(&worker, &JobWorker::stopped);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
        worker.stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(2).toString(), QStringLiteral("released"));
        auto row = JobRepository(db).findById(*id);
        QCOMPARE((*row)->status, JobStatus::Queued);
        QCOMPARE((*row)->attempts, 0);
    }
};

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_jobqueue.moc"
