// Real `podtrends worker` processes sharing one PostgreSQL database.
#include <core/jobs/jobqueue.h>
#include <core/storage/databaseconfig.h>
#include <core/storage/jobrepository.h>
#include <support/testenv.h>

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace podtrends;
using namespace podtrends::core;

class TestWorkerProcesses : public QObject
{
    Q_OBJECT

private:
    QString m_spec;
    std::shared_ptr<Database> m_db;
    std::vector<std::unique_ptr<QProcess>> m_workers;

    QString binary() const { return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("podtrends")); }

    QProcess *startWorker(int leaseSeconds, int concurrency = 2)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PODTRENDS_TEST_JOB_KINDS"), QStringLiteral("1"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process->setProcessEnvironment(env);
        process->setProcessChannelMode(QProcess::SeparateChannels);
        process->start(binary(), {QStringLiteral("--db"), m_spec, QStringLiteral("worker"), QStringLiteral("--concurrency"),
                                  QString::number(concurrency), QStringLiteral("--lease-seconds"), QString::number(leaseSeconds),
                                  QStringLiteral("--poll-ms"), QStringLiteral("100"), QStringLiteral("--kinds"), QStringLiteral("sleep")});
        if (!process->waitForStarted(10000))
            return nullptr;
        m_workers.push_back(std::move(process));
        return m_workers.back().get();
    }

    void stopAll()
    {
        for (auto &p : m_workers) {
            if (p->state() == QProcess::NotRunning)
                continue;
            ::kill(static_cast<pid_t>(p->processId()), SIGTERM);
        }
        for (auto &p : m_workers) {
            if (p->state() != QProcess::NotRunning && !p->waitForFinished(15000))
                p->kill();
        }
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    qint64 enqueueSleep(int ms)
    {
        Job j = Job::of(SleepJob{ms, true});
        auto id = JobQueue(m_db).enqueue(j);
        return id ? *id : -1;
    }

private Q_SLOTS:
    void init()
    {
        QString skip;
        m_spec = test::createPostgresDatabase(&skip);
        if (m_spec.isEmpty()) {
            if (!skip.isEmpty())
                QSKIP(qPrintable(skip));
            QFAIL("cannot create the test database");
        }
        auto config = DatabaseConfig::parse(m_spec);
        QVERIFY(config);
        auto db = Database::open(*config);
        QVERIFY2(db, qPrintable(db.errorMessage()));
        m_db = *db;
        QVERIFY(execSql(m_db->connection(), QStringLiteral("CREATE TABLE job_runs (job_id BIGINT, owner TEXT, started_at BIGINT, finished_at BIGINT)")));
        QVERIFY(QFileInfo::exists(binary()));
    }

    void cleanup()
    {
        stopAll();
        if (QTest::currentTestFailed()) {
            for (auto &p : m_workers)
                qWarning().noquote() << "worker" << p->processId() << "exit" << p->exitCode() << "\n"
                                     << p->readAllStandardOutput().right(3000) << "\n" << p->readAllStandardError().right(3000);
            QSqlQuery q(m_db->connection());
            q.exec(QStringLiteral("SELECT status, COUNT(*), MAX(attempts) FROM jobs GROUP BY status"));
            while (q.next())
                qWarning() << "jobs" << q.value(0).toString() << q.value(1).toInt() << q.value(2).toInt();
        }
        m_workers.clear();
        m_db.reset();
    }

    void threeWorkersRunTwoHundredJobsExactlyOnce()
    {
        // Some jobs outlast the lease: only heartbeats keep them from being taken over and run twice.
        for (int i = 0; i < 200; ++i)
            QVERIFY(enqueueSleep(i % 40 == 0 ? 3000 : 10) > 0);
        for (int i = 0; i < 3; ++i)
            QVERIFY(startWorker(2));
        QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE status = 'done'")) == 200, 40000);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM job_runs")), 200);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(DISTINCT job_id) FROM job_runs")), 200);
        QCOMPARE(scalar(QStringLiteral("SELECT MAX(attempts) FROM jobs")), 1);
        // Work was shared between processes (a worker that starts late on a busy machine may find none left).
        QVERIFY(scalar(QStringLiteral("SELECT COUNT(DISTINCT owner) FROM job_runs")) >= 2);
        // No two runs of one job overlap in time.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM job_runs a JOIN job_runs b ON a.job_id = b.job_id AND a.ctid <> b.ctid "
                                       "AND a.started_at < b.finished_at AND b.started_at < a.finished_at")), 0);
        stopAll();
        for (auto &p : m_workers) {
            QCOMPARE(p->exitStatus(), QProcess::NormalExit);
            QCOMPARE(p->exitCode(), 0);
            const QByteArray log = p->readAllStandardOutput();
            QVERIFY(log.contains("\"event\":\"worker_started\""));
            QVERIFY(log.contains("\"event\":\"job_finished\""));
        }
    }

    void killedWorkersJobIsFinishedByAnotherAfterLeaseExpires()
    {
        const qint64 id = enqueueSleep(3000);
        QVERIFY(id > 0);
        QProcess *doomed = startWorker(2, 1);
        QVERIFY(doomed);
        const QString doomedOwner = QStringLiteral(":%1#").arg(doomed->processId());
        QTRY_VERIFY_WITH_TIMEOUT(JobRepository(m_db).findById(id)->value().leaseOwner.contains(doomedOwner), 15000);
        ::kill(static_cast<pid_t>(doomed->processId()), SIGKILL);
        QVERIFY(doomed->waitForFinished(5000));

        QProcess *rescuer = startWorker(2, 1);
        QVERIFY(rescuer);
        QTRY_COMPARE_WITH_TIMEOUT(JobRepository(m_db).findById(id)->value().status, JobStatus::Done, 20000);
        const Job job = JobRepository(m_db).findById(id)->value();
        QCOMPARE(job.attempts, 2);
        QVERIFY(job.leaseOwner.contains(QStringLiteral(":%1#").arg(rescuer->processId())));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM job_runs")), 1);
    }

    void sigtermReleasesTheRunningJobAndExitsCleanly()
    {
        const qint64 id = enqueueSleep(60000);
        QVERIFY(id > 0);
        QProcess *worker = startWorker(30, 1);
        QVERIFY(worker);
        QTRY_COMPARE_WITH_TIMEOUT(JobRepository(m_db).findById(id)->value().status, JobStatus::Running, 15000);
        ::kill(static_cast<pid_t>(worker->processId()), SIGTERM);
        QVERIFY(worker->waitForFinished(10000));
        QCOMPARE(worker->exitStatus(), QProcess::NormalExit);
        QCOMPARE(worker->exitCode(), 0);
        const Job job = JobRepository(m_db).findById(id)->value();
        QCOMPARE(job.status, JobStatus::Queued);
        QCOMPARE(job.attempts, 0);
        QVERIFY(worker->readAllStandardOutput().contains("\"status\":\"released\""));
    }
};

QTEST_GUILESS_MAIN(TestWorkerProcesses)
#include "tst_workerprocesses.moc"
