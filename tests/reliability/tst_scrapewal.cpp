// A long scrape keeps the write-ahead log near its limit (issue 16, item 4): the scrape's writer
// checkpoints between its transactions as an import does between files. Before, only imports
// did, and the log of a scrape grew with everything the scrape stored.
#include "../scraping/scrapetesthelpers.h"
#include "processtestutil.h"

#include <core/scraping/scheduler.h>
#include <core/storage/productwriter.h>

#include <QFileInfo>
#include <QTimer>

using namespace podtrends;
using namespace podtrends::test;

namespace {

// A loopback Shopify store of `total` products with long descriptions (about 6 KB of database
// each), paged like the real one (250 per page).
FakeResponse bigStorePage(const FakeRequest &r, int total)
{
    if (r.url.path() != QLatin1String("/products.json"))
        return FakeResponse::html("<html><body>Not found</body></html>", 404);
    const int limit = std::min(250, std::max(1, r.query(QStringLiteral("limit")).toInt()));
    const int page = std::max(1, r.query(QStringLiteral("page")).toInt());
    const int from = (page - 1) * limit;
    const int to = std::min(total, from + limit);
    static const QByteArray body = "<p>" + QByteArray("Soft ring-spun cotton tee with a retro sunset print, ").repeated(40) + "</p>";
    QByteArray json = "{\"products\":[";
    for (int i = from; i < to; ++i) {
        if (i > from)
            json += ',';
        const QByteArray id = QByteArray::number(7000000 + i);
        json += "{\"id\":" + id + ",\"title\":\"Retro Sunset Tee " + id + "\",\"handle\":\"retro-" + id + "\",\"body_html\":\"" + body
                + "\",\"vendor\":\"Sunny Prints\",\"product_type\":\"T-Shirt\",\"tags\":[\"retro\",\"sunset\",\"camping\"],"
                  "\"variants\":[{\"id\":" + id + "1,\"price\":\"24.00\"}],\"images\":[{\"src\":\"https://cdn.example/" + id + ".jpg\"}]}";
    }
    json += "]}";
    return FakeResponse::json(json);
}

} // namespace

class TstScrapeWal final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void longScrapeKeepsTheWriteAheadLogNearItsLimit()
    {
        // 25,000 products (Shopify's storefront cap), about 130 MB of database written in many
        // transactions, several times the 32 MB limit. A write takes at most 8 million characters
        // of text (about 1,800 of these products) and the log is checkpointed after each: it may exceed the limit by about one write; 64 MB
        // is that bound. Before, a scrape never checkpointed and wrote whatever had queued in one
        // transaction (docs/RELIABILITY.md).
        QString skip;
        auto db = openFreshDatabase(QStringLiteral("sqlite"), m_dir.path(), &skip);
        QVERIFY(db);
        const QString wal = db->config().sqlitePath + QStringLiteral("-wal");
        FakeServer store([](const FakeRequest &r) { return bigStorePage(r, 25000); });
        core::ScrapeService service(db);
        service.setHttpSettings(fastHttp());
        qint64 peak = 0;
        QTimer sample;
        QObject::connect(&sample, &QTimer::timeout, [&] { peak = std::max(peak, QFileInfo(wal).size()); });
        sample.start(5);
        core::ScrapeTarget target;
        target.marketplace = core::Marketplace::Shopify;
        target.target = store.url().toString();
        target.maxPages = 100;
        QElapsedTimer clock;
        clock.start();
        QSignalSpy finished(&service, &core::ScrapeService::runFinished);
        QVERIFY(service.startTarget(target) > 0);
        // Another writer (the app's analysis, a second process) holds the database for two
        // seconds early in the run while pages keep arriving: the pages fetched meanwhile were all
        // written in the one transaction after it, and the log grew by all of them.
        QVERIFY(waitUntil([&] { return countRows(db, QStringLiteral("SELECT COUNT(*) FROM products")) > 0; }, 60000, 5));
        QSqlQuery lock(db->connection());
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QTest::qWait(2000);
        QVERIFY(lock.exec(QStringLiteral("COMMIT")));
        QVERIFY(finished.wait(600000) || !finished.isEmpty());
        const auto summary = finished.first().first().value<core::ScrapeSummary>();
        sample.stop();
        peak = std::max(peak, QFileInfo(wal).size());
        const qint64 size = QFileInfo(db->config().sqlitePath).size() + QFileInfo(wal).size();
        qInfo("%d products in %lld ms; database %lld bytes, log peak %lld bytes", summary.items, clock.elapsed(), size, peak);
        QVERIFY2(summary.status == core::ScrapeStatus::Ok, qPrintable(summary.message));
        QCOMPARE(summary.items, 25000);
        QCOMPARE(countRows(db, QStringLiteral("SELECT COUNT(*) FROM products")), 25000);
        QVERIFY2(size > 3 * core::ProductWriter::kWalLimitBytes, "the scrape wrote too little to need checkpoints");
        QVERIFY2(peak <= 2 * core::ProductWriter::kWalLimitBytes, qPrintable(QStringLiteral("the log reached %1 bytes").arg(peak)));
    }
};

QTEST_GUILESS_MAIN(TstScrapeWal)
#include "tst_scrapewal.moc"
