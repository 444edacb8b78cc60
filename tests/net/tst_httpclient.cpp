// HttpClient policy over real loopback HTTP: plain-http rule, redirects, body cap, Retry-After, cancel.
#include "../scraping/fakeserver.h"

#include <core/net/httpclient.h>

#include <QTest>

#include <optional>

using namespace podtrends;
using namespace podtrends::test;

namespace {

core::Result<core::HttpReply> fetch(core::HttpClient &client, const QUrl &url)
{
    std::optional<core::Result<core::HttpReply>> result;
    core::HttpRequest request;
    request.url = url;
    client.get(request, [&result](core::Result<core::HttpReply> r) { result = std::move(r); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
    if (!result)
        return core::Error{QStringLiteral("timed out"), 0};
    return *result;
}

core::HttpSettings fast()
{
    core::HttpSettings s;
    s.baseBackoffMs = 10;
    s.maxBackoffMs = 20;
    s.requestsPerSecond = 0;
    return s;
}

} // namespace

class TstHttpClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesPlainHttpOffLoopback()
    {
        QVERIFY(!core::HttpClient::checkUrlAllowed(QUrl(QStringLiteral("http://example.com/x"))));
        QVERIFY(!core::HttpClient::checkUrlAllowed(QUrl(QStringLiteral("ftp://example.com/x"))));
        QVERIFY(core::HttpClient::checkUrlAllowed(QUrl(QStringLiteral("https://example.com/x"))));
        QVERIFY(core::HttpClient::checkUrlAllowed(QUrl(QStringLiteral("http://127.0.0.1:8080/x"))));
        QVERIFY(core::HttpClient::checkUrlAllowed(QUrl(QStringLiteral("http://127.1.2.3/x"))));
        QVERIFY(core::HttpClient::checkUrlAllowed(QUrl(QStringLiteral("http://[::1]:9/x"))));
        QVERIFY(core::HttpClient::checkUrlAllowed(QUrl(QStringLiteral("http://localhost/x"))));
        core::HttpClient client(fast());
        auto r = fetch(client, QUrl(QStringLiteral("http://example.com/")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, core::HttpError::Refused);
    }

    void refusesARedirectToPlainHttp()
    {
        FakeServer server([](const FakeRequest &) {
            FakeResponse moved = FakeResponse::html("", 302);
            moved.headers.append(qMakePair(QByteArray("Location"), QByteArray("http://example.com/products.json")));
            return moved;
        });
        core::HttpClient client(fast());
        auto r = fetch(client, server.url(QStringLiteral("/products.json")));
        QVERIFY(!r);
        QVERIFY2(r.errorMessage().contains(QLatin1String("Plain http")), qPrintable(r.errorMessage()));
    }

    void capsTheBodySize()
    {
        FakeServer server([](const FakeRequest &) { return FakeResponse::json(QByteArray(300000, 'x')); });
        core::HttpSettings s = fast();
        s.maxBodyBytes = 100000;
        core::HttpClient client(s);
        auto r = fetch(client, server.url(QStringLiteral("/big")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, core::HttpError::TooLarge);
    }

    void sendsTheUserAgentAndRetriesServerErrors()
    {
        int calls = 0;
        FakeServer server([&calls](const FakeRequest &) { return ++calls < 3 ? FakeResponse::json("{}", 502) : FakeResponse::json("{\"ok\":1}"); });
        core::HttpClient client(fast());
        auto r = fetch(client, server.url(QStringLiteral("/x")));
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->attempts, 3);
        QVERIFY(server.requests().first().headers.value("user-agent").startsWith("PODTrends/"));
    }

    void parsesRetryAfter()
    {
        QCOMPARE(core::HttpClient::parseRetryAfter("2"), 2000);
        QCOMPARE(core::HttpClient::parseRetryAfter("2.5"), 2500);
        QCOMPARE(core::HttpClient::parseRetryAfter(""), -1);
        QCOMPARE(core::HttpClient::parseRetryAfter("soon"), -1);
        const QByteArray date = QDateTime::currentDateTimeUtc().addSecs(30).toString(Qt::RFC2822Date).toLatin1();
        const qint64 ms = core::HttpClient::parseRetryAfter(date);
        QVERIFY2(ms > 25000 && ms <= 31000, qPrintable(QString::number(ms)));
    }

    void cancelReportsCancelledOnce()
    {
        FakeServer server([](const FakeRequest &) {
            FakeResponse slow = FakeResponse::json("{}");
            slow.delayMs = 2000;
            return slow;
        });
        core::HttpClient client(fast());
        int calls = 0;
        int code = 0;
        core::HttpRequest request;
        request.url = server.url(QStringLiteral("/slow"));
        const quint64 id = client.get(request, [&](core::Result<core::HttpReply> r) {
            ++calls;
            code = r ? 0 : r.error().code;
        });
        QTest::qWait(100);
        client.cancel(id);
        QTest::qWait(100);
        QCOMPARE(calls, 1);
        QCOMPARE(code, core::HttpError::Cancelled);
        QCOMPARE(client.pendingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstHttpClient)
#include "tst_httpclient.moc"
