// ShopifyScraper end to end over real loopback HTTP into a real SQLite file (API-CONTRACTS.md §1).
#include "scrapetesthelpers.h"

#include <core/scraping/shopifyscraper.h>
#include <core/storage/jobrepository.h>
#include <core/storage/sourcerepository.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

#include <bit>

using namespace podtrends;
using namespace podtrends::test;

class TstShopifyScraper final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;

    core::ScrapeTarget target(const FakeServer &server, int maxPages = 0)
    {
        core::ScrapeTarget t;
        t.marketplace = core::Marketplace::Shopify;
        t.target = server.url().toString();
        t.maxPages = maxPages;
        return t;
    }

    std::unique_ptr<core::ScrapeService> service(double rate = 0)
    {
        auto s = std::make_unique<core::ScrapeService>(m_db);
        s->setHttpSettings(fastHttp(rate));
        return s;
    }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        const QString sub = m_dir.path() + QStringLiteral("/db%1").arg(++n);
        QVERIFY(QDir().mkpath(sub));
        QString skip;
        m_db = openFreshDatabase(QStringLiteral("sqlite"), sub, &skip);
        QVERIFY(m_db);
    }

    void pagesUntilAShortPage()
    {
        FakeServer server([](const FakeRequest &r) { return shopifyPage(r, 620); });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 620);
        QCOMPARE(s.pages, 3);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products WHERE marketplace = 'shopify'")), 620);
        auto p = core::ProductQueries(m_db).findByExternalId(QStringLiteral("shopify"), QStringLiteral("1000"));
        QVERIFY(p && p->has_value());
        const core::Product &product = **p;
        QCOMPARE(product.price, 19.5); // the lowest variant price
        QCOMPARE(product.category, QStringLiteral("T-Shirt"));
        QCOMPARE(product.vendor, QStringLiteral("Sunny Prints"));
        QCOMPARE(product.tags, (QStringList{QStringLiteral("retro"), QStringLiteral("sunset")}));
        QCOMPARE(product.productUrl, server.url(QStringLiteral("/products/retro-tee-1000")).toString());
        QCOMPARE(product.description, QStringLiteral("Soft & comfy tee"));
        QCOMPARE(core::rawRecordObject(product.rawData).value(QLatin1String("handle")).toString(), QStringLiteral("retro-tee-1000"));
        for (const FakeRequest &r : server.requests()) {
            QCOMPARE(r.query(QStringLiteral("limit")), QStringLiteral("250"));
            QVERIFY(r.headers.value("user-agent").startsWith("PODTrends/"));
        }
        auto jobs = core::JobRepository(m_db).recent(5, core::JobKind::Scrape);
        QVERIFY(jobs && jobs->size() == 1);
        QCOMPARE(jobs->first().status, core::JobStatus::Done);
        QCOMPARE(jobs->first().items, 620);
    }

    // Batches are prepared for the database on parse threads that may finish in any order; they
    // must still be stored in page order, so a product repeated on a later page ends with the
    // later page's values. Four parse threads make the out-of-order case likely.
    void aProductRepeatedOnALaterPageEndsWithTheLaterValues()
    {
        const int threads = core::Scraper::parsePool()->maxThreadCount();
        core::Scraper::parsePool()->setMaxThreadCount(4);
        const auto restore = qScopeGuard([threads] { core::Scraper::parsePool()->setMaxThreadCount(threads); });
        FakeServer server([](const FakeRequest &r) {
            FakeResponse page = shopifyPage(r, 2000);
            const int n = r.query(QStringLiteral("page")).toInt();
            // Pages 2 … 8 repeat product 1000 (from page 1) under their own title and price.
            if (n > 1 && n <= 8) { // pages 2 … 8 (page 9 is the empty last one)
                const QByteArray repeated = QByteArray("{\"products\":[{\"id\":1000,\"title\":\"Retro Tee page ") + QByteArray::number(n)
                    + "\",\"handle\":\"retro-tee-1000\",\"variants\":[{\"price\":\"" + QByteArray::number(n) + ".00\"}]},";
                page.body.replace(QByteArray("{\"products\":["), repeated);
            }
            return page;
        });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QVERIFY2(s.status == core::ScrapeStatus::Ok, qPrintable(s.message));
        auto p = core::ProductQueries(m_db).findByExternalId(QStringLiteral("shopify"), QStringLiteral("1000"));
        QVERIFY(p && p->has_value());
        QCOMPARE((*p)->title, QStringLiteral("Retro Tee page 8"));
        auto history = core::ProductQueries(m_db).snapshots((*p)->id);
        QVERIFY(history);
        QCOMPARE(history->size(), 8);
        for (qsizetype i = 1; i < history->size(); ++i)
            QCOMPARE(history->at(i).price, double(i + 1)); // pages 2 … 8 in order
    }

    void scrapingTwiceKeepsOneRowAndTwoSnapshotsEach()
    {
        FakeServer server([](const FakeRequest &r) { return shopifyPage(r, 300); });
        auto svc = service();
        QCOMPARE(runToEnd(*svc, [&] { return svc->startTarget(target(server)); }).status, core::ScrapeStatus::Ok);
        const auto second = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(second.status, core::ScrapeStatus::Ok);
        QCOMPARE(second.updated, 300);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 300);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM product_snapshots")), 600);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT MIN(c) FROM (SELECT COUNT(*) AS c FROM product_snapshots GROUP BY product_id) t")), 2);
    }

    void storefrontCapEndsWithAPartialResultWarning()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.query(QStringLiteral("page")).toInt() >= 3)
                return FakeResponse::json(R"({"errors":"Page * Limit exceeds the 25000 limit."})", 400);
            return shopifyPage(r, 100000);
        });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 500);
        QVERIFY2(s.message.contains(QLatin1String("25,000")), qPrintable(s.message));
    }

    void htmlAnswerIsNotAShopifyStore()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::html("<!doctype html><html><body>Welcome</body></html>"); });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY2(s.message.contains(QLatin1String("does not look like a Shopify store")), qPrintable(s.message));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 0);
    }

    void emptyStoreEndsOkWithNothing()
    {
        FakeServer server([](const FakeRequest &r) { return shopifyPage(r, 0); });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 0);
    }

    void truncatedJsonKeepsEarlierPagesAndStoresNoHalfProduct()
    {
        FakeServer server([](const FakeRequest &r) {
            FakeResponse page = shopifyPage(r, 1000);
            if (r.query(QStringLiteral("page")) == QLatin1String("2"))
                page.body.truncate(page.body.size() / 2); // a complete HTTP answer with broken JSON
            return page;
        });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY2(s.message.contains(QLatin1String("Page 2")), qPrintable(s.message));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 250);
    }

    void connectionResetMidBodyIsRetriedThenReported()
    {
        FakeServer server([](const FakeRequest &r) {
            FakeResponse page = shopifyPage(r, 1000);
            if (r.query(QStringLiteral("page")) == QLatin1String("2"))
                page.cutAfterBytes = 3000;
            return page;
        });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY2(s.message.contains(QLatin1String("closed the connection")), qPrintable(s.message));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 250);
        int page2 = 0;
        for (const FakeRequest &r : server.requests())
            page2 += r.query(QStringLiteral("page")) == QLatin1String("2");
        QCOMPARE(page2, 4); // the first attempt and three retries
    }

    void oneResetThenRecovers()
    {
        int cuts = 0;
        FakeServer server([&cuts](const FakeRequest &r) {
            FakeResponse page = shopifyPage(r, 400);
            if (r.query(QStringLiteral("page")) == QLatin1String("1") && cuts++ == 0)
                page.cutAfterBytes = 100;
            return page;
        });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 400);
    }

    void retryAfterIsHonouredOn429()
    {
        int refused = 0;
        FakeServer server([&refused](const FakeRequest &r) {
            if (refused < 2) {
                ++refused;
                FakeResponse tooMany = FakeResponse::html("<html>This page is temporarily unavailable</html>", 429);
                tooMany.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("0.3")));
                return tooMany;
            }
            return shopifyPage(r, 10);
        });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 10);
        QList<FakeRequest> req;
        for (const FakeRequest &r : server.requests())
            if (r.query(QStringLiteral("page")) == QLatin1String("1"))
                req << r;
        QCOMPARE(req.size(), 3);
        QVERIFY2(req.at(1).atMs - req.at(0).atMs >= 290, qPrintable(QString::number(req.at(1).atMs - req.at(0).atMs)));
        QVERIFY(req.at(2).atMs - req.at(1).atMs >= 290);
    }

    void a429StormEndsInAClearError()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.query(QStringLiteral("page")) == QLatin1String("2")) {
                FakeResponse tooMany = FakeResponse::html("<html>Too many</html>", 430);
                tooMany.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("0.01")));
                return tooMany;
            }
            return shopifyPage(r, 600);
        });
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY2(s.message.contains(QLatin1String("rate limited")), qPrintable(s.message));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 250);
    }

    void storeDisappearingMidRunKeepsWhatWasCollected()
    {
        FakeServer *serverPtr = nullptr;
        FakeServer server([&serverPtr](const FakeRequest &r) {
            if (r.query(QStringLiteral("page")) == QLatin1String("3"))
                QTimer::singleShot(0, serverPtr, [serverPtr] { serverPtr->shutDown(); });
            return shopifyPage(r, 5000);
        });
        serverPtr = &server;
        auto svc = service();
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY(!s.message.isEmpty());
        const qint64 stored = countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products"));
        QVERIFY2(stored == 500 || stored == 750, qPrintable(QString::number(stored)));
        QCOMPARE(stored % 250, 0); // whole pages only
    }

    void perHostRateLimitIsNeverExceeded()
    {
        FakeServer server([](const FakeRequest &r) { return shopifyPage(r, 1500); });
        auto svc = service(10); // 10 requests/s → at least 100 ms apart
        const auto s = runToEnd(*svc, [&] { return svc->startTarget(target(server)); });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        const auto &req = server.requests();
        QCOMPARE(req.size(), 7);
        // The server notes a request when its event loop gets to it, a few ms late at times (the
        // loop is shared with the test). Over any run of k gaps the requests span at least
        // k × 100 ms less that noting jitter, which does not add up: the rate never exceeds
        // 10 requests a second by more than the jitter, while one gap of 80 ms is allowed for.
        for (qsizetype i = 0; i < req.size(); ++i)
            for (qsizetype j = i + 1; j < req.size(); ++j)
                QVERIFY2(req.at(j).atMs - req.at(i).atMs >= (j - i) * 100 - 20,
                         qPrintable(QStringLiteral("requests %1 and %2 are %3 ms apart").arg(i).arg(j).arg(req.at(j).atMs - req.at(i).atMs)));
    }

    void sourceRunRecordsStatusAndNextScrape()
    {
        FakeServer server([](const FakeRequest &r) { return shopifyPage(r, 20); });
        core::SourceRepository sources(m_db);
        core::Source src;
        src.marketplace = core::Marketplace::Shopify;
        src.target = server.url().toString();
        src.label = QStringLiteral("Fake store");
        src.intervalMinutes = 60;
        auto id = sources.insert(src);
        QVERIFY(id);
        src.id = *id;
        auto svc = service();
        QSignalSpy finished(svc.get(), &core::ScrapeService::finished);
        const auto s = runToEnd(*svc, [&] { return svc->start(src); });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toLongLong(), *id);
        auto stored = sources.findById(*id);
        QVERIFY(stored && stored->has_value());
        QCOMPARE((*stored)->status, core::ScrapeStatus::Ok);
        QCOMPARE((*stored)->itemsLastRun, 20);
        QVERIFY((*stored)->lastScraped.isValid());
        const qint64 minutes = (*stored)->lastScraped.secsTo((*stored)->nextScrape) / 60;
        QCOMPARE(minutes, 60);
        auto markets = sources.marketplaces();
        QVERIFY(markets && markets->size() == 1);
        QCOMPARE(markets->first().status, core::ScrapeStatus::Ok);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products WHERE source_id = %1").arg(*id)), 20);
    }

    void cancelKeepsCollectedProductsAndLeavesTheSourceIdle()
    {
        FakeServer server([](const FakeRequest &r) {
            FakeResponse page = shopifyPage(r, 5000);
            page.delayMs = 150;
            return page;
        });
        core::SourceRepository sources(m_db);
        core::Source src;
        src.marketplace = core::Marketplace::Shopify;
        src.target = server.url().toString();
        src.label = QStringLiteral("Fake store");
        auto id = sources.insert(src);
        QVERIFY(id);
        src.id = *id;
        auto svc = service();
        QSignalSpy progress(svc.get(), &core::ScrapeService::progress);
        QSignalSpy done(svc.get(), &core::ScrapeService::runFinished);
        QVERIFY(svc->start(src) > 0);
        QVERIFY(svc->isRunning(*id));
        QCOMPARE(svc->start(src), 0); // never twice at once
        QVERIFY(progress.wait(5000));
        svc->cancel(*id);
        QVERIFY(done.wait(5000));
        const auto s = done.first().first().value<core::ScrapeSummary>();
        QCOMPARE(s.status, core::ScrapeStatus::Cancelled);
        QVERIFY(s.items >= 250);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), qint64(s.items));
        auto stored = sources.findById(*id);
        QCOMPARE((*stored)->status, core::ScrapeStatus::Idle);
        auto jobs = core::JobRepository(m_db).recent(1, core::JobKind::Scrape);
        QCOMPARE(jobs->first().status, core::JobStatus::Cancelled);
    }

    void rejectsPlainHttpOffLoopback()
    {
        core::ScrapeTarget t;
        t.marketplace = core::Marketplace::Shopify;
        t.target = QStringLiteral("http://example-store.com");
        QVERIFY(!t.validate());
        t.target = QStringLiteral("example-store.com");
        QVERIFY(t.validate()); // https is assumed
    }

    void rawRecordIsKeptOnTheParseThreadAndStoredAsReceived()
    {
        FakeRequest r;
        r.url = QUrl(QStringLiteral("/products.json?limit=250&page=1"));
        const QByteArray body = shopifyPage(r, 5).body;
        auto page = core::ShopifyScraper::parse(body, QUrl(QStringLiteral("https://store.example")));
        QVERIFY(page);
        QCOMPARE(page->products.size(), 5);
        const QJsonArray records = QJsonDocument::fromJson(body).object().value(QLatin1String("products")).toArray();
        for (qsizetype i = 0; i < page->products.size(); ++i) {
            const core::Product &p = page->products.at(i);
            QVERIFY(!p.rawData.isEmpty()); // kept as text: the writer thread will not serialize anything
            QCOMPARE(QJsonDocument::fromJson(p.rawData).object(), records.at(i).toObject());
        }
        QVERIFY(core::ProductWriter(m_db).upsert(page->products));
        for (qsizetype i = 0; i < page->products.size(); ++i) {
            auto stored = core::ProductQueries(m_db).findByExternalId(QStringLiteral("shopify"), page->products.at(i).externalId);
            QVERIFY(stored && stored->has_value());
            QCOMPARE(core::rawRecordObject((*stored)->rawData), records.at(i).toObject());
        }
    }

    // {"product": {...}} (a single product's JSON) keeps its record too, and a page that is not
    // JSON, not an object or has no list is refused whole with a reason.
    void singleProductAndMalformedPages()
    {
        const QByteArray single = "{\"product\":{\"id\":\"77\",\"title\":\" Solo \",\"handle\":\"solo\",\"tags\":\"a, b,,c \","
                                  "\"variants\":[{\"price\":1250},{\"price\":\"9.99\"},{\"x\":1},7],\"images\":[\"//cdn.example/s.png\"]}}";
        auto page = core::ShopifyScraper::parse(single, QUrl(QStringLiteral("https://store.example")));
        QVERIFY2(page, qPrintable(page.errorMessage()));
        QCOMPARE(page->products.size(), 1);
        const core::Product &p = page->products.first();
        QCOMPARE(p.externalId, QStringLiteral("77"));
        QCOMPARE(p.title, QStringLiteral("Solo"));
        QCOMPARE(p.tags, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(p.price, 9.99);
        QCOMPARE(p.imageUrl, QStringLiteral("https://cdn.example/s.png"));
        QCOMPARE(p.productUrl, QStringLiteral("https://store.example/products/solo"));
        QCOMPARE(QJsonDocument::fromJson(p.rawData).object(), QJsonDocument::fromJson(single).object().value(QLatin1String("product")).toObject());

        const QByteArray noTitle = "{\"products\":[{\"id\":1},{\"id\":2.5,\"title\":\"x\"},{\"id\":3,\"title\":\"ok\"},\"junk\"]}";
        page = core::ShopifyScraper::parse(noTitle, QUrl());
        QVERIFY(page);
        QCOMPARE(page->records, 4);
        QCOMPARE(page->skipped, 3);
        QCOMPARE(page->products.size(), 1);
        QCOMPARE(page->products.first().productUrl, QString()); // no store, no product URL

        for (const QByteArray &bad : {QByteArray("{\"products\":[{\"id\":1,\"title\":\"a\"},"), QByteArray("[1,2]"),
                                      QByteArray("{\"items\":[]}"), QByteArray("{\"products\":[{\"id\":1,\"title\":\"\xff\xfe\"}]}"),
                                      QByteArray()}) {
            auto refused = core::ShopifyScraper::parse(bad, QUrl());
            QVERIFY2(!refused, bad.constData());
            QVERIFY(!refused.errorMessage().isEmpty());
        }
    }

    void rawRecordIsKeptVerbatimEvenWithBracesInStrings()
    {
        // (No raw string literals here: moc cannot read them.)
        const QByteArray first = "{\"id\":1,\"title\":\"A \\\"quoted\\\" {brace} [x]\",\"handle\":\"a\","
                                 "\"variants\":[{\"price\":\"1.00\"}],\"x\":{\"products\":[{\"id\":9}]}}";
        const QByteArray second = "{ \"id\": 2, \"title\": \"B \\\\ back]\", \"handle\": \"b\", \"variants\": [] }";
        const QByteArray body = "{\"note\":\"products [ { ]\",\"products\":[" + first + " ,\n " + second + "]}";
        auto page = core::ShopifyScraper::parse(body, QUrl(QStringLiteral("https://store.example")));
        QVERIFY2(page, qPrintable(page.errorMessage()));
        QCOMPARE(page->products.size(), 2);
        QCOMPARE(page->products.at(0).rawData, first); // the bytes as received, spacing and escapes included
        QCOMPARE(page->products.at(1).rawData, second);
        QCOMPARE(page->products.at(0).title, QStringLiteral("A \"quoted\" {brace} [x]"));
        QCOMPARE(QJsonDocument::fromJson(page->products.at(1).rawData).object().value(QLatin1String("title")).toString(), QStringLiteral("B \\ back]"));
    }

    // Variant prices take a fast path for plain decimals; every form must give what
    // QString::toDouble gives, the lowest variant wins, and text that is no number is ignored.
    void variantPricesReadLikeToDoubleAndTheLowestWins()
    {
        const QStringList prices { QStringLiteral("24.00"), QStringLiteral("0.1"), QStringLiteral("19.999"), QStringLiteral("1e2"),
            QStringLiteral(" 5.5 "), QStringLiteral("12"), QStringLiteral("0.30000000000000004"), QStringLiteral("123456789012345.6"),
            QStringLiteral("9007199254740993"), QStringLiteral("7."), QStringLiteral(".25"), QStringLiteral("1.2.3"),
            QStringLiteral("free"), QStringLiteral("") };
        QByteArray body = "{\"products\":[";
        for (qsizetype i = 0; i < prices.size(); ++i) {
            body += (i ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i + 1) + ",\"title\":\"T\",\"handle\":\"t\","
                + "\"variants\":[{\"price\":\"" + prices.at(i).toUtf8() + "\"},{\"price\":\"1e300\"}]}";
        }
        body += "]}";
        auto page = core::ShopifyScraper::parse(body, QUrl(QStringLiteral("https://store.example")));
        QVERIFY2(page, qPrintable(page.errorMessage()));
        QCOMPARE(page->products.size(), prices.size());
        for (qsizetype i = 0; i < prices.size(); ++i) {
            bool ok = false;
            const double expected = prices.at(i).toDouble(&ok);
            // Bit for bit, not QCOMPARE's fuzzy double comparison.
            QCOMPARE(std::bit_cast<quint64>(page->products.at(i).price), std::bit_cast<quint64>(ok ? expected : 1e300));
        }
        QCOMPARE(page->products.at(0).price, 24.0);
        QCOMPARE(page->products.at(2).price, 19.999);
    }

    void parsesEveryRealShopifySample()
    {
        const QString dir = realSamplesDir();
        if (dir.isEmpty())
            QSKIP("real samples are absent");
        const QStringList files = QDir(dir + QStringLiteral("/shopify")).entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &name : files) {
            QFile f(dir + QStringLiteral("/shopify/") + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto page = core::ShopifyScraper::parse(f.readAll(), QUrl(QStringLiteral("https://store.example")));
            QVERIFY2(page, qPrintable(name + QStringLiteral(": ") + page.errorMessage()));
            QVERIFY2(!page->products.isEmpty(), qPrintable(name));
            QCOMPARE(page->skipped, 0);
            for (const core::Product &p : page->products) {
                QVERIFY(!p.externalId.isEmpty());
                QVERIFY(!p.title.isEmpty());
                QVERIFY(p.price >= 0);
                QVERIFY(p.productUrl.startsWith(QLatin1String("https://store.example/products/")));
                const QJsonObject record = QJsonDocument::fromJson(p.rawData).object(); // sliced verbatim from the page
                QCOMPARE(QString::number(record.value(QLatin1String("id")).toInteger()), p.externalId);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstShopifyScraper)
#include "tst_shopifyscraper.moc"
