// AmazonScraper's optional product pages (/dp/ASIN) for Best Sellers Rank, over loopback
// (API-CONTRACTS.md §5): the first N results are held until their page is read, so each product
// is still stored once with one snapshot, and a robot check on a product page keeps everything.
#include "scrapetesthelpers.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace podtrends;
using namespace podtrends::test;

namespace {
QByteArray fixture(const QString &name)
{
    QFile f(fixturesDir() + QStringLiteral("/collection/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TstAmazonProductPages final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;

    core::ScrapeSummary scrape(FakeServer &server, int productPages)
    {
        core::ScrapeService service(m_db);
        service.setHttpSettings(fastHttp());
        core::ScraperConfig config = core::ScraperConfig::defaults();
        config.amazonBase = server.url();
        service.setScraperConfig(config);
        core::ScrapeTarget t;
        t.marketplace = QStringLiteral("amazon");
        t.target = QStringLiteral("retro sunset shirt");
        t.maxPages = 1;
        t.productPages = productPages;
        return runToEnd(service, [&] { return service.startTarget(t); });
    }

    qint64 rankOf(const QString &asin)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT rank FROM products WHERE marketplace = 'amazon' AND external_id = ?"));
        q.addBindValue(asin);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -2;
    }

    int pathCount(const FakeServer &server, const QString &path)
    {
        int n = 0;
        for (const FakeRequest &r : server.requests())
            n += r.url.path() == path ? 1 : 0;
        return n;
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

    void productPagesAddBestSellersRankAndStoreEachProductOnce()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.url.path() == QLatin1String("/s"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-search-page1.html")));
            if (r.url.path() == QLatin1String("/dp/B0TEST0001"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-product-B0TEST0001.html")));
            return FakeResponse::html("<html><body>Not found</body></html>", 404);
        });
        const auto s = scrape(server, 2);
        QCOMPARE(s.status, QStringLiteral("ok"));
        QCOMPARE(s.items, 3);
        QCOMPARE(pathCount(server, QStringLiteral("/s")), 1);
        QCOMPARE(pathCount(server, QStringLiteral("/dp/B0TEST0001")), 1);
        QCOMPARE(pathCount(server, QStringLiteral("/dp/B0TEST0002")), 1); // 404: that product keeps its search position
        QCOMPARE(server.requests().size(), 3);                            // only the first two results' pages
        QCOMPARE(rankOf(QStringLiteral("B0TEST0001")), 1234);            // the product page's Best Sellers Rank
        QCOMPARE(rankOf(QStringLiteral("B0TEST0002")), 2);               // its search position
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 3);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM product_snapshots")), 3);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT raw_data FROM products WHERE external_id = 'B0TEST0001'")) && q.next());
        const QJsonObject raw = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        QCOMPARE(raw.value(QStringLiteral("search_position")).toInt(), 1);
        QVERIFY(raw.value(QStringLiteral("best_sellers_rank")).toString().contains(QLatin1String("1,234")));
    }

    void robotCheckOnAProductPageStopsAsBlockedAndKeepsEveryProduct()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.url.path() == QLatin1String("/s"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-search-page1.html")));
            return FakeResponse::html(fixture(QStringLiteral("amazon-captcha.html")), 503);
        });
        const auto s = scrape(server, 2);
        QCOMPARE(s.status, QStringLiteral("blocked"));
        QVERIFY2(s.message.contains(QLatin1String("robot check")), qPrintable(s.message));
        QCOMPARE(s.items, 3);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 3);
        QCOMPARE(server.requests().size(), 2); // the search page and one product page: a 503 is not retried
    }

    void withoutProductPagesOnlySearchPagesAreRead()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.url.path() == QLatin1String("/s"))
                return FakeResponse::html(fixture(QStringLiteral("amazon-search-page1.html")));
            return FakeResponse::html("", 404);
        });
        const auto s = scrape(server, 0);
        QCOMPARE(s.status, QStringLiteral("ok"));
        QCOMPARE(s.items, 3);
        QCOMPARE(server.requests().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstAmazonProductPages)
#include "tst_amazonproductpages.moc"
