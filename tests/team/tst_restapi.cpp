// The REST API over real HTTP on loopback, on SQLite and PostgreSQL.
#include "restfixture.h"

#include <core/api/apikeystore.h>
#include <core/api/restserver.h>
#include <core/domain/design.h>
#include <core/storage/changenotifier.h>
#include <core/storage/designrepository.h>
#include <core/storage/productwriter.h>
#include <support/testenv.h>

#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace podtrends;
using namespace podtrends::core;

namespace {

struct Response
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> header;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

} // namespace

class TestRestApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<RestServer> m_server;
    QString m_key;
    qint64 m_trendA = 0, m_trendB = 0, m_trendC = 0;
    qint64 m_productId = 0, m_designId = 0;

    Response request(const QString &path, const QByteArray &method = "GET", const QByteArray &body = {},
                     const QList<std::pair<QByteArray, QByteArray>> &headers = {}, bool withKey = true)
    {
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path)));
        if (withKey)
            r.setRawHeader("Authorization", "Bearer " + m_key.toUtf8());
        for (const auto &[name, value] : headers)
            r.setRawHeader(name, value);
        if (!body.isEmpty())
            r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = m_nam.sendCustomRequest(r, method, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Response out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            out.header.insert(name.toLower(), value);
        reply->deleteLater();
        return out;
    }

    void startServer(RestServerOptions options = {})
    {
        options.port = 0;
        m_server = std::make_unique<RestServer>(m_db, options);
        QVERIFY(m_server->start());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void initTestCase_data() { test::addDialectRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, dialect);
        QString skip;
        m_db = test::openFreshDatabase(dialect, m_dir.path(), &skip);
        if (!m_db) {
            if (!skip.isEmpty())
                QSKIP(qPrintable(skip));
            QFAIL("cannot open the database");
        }
        m_trendA = test::insertTrend(*m_db, QStringLiteral("retro camping shirt"), QStringLiteral("apparel"), 82.5);
        m_trendB = test::insertTrend(*m_db, QStringLiteral("cat mom mug"), QStringLiteral("home"), 64);
        m_trendC = test::insertTrend(*m_db, QStringLiteral("vintage camping poster"), QStringLiteral("wall art"), 40);
        QVERIFY(m_trendA > 0 && m_trendB > 0 && m_trendC > 0);
        QList<Product> products;
        for (int i = 0; i < 30; ++i) {
            Product p;
            p.marketplace = i % 3 == 0 ? QStringLiteral("etsy") : QStringLiteral("amazon");
            p.externalId = QStringLiteral("X%1").arg(i);
            p.title = QStringLiteral("Retro camping shirt %1").arg(i);
            p.category = i % 2 ? QStringLiteral("apparel") : QStringLiteral("home");
            p.price = 10 + i;
            p.rating = 3.0 + (i % 5) * 0.5;
            p.reviewsCount = i * 10;
            products << p;
        }
        auto stored = ProductWriter(m_db).upsert(products);
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        m_productId = stored->ids.first();
        Design d;
        d.trendId = m_trendA;
        d.title = QStringLiteral("Mountain sunset");
        d.status = DesignStatus::Ready;
        auto designId = DesignRepository(m_db).insert(d);
        QVERIFY(designId);
        m_designId = *designId;
        d.trendId = m_trendB;
        d.status = DesignStatus::Draft;
        QVERIFY(DesignRepository(m_db).insert(d));
        auto key = ApiKeyStore(m_db).create(QStringLiteral("tests"));
        QVERIFY(key);
        m_key = key->second;
        startServer();
    }
    void cleanup()
    {
        m_server.reset();
        m_db.reset();
    }

    void healthNeedsNoKey()
    {
        const Response r = request(QStringLiteral("/api/v1/health"), "GET", {}, {}, false);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
    }

    void rejectsMissingWrongAndRevokedKeys()
    {
        Response r = request(QStringLiteral("/api/v1/trends"), "GET", {}, {}, false);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().object().value(QStringLiteral("detail")).toString(), QStringLiteral("Not authenticated"));
        QCOMPARE(r.header.value("www-authenticate"), QByteArray("Bearer"));
        r = request(QStringLiteral("/api/v1/trends"), "GET", {}, {{"Authorization", "Bearer " + m_key.toUtf8() + "x"}}, false);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().object().value(QStringLiteral("detail")).toString(), QStringLiteral("Invalid API key"));
        r = request(QStringLiteral("/api/v1/trends"), "GET", {}, {{"Authorization", "Bearer nonsense"}}, false);
        QCOMPARE(r.status, 401);
        // Stored hashed: the table never holds the key itself.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT prefix, key_hash, salt FROM api_keys")) && q.next());
        QVERIFY(m_key.startsWith(q.value(0).toString() + QLatin1Char('.')));
        QVERIFY(!m_key.contains(q.value(1).toString()));
        QCOMPARE(q.value(1).toString().size(), 64);
        // A revoked key stops working once the server learns of the change.
        QCOMPARE(request(QStringLiteral("/api/v1/trends")).status, 200);
        QVERIFY(ApiKeyStore(m_db).revoke(ApiKeyStore(m_db).list()->first().id));
        m_server->dataChanged(QStringLiteral("api_keys"));
        QCOMPARE(request(QStringLiteral("/api/v1/trends")).status, 401);
    }

    void listsTrendsBestFirstWithPaginationBounds()
    {
        Response r = request(QStringLiteral("/api/v1/trends"));
        QCOMPARE(r.status, 200);
        QJsonArray list = r.json().array();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("id")).toInteger(), m_trendA);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("overall_score")).toDouble(), 82.5);
        QVERIFY(list.at(0).toObject().contains(QStringLiteral("marketplace_counts")));
        r = request(QStringLiteral("/api/v1/trends?skip=1&limit=1"));
        QCOMPARE(r.json().array().size(), 1);
        QCOMPARE(r.json().array().at(0).toObject().value(QStringLiteral("id")).toInteger(), m_trendB);
        QCOMPARE(request(QStringLiteral("/api/v1/trends?limit=100")).status, 200);
        for (const QString &bad : {QStringLiteral("limit=101"), QStringLiteral("limit=0"), QStringLiteral("skip=-1"), QStringLiteral("limit=ten")}) {
            r = request(QStringLiteral("/api/v1/trends?") + bad);
            QCOMPARE(r.status, 422);
            const QJsonObject error = r.json().object().value(QStringLiteral("detail")).toArray().at(0).toObject();
            QCOMPARE(error.value(QStringLiteral("loc")).toArray().at(0).toString(), QStringLiteral("query"));
            QCOMPARE(error.value(QStringLiteral("loc")).toArray().at(1).toString(), bad.section(QLatin1Char('='), 0, 0));
            QVERIFY(!error.value(QStringLiteral("msg")).toString().isEmpty());
            QVERIFY(!error.value(QStringLiteral("type")).toString().isEmpty());
        }
        r = request(QStringLiteral("/api/v1/trends?limit=101"));
        QCOMPARE(r.json().object().value(QStringLiteral("detail")).toArray().at(0).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("value_error.number.not_le"));
    }

    void filtersTrendsByNicheCategoryAndScore()
    {
        QJsonArray list = request(QStringLiteral("/api/v1/trends?niche=CAMPING")).json().array();
        QCOMPARE(list.size(), 2);
        list = request(QStringLiteral("/api/v1/trends?category=home")).json().array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("niche")).toString(), QStringLiteral("cat mom mug"));
        list = request(QStringLiteral("/api/v1/trends?min_score=60")).json().array();
        QCOMPARE(list.size(), 2);
        QCOMPARE(request(QStringLiteral("/api/v1/trends?min_score=abc")).status, 422);
        // Sorted by opportunity by default (these trends have none: the seed's order), or by the seed's score.
        list = request(QStringLiteral("/api/v1/trends?sort=overall")).json().array();
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("id")).toInteger(), m_trendA);
        QVERIFY(list.at(0).toObject().value(QStringLiteral("opportunity_score")).isNull());
        QCOMPARE(request(QStringLiteral("/api/v1/trends?sort=best")).status, 422);
        QCOMPARE(request(QStringLiteral("/api/v1/trends?warnings=maybe")).status, 422);
        QCOMPARE(request(QStringLiteral("/api/v1/trends?warnings=exclude")).json().array().size(),
                 request(QStringLiteral("/api/v1/trends")).json().array().size()); // none is flagged
        Response r = request(QStringLiteral("/api/v1/trends/%1").arg(m_trendB));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("category")).toString(), QStringLiteral("home"));
        r = request(QStringLiteral("/api/v1/trends/999999"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().object().value(QStringLiteral("detail")).toString(), QStringLiteral("Trend not found"));
        r = request(QStringLiteral("/api/v1/trends/abc"));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json().object().value(QStringLiteral("detail")).toArray().at(0).toObject().value(QStringLiteral("loc")).toArray(),
                 (QJsonArray{QStringLiteral("path"), QStringLiteral("trend_id")}));
    }

    void listsAndFiltersProducts()
    {
        QJsonArray list = request(QStringLiteral("/api/v1/products")).json().array();
        QCOMPARE(list.size(), 20);
        QVERIFY(list.at(0).toObject().contains(QStringLiteral("external_id")));
        QVERIFY(list.at(0).toObject().contains(QStringLiteral("reviews_count")));
        QCOMPARE(request(QStringLiteral("/api/v1/products?limit=100")).json().array().size(), 30);
        QCOMPARE(request(QStringLiteral("/api/v1/products?skip=25&limit=100")).json().array().size(), 5);
        list = request(QStringLiteral("/api/v1/products?marketplace=etsy&limit=100")).json().array();
        QCOMPARE(list.size(), 10);
        for (const QJsonValue &v : std::as_const(list))
            QCOMPARE(v.toObject().value(QStringLiteral("marketplace")).toString(), QStringLiteral("etsy"));
        list = request(QStringLiteral("/api/v1/products?category=apparel&min_rating=4.5&limit=100")).json().array();
        QVERIFY(!list.isEmpty());
        for (const QJsonValue &v : std::as_const(list)) {
            QCOMPARE(v.toObject().value(QStringLiteral("category")).toString(), QStringLiteral("apparel"));
            QVERIFY(v.toObject().value(QStringLiteral("rating")).toDouble() >= 4.5);
        }
        QCOMPARE(request(QStringLiteral("/api/v1/products?min_rating=6")).status, 422);
        QCOMPARE(request(QStringLiteral("/api/v1/products?limit=101")).status, 422);
        Response r = request(QStringLiteral("/api/v1/products/%1").arg(m_productId));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("external_id")).toString(), QStringLiteral("X0"));
        QCOMPARE(request(QStringLiteral("/api/v1/products/424242")).status, 404);
    }

    void pagesProductsWithACursorThatTheLinkHeaderGives()
    {
        // Walking the Link headers visits every product of the filter once, in id order.
        QList<qint64> seen;
        QString path = QStringLiteral("/api/v1/products?marketplace=amazon&limit=7");
        int pages = 0;
        while (!path.isEmpty()) {
            QVERIFY2(++pages <= 10, "the Link header never ends");
            const Response r = request(path);
            QCOMPARE(r.status, 200);
            for (const QJsonValue &v : r.json().array()) {
                QCOMPARE(v.toObject().value(QStringLiteral("marketplace")).toString(), QStringLiteral("amazon"));
                seen << v.toObject().value(QStringLiteral("id")).toInteger();
            }
            path.clear();
            const QByteArray link = r.header.value("link");
            if (!link.isEmpty()) {
                QVERIFY2(link.startsWith("</api/v1/products?") && link.endsWith(">; rel=\"next\""), link.constData());
                path = QString::fromUtf8(link.mid(1, link.indexOf('>') - 1));
                QVERIFY(path.contains(QStringLiteral("marketplace=amazon")));
            }
        }
        QCOMPARE(seen.size(), 20);
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
        QCOMPARE(QSet<qint64>(seen.cbegin(), seen.cend()).size(), 20);
        // A cursor past the last product is an empty page without a next link; the cached copy keeps its link.
        const Response last = request(QStringLiteral("/api/v1/products?after=%1").arg(seen.last() + 1000));
        QCOMPARE(last.status, 200);
        QVERIFY(last.json().array().isEmpty());
        QVERIFY(!last.header.contains("link"));
        const Response first = request(QStringLiteral("/api/v1/products?marketplace=amazon&limit=7"));
        QVERIFY(first.header.value("link").endsWith(QStringLiteral("after=%1>; rel=\"next\"").arg(seen.at(6)).toUtf8()));
        QCOMPARE(request(QStringLiteral("/api/v1/products?after=abc")).status, 422);
        QCOMPARE(request(QStringLiteral("/api/v1/products?after=-1")).status, 422);
    }

    void deepSkipIsRefusedWithTheCursorToUse()
    {
        // skip=199001 used to make SQLite step over (and sort) 199,001 rows for every request.
        // Products go deeper by cursor; trends and designs are short tables with a looser bound.
        for (const auto &[list, deepest] : {std::pair{QStringLiteral("products"), 1000}, std::pair{QStringLiteral("trends"), 10000},
                                            std::pair{QStringLiteral("designs"), 10000}}) {
            Response r = request(QStringLiteral("/api/v1/%1?limit=100&skip=199001").arg(list));
            QCOMPARE(r.status, 422);
            QJsonObject error = r.json().object().value(QStringLiteral("detail")).toArray().at(0).toObject();
            QCOMPARE(error.value(QStringLiteral("loc")).toArray(), (QJsonArray{QStringLiteral("query"), QStringLiteral("skip")}));
            QCOMPARE(error.value(QStringLiteral("msg")).toString().contains(QStringLiteral("after=")), list == QLatin1String("products"));
            QCOMPARE(request(QStringLiteral("/api/v1/%1?skip=%2").arg(list).arg(deepest)).status, 200);
            QCOMPARE(request(QStringLiteral("/api/v1/%1?skip=%2").arg(list).arg(deepest + 1)).status, 422);
        }
    }

    void listsDesignsByTrendAndStatus()
    {
        QCOMPARE(request(QStringLiteral("/api/v1/designs")).json().array().size(), 2);
        QJsonArray list = request(QStringLiteral("/api/v1/designs?trend_id=%1").arg(m_trendA)).json().array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
        QCOMPARE(request(QStringLiteral("/api/v1/designs?status=draft")).json().array().size(), 1);
        Response r = request(QStringLiteral("/api/v1/designs?status=bogus"));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json().object().value(QStringLiteral("detail")).toArray().at(0).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("type_error.enum"));
        r = request(QStringLiteral("/api/v1/designs/%1").arg(m_designId));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("title")).toString(), QStringLiteral("Mountain sunset"));
        QCOMPARE(request(QStringLiteral("/api/v1/designs/777777")).status, 404);
    }

    void generateQueuesAJobThatJobsEndpointReports()
    {
        Response r = request(QStringLiteral("/api/v1/trends/%1/generate").arg(m_trendA), "POST", R"({"variants": 2})");
        QCOMPARE(r.status, 202);
        const qint64 jobId = r.json().object().value(QStringLiteral("job_id")).toInteger();
        QVERIFY(jobId > 0);
        r = request(QStringLiteral("/api/v1/jobs/%1").arg(jobId));
        QCOMPARE(r.status, 200);
        const QJsonObject job = r.json().object();
        QCOMPARE(job.value(QStringLiteral("kind")).toString(), QStringLiteral("generate"));
        QCOMPARE(job.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QCOMPARE(job.value(QStringLiteral("payload")).toObject().value(QStringLiteral("trend_id")).toInteger(), m_trendA);
        QCOMPARE(job.value(QStringLiteral("payload")).toObject().value(QStringLiteral("variants")).toInt(), 2);
        QCOMPARE(request(QStringLiteral("/api/v1/trends/999999/generate"), "POST").status, 404);
        QCOMPARE(request(QStringLiteral("/api/v1/trends/%1/generate").arg(m_trendA), "POST", "{not json").status, 422);
        QCOMPARE(request(QStringLiteral("/api/v1/trends/%1/generate").arg(m_trendA), "POST", R"({"variants": 50})").status, 422);
        QCOMPARE(request(QStringLiteral("/api/v1/trends/%1/generate").arg(m_trendA), "GET").status, 405);
        QCOMPARE(request(QStringLiteral("/api/v1/jobs/5555555")).status, 404);
    }

    void unknownPathsAnswer404()
    {
        Response r = request(QStringLiteral("/api/v1/nothing"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().object().value(QStringLiteral("detail")).toString(), QStringLiteral("Not Found"));
        QCOMPARE(request(QStringLiteral("/index.html")).status, 404);
        QCOMPARE(request(QStringLiteral("/api/v1/trends"), "DELETE").status, 405);
    }

    void etagGivesNotModified()
    {
        Response first = request(QStringLiteral("/api/v1/trends?limit=2"));
        QCOMPARE(first.status, 200);
        const QByteArray etag = first.header.value("etag");
        QVERIFY(etag.startsWith('"'));
        Response again = request(QStringLiteral("/api/v1/trends?limit=2"), "GET", {}, {{"If-None-Match", etag}});
        QCOMPARE(again.status, 304);
        QVERIFY(again.body.isEmpty());
        Response other = request(QStringLiteral("/api/v1/trends?limit=3"), "GET", {}, {{"If-None-Match", etag}});
        QCOMPARE(other.status, 200);
        QVERIFY(other.header.value("etag") != etag);
    }

    void changedDataReplacesCachedListsAndEtags()
    {
        ChangeNotifier notifier(m_db);
        QVERIFY(notifier.start(100));
        connect(&notifier, &ChangeNotifier::changed, m_server.get(), &RestServer::dataChanged);
        Response before = request(QStringLiteral("/api/v1/trends"));
        QCOMPARE(before.json().array().size(), 3);
        // Another connection (another thread, as another process would) adds a trend.
        auto db = m_db;
        QVERIFY(QtConcurrent::run([db] { return test::insertTrend(*db, QStringLiteral("frog hat"), QStringLiteral("apparel"), 99); }).result() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(request(QStringLiteral("/api/v1/trends")).json().array().size(), 4, 5000);
        Response after = request(QStringLiteral("/api/v1/trends"), "GET", {}, {{"If-None-Match", before.header.value("etag")}});
        QCOMPARE(after.status, 200);
        QCOMPARE(after.json().array().at(0).toObject().value(QStringLiteral("niche")).toString(), QStringLiteral("frog hat"));
    }

    void rateLimitAnswers429WithRetryAfter()
    {
        RestServerOptions options;
        options.requestsPerSecond = 1;
        options.burst = 3;
        startServer(options);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(request(QStringLiteral("/api/v1/trends")).status, 200);
        Response limited = request(QStringLiteral("/api/v1/trends"));
        QCOMPARE(limited.status, 429);
        QVERIFY(limited.header.value("retry-after").toInt() >= 1);
        QCOMPARE(limited.json().object().value(QStringLiteral("detail")).toString(), QStringLiteral("Too many requests"));
        // Health is never limited, and the bucket refills.
        QCOMPARE(request(QStringLiteral("/api/v1/health"), "GET", {}, {}, false).status, 200);
        QTest::qWait(1100);
        QCOMPARE(request(QStringLiteral("/api/v1/trends")).status, 200);
    }

    void pipelinedRepliesKeepRequestOrder()
    {
        // The first request needs the database (answered from the pool), the second is answered at
        // once; the replies must still come back in the order asked.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray auth = "Authorization: Bearer " + m_key.toUtf8() + "\r\n";
        socket.write("GET /api/v1/jobs/424242 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"
                     "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT((received += socket.readAll()).count("HTTP/1.1 ") == 2, 5000);
        QVERIFY(received.indexOf("HTTP/1.1 404") < received.indexOf("HTTP/1.1 200"));
        QVERIFY(received.indexOf("Job not found") < received.indexOf("healthy"));
    }

    void corsHeadersOnlyForAllowedOrigins()
    {
        RestServerOptions options;
        options.corsOrigins = {QStringLiteral("http://localhost:3000")};
        startServer(options);
        Response allowed = request(QStringLiteral("/api/v1/trends"), "GET", {}, {{"Origin", "http://localhost:3000"}});
        QCOMPARE(allowed.header.value("access-control-allow-origin"), QByteArray("http://localhost:3000"));
        Response other = request(QStringLiteral("/api/v1/trends"), "GET", {}, {{"Origin", "http://evil.example"}});
        QVERIFY(!other.header.contains("access-control-allow-origin"));
        Response preflight = request(QStringLiteral("/api/v1/trends"), "OPTIONS", {},
                                     {{"Origin", "http://localhost:3000"}, {"Access-Control-Request-Method", "GET"}}, false);
        QCOMPARE(preflight.status, 204);
        QVERIFY(preflight.header.value("access-control-allow-headers").contains("Authorization"));
    }
};

QTEST_GUILESS_MAIN(TestRestApi)
#include "tst_restapi.moc"
