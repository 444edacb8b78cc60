#include "publishfixture.h"

#include <support/testenv.h>

#include <core/publishing/publisher.h>
#include <core/publishing/publishjob.h>
#include <core/publishing/publishqueue.h>
#include <core/storage/designrepository.h>

#include <QSignalSpy>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

namespace {

Design loadDesign(const std::shared_ptr<Database> &db, qint64 id)
{
    DesignRepository repo(db);
    auto d = repo.findById(id);
    if (!d || !d->has_value())
        qFatal("design %lld is gone", id);
    return **d;
}

/** Every value of every row of a table, as text. */
QString dumpTable(const std::shared_ptr<Database> &db, const QString &table)
{
    QSqlQuery q(db->connection());
    q.exec(QStringLiteral("SELECT * FROM ") + table);
    QString out;
    while (q.next())
        for (int i = 0; i < q.record().count(); ++i)
            out += q.value(i).toString() + QLatin1Char('\n');
    return out;
}

PublishChoice blackAndWhite(bool printful = true, bool shopify = true)
{
    PublishChoice c;
    c.colours = {QStringLiteral("Black"), QStringLiteral("White")};
    c.sizes = {QStringLiteral("S"), QStringLiteral("M"), QStringLiteral("L"), QStringLiteral("XL"), QStringLiteral("2XL")};
    c.toPrintful = printful;
    c.toShopify = shopify;
    return c;
}

} // namespace

class TestPublisher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (test::realSamplesDir().isEmpty())
            QSKIP("the real Printful catalog sample is not available");
    }

    void publishesADesignToPrintfulAndShopify_data() { test::addDialectRows(); }
    void publishesADesignToPrintfulAndShopify()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        const qint64 id = test::insertDesign(db, dir.path());
        BlockingHttp http;
        Publisher publisher(db, test::fakeConfig(printful, shopify), &http);
        QList<PublishProgress> progress;
        publisher.setProgressHandler([&](const PublishProgress &p) { progress << p; });

        auto outcome = publisher.publish(id, blackAndWhite());
        QVERIFY2(outcome, qPrintable(outcome.errorMessage()));
        QVERIFY2(printful.violations.isEmpty(), qPrintable(printful.violations.join(QLatin1Char('\n'))));
        QVERIFY2(shopify.violations.isEmpty(), qPrintable(shopify.violations.join(QLatin1Char('\n'))));

        // One product each, 10 variants, the same SKUs and prices on both sides.
        QCOMPARE(printful.products.size(), 1);
        QCOMPARE(shopify.products.size(), 1);
        const QJsonArray pfVariants = printful.products.first().body.value(QLatin1String("sync_variants")).toArray();
        const QJsonArray shVariants = shopify.products.first().input.value(QLatin1String("variants")).toArray();
        QCOMPARE(pfVariants.size(), 10);
        QCOMPARE(shVariants.size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(pfVariants.at(i).toObject().value(QLatin1String("sku")), shVariants.at(i).toObject().value(QLatin1String("sku")));
            QCOMPARE(pfVariants.at(i).toObject().value(QLatin1String("retail_price")), shVariants.at(i).toObject().value(QLatin1String("price")));
            QVERIFY(printful.catalogVariantIds.contains(pfVariants.at(i).toObject().value(QLatin1String("variant_id")).toInteger()));
        }
        QCOMPARE(shopify.products.first().input.value(QLatin1String("status")).toString(), QStringLiteral("DRAFT"));
        // Printful fetched the print file from the Shopify CDN URL.
        QCOMPARE(printful.files.size(), 1);
        QVERIFY(shopify.cdnUrls.contains(printful.files.first().url));

        const Design d = loadDesign(db, id);
        QCOMPARE(d.status, DesignStatus::Published);
        QCOMPARE(d.publishState.printfulProduct.id, printful.products.first().id);
        QCOMPARE(d.publishState.shopifyProduct.id, shopify.products.first().id);
        QVERIFY(d.publishState.shopifyProduct.adminUrl.startsWith(QLatin1String("https://admin.shopify.com/store/retro-angler/products/")));
        QCOMPARE(outcome->toJson().value(QLatin1String("printful")).toObject().value(QLatin1String("product_id")).toInteger(), printful.products.first().id);
        // The command line's summary gives Shopify's status of the product, not the step's "done".
        QCOMPARE(outcome->toJson().value(QLatin1String("shopify")).toObject().value(QLatin1String("status")).toString(), QStringLiteral("DRAFT"));
        // The JSON text first, so a difference is printed field by field.
        QCOMPARE(QJsonDocument(outcome->state.toJson()).toJson(), QJsonDocument(d.publishState.toJson()).toJson());
        QCOMPARE(outcome->state, d.publishState);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().step, PublishStep::Finish);
        QCOMPARE(progress.last().state, PublishProgress::State::Done);

        // Publishing again sends nothing that creates.
        const int posts = printful.requestCount("POST", QStringLiteral("/"));
        auto again = publisher.publish(id, blackAndWhite());
        QVERIFY(again);
        QCOMPARE(printful.requestCount("POST", QStringLiteral("/")), posts);
        QCOMPARE(printful.products.size(), 1);
        QCOMPARE(shopify.products.size(), 1);

        // No token in any stored row.
        for (const QString &table : {QStringLiteral("designs"), QStringLiteral("jobs")}) {
            const QString rows = dumpTable(db, table);
            QVERIFY(!rows.isEmpty());
            QVERIFY2(!rows.contains(test::kPrintfulToken) && !rows.contains(test::kShopifyToken), qPrintable(table));
        }
    }

    void refusesADraftThatFailsItsChecks_data() { test::addDialectRows(); }
    void refusesADraftThatFailsItsChecks()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        const qint64 id = test::insertDesign(db, dir.path(), false);
        BlockingHttp http;
        Publisher publisher(db, test::fakeConfig(printful, shopify), &http);
        auto outcome = publisher.publish(id, blackAndWhite());
        QVERIFY(!outcome);
        QVERIFY2(outcome.errorMessage().contains(QLatin1String("failed its print checks: the T-shirt print file has no transparent background")), qPrintable(outcome.errorMessage()));
        QCOMPARE(loadDesign(db, id).status, DesignStatus::Draft);
        QCOMPARE(printful.requestCount("POST", QStringLiteral("/")), 0);
        QVERIFY(shopify.server().requests().isEmpty());
    }

    void resumesAfterShopifyUserErrorsWithoutDuplicates_data() { test::addDialectRows(); }
    void resumesAfterShopifyUserErrorsWithoutDuplicates()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        shopify.userErrorsOnProductSet = 1;
        const qint64 id = test::insertDesign(db, dir.path());
        BlockingHttp http;
        Publisher publisher(db, test::fakeConfig(printful, shopify), &http);
        auto first = publisher.publish(id, blackAndWhite());
        QVERIFY(!first);
        QVERIFY2(first.errorMessage().contains(QLatin1String("variants.0.price: Price must be greater than or equal to 0.50")), qPrintable(first.errorMessage()));
        Design d = loadDesign(db, id);
        QCOMPARE(d.status, DesignStatus::Ready); // checks passed, not yet published
        QCOMPARE(d.publishState.printfulProduct.status, PublishStepStatus::Done);
        QCOMPARE(d.publishState.shopifyProduct.status, PublishStepStatus::Failed);
        QVERIFY(d.publishState.shopifyProduct.error.contains(QLatin1String("Price must be")));

        // A fresh publisher (as after a restart) resumes from the Shopify step.
        BlockingHttp http2;
        Publisher again(db, test::fakeConfig(printful, shopify), &http2);
        auto second = again.publish(id, blackAndWhite());
        QVERIFY2(second, qPrintable(second.errorMessage()));
        QCOMPARE(printful.products.size(), 1);
        QCOMPARE(printful.requestCount("POST", QStringLiteral("/store/products")), 1);
        QCOMPARE(printful.requestCount("POST", QStringLiteral("/files")), 1);
        QCOMPARE(shopify.products.size(), 1);
        QCOMPARE(loadDesign(db, id).status, DesignStatus::Published);
        QVERIFY2(printful.violations.isEmpty() && shopify.violations.isEmpty(), qPrintable((printful.violations + shopify.violations).join(QLatin1Char('\n'))));
    }

    void timesOutOnAStuckFileAndResumesLater()
    {
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        printful.filePollsUntilOk = -1;
        const qint64 id = test::insertDesign(db, dir.path());
        PublishConfig config = test::fakeConfig(printful, shopify);
        config.printful.pollTimeoutMs = 300;
        BlockingHttp http;
        Publisher publisher(db, config, &http);
        auto first = publisher.publish(id, blackAndWhite());
        QVERIFY(!first);
        QVERIFY2(first.errorMessage().contains(QLatin1String("has not finished fetching the print file")), qPrintable(first.errorMessage()));
        const Design d = loadDesign(db, id);
        QCOMPARE(d.publishState.printfulFile.status, PublishStepStatus::Failed);
        QVERIFY(d.publishState.printfulFile.id > 0);
        QVERIFY(d.publishState.lastError);
        QCOMPARE(d.publishState.lastError->step, PublishStep::PrintfulFile);

        printful.filePollsUntilOk = printful.files.first().polls + 1;
        auto second = publisher.publish(id, blackAndWhite());
        QVERIFY2(second, qPrintable(second.errorMessage()));
        QCOMPARE(printful.requestCount("POST", QStringLiteral("/files")), 1);
        QCOMPARE(shopify.uploads.size(), 2); // the print file once, the mockup once
        QCOMPARE(printful.products.size(), 1);
        QCOMPARE(shopify.products.size(), 1);
    }

    void waitsOutRateLimitsDuringAPublish()
    {
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        printful.rateLimitNextPosts = 1;
        printful.serverErrorsOnFileGet = 1;
        printful.createThenFail = 1;
        shopify.throttleNextProductSets = 1;
        const qint64 id = test::insertDesign(db, dir.path());
        BlockingHttp http;
        Publisher publisher(db, test::fakeConfig(printful, shopify), &http);
        QStringList waits;
        publisher.setProgressHandler([&](const PublishProgress &p) {
            if (p.state == PublishProgress::State::Waiting)
                waits << p.message;
        });
        auto outcome = publisher.publish(id, blackAndWhite());
        QVERIFY2(outcome, qPrintable(outcome.errorMessage()));
        QCOMPARE(printful.products.size(), 1);
        QCOMPARE(shopify.products.size(), 1);
        QVERIFY2(printful.violations.isEmpty() && shopify.violations.isEmpty(), qPrintable((printful.violations + shopify.violations).join(QLatin1Char('\n'))));
        QVERIFY2(waits.join(QLatin1Char('\n')).contains(QLatin1String("Printful rate limit")), qPrintable(waits.join(QLatin1Char('\n'))));
        QVERIFY(waits.join(QLatin1Char('\n')).contains(QLatin1String("Shopify is throttling")));
    }

    void publishesToShopifyOnly()
    {
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        const qint64 id = test::insertDesign(db, dir.path());
        BlockingHttp http;
        Publisher publisher(db, test::fakeConfig(printful, shopify), &http);
        auto outcome = publisher.publish(id, blackAndWhite(false, true));
        QVERIFY2(outcome, qPrintable(outcome.errorMessage()));
        QCOMPARE(printful.requestCount("POST", QStringLiteral("/")), 0);
        QCOMPARE(shopify.products.size(), 1);
        QVERIFY(!outcome->toJson().contains(QLatin1String("printful")));
        QVERIFY2(shopify.violations.isEmpty(), qPrintable(shopify.violations.join(QLatin1Char('\n'))));
    }

    void runsAsAPublishJobForWorkers()
    {
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        qputenv("POD_PRINTFUL_API_BASE", printful.baseUrl().toString().toUtf8());
        qputenv("POD_PRINTFUL_TOKEN", test::kPrintfulToken.toUtf8());
        qputenv("POD_PRINTFUL_STORE_ID", test::kPrintfulStore.toUtf8());
        qputenv("POD_SHOPIFY_ADMIN_BASE", shopify.adminBase().toString().toUtf8());
        qputenv("POD_SHOPIFY_TOKEN", test::kShopifyToken.toUtf8());
        qputenv("POD_SHOPIFY_SHOP", "retro-angler.myshopify.com");
        qputenv("POD_PUBLISH_POLL_MS", "20");
        const qint64 id = test::insertDesign(db, dir.path());
        registerPublishJobHandler();
        PublishJob params;
        params.designId = id;
        params.colours = {QStringLiteral("Black")};
        params.sizes = {QStringLiteral("M"), QStringLiteral("L")};
        const Job job = Job::of(params);
        std::atomic<bool> cancel{false};
        QList<double> fractions;
        JobContext context(job, db, &cancel, [&](double f, const QString &, int) { fractions << f; });
        auto result = JobHandlers::handler(JobKind::Publish)(context);
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QVERIFY(std::holds_alternative<PublishJobResult>(*result));
        QCOMPARE(std::get<PublishJobResult>(*result).status, DesignStatus::Published);
        QCOMPARE(printful.products.size(), 1);
        QCOMPARE(shopify.products.size(), 1);
        QCOMPARE(printful.products.first().body.value(QLatin1String("sync_variants")).toArray().size(), 2);
        QVERIFY(!fractions.isEmpty() && fractions.last() == 1.0);
        QVERIFY(dumpTable(db, QStringLiteral("jobs")).isEmpty()); // the worker's row is the only record
    }

    void queuePublishesSeveralDesignsInTurn()
    {
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        QTemporaryDir a, b;
        const qint64 first = test::insertDesign(db, a.path());
        const qint64 second = test::insertDesign(db, b.path());
        PublishQueue queue(db);
        queue.setConfig(test::fakeConfig(printful, shopify));
        QSignalSpy finished(&queue, &PublishQueue::designFinished);
        QSignalSpy idle(&queue, &PublishQueue::idle);
        queue.enqueue(first, blackAndWhite());
        queue.enqueue(second, blackAndWhite());
        QVERIFY(idle.wait(20000));
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(0).at(0).toLongLong(), first);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
        QCOMPARE(finished.at(1).at(0).toLongLong(), second);
        QVERIFY2(finished.at(1).at(1).toBool(), qPrintable(finished.at(1).at(2).toString()));
        // The queue hands over the typed outcome: the saved state with the links the dialog shows.
        const auto outcome = finished.at(1).at(3).value<PublishOutcome>();
        QCOMPARE(outcome.designId, second);
        QCOMPARE(outcome.status, DesignStatus::Published);
        QCOMPARE(QJsonDocument(outcome.state.toJson()).toJson(), QJsonDocument(loadDesign(db, second).publishState.toJson()).toJson());
        QCOMPARE(outcome.state, loadDesign(db, second).publishState);
        QVERIFY(outcome.printfulUrl().startsWith(QLatin1String("https://")));
        QVERIFY(!outcome.shopifyAdminUrl().isEmpty());
        QCOMPARE(printful.products.size(), 2);
        QCOMPARE(shopify.products.size(), 2);
        QVERIFY(printful.products.at(0).externalId != printful.products.at(1).externalId);
    }
};

QTEST_GUILESS_MAIN(TestPublisher)
#include "tst_publisher.moc"
