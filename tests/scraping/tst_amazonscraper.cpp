// AmazonParser on fixtures and real captures; AmazonScraper over loopback (API-CONTRACTS.md §5).
#include "scrapetesthelpers.h"

#include <core/scraping/amazonparser.h>
#include <core/scraping/marketcounts.h>
#include <core/storage/sourcerepository.h>

#include <QDir>
#include <QFile>

using namespace podtrends;
using namespace podtrends::test;

namespace {
QByteArray fixture(const QString &name)
{
    QFile f(fixturesDir() + QStringLiteral("/collection/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TstAmazonScraper final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;
    const QUrl m_base{QStringLiteral("https://www.amazon.com")};

    core::ScrapeSummary scrape(FakeServer &server, int pages)
    {
        core::ScrapeService service(m_db);
        service.setHttpSettings(fastHttp());
        core::ScraperConfig config = core::ScraperConfig::defaults();
        config.amazonBase = server.url();
        service.setScraperConfig(config);
        core::ScrapeTarget t;
        t.marketplace = QStringLiteral("amazon");
        t.target = QStringLiteral("retro sunset shirt");
        t.maxPages = pages;
        return runToEnd(service, [&] { return service.startTarget(t); });
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

    void parsesCompleteCardsOnly()
    {
        const core::AmazonParser parser;
        auto page = parser.parseSearch(fixture(QStringLiteral("amazon-search-page1.html")), m_base, QStringLiteral("retro"));
        QVERIFY2(page, qPrintable(page.errorMessage()));
        QCOMPARE(page->cards, 4);            // the empty-ASIN card is not a result
        QCOMPARE(page->products.size(), 3);  // the card without a title is skipped, not half-stored
        QCOMPARE(page->resultCount, 2000);
        const core::Product &first = page->products.at(0);
        QCOMPARE(first.externalId, QStringLiteral("B0TEST0001"));
        QCOMPARE(first.title, QStringLiteral("Retro Sunset Vintage T-Shirt"));
        QCOMPARE(first.price, 19.99);        // not the struck-through list price
        QCOMPARE(first.currency, QStringLiteral("USD"));
        QCOMPARE(first.rating, 4.6);
        QCOMPARE(first.reviewsCount, 1234);
        QVERIFY(first.sponsored);
        QCOMPARE(first.productUrl, QStringLiteral("https://www.amazon.com/dp/B0TEST0001"));
        QCOMPARE(first.imageUrl, QStringLiteral("https://m.media-amazon.com/images/I/B0TEST0001.jpg"));
        QCOMPARE(first.rank, 1);
        QVERIFY(!page->products.at(1).sponsored);
        QCOMPARE(page->products.at(1).title, QStringLiteral("Sunset Beach Graphic Tee & Gift"));
        QCOMPARE(page->products.at(2).price, 0.0);
        QCOMPARE(page->products.at(2).reviewsCount, 1200);
        QCOMPARE(first.rawData.value(QLatin1String("asin")).toString(), QStringLiteral("B0TEST0001"));
    }

    void detectsTheCaptchaPage()
    {
        const core::AmazonParser parser;
        QVERIFY(parser.isBlocked(fixture(QStringLiteral("amazon-captcha.html"))));
        QVERIFY(!parser.isBlocked(fixture(QStringLiteral("amazon-search-page1.html"))));
    }

    void parsesAProductPageWithBestSellersRank()
    {
        const core::AmazonParser parser;
        auto p = parser.parseProduct(fixture(QStringLiteral("amazon-product-B0TEST0001.html")), m_base);
        QVERIFY2(p, qPrintable(p.errorMessage()));
        QCOMPARE(p->externalId, QStringLiteral("B0TEST0001"));
        QCOMPARE(p->title, QStringLiteral("Retro Sunset Vintage T-Shirt"));
        QCOMPARE(p->price, 19.99);
        QCOMPARE(p->rating, 4.6);
        QCOMPARE(p->reviewsCount, 1234);
        QCOMPARE(p->rank, 1234);
        QCOMPARE(p->category, QStringLiteral("Clothing, Shoes & Jewelry"));
    }

    void selectorsCanBeOverridden()
    {
        const QByteArray json = "{\"search\":{\"card\":\"//div[@data-asin=\\\"B0TEST0002\\\"]\",\"asin\":[\"@data-asin\"],\"title\":[\".//h2\"]}}";
        auto parser = core::AmazonParser::fromSelectorJson(json);
        QVERIFY(parser);
        auto page = parser->parseSearch(fixture(QStringLiteral("amazon-search-page1.html")), m_base);
        QVERIFY(page);
        QCOMPARE(page->products.size(), 1);
        QCOMPARE(page->products.first().externalId, QStringLiteral("B0TEST0002"));
    }

    void parsesEveryRealSample()
    {
        const QString dir = realSamplesDir();
        if (dir.isEmpty())
            QSKIP("real samples are absent");
        const core::AmazonParser parser;
        const QStringList files = QDir(dir + QStringLiteral("/amazon")).entryList({QStringLiteral("*.html")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &name : files) {
            QFile f(dir + QStringLiteral("/amazon/") + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray html = f.readAll();
            if (name.startsWith(QLatin1String("captcha"))) {
                QVERIFY2(parser.isBlocked(html), qPrintable(name));
                auto page = parser.parseSearch(html, m_base);
                QVERIFY(page && page->blocked);
            } else if (name.startsWith(QLatin1String("product"))) {
                auto p = parser.parseProduct(html, m_base);
                QVERIFY2(p, qPrintable(name + p.errorMessage()));
                QCOMPARE(p->externalId.size(), 10);
                QVERIFY(!p->title.isEmpty());
                QVERIFY(p->price > 0);
                QVERIFY2(p->rank > 0, qPrintable(name + QStringLiteral(": no Best Sellers Rank")));
            } else {
                auto page = parser.parseSearch(html, m_base);
                QVERIFY2(page, qPrintable(name));
                QVERIFY(!page->blocked);
                QVERIFY2(page->products.size() >= 10, qPrintable(name));
                int priced = 0;
                int rated = 0;
                for (const core::Product &p : page->products) {
                    QCOMPARE(p.externalId.size(), 10);
                    QVERIFY(!p.title.isEmpty());
                    priced += p.price > 0;
                    rated += p.rating > 0 && p.reviewsCount > 0;
                }
                QVERIFY2(priced >= page->products.size() / 2, qPrintable(name));
                QVERIFY2(rated >= page->products.size() / 2, qPrintable(name));
            }
        }
    }

    void scrapesPagesIntoTheDatabase()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.url.path() != QLatin1String("/s"))
                return FakeResponse::html("", 404);
            return FakeResponse::html(fixture(r.query(QStringLiteral("page")) == QLatin1String("2") ? QStringLiteral("amazon-search-page2.html")
                                                                                                     : QStringLiteral("amazon-search-page1.html")));
        });
        const auto s = scrape(server, 2);
        QCOMPARE(s.status, QStringLiteral("ok"));
        QCOMPARE(s.items, 5);
        QCOMPARE(s.pages, 2);
        QCOMPARE(server.requests().first().query(QStringLiteral("k")), QStringLiteral("retro sunset shirt"));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products WHERE marketplace = 'amazon'")), 5);
        auto count = core::marketcounts::latest(m_db, QStringLiteral("amazon"), QStringLiteral("retro sunset shirt"));
        QVERIFY(count && count->has_value());
        QCOMPARE(**count, 2000);
    }

    void captchaWith503StopsAsBlocked()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.query(QStringLiteral("page")) == QLatin1String("2"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-captcha.html")), 503);
            return FakeResponse::html(fixture(QStringLiteral("amazon-search-page1.html")));
        });
        const auto s = scrape(server, 3);
        QCOMPARE(s.status, QStringLiteral("blocked"));
        QVERIFY2(s.message.contains(QLatin1String("robot check")), qPrintable(s.message));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 3); // page 1 kept
        QCOMPARE(server.requests().size(), 2); // a 503 is not retried
        auto markets = core::SourceRepository(m_db).marketplaces();
        QVERIFY(markets && !markets->isEmpty());
        QCOMPARE(markets->first().status, QStringLiteral("blocked"));
    }

    void captchaWith200StopsAsBlocked()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::html(fixture(QStringLiteral("amazon-captcha.html"))); });
        const auto s = scrape(server, 1);
        QCOMPARE(s.status, QStringLiteral("blocked"));
        QCOMPARE(s.items, 0);
    }

    void zeroResultsEndOkWithAMessage()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::html(fixture(QStringLiteral("amazon-search-empty.html"))); });
        const auto s = scrape(server, 2);
        QCOMPARE(s.status, QStringLiteral("ok"));
        QCOMPARE(s.items, 0);
        QVERIFY(s.message.contains(QLatin1String("no results")));
    }

    void wrongContentTypeIsAnError()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::json(R"({"not":"html"})"); });
        const auto s = scrape(server, 1);
        QCOMPARE(s.status, QStringLiteral("error"));
        QVERIFY(s.message.contains(QLatin1String("instead of a web page")));
    }
};

QTEST_GUILESS_MAIN(TstAmazonScraper)
#include "tst_amazonscraper.moc"
