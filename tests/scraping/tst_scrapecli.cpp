// The scrape and import commands, run as real processes (build/bin/podtrends) against loopback fakes.
#include "scrapetesthelpers.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>

using namespace podtrends;
using namespace podtrends::test;

class TstScrapeCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run run(const QStringList &args, const QProcessEnvironment &extra = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path() + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path() + QStringLiteral("/data"));
        for (const QString &key : extra.keys())
            env.insert(key, extra.value(key));
        process.setProcessEnvironment(env);
        const QString db = m_dir.path() + QStringLiteral("/cli%1.sqlite").arg(m_n);
        process.start(QCoreApplication::applicationDirPath() + QStringLiteral("/podtrends"), QStringList{QStringLiteral("--db"), db} + args);
        if (!process.waitForStarted(5000))
            return {};
        // The fakes live in this process: keep its event loop running while the child works.
        QDeadlineTimer deadline(40000);
        while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(20);
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

private Q_SLOTS:
    void init() { ++m_n; }

    void scrapeShopifyPrintsJsonAndStores()
    {
        if (!QFile::exists(QCoreApplication::applicationDirPath() + QStringLiteral("/podtrends")))
            QSKIP("build/bin/podtrends is not built");
        FakeServer server([](const FakeRequest &r) { return shopifyPage(r, 260); });
        const Run r = run({QStringLiteral("scrape"), QStringLiteral("shopify"), server.url().toString(), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(summary.value(QLatin1String("items")).toInt(), 260);
        const Run listed = run({QStringLiteral("products"), QStringLiteral("--json"), QStringLiteral("--marketplace"), QStringLiteral("shopify")});
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(listed.out).array().size(), 260);
    }

    void scrapeShopifyMaxPages()
    {
        FakeServer server([](const FakeRequest &r) { return shopifyPage(r, 5000); });
        const Run r = run({QStringLiteral("scrape"), QStringLiteral("shopify"), server.url().toString(), QStringLiteral("--max-pages"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("250 product(s)"), r.out.constData());
        QVERIFY2(r.err.contains("page limit"), r.err.constData());
    }

    void amazonCaptchaExitsNonZeroWithTheReason()
    {
        FakeServer server([](const FakeRequest &) {
            QFile f(fixturesDir() + QStringLiteral("/collection/amazon-captcha.html"));
            f.open(QIODevice::ReadOnly);
            return FakeResponse::html(f.readAll(), 503);
        });
        QProcessEnvironment env;
        env.insert(QStringLiteral("POD_AMAZON_BASE"), server.url().toString());
        const Run r = run({QStringLiteral("scrape"), QStringLiteral("amazon"), QStringLiteral("retro"), QStringLiteral("shirt"), QStringLiteral("--pages"), QStringLiteral("2")}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("robot check"), r.err.constData());
        QVERIFY(r.out.contains("Status: blocked"));
    }

    void amazonPagesFromTheFake()
    {
        FakeServer server([](const FakeRequest &) {
            QFile f(fixturesDir() + QStringLiteral("/collection/amazon-search-page1.html"));
            f.open(QIODevice::ReadOnly);
            return FakeResponse::html(f.readAll());
        });
        QProcessEnvironment env;
        env.insert(QStringLiteral("POD_AMAZON_BASE"), server.url().toString());
        const Run r = run({QStringLiteral("scrape"), QStringLiteral("amazon"), QStringLiteral("retro shirt"), QStringLiteral("--pages"), QStringLiteral("1"), QStringLiteral("--json")}, env);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QLatin1String("items")).toInt(), 3);
        QCOMPARE(summary.value(QLatin1String("result_count")).toInt(), 2000);
    }

    void etsyUsesTheKeyFromTheEnvironment()
    {
        FakeServer server([](const FakeRequest &r) {
            if (r.headers.value("x-api-key") != "key:secret")
                return FakeResponse::json(R"({"error":"Invalid API key"})", 403);
            return FakeResponse::json(R"({"count":2,"results":[{"listing_id":11,"title":"Sunset Tee","price":{"amount":1200,"divisor":100,"currency_code":"USD"}},{"listing_id":12,"title":"Sunset Mug","price":{"amount":900,"divisor":100,"currency_code":"USD"}}]})");
        });
        QProcessEnvironment env;
        env.insert(QStringLiteral("POD_ETSY_API_BASE"), server.url(QStringLiteral("/v3/application")).toString());
        env.insert(QStringLiteral("POD_ETSY_API_KEY"), QStringLiteral("key:secret"));
        const Run ok = run({QStringLiteral("scrape"), QStringLiteral("etsy"), QStringLiteral("sunset"), QStringLiteral("--limit"), QStringLiteral("50")}, env);
        QCOMPARE(ok.exitCode, 0);
        QVERIFY2(ok.out.contains("2 product(s)"), ok.out.constData());
        env.insert(QStringLiteral("POD_ETSY_API_KEY"), QStringLiteral("wrong:secret"));
        const Run refused = run({QStringLiteral("scrape"), QStringLiteral("etsy"), QStringLiteral("sunset")}, env);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("HTTP 403"), refused.err.constData());
        QVERIFY(!refused.err.contains("wrong:secret")); // never echoed
    }

    void badUsageExitsWithTwo()
    {
        QCOMPARE(run({QStringLiteral("scrape")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("scrape"), QStringLiteral("ebay"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("scrape"), QStringLiteral("shopify"), QStringLiteral("http://example.com")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("scrape"), QStringLiteral("shopify"), QStringLiteral("https://shop.example"), QStringLiteral("--max-pages"), QStringLiteral("zero")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("import"), m_dir.path() + QStringLiteral("/does-not-exist")}).exitCode, 2);
    }

    void importsAFolder()
    {
        const Run r = run({QStringLiteral("import"), fixturesDir() + QStringLiteral("/collection"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QVERIFY(summary.value(QLatin1String("items")).toInt() >= 10);
        QVERIFY(summary.value(QLatin1String("skipped")).toInt() >= 1); // the captcha page
    }
};

QTEST_GUILESS_MAIN(TstScrapeCli)
#include "tst_scrapecli.moc"
