// CORS as a real browser sees it (issue 16): headless Chromium loads a page from one loopback
// origin that calls the REST API on another, once with its origin allowed and once without. A
// preflight that repeats a header (as it did) makes Chromium refuse the call.
#include "../scraping/fakeserver.h"
#include "../team/restfixture.h"
#include "processtestutil.h"

#include <core/api/apikeystore.h>
#include <core/api/restserver.h>
#include <support/testenv.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace podtrends;
using namespace podtrends::test;

namespace {

QString chromiumPath()
{
    for (const QString &name : {QStringLiteral("chromium"), QStringLiteral("chromium-browser")})
        if (const QString path = QStandardPaths::findExecutable(name); !path.isEmpty())
            return path;
    return {};
}

} // namespace

class TstBrowserCors final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;
    QString m_key;

    /**
     * Serves a page that calls the API (`script` gets `api` and `key`) and reports its result
     * back to the page's own origin; returns that result.
     */
    QJsonObject runInBrowser(const QStringList &allowedOrigins, const QByteArray &call)
    {
        std::optional<QJsonObject> result;
        FakeServer page([&](const FakeRequest &r) {
            if (r.url.path() == QLatin1String("/report")) {
                result = QJsonDocument::fromJson(r.query(QStringLiteral("result")).toUtf8()).object();
                return FakeResponse::json("{}");
            }
            return FakeResponse::html("<html><body>calling</body></html>", 404);
        });
        const QString origin = page.url().toString();
        core::RestServerOptions options;
        options.port = 0;
        options.corsOrigins = allowedOrigins;
        for (QString &o : options.corsOrigins)
            o.replace(QLatin1String("PAGE"), origin.chopped(origin.endsWith(QLatin1Char('/')) ? 1 : 0));
        core::RestServer api(m_db, options);
        if (!api.start())
            return {{QStringLiteral("setup"), QStringLiteral("the API did not start")}};
        const QByteArray html = "<!doctype html><html><body><script>\n"
                                "const api = 'http://127.0.0.1:" + QByteArray::number(api.port()) + "';\n"
                                "const key = '" + m_key.toUtf8() + "';\n"
                                "async function call() {\n" + call + "\n}\n"
                                "call().then(r => r, e => ({error: String(e)}))\n"
                                "  .then(r => fetch('/report?result=' + encodeURIComponent(JSON.stringify(r))));\n"
                                "</script></body></html>";
        page.setHandler([&, html](const FakeRequest &r) {
            if (r.url.path() == QLatin1String("/report")) {
                result = QJsonDocument::fromJson(r.query(QStringLiteral("result")).toUtf8()).object();
                return FakeResponse::json("{}");
            }
            return FakeResponse::html(html);
        });
        QProcess browser;
        QTemporaryDir profile;
        browser.setProcessChannelMode(QProcess::MergedChannels);
        browser.start(chromiumPath(), {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
                                       QStringLiteral("--disable-background-networking"), QStringLiteral("--disable-component-update"),
                                       QStringLiteral("--disable-sync"), QStringLiteral("--no-first-run"),
                                       QStringLiteral("--user-data-dir=") + profile.path(), page.url(QStringLiteral("/index.html")).toString()});
        const bool reported = waitUntil([&] { return result.has_value(); }, 60000, 20);
        browser.terminate();
        if (!browser.waitForFinished(5000)) {
            browser.kill();
            browser.waitForFinished(5000);
        }
        if (!reported)
            return QJsonObject{{QStringLiteral("setup"), QString(QStringLiteral("no report from the browser: ") + QString::fromUtf8(browser.readAll().right(1500)))}};
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (chromiumPath().isEmpty())
            QSKIP("chromium is not installed (the test scripts install it)");
        QString skip;
        m_db = openFreshDatabase(QStringLiteral("sqlite"), m_dir.path(), &skip);
        QVERIFY(m_db);
        QVERIFY(insertTrend(*m_db, QStringLiteral("retro camping shirt"), QStringLiteral("apparel"), 82.5) > 0);
        auto key = core::ApiKeyStore(m_db).create(QStringLiteral("browser"));
        QVERIFY(key);
        m_key = key->second;
    }

    void anAllowedOriginReadsTheApiWithItsKey()
    {
        // The Authorization header makes this a preflighted request; ETag is readable only when exposed.
        const QJsonObject r = runInBrowser({QStringLiteral("PAGE")}, R"(
            const res = await fetch(api + '/api/v1/trends?limit=5', {headers: {'Authorization': 'Bearer ' + key}});
            const body = await res.json();
            return {status: res.status, etag: res.headers.get('ETag'), count: body.length, niche: body[0].niche};)");
        QVERIFY2(!r.contains(QLatin1String("error")) && !r.contains(QLatin1String("setup")), QJsonDocument(r).toJson().constData());
        QCOMPARE(r.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(r.value(QLatin1String("count")).toInt(), 1);
        QCOMPARE(r.value(QLatin1String("niche")).toString(), QStringLiteral("retro camping shirt"));
        QVERIFY(r.value(QLatin1String("etag")).toString().startsWith(QLatin1Char('"')));
    }

    void anAllowedOriginPostsJson()
    {
        const QJsonObject r = runInBrowser({QStringLiteral("PAGE")}, R"(
            const res = await fetch(api + '/api/v1/trends/999999/generate', {method: 'POST',
                headers: {'Authorization': 'Bearer ' + key, 'Content-Type': 'application/json'}, body: JSON.stringify({variants: 2})});
            return {status: res.status, detail: (await res.json()).detail};)");
        QVERIFY2(!r.contains(QLatin1String("error")) && !r.contains(QLatin1String("setup")), QJsonDocument(r).toJson().constData());
        QCOMPARE(r.value(QLatin1String("status")).toInt(), 404);
        QCOMPARE(r.value(QLatin1String("detail")).toString(), QStringLiteral("Trend not found"));
    }

    void anotherOriginIsBlockedByTheBrowser()
    {
        const QJsonObject r = runInBrowser({QStringLiteral("http://127.0.0.1:1")}, R"(
            const res = await fetch(api + '/api/v1/trends', {headers: {'Authorization': 'Bearer ' + key}});
            return {status: res.status};)");
        QVERIFY2(!r.contains(QLatin1String("setup")), QJsonDocument(r).toJson().constData());
        QVERIFY2(r.value(QLatin1String("error")).toString().contains(QLatin1String("Failed to fetch")), QJsonDocument(r).toJson().constData());
        QVERIFY(!r.contains(QLatin1String("status")));
    }
};

QTEST_GUILESS_MAIN(TstBrowserCors)
#include "tst_browsercors.moc"
