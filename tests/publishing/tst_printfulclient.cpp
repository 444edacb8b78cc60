#include "publishfixture.h"
#include <support/testenv.h>

#include <core/publishing/printfulclient.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

class TestPrintfulClient final : public QObject
{
    Q_OBJECT

private:
    static PrintfulOptions options(const test::FakePrintful &fake)
    {
        PrintfulOptions o;
        o.base = fake.baseUrl();
        o.token = test::kPrintfulToken;
        o.storeId = test::kPrintfulStore;
        o.pollIntervalMs = 20;
        o.pollTimeoutMs = 2000;
        o.retryBaseMs = 50;
        o.lockoutSeconds = 1;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (test::realSamplesDir().isEmpty())
            QSKIP("the real Printful samples are not available");
    }

    void parsesTheRealCatalogResponses()
    {
        QFile f(QDir(test::realSamplesDir()).filePath(QStringLiteral("printful/catalog-get-products-71-380-57-responses-array.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray all = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(all.size(), 3);
        for (const QJsonValue &v : all) {
            const CatalogProduct p = PrintfulClient::parseCatalogProduct(v.toObject().value(QLatin1String("result")).toObject());
            QVERIFY(p.id > 0);
            QVERIFY(!p.variants.isEmpty());
            QVERIFY(p.sizes().contains(QStringLiteral("M")));
            QVERIFY(p.colors().contains(QStringLiteral("Black")));
            const auto blackM = p.find(QStringLiteral("black"), QStringLiteral("m"));
            QVERIFY(blackM.has_value());
            QVERIFY(blackM->priceCents > 500);
        }
    }

    void resolvesVariantIdsFromTheCatalog()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        BlockingHttp http;
        PrintfulClient client(options(fake), &http);
        auto product = client.catalogProduct(71);
        QVERIFY2(product, qPrintable(product.errorMessage()));
        QCOMPARE(product->variants.size(), 407); // every variant of the captured answer
        const auto blackM = product->find(QStringLiteral("Black"), QStringLiteral("M"));
        QVERIFY(blackM);
        QVERIFY(fake.catalogVariantIds.contains(blackM->id));
        QCOMPARE(product->sizes().first(), QStringLiteral("XS"));
        const test::FakeRequest r = fake.server().requests().first();
        QCOMPARE(r.header("authorization"), QByteArray("Bearer ") + test::kPrintfulToken.toUtf8());
        QCOMPARE(r.header("x-pf-store-id"), test::kPrintfulStore.toUtf8());
    }

    void rejectsAWrongTokenWithAReadableMessage()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        BlockingHttp http;
        PrintfulOptions o = options(fake);
        o.token = QStringLiteral("expired-token-xyz");
        PrintfulClient client(o, &http);
        auto product = client.catalogProduct(71);
        QVERIFY(!product);
        QCOMPARE(product.error().code, 401);
        QVERIFY2(product.errorMessage().contains(QLatin1String("Printful rejected the token (401: Malformed Authorization header.)")), qPrintable(product.errorMessage()));
        QCOMPARE(fake.server().requests().size(), 1); // a 401 is not retried
    }

    void reportsAnUnknownCatalogProduct()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        BlockingHttp http;
        PrintfulClient client(options(fake), &http);
        auto product = client.catalogProduct(999999);
        QVERIFY(!product);
        QCOMPARE(product.error().code, 404);
        QVERIFY(product.errorMessage().contains(QLatin1String("no product 999999")));
    }

    void reportsAVariantTheServiceRejects()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        fake.syncProductStatus = 404;
        fake.syncProductMessage = QStringLiteral("Variant 4017 not found");
        BlockingHttp http;
        PrintfulClient client(options(fake), &http);
        SyncProductInput in{QStringLiteral("Tee"), QStringLiteral("pt1-tshirt-x"), QStringLiteral("https://cdn.example/t.png"),
                            {SyncVariantInput{4017, QStringLiteral("24.99"), QStringLiteral("PT1-TS-BLA-M"), QStringLiteral("pt1-ts-bla-m"), 0, QStringLiteral("https://cdn.example/t.png")}}};
        auto created = client.createSyncProduct(in);
        QVERIFY(!created);
        QCOMPARE(created.error().code, 404);
        QVERIFY2(created.errorMessage().contains(QLatin1String("Variant 4017 not found")), qPrintable(created.errorMessage()));
        QVERIFY(fake.products.isEmpty());
    }

    void waitsOutTheLockoutAfter429()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        fake.rateLimitNextPosts = 1;
        fake.lockoutSeconds = 1;
        BlockingHttp http;
        PrintfulClient client(options(fake), &http);
        QStringList notes;
        client.setWaitNotifier([&](const QString &n) { notes << n; });
        QElapsedTimer timer;
        timer.start();
        auto file = client.addFile(QStringLiteral("https://cdn.shopify.com/s/files/1/design.png"), QStringLiteral("design.png"));
        QVERIFY2(file, qPrintable(file.errorMessage()));
        QVERIFY(timer.elapsed() >= 950);
        QCOMPARE(fake.requestCount("POST", QStringLiteral("/files")), 2);
        QVERIFY2(fake.violations.isEmpty(), qPrintable(fake.violations.join(QLatin1Char('\n'))));
        QVERIFY(!notes.isEmpty() && notes.first().contains(QLatin1String("rate limit")));
    }

    void pausesWhenTheRateLimitHeadersSayTheBudgetIsSpent()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        fake.exhaustBudgetOnNextReply = true;
        BlockingHttp http;
        PrintfulClient client(options(fake), &http);
        QVERIFY(client.catalogProduct(71));
        QElapsedTimer timer;
        timer.start();
        auto file = client.addFile(QStringLiteral("https://cdn.shopify.com/s/files/1/design.png"), QStringLiteral("design.png"));
        QVERIFY2(file, qPrintable(file.errorMessage()));
        QVERIFY(timer.elapsed() >= 900);
        QCOMPARE(fake.requestCount("POST", QStringLiteral("/files")), 1); // waited instead of being refused
        QVERIFY2(fake.violations.isEmpty(), qPrintable(fake.violations.join(QLatin1Char('\n'))));
    }

    void givesUpAfterRepeated429()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        fake.rateLimitNextPosts = 10;
        BlockingHttp http;
        PrintfulOptions o = options(fake);
        o.maxRetries = 1;
        PrintfulClient client(o, &http);
        auto file = client.addFile(QStringLiteral("https://cdn.shopify.com/s/files/1/design.png"), QStringLiteral("design.png"));
        QVERIFY(!file);
        QCOMPARE(file.error().code, 429);
        QVERIFY(file.errorMessage().contains(QLatin1String("rate limit")));
        QVERIFY2(fake.violations.isEmpty(), qPrintable(fake.violations.join(QLatin1Char('\n'))));
    }

    void retriesServerErrorsThenSucceeds()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        fake.serverErrorsOnFileGet = 2;
        BlockingHttp http;
        PrintfulClient client(options(fake), &http);
        auto added = client.addFile(QStringLiteral("https://cdn.shopify.com/s/files/1/design.png"), QStringLiteral("design.png"));
        QVERIFY(added);
        QCOMPARE(added->status, QStringLiteral("waiting"));
        auto done = client.waitForFile(added->id);
        QVERIFY2(done, qPrintable(done.errorMessage()));
        QCOMPARE(done->status, QStringLiteral("ok"));
        QVERIFY(fake.requestCount("GET", QStringLiteral("/files/")) >= 4);
    }

    void findsTheProductA500HidAndCreatesNoDuplicate()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        fake.createThenFail = 1;
        BlockingHttp http;
        PrintfulClient client(options(fake), &http);
        const qint64 variant = *fake.catalogVariantIds.constBegin();
        SyncProductInput in{QStringLiteral("Tee"), QStringLiteral("pt1-tshirt-abc"), QStringLiteral("https://cdn.example/t.png"),
                            {SyncVariantInput{variant, QStringLiteral("24.99"), QStringLiteral("PT1-TS-X"), QStringLiteral("pt1-ts-x"), 0, QStringLiteral("https://cdn.example/t.png")}}};
        auto created = client.createSyncProduct(in);
        QVERIFY2(created, qPrintable(created.errorMessage()));
        QCOMPARE(fake.products.size(), 1);
        QCOMPARE(created->id, fake.products.first().id);
        QCOMPARE(fake.requestCount("POST", QStringLiteral("/store/products")), 1);
        auto found = client.findSyncProduct(QStringLiteral("pt1-tshirt-abc"));
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->variants.first().sku, QStringLiteral("PT1-TS-X"));
        auto missing = client.findSyncProduct(QStringLiteral("nothing-here"));
        QVERIFY(missing && !missing->has_value());
    }

    void timesOutOnAFileStuckInWaiting()
    {
        test::FakePrintful fake(test::kPrintfulToken, test::kPrintfulStore);
        fake.filePollsUntilOk = -1;
        BlockingHttp http;
        PrintfulOptions o = options(fake);
        o.pollTimeoutMs = 300;
        PrintfulClient client(o, &http);
        auto added = client.addFile(QStringLiteral("https://cdn.shopify.com/s/files/1/design.png"), QStringLiteral("design.png"));
        QVERIFY(added);
        QElapsedTimer timer;
        timer.start();
        auto done = client.waitForFile(added->id);
        QVERIFY(!done);
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY2(done.errorMessage().contains(QLatin1String("has not finished fetching the print file")), qPrintable(done.errorMessage()));
        QVERIFY(done.errorMessage().contains(QLatin1String("waiting")));
    }

    void refusesPlainHttpToARemoteHostBeforeSendingTheToken()
    {
        BlockingHttp http;
        PrintfulOptions o;
        o.base = QUrl(QStringLiteral("http://api.printful.com"));
        o.token = test::kPrintfulToken;
        PrintfulClient client(o, &http);
        auto product = client.catalogProduct(71);
        QVERIFY(!product);
        QVERIFY2(product.errorMessage().contains(QLatin1String("Plain http is refused for api.printful.com")), qPrintable(product.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestPrintfulClient)
#include "tst_printfulclient.moc"
