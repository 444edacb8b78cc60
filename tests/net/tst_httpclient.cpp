// The one HTTP client (core/net) over real loopback HTTP: each method and body kind, multipart,
// downloads streamed into files, Retry-After in both forms, the size cap, cancellation, the
// loopback rule, and the blocking adaptor on a QThreadPool thread without an event loop.
#include <publishing/loopbackserver.h>

#include <core/net/blockinghttp.h>
#include <core/net/httpclient.h>
#include <core/net/httpengine.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

using namespace podtrends;
using namespace podtrends::core;
using podtrends::test::FakeReply;
using podtrends::test::FakeRequest;
using podtrends::test::LoopbackServer;

namespace {

HttpSettings fast()
{
    HttpSettings s;
    s.baseBackoffMs = 10;
    s.maxBackoffMs = 20;
    s.requestsPerSecond = 0;
    s.transferTimeoutMs = 5000;
    return s;
}

Result<HttpReply> await(HttpClient &client, const HttpRequest &request, int timeoutMs = 15000)
{
    std::optional<Result<HttpReply>> result;
    client.send(request, [&result](Result<HttpReply> r) { result = std::move(r); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
    if (!result)
        return Error{QStringLiteral("the test timed out"), 0};
    return *result;
}

FakeReply text(const QByteArray &body, int status = 200, const QByteArray &type = "text/plain")
{
    return FakeReply{status, body, {{"Content-Type", type}}};
}

/** What a blocking call on a pool thread saw. */
struct PoolOutcome
{
    bool ok = false;
    int code = 0;
    QString message;
    HttpReply reply;
    bool eventsRanDuringWait = false;
    int loopLevelInNotifier = -1;
    qint64 elapsedMs = 0;
};

/** Runs `fn` on a QThreadPool thread while this thread keeps serving its event loop. */
PoolOutcome onPool(const std::function<PoolOutcome()> &fn)
{
    QFuture<PoolOutcome> f = QtConcurrent::run(QThreadPool::globalInstance(), fn);
    (void)QTest::qWaitFor([&] { return f.isFinished(); }, 30000);
    return f.isFinished() ? f.result() : PoolOutcome{false, 0, QStringLiteral("the pool call hung"), {}, false, -1, 0};
}

PoolOutcome blockingSend(BlockingHttp &http, const HttpRequest &request)
{
    PoolOutcome out;
    // An event queued to an object of this thread runs only if something spins an event loop here.
    QObject probe;
    bool ran = false;
    QMetaObject::invokeMethod(&probe, [&ran] { ran = true; }, Qt::QueuedConnection);
    http.setRetryNotifier([&out](const RetryNotice &) { out.loopLevelInNotifier = QThread::currentThread()->loopLevel(); });
    QElapsedTimer timer;
    timer.start();
    auto r = http.send(request);
    out.elapsedMs = timer.elapsed();
    out.eventsRanDuringWait = ran;
    out.ok = r.ok();
    if (r)
        out.reply = *r;
    else
        out.code = r.error().code, out.message = r.errorMessage();
    return out;
}

QByteArray imfDate(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

} // namespace

class TstHttpClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsEachMethodWithItsBody_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("GET") << QByteArray("GET") << QByteArray() << QByteArray();
        QTest::newRow("HEAD") << QByteArray("HEAD") << QByteArray() << QByteArray();
        QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray() << QByteArray();
        QTest::newRow("POST JSON") << QByteArray("POST") << QByteArray(R"({"name":"Tee","n":1})") << QByteArray("application/json");
        QTest::newRow("PUT bytes") << QByteArray("PUT") << QByteArray("\x00\x01\r\n\xff", 5) << QByteArray("application/octet-stream");
        QTest::newRow("PATCH form") << QByteArray("PATCH") << QByteArray("a=1&b=two%20words") << QByteArray("application/x-www-form-urlencoded");
    }

    void sendsEachMethodWithItsBody()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        LoopbackServer server([](const FakeRequest &r) { return text("echo:" + r.method); });
        HttpClient client(fast());
        HttpRequest request;
        request.method = method;
        request.url = QUrl(server.baseUrl().toString() + QStringLiteral("/things/1?x=2"));
        request.body = body;
        request.contentType = contentType;
        auto r = await(client, request);
        QVERIFY2(r, qPrintable(r.errorMessage()));
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, method == "HEAD" ? QByteArray() : "echo:" + method);
        const FakeRequest seen = server.requests().first();
        QCOMPARE(seen.method, method);
        QCOMPARE(seen.url.path(), QStringLiteral("/things/1"));
        QCOMPARE(seen.url.query(), QStringLiteral("x=2"));
        QCOMPARE(seen.body, body);
        if (!contentType.isEmpty())
            QCOMPARE(seen.header("content-type"), contentType);
    }

    void sendsMultipartFieldsInOrderWithTheFileLast()
    {
        LoopbackServer server([](const FakeRequest &) { return FakeReply{201, {}, {}}; });
        MultipartForm form;
        form.addField("key", "tmp/abc");
        form.addField("policy", "eyJ4IjoxfQ==");
        const QByteArray png("\x89PNG\r\n\x1a\n\x00\x00binary", 16);
        form.addFile("file", QStringLiteral("print \"1\".png"), "image/png", png);
        HttpClient client(fast());
        auto r = await(client, form.post(QUrl(server.baseUrl().toString() + QStringLiteral("/upload"))));
        QVERIFY2(r, qPrintable(r.errorMessage()));
        QCOMPARE(r->status, 201);
        const FakeRequest seen = server.requests().first();
        const QByteArray type = seen.header("content-type");
        QVERIFY(type.startsWith("multipart/form-data; boundary="));
        const QByteArray boundary = "--" + type.mid(type.indexOf('=') + 1);
        QVERIFY(seen.body.startsWith(QByteArray(boundary + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\ntmp/abc\r\n")));
        const qsizetype policy = seen.body.indexOf("name=\"policy\"");
        const qsizetype file = seen.body.indexOf("name=\"file\"; filename=\"print %221%22.png\"\r\nContent-Type: image/png\r\n\r\n");
        QVERIFY(policy > 0 && file > policy);
        QVERIFY(seen.body.contains(QByteArray(png + "\r\n" + boundary + "--\r\n")));
        QVERIFY(seen.body.endsWith(QByteArray(boundary + "--\r\n")));
    }

    void streamsADownloadIntoAFileThatAppearsComplete()
    {
        QByteArray big(3 * 1024 * 1024, '\0');
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char(i * 7 % 251);
        LoopbackServer server([&big](const FakeRequest &) { return text(big, 200, "image/png"); });
        QTemporaryDir dir;
        HttpClient client(fast());
        HttpRequest request = HttpRequest::get(QUrl(server.baseUrl().toString() + QStringLiteral("/mockup.png")));
        request.saveTo = dir.filePath(QStringLiteral("mockup.png"));
        auto r = await(client, request);
        QVERIFY2(r, qPrintable(r.errorMessage()));
        QCOMPARE(r->savedTo, request.saveTo);
        QVERIFY(r->body.isEmpty());
        QCOMPARE(r->bodyBytes, big.size());
        QFile f(request.saveTo);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll() == big);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("mockup.png")});
    }

    void leavesNoFileWhenTheDownloadBreaks()
    {
        LoopbackServer server([](const FakeRequest &) {
            FakeReply cut = text(QByteArray(200000, 'x'), 200, "image/png");
            cut.fault = FakeReply::Fault::ResetDuringBody;
            return cut;
        });
        QTemporaryDir dir;
        HttpSettings s = fast();
        s.maxRetries = 1;
        HttpClient client(s);
        HttpRequest request = HttpRequest::get(QUrl(server.baseUrl().toString() + QStringLiteral("/mockup.png")));
        request.saveTo = dir.filePath(QStringLiteral("mockup.png"));
        auto r = await(client, request);
        QVERIFY2(!r, qPrintable(QStringLiteral("HTTP %1, %2 bytes, saved %3, requests %4").arg(r ? r->status : 0).arg(r ? r->bodyBytes : 0).arg(r ? r->savedTo : QString()).arg(server.requests().size())));
        QCOMPARE(r.error().code, HttpError::Network);
        QVERIFY2(r.errorMessage().contains(QLatin1String("closed the connection")), qPrintable(r.errorMessage()));
        QVERIFY2(r.errorMessage().contains(QLatin1String("after 2 attempt")), qPrintable(r.errorMessage()));
        QVERIFY(server.requests().size() >= 2); // Qt may resend once itself on a reused connection
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void keepsAnErrorPageOutOfTheFile()
    {
        LoopbackServer server([](const FakeRequest &) { return text("<html>gone</html>", 404, "text/html"); });
        QTemporaryDir dir;
        HttpClient client(fast());
        HttpRequest request = HttpRequest::get(QUrl(server.baseUrl().toString() + QStringLiteral("/mockup.png")));
        request.saveTo = dir.filePath(QStringLiteral("mockup.png"));
        auto r = await(client, request);
        QVERIFY(r);
        QCOMPARE(r->status, 404);
        QCOMPARE(r->body, QByteArray("<html>gone</html>"));
        QVERIFY(r->savedTo.isEmpty());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void parsesRetryAfterInBothForms()
    {
        QCOMPARE(HttpPolicy::parseRetryAfter("2"), 2000);
        QCOMPARE(HttpPolicy::parseRetryAfter(" 2.5 "), 2500);
        QCOMPARE(HttpPolicy::parseRetryAfter(""), -1);
        QCOMPARE(HttpPolicy::parseRetryAfter("soon"), -1);
        QCOMPARE(HttpPolicy::parseRetryAfter("-3"), -1);
        const QDateTime in30 = QDateTime::currentDateTimeUtc().addSecs(30);
        for (const QByteArray &date : {imfDate(in30),
                                       QLocale::c().toString(in30, QStringLiteral("dddd, dd-MMM-yy HH:mm:ss 'GMT'")).toLatin1(),
                                       QLocale::c().toString(in30, QStringLiteral("ddd MMM d HH:mm:ss yyyy")).toLatin1()}) {
            const qint64 ms = HttpPolicy::parseRetryAfter(date);
            QVERIFY2(ms > 28000 && ms <= 31000, qPrintable(QString::fromLatin1(date) + QLatin1Char(' ') + QString::number(ms)));
        }
        QCOMPARE(HttpPolicy::parseRetryAfter(imfDate(QDateTime::currentDateTimeUtc().addSecs(-60))), 0);
    }

    void honoursRetryAfterInSeconds()
    {
        QElapsedTimer clock;
        clock.start();
        QList<qint64> at;
        LoopbackServer server([&](const FakeRequest &) {
            at << clock.elapsed();
            if (at.size() == 1)
                return FakeReply{429, "slow down", {{"Retry-After", "1"}}};
            return text("ok");
        });
        HttpClient client(fast());
        auto r = await(client, HttpRequest::get(server.baseUrl()));
        QVERIFY2(r, qPrintable(r.errorMessage()));
        QCOMPARE(r->status, 200);
        QCOMPARE(r->attempts, 2);
        QCOMPARE(at.size(), 2);
        QVERIFY2(at[1] - at[0] >= 950, qPrintable(QString::number(at[1] - at[0])));
    }

    void honoursRetryAfterAsAnHttpDate()
    {
        QElapsedTimer clock;
        clock.start();
        QList<qint64> at;
        LoopbackServer server([&](const FakeRequest &) {
            at << clock.elapsed();
            if (at.size() == 1) // two seconds from now, to the second: between one and two seconds away
                return FakeReply{503, "maintenance", {{"Retry-After", imfDate(QDateTime::currentDateTimeUtc().addSecs(2))}}};
            return text("ok");
        });
        HttpClient client(fast());
        auto r = await(client, HttpRequest::get(server.baseUrl()));
        QVERIFY2(r, qPrintable(r.errorMessage()));
        QCOMPARE(r->attempts, 2);
        QVERIFY2(at[1] - at[0] >= 950, qPrintable(QString::number(at[1] - at[0])));
    }

    void handsBackARetryAfterLongerThanThePolicyAllows()
    {
        LoopbackServer server([](const FakeRequest &) { return FakeReply{429, "later", {{"Retry-After", "3600"}}}; });
        HttpClient client(fast());
        QElapsedTimer timer;
        timer.start();
        auto r = await(client, HttpRequest::get(server.baseUrl()));
        QVERIFY(r);
        QCOMPARE(r->status, 429);
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(timer.elapsed() < 3000);
    }

    void capsTheBodySize()
    {
        LoopbackServer server([](const FakeRequest &) { return text(QByteArray(300000, 'x'), 200, "application/json"); });
        HttpSettings s = fast();
        s.maxBodyBytes = 100000;
        HttpClient client(s);
        auto r = await(client, HttpRequest::get(server.baseUrl()));
        QVERIFY(!r);
        QCOMPARE(r.error().code, HttpError::TooLarge);
        QVERIFY2(r.errorMessage().contains(QLatin1String("larger than")), qPrintable(r.errorMessage()));
        QCOMPARE(server.requests().size(), 1); // not retried
    }

    void refusesPlainHttpOffLoopback()
    {
        QVERIFY(!HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("http://example.com/x"))));
        QVERIFY(!HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("http://10.0.0.1/x"))));
        QVERIFY(!HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("ftp://example.com/x"))));
        QVERIFY(!HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("file:///etc/passwd"))));
        QVERIFY(HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("https://example.com/x"))));
        QVERIFY(HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("http://127.0.0.1:8080/x"))));
        QVERIFY(HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("http://127.1.2.3/x"))));
        QVERIFY(HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("http://[::1]:9/x"))));
        QVERIFY(HttpPolicy::checkUrlAllowed(QUrl(QStringLiteral("http://localhost/x"))));
        HttpClient client(fast());
        auto r = await(client, HttpRequest::get(QUrl(QStringLiteral("http://example.com/"))));
        QVERIFY(!r);
        QCOMPARE(r.error().code, HttpError::Refused);
        BlockingHttp http(fast());
        const PoolOutcome blocked = onPool([&http] { return blockingSend(http, HttpRequest::postJson(QUrl(QStringLiteral("http://api.example.com/v1/x")), {})); });
        QVERIFY(!blocked.ok);
        QCOMPARE(blocked.code, HttpError::Refused);
    }

    void refusesARedirectToPlainHttp()
    {
        LoopbackServer server([](const FakeRequest &) { return FakeReply{302, {}, {{"Location", "http://example.com/products.json"}}}; });
        HttpClient client(fast());
        auto r = await(client, HttpRequest::get(QUrl(server.baseUrl().toString() + QStringLiteral("/products.json"))));
        QVERIFY(!r);
        QCOMPARE(r.error().code, HttpError::Refused);
        QVERIFY2(r.errorMessage().contains(QLatin1String("Plain http")), qPrintable(r.errorMessage()));
    }

    void followsRedirectsWithoutCarryingKeysToAnotherHost()
    {
        LoopbackServer other([](const FakeRequest &r) { return text("there:" + r.method); });
        LoopbackServer server([&other](const FakeRequest &r) {
            if (r.path == QLatin1String("/same"))
                return FakeReply{307, {}, {{"Location", "/moved"}}};
            if (r.path == QLatin1String("/moved"))
                return FakeReply{303, {}, {{"Location", other.baseUrl().toEncoded() + "/landing"}}};
            return text("unexpected", 500);
        });
        HttpClient client(fast());
        HttpRequest request = HttpRequest::post(QUrl(server.baseUrl().toString() + QStringLiteral("/same")), "payload", "text/plain");
        request.setHeader("x-api-key", "key:secret");
        auto r = await(client, request);
        QVERIFY2(r, qPrintable(r.errorMessage()));
        QCOMPARE(r->body, QByteArray("there:GET")); // 303 continues with a GET
        QCOMPARE(r->url.path(), QStringLiteral("/landing"));
        QCOMPARE(r->attempts, 1);
        const QList<FakeRequest> first = server.requests();
        QCOMPARE(first.size(), 2);
        QCOMPARE(first[1].method, QByteArray("POST")); // 307 keeps the method and body
        QCOMPARE(first[1].body, QByteArray("payload"));
        QCOMPARE(first[1].header("x-api-key"), QByteArray("key:secret"));
        QVERIFY(other.requests().first().header("x-api-key").isEmpty());
    }

    void endsARedirectLoopWithAClearError()
    {
        LoopbackServer server([](const FakeRequest &r) { return FakeReply{302, {}, {{"Location", r.url.toEncoded()}}}; });
        HttpClient client(fast());
        auto r = await(client, HttpRequest::get(QUrl(server.baseUrl().toString() + QStringLiteral("/loop"))));
        QVERIFY2(!r, qPrintable(QStringLiteral("HTTP %1 after %2 requests").arg(r ? r->status : 0).arg(server.requests().size())));
        QVERIFY2(r.errorMessage().contains(QLatin1String("too many redirects")), qPrintable(r.errorMessage()));
        QCOMPARE(server.requests().size(), fast().maxRedirects + 1);
    }

    void sendsOneUserAgent()
    {
        LoopbackServer server([](const FakeRequest &) { return text("ok"); });
        HttpClient client(fast());
        QVERIFY(await(client, HttpRequest::get(server.baseUrl())));
        BlockingHttp http(fast());
        QVERIFY(onPool([&] { return blockingSend(http, HttpRequest::get(server.baseUrl())); }).ok);
        const QList<FakeRequest> seen = server.requests();
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0].header("user-agent"), QByteArray("PODTrends/" PODTRENDS_VERSION));
        QCOMPARE(seen[1].header("user-agent"), seen[0].header("user-agent"));
    }

    void retriesIdempotentCallsAfterServerErrors()
    {
        int calls = 0;
        LoopbackServer server([&calls](const FakeRequest &) { return ++calls < 3 ? text("busy", 502) : text("{\"ok\":1}", 200, "application/json"); });
        HttpClient client(fast());
        auto r = await(client, HttpRequest::get(server.baseUrl()));
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->attempts, 3);
    }

    void repeatsAPostOnlyWhenNothingWasDone()
    {
        LoopbackServer failing([](const FakeRequest &) { return text("oops", 500); });
        HttpClient client(fast());
        auto r = await(client, HttpRequest::postJson(failing.baseUrl(), QJsonObject{{QStringLiteral("a"), 1}}));
        QVERIFY(r);
        QCOMPARE(r->status, 500);
        QCOMPARE(failing.requests().size(), 1);

        int calls = 0;
        LoopbackServer limited([&calls](const FakeRequest &) { return ++calls == 1 ? FakeReply{429, {}, {{"Retry-After", "0"}}} : text("done"); });
        r = await(client, HttpRequest::postJson(limited.baseUrl(), QJsonObject{{QStringLiteral("a"), 1}}));
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(limited.requests().size(), 2);
    }

    void asksTheReplyParserWhetherToComeBack()
    {
        int calls = 0;
        LoopbackServer server([&calls](const FakeRequest &) {
            return ++calls < 3 ? text(R"({"errors":[{"extensions":{"code":"THROTTLED"}}]})", 200, "application/json")
                               : text(R"({"data":{}})", 200, "application/json");
        });
        HttpClient client(fast());
        HttpRequest request = HttpRequest::postJson(server.baseUrl(), {});
        request.retryAfter = [](const HttpReply &reply) { return reply.body.contains("THROTTLED") ? qint64(20) : qint64(-1); };
        QList<RetryNotice> notices;
        connect(&client, &HttpClient::retrying, this, [&notices](quint64, const RetryNotice &n) { notices << n; });
        auto r = await(client, request);
        QVERIFY(r);
        QCOMPARE(r->body, QByteArray(R"({"data":{}})"));
        QCOMPARE(r->attempts, 3);
        QTRY_COMPARE(notices.size(), 2);
        QVERIFY(notices.first().rateLimited);
        QCOMPARE(notices.first().waitMs, 20);
    }

    void pacesRequestsToOneHost()
    {
        QElapsedTimer clock;
        clock.start();
        QList<qint64> at;
        LoopbackServer server([&](const FakeRequest &) {
            at << clock.elapsed();
            return text("ok");
        });
        HttpSettings s = fast();
        s.requestsPerSecond = 5;
        HttpClient client(s);
        int done = 0;
        for (int i = 0; i < 3; ++i)
            client.send(HttpRequest::get(server.baseUrl()), [&done](Result<HttpReply>) { ++done; });
        QTRY_COMPARE_WITH_TIMEOUT(done, 3, 10000);
        QCOMPARE(at.size(), 3);
        QVERIFY2(at[1] - at[0] >= 180 && at[2] - at[1] >= 180, qPrintable(QStringLiteral("%1 %2").arg(at[1] - at[0]).arg(at[2] - at[1])));
    }

    void cancelReportsCancelledOnce()
    {
        LoopbackServer server([](const FakeRequest &) {
            FakeReply stalled = text(QByteArray(1000, 'x'));
            stalled.fault = FakeReply::Fault::StallBody;
            return stalled;
        });
        HttpClient client(fast());
        int calls = 0;
        int code = 0;
        const quint64 id = client.send(HttpRequest::get(server.baseUrl()), [&](Result<HttpReply> r) {
            ++calls;
            code = r ? 0 : r.error().code;
        });
        QTRY_COMPARE(server.requests().size(), 1);
        client.cancel(id);
        QCOMPARE(calls, 1);
        QCOMPARE(code, HttpError::Cancelled);
        QCOMPARE(client.pendingCount(), 0);
        QTest::qWait(100);
        QCOMPARE(calls, 1);
        QTRY_COMPARE(HttpEngine::instance().activeCount(), 0);
    }

    void deliversAFutureAndCancelsThroughIt()
    {
        LoopbackServer server([](const FakeRequest &r) {
            if (r.path == QLatin1String("/stall")) {
                FakeReply stalled = text(QByteArray(1000, 'x'));
                stalled.fault = FakeReply::Fault::StallBody;
                return stalled;
            }
            return text("answer");
        });
        HttpClient client(fast());
        std::optional<QByteArray> body;
        client.fetch(HttpRequest::get(server.baseUrl())).then(this, [&body](Result<HttpReply> r) { body = r ? r->body : QByteArray("error"); });
        QTRY_VERIFY(body.has_value());
        QCOMPARE(*body, QByteArray("answer"));

        QFuture<Result<HttpReply>> stalled = client.fetch(HttpRequest::get(QUrl(server.baseUrl().toString() + QStringLiteral("/stall"))));
        QTRY_COMPARE(server.requests().size(), 2);
        QVERIFY(HttpEngine::instance().activeCount() >= 1);
        stalled.cancel();
        QTRY_COMPARE(HttpEngine::instance().activeCount(), 0);
        QVERIFY(stalled.isCanceled());
    }

    void blockingAdaptorWaitsOnAPoolThreadWithoutAnEventLoop()
    {
        int calls = 0;
        LoopbackServer server([&calls](const FakeRequest &r) {
            if (++calls == 1)
                return FakeReply{503, "warming up", {{"Retry-After", "0.2"}}};
            return text("pong:" + r.body, 200, "text/plain");
        });
        BlockingHttp http(fast());
        const PoolOutcome out = onPool([&] { return blockingSend(http, HttpRequest::post(server.baseUrl(), "ping", "text/plain")); });
        QVERIFY2(out.ok, qPrintable(out.message));
        QCOMPARE(out.reply.body, QByteArray("pong:ping"));
        QCOMPARE(out.reply.attempts, 2);
        QVERIFY(out.elapsedMs >= 190);
        QVERIFY(!out.eventsRanDuringWait); // nothing spun an event loop on the pool thread
        QCOMPARE(out.loopLevelInNotifier, 0); // the retry note arrived on the waiting thread, outside any loop
    }

    void blockingCancelFlagEndsAWait()
    {
        LoopbackServer server([](const FakeRequest &) {
            FakeReply stalled = text(QByteArray(1000, 'x'));
            stalled.fault = FakeReply::Fault::StallBody;
            return stalled;
        });
        std::atomic_bool cancel{false};
        BlockingHttp http(fast());
        http.setCancelFlag(&cancel);
        QTimer::singleShot(300, this, [&cancel] { cancel = true; });
        const PoolOutcome out = onPool([&] { return blockingSend(http, HttpRequest::get(server.baseUrl())); });
        QVERIFY(!out.ok);
        QCOMPARE(out.code, HttpError::Cancelled);
        QVERIFY2(out.elapsedMs < 2000, qPrintable(QString::number(out.elapsedMs)));
        QTRY_COMPARE(HttpEngine::instance().activeCount(), 0);
    }

    void deadlineEndsAStalledCall()
    {
        LoopbackServer server([](const FakeRequest &) {
            FakeReply stalled = text(QByteArray(1000, 'x'));
            stalled.fault = FakeReply::Fault::StallBody;
            return stalled;
        });
        BlockingHttp http(fast());
        HttpRequest request = HttpRequest::get(server.baseUrl());
        request.deadlineMs = 400;
        const PoolOutcome out = onPool([&] { return blockingSend(http, request); });
        QVERIFY(!out.ok);
        QVERIFY2(out.message.contains(QLatin1String("did not answer within 0.4 s")), qPrintable(out.message));
        QVERIFY(out.elapsedMs < 3000);
    }
};

QTEST_GUILESS_MAIN(TstHttpClient)
#include "tst_httpclient.moc"
