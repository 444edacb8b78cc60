// Job rows across versions: rows written before payloads and results were typed load as typed
// values from a real SQLite file and PostgreSQL; typed payloads are stored in the same text; a
// row whose payload this version cannot read is listed and fails with a clear error when a
// worker takes it, and the worker goes on with the next job.
#include <core/jobs/jobhandlers.h>
#include <core/jobs/jobqueue.h>
#include <core/jobs/jobworker.h>
#include <core/storage/jobrepository.h>
#include <support/testenv.h>

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

namespace {

// A row as the program wrote it before payloads were typed: kind, payload and result texts.
qint64 insertRow(const std::shared_ptr<Database> &db, const QString &kind, const QString &status, const QString &payload,
                 const QString &result = {})
{
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("INSERT INTO jobs (kind, payload, status, run_at, created_at, result) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(-5);
    q.addBindValue(kind);
    q.addBindValue(payload);
    q.addBindValue(status);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(result.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(result));
    if (!q.exec() || !q.next()) {
        qWarning().noquote() << describeSqlError(q);
        return 0;
    }
    return q.value(0).toLongLong();
}

QJsonObject storedPayload(const std::shared_ptr<Database> &db, qint64 id, QString *text)
{
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("SELECT payload FROM jobs WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return {};
    *text = q.value(0).toString();
    return QJsonDocument::fromJson(text->toUtf8()).object();
}

Job load(const std::shared_ptr<Database> &db, qint64 id)
{
    auto job = JobRepository(db).findById(id);
    return job && job->has_value() ? **job : Job();
}

} // namespace

class TestJobRows : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        JobHandlers::registerBuiltinTestKinds();
    }

    void rowsWrittenBeforeTypingLoadAsTypedValues_data() { test::addDialectRows(); }
    void rowsWrittenBeforeTypingLoadAsTypedValues()
    {
        PT_OPEN_DATABASE(db, m_dir);
        const qint64 scrape = insertRow(db, QStringLiteral("scrape"), QStringLiteral("done"),
                                        QStringLiteral(R"({"limit":0,"marketplace":"etsy","max_pages":2,"target":"cat dad"})"),
                                        QStringLiteral(R"({"finished_at":"2026-12-01T10:02:00.000Z","inserted":90,"items":96,)"
                                                       R"("job_id":1,"kind":"scrape","marketplace":"etsy","message":"","pages":2,)"
                                                       R"("result_count":4100,"run_id":1,"skipped":0,"snapshots":96,"source_id":null,)"
                                                       R"("started_at":"2026-12-01T10:00:00.000Z","status":"ok","target":"cat dad","updated":6})"));
        const qint64 generate = insertRow(db, QStringLiteral("generate"), QStringLiteral("done"),
                                          QStringLiteral(R"({"trend_id":7,"variants":2})"),
                                          QStringLiteral(R"({"design_ids":[31,32],"errors":[]})"));
        const qint64 publish = insertRow(db, QStringLiteral("publish"), QStringLiteral("queued"),
                                         QStringLiteral(R"({"colours":["Black"],"design_id":12,"sizes":["M","L"]})"));
        const qint64 analyze = insertRow(db, QStringLiteral("analyze"), QStringLiteral("done"), QStringLiteral("{}"),
                                         QStringLiteral(R"({"assigned_products":4,"compute_ms":2,"products":4,"read_ms":1,"trends":1,"write_ms":3})"));
        QVERIFY(scrape && generate && publish && analyze);

        const Job s = load(db, scrape);
        QVERIFY2(s.payloadError.isEmpty(), qPrintable(s.payloadError));
        QCOMPARE(jobPayloadAs<ScrapeJob>(s.payload).marketplace, std::optional<Marketplace>(Marketplace::Etsy));
        QCOMPARE(jobPayloadAs<ScrapeJob>(s.payload).target, QStringLiteral("cat dad"));
        QVERIFY(std::holds_alternative<ScrapeJobResult>(s.result));
        QCOMPARE(std::get<ScrapeJobResult>(s.result).items, 96);
        QCOMPARE(std::get<ScrapeJobResult>(s.result).status, ScrapeStatus::Ok);
        QCOMPARE(std::get<ScrapeJobResult>(s.result).startedAt, QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC));

        const Job g = load(db, generate);
        QCOMPARE(g.payload, JobPayload(GenerateJob{7, 2, {}}));
        QCOMPARE(g.result, JobResult(GenerateJobResult{{31, 32}, {}}));

        const Job p = load(db, publish);
        QCOMPARE(jobPayloadAs<PublishJob>(p.payload).designId, qint64(12));
        QCOMPARE(jobPayloadAs<PublishJob>(p.payload).colours, QStringList{QStringLiteral("Black")});
        QCOMPARE(p.result, JobResult());

        const Job a = load(db, analyze);
        QCOMPARE(a.payload, JobPayload(AnalyzeJob{}));
        QCOMPARE(std::get<AnalyzeJobResult>(a.result).products, qint64(4));
    }

    void typedPayloadsAreStoredInTheTextOlderVersionsRead_data() { test::addDialectRows(); }
    void typedPayloadsAreStoredInTheTextOlderVersionsRead()
    {
        PT_OPEN_DATABASE(db, m_dir);
        PublishJob publish;
        publish.designId = 12;
        publish.printful = true;
        publish.shopify = false;
        ScrapeJob scheduled;
        scheduled.sourceId = 4;
        const QList<std::pair<JobPayload, QString>> cases{
            {publish, QStringLiteral(R"({"design_id":12,"printful":true,"shopify":false})")},
            {scheduled, QStringLiteral(R"({"source_id":4})")},
            {GenerateJob{7, 2, {}}, QStringLiteral(R"({"trend_id":7,"variants":2})")},
            {ImportJob{{QStringLiteral("/data/a.csv")}}, QStringLiteral(R"({"paths":["/data/a.csv"]})")},
        };
        for (const auto &[payload, expected] : cases) {
            auto id = JobQueue(db).enqueue(Job::of(payload));
            QVERIFY2(id, qPrintable(id.errorMessage()));
            QString text;
            const QJsonObject stored = storedPayload(db, *id, &text);
            // PostgreSQL keeps JSONB in its own spacing; the document is the same.
            if (db->isPostgres())
                QCOMPARE(stored, QJsonDocument::fromJson(expected.toUtf8()).object());
            else
                QCOMPARE(text, expected);
            QCOMPARE(load(db, *id).payload, payload);
        }
    }

    void unreadablePayloadFailsThatJobWithAClearError_data() { test::addDialectRows(); }
    void unreadablePayloadFailsThatJobWithAClearError()
    {
        PT_OPEN_DATABASE(db, m_dir);
        const qint64 broken = insertRow(db, QStringLiteral("sleep"), QStringLiteral("queued"), QStringLiteral(R"({"ms":"soon"})"));
        QVERIFY(broken);
        QList<qint64> expectFailed{broken};
        if (!db->isPostgres()) {
            // SQLite keeps any text; PostgreSQL's JSONB column refuses it at the door.
            const qint64 garbage = insertRow(db, QStringLiteral("sleep"), QStringLiteral("queued"), QStringLiteral("ms=5"));
            QVERIFY(garbage);
            expectFailed << garbage;
        }
        const auto good = JobQueue(db).enqueue(Job::of(SleepJob{1, false}));
        QVERIFY(good);

        // Listing never fails on such a row.
        auto listed = JobRepository(db).recent(10);
        QVERIFY2(listed, qPrintable(listed.errorMessage()));
        QCOMPARE(listed->size(), expectFailed.size() + 1);
        const Job wrongType = load(db, broken);
        QVERIFY2(wrongType.payloadError.contains(QLatin1String("duration")), qPrintable(wrongType.payloadError));
        QCOMPARE(wrongType.toJson().value(QLatin1String("payload_error")).toString(), wrongType.payloadError);

        JobWorkerOptions options;
        options.pollIntervalMs = 50;
        JobWorker worker(db, options);
        QSignalSpy finished(&worker, &JobWorker::jobFinished);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), expectFailed.size() + 1, 20000);
        worker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!worker.isRunning(), 10000);

        for (qint64 id : std::as_const(expectFailed)) {
            const Job job = load(db, id);
            QCOMPARE(job.status, JobStatus::Failed);
            QVERIFY2(job.error.contains(QLatin1String("could not be read")), qPrintable(job.error));
        }
        QCOMPARE(load(db, *good).status, JobStatus::Done);
        QCOMPARE(load(db, *good).result, JobResult(SleepJobResult{1}));
    }
};

QTEST_GUILESS_MAIN(TestJobRows)
#include "tst_jobrows.moc"
