// EtsyScraper over loopback following API-CONTRACTS.md §4 (x-api-key keystring:secret, offset paging, limits).
#include "scrapetesthelpers.h"

#include <core/scraping/etsyscraper.h>
#include <core/scraping/marketcounts.h>

#include <QDir>
#include <QFile>

using namespace podtrends;
using namespace podtrends::test;

namespace {

/** A fake findAllListingsActive with `total` hits. */
FakeResponse etsyListings(const FakeRequest &r, int total, const QByteArray &perSecond = "150")
{
    const QByteArray key = r.headers.value("x-api-key");
    if (!key.contains(':'))
        return FakeResponse::json(R"({"error":"Shared secret is required in x-api-key header."})", 403);
    if (r.url.path() == QLatin1String("/v3/application/openapi-ping"))
        return FakeResponse::json(R"({"application_id":123})");
    if (r.url.path() != QLatin1String("/v3/application/listings/active"))
        return FakeResponse::json(R"({"error":"Not found"})", 404);
    const int offset = r.query(QStringLiteral("offset")).toInt();
    const int limit = std::clamp(r.query(QStringLiteral("limit")).toInt(), 1, 100);
    if (offset > 12000)
        return FakeResponse::json(R"({"error":"Offset provided is greater than the maximum offset allowed."})", 400);
    QByteArray body = "{\"count\":" + QByteArray::number(total) + ",\"results\":[";
    for (int i = offset; i < std::min(total, offset + limit); ++i) {
        if (i > offset)
            body += ',';
        const QByteArray id = QByteArray::number(900000 + i);
        body += "{\"listing_id\":" + id + ",\"shop_id\":77,\"title\":\"Sunset Tee " + id + "\",\"url\":\"https://www.etsy.com/listing/" + id
            + "\",\"num_favorers\":" + QByteArray::number(i) + ",\"tags\":[\"sunset\"],\"taxonomy_id\":482,"
              "\"price\":{\"amount\":2450,\"divisor\":100,\"currency_code\":\"USD\"}}";
    }
    body += "]}";
    FakeResponse response = FakeResponse::json(body);
    response.headers = {{"x-limit-per-second", perSecond}, {"x-remaining-this-second", "5"}, {"x-limit-per-day", "100000"}, {"x-remaining-today", "99000"}};
    return response;
}

} // namespace

class TstEtsyScraper final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;

    core::ScrapeSummary scrape(FakeServer &server, const QString &key, int limit = 0)
    {
        core::ScrapeService service(m_db);
        service.setHttpSettings(fastHttp());
        core::ScraperConfig config = core::ScraperConfig::defaults();
        config.etsyBase = server.url(QStringLiteral("/v3/application"));
        config.etsyApiKey = key;
        service.setScraperConfig(config);
        core::ScrapeTarget t;
        t.marketplace = core::Marketplace::Etsy;
        t.target = QStringLiteral("retro sunset");
        t.limit = limit;
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

    void pagesByOffsetAndStoresTheCompetitionCount()
    {
        FakeServer server([](const FakeRequest &r) { return etsyListings(r, 250); });
        const auto s = scrape(server, QStringLiteral("keystring:secret"));
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 250);
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(server.requests().at(2).query(QStringLiteral("offset")), QStringLiteral("200"));
        QCOMPARE(server.requests().first().headers.value("x-api-key"), QByteArray("keystring:secret"));
        QCOMPARE(server.requests().first().query(QStringLiteral("keywords")), QStringLiteral("retro sunset"));
        auto p = core::ProductQueries(m_db).findByExternalId(QStringLiteral("etsy"), QStringLiteral("900005"));
        QVERIFY(p && p->has_value());
        QCOMPARE((*p)->price, 24.5);
        QCOMPARE((*p)->currency, QStringLiteral("USD"));
        QCOMPARE((*p)->favorites, 5);
        QCOMPARE((*p)->rank, 6);
        auto count = core::marketcounts::latest(m_db, QStringLiteral("etsy"), QStringLiteral("Retro  Sunset"));
        QVERIFY(count && count->has_value());
        QCOMPARE(**count, 250);
        auto snaps = core::ProductQueries(m_db).snapshots((*p)->id);
        QVERIFY(snaps && snaps->size() == 1);
        QCOMPARE(snaps->first().resultCount, 250);
    }

    void stopsAtTheConfiguredLimit()
    {
        FakeServer server([](const FakeRequest &r) { return etsyListings(r, 310579); });
        const auto s = scrape(server, QStringLiteral("k:s"), 150);
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.items, 150);
        QCOMPARE(server.requests().last().query(QStringLiteral("limit")), QStringLiteral("50"));
        QCOMPARE(s.resultCount, 310579);
    }

    void rejectsKeyWithoutSecretBeforeAskingEtsy()
    {
        FakeServer server([](const FakeRequest &r) { return etsyListings(r, 10); });
        const auto s = scrape(server, QStringLiteral("keystringonly"));
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY2(s.message.contains(QLatin1String("shared secret")), qPrintable(s.message));
        QCOMPARE(server.requests().size(), 0);
    }

    void reports403FromEtsyClearly()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::json(R"({"error":"Shared secret is required in x-api-key header."})", 403); });
        const auto s = scrape(server, QStringLiteral("k:s"));
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY2(s.message.contains(QLatin1String("HTTP 403")) && s.message.contains(QLatin1String("Shared secret is required")), qPrintable(s.message));
    }

    void missingKeyIsAClearError()
    {
        FakeServer server([](const FakeRequest &r) { return etsyListings(r, 10); });
        qputenv("POD_ETSY_API_KEY", "");
        const auto s = scrape(server, QString());
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY2(s.message.contains(QLatin1String("Etsy API key")), qPrintable(s.message));
    }

    void a429StormWithoutHeadersEndsInAnError()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.query(QStringLiteral("offset")) == QLatin1String("100"))
                return FakeResponse::json(R"({"error":"Too many requests"})", 429);
            return etsyListings(r, 1000);
        });
        const auto s = scrape(server, QStringLiteral("k:s"), 300);
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY2(s.message.contains(QLatin1String("429")), qPrintable(s.message));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 100);
    }

    void malformedJsonKeepsEarlierPages()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.query(QStringLiteral("offset")) == QLatin1String("100"))
                return FakeResponse::json(R"({"count":1000,"results":[{"listing_id":1,)");
            return etsyListings(r, 1000);
        });
        const auto s = scrape(server, QStringLiteral("k:s"), 300);
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 100);
    }

    void followsTheRateEtsyAnnounces()
    {
        FakeServer server([](const FakeRequest &r) { return etsyListings(r, 400, "8"); });
        const auto s = scrape(server, QStringLiteral("k:s"), 400);
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        const auto &req = server.requests();
        QCOMPARE(req.size(), 4);
        // After the first answer announced 8/s, requests are 125 ms apart: over any run of k gaps
        // at least k × 125 ms less the few ms by which the server may note one request late (its
        // event loop is shared with the test), a jitter that does not add up.
        for (qsizetype i = 1; i < req.size(); ++i)
            for (qsizetype j = i + 1; j < req.size(); ++j)
                QVERIFY2(req.at(j).atMs - req.at(i).atMs >= (j - i) * 125 - 20,
                         qPrintable(QStringLiteral("requests %1 and %2 are %3 ms apart").arg(i).arg(j).arg(req.at(j).atMs - req.at(i).atMs)));
    }

    void testEtsyKeyPingsTheApi()
    {
        FakeServer server([](const FakeRequest &r) { return etsyListings(r, 0); });
        core::ScrapeService service(m_db);
        service.setHttpSettings(fastHttp());
        core::ScraperConfig config = core::ScraperConfig::defaults();
        config.etsyBase = server.url(QStringLiteral("/v3/application"));
        service.setScraperConfig(config);
        QSignalSpy spy(&service, &core::ScrapeService::etsyKeyTested);
        service.testEtsyKey(QStringLiteral("abc:def"));
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.first().at(0).toBool(), true);
        QVERIFY(spy.first().at(1).toString().contains(QLatin1String("123")));
        spy.clear();
        service.testEtsyKey(QStringLiteral("abc"));
        QTRY_COMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(0).toBool(), false);
    }

    void parsesTheFixture()
    {
        QFile f(fixturesDir() + QStringLiteral("/collection/etsy-listings.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto page = core::EtsyScraper::parse(f.readAll());
        QVERIFY(page);
        QCOMPARE(page->count, 3);
        QCOMPARE(page->products.size(), 2);
        QCOMPARE(page->skipped, 1);
        QCOMPARE(page->products.at(1).price, 15.99);
        QCOMPARE(page->products.at(0).tags.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TstEtsyScraper)
#include "tst_etsyscraper.moc"
