// Scheduled scrapes as jobs: one job per schedule slot, run by a JobWorker through ScrapeService
// against a loopback fake Shopify store.
#include <app/jobhandlers.h>
#include <core/jobs/jobqueue.h>
#include <core/jobs/jobworker.h>
#include <core/storage/jobrepository.h>
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>
#include <core/storage/sourcerepository.h>
#include <support/testenv.h>

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

class TestJobHandlers : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static qint64 scalar(const std::shared_ptr<Database> &db, const QString &sql)
    {
        QSqlQuery q(db->connection());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::registerJobHandlers();
    }

    void dueSourcesAreQueuedOncePerScheduleSlot_data() { test::addDialectRows(); }
    void dueSourcesAreQueuedOncePerScheduleSlot()
    {
        PT_OPEN_DATABASE(db, m_dir);
        Source source;
        source.marketplace = Marketplace::Shopify;
        source.target = QStringLiteral("http://127.0.0.1:9/");
        source.label = QStringLiteral("Fake store");
        source.nextScrape = QDateTime::currentDateTimeUtc().addSecs(-60);
        auto id = SourceRepository(db).insert(source);
        QVERIFY2(id, qPrintable(id.errorMessage()));
        // Two processes checking the same slot queue one job between them.
        auto first = app::enqueueDueScrapes(db);
        auto second = app::enqueueDueScrapes(db);
        QVERIFY(first && second);
        QCOMPARE(*first, 1);
        QCOMPARE(*second, 0);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'scrape'")), 1);
        const Job job = JobRepository(db).recent(1)->first();
        QVERIFY(job.scheduleKey.startsWith(QStringLiteral("scrape:source-%1:").arg(*id)));
        QCOMPARE(jobPayloadAs<ScrapeJob>(job.payload).sourceId, std::optional<qint64>(*id));

        // Once that slot ran and the source moved to a later slot, the next slot is queued.
        auto claimed = JobQueue(db).claim(QStringLiteral("w:1#1"), {JobKind::Scrape}, 30);
        QVERIFY(claimed && claimed->has_value());
        QVERIFY(JobQueue(db).complete(job.id, QStringLiteral("w:1#1"), JobResult()));
        QCOMPARE(*app::enqueueDueScrapes(db), 0); // same slot again: already ran
        QVERIFY(SourceRepository(db).recordStatus(*id, ScrapeStatus::Ok, {}, QDateTime::currentDateTimeUtc(),
                                                  QDateTime::currentDateTimeUtc().addSecs(-1), 3));
        QCOMPARE(*app::enqueueDueScrapes(db), 1);
    }

    void scrapeJobRunsTheSourceThroughScrapeService()
    {
        QHttpServer store;
        store.route(QStringLiteral("/products.json"), [](const QHttpServerRequest &request) {
            const int page = request.query().queryItemValue(QStringLiteral("page")).toInt();
            QJsonArray products;
            if (page <= 1) {
                for (int i = 1; i <= 3; ++i) {
                    products.append(QJsonObject{
                        {QStringLiteral("id"), 7611349762230LL + i}, {QStringLiteral("title"), QStringLiteral("Camping tee %1").arg(i)},
                        {QStringLiteral("handle"), QStringLiteral("camping-tee-%1").arg(i)}, {QStringLiteral("body_html"), QStringLiteral("<p>Soft</p>")},
                        {QStringLiteral("vendor"), QStringLiteral("Trail Co")}, {QStringLiteral("product_type"), QStringLiteral("T-Shirt")},
                        {QStringLiteral("tags"), QJsonArray{QStringLiteral("camping")}},
                        {QStringLiteral("variants"), QJsonArray{QJsonObject{{QStringLiteral("id"), 43222371631290LL + i},
                                                                            {QStringLiteral("price"), QStringLiteral("24.99")},
                                                                            {QStringLiteral("available"), true}}}},
                        {QStringLiteral("images"), QJsonArray{}}});
                }
            }
            return QHttpServerResponse(QJsonObject{{QStringLiteral("products"), products}});
        });
        const quint16 port = store.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);

        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), m_dir.path(), nullptr);
        QVERIFY(db);
        Source source;
        source.marketplace = Marketplace::Shopify;
        source.target = QStringLiteral("http://127.0.0.1:%1").arg(port);
        source.label = QStringLiteral("Loopback store");
        auto id = SourceRepository(db).insert(source);
        QVERIFY(id);
        QCOMPARE(*app::enqueueDueScrapes(db), 1);

        JobWorkerOptions options;
        options.kinds = {JobKind::Scrape};
        options.pollIntervalMs = 50;
        JobWorker worker(db, options);
        QSignalSpy finished(&worker, &JobWorker::jobFinished);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.at(0).at(2).toString(), QStringLiteral("done"));
        worker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!worker.isRunning(), 10000);
        QCOMPARE(ProductQueries(db).count().value(), 3);
        const Job job = JobRepository(db).findById(finished.at(0).at(0).toLongLong())->value();
        QCOMPARE(job.status, JobStatus::Done);
        QVERIFY(std::holds_alternative<ScrapeJobResult>(job.result));
        QCOMPARE(std::get<ScrapeJobResult>(job.result).items, 3);
        // The leased row is the run's only record (ScrapeService writes none of its own here).
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'scrape'")), 1);
        // The scrape stored products, so it queued the analysis that follows in the seed's flow.
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'analyze' AND status = 'queued'")), 1);
    }

    void analyzeJobFindsTrendsAndIsItsOwnRecord_data() { test::addDialectRows(); }
    void analyzeJobFindsTrendsAndIsItsOwnRecord()
    {
        PT_OPEN_DATABASE(db, m_dir);
        QList<Product> products;
        for (int i = 1; i <= 4; ++i) {
            Product p;
            p.marketplace = QStringLiteral("etsy");
            p.externalId = QStringLiteral("cat-dad-%1").arg(i);
            p.title = QStringLiteral("Funny Cat Dad Shirt %1").arg(i);
            p.category = QStringLiteral("Apparel");
            p.price = 20.0 + i;
            p.rating = 4.5;
            p.reviewsCount = 100 * i;
            p.tags = {QStringLiteral("cat dad")};
            products << p;
        }
        QVERIFY(ProductWriter(db).upsert(products));
        auto queued = app::enqueueAnalysis(db);
        QVERIFY2(queued, qPrintable(queued.errorMessage()));
        QVERIFY(*queued);
        QVERIFY(!*app::enqueueAnalysis(db)); // one waiting analysis serves every caller

        JobWorkerOptions options;
        options.kinds = {JobKind::Analyze};
        options.pollIntervalMs = 50;
        JobWorker worker(db, options);
        QSignalSpy finished(&worker, &JobWorker::jobFinished);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.at(0).at(2).toString(), QStringLiteral("done"));
        worker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!worker.isRunning(), 10000);

        const Job job = JobRepository(db).findById(finished.at(0).at(0).toLongLong())->value();
        QVERIFY(std::holds_alternative<AnalyzeJobResult>(job.result));
        QCOMPARE(std::get<AnalyzeJobResult>(job.result).products, 4);
        QVERIFY(std::get<AnalyzeJobResult>(job.result).trends >= 1);
        QVERIFY(scalar(db, QStringLiteral("SELECT COUNT(*) FROM trends")) >= 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM products WHERE trend_id IS NOT NULL")), 4);
        // The worker's leased row is the only record of the run.
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'analyze'")), 1);
    }
};

QTEST_GUILESS_MAIN(TestJobHandlers)
#include "tst_jobhandlers.moc"
