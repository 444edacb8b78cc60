// The REST server's limits over raw loopback sockets (issue 16): sizes and counts checked before
// anything is buffered, the key before the body, timeouts, the connection cap, smuggling shapes,
// CORS preflights. Each request is written by hand so that exactly these bytes reach the server.
#include <core/api/apikeystore.h>
#include <core/api/restserver.h>
#include <support/testenv.h>

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

namespace {

struct Answer
{
    int status = 0;
    QByteArray raw;
    bool closed = false;
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : raw.left(raw.indexOf("\r\n\r\n")).split('\n'))
            if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
                return line.mid(name.size() + 1).trimmed();
        return {};
    }
    int count(const QByteArray &name) const
    {
        int n = 0;
        for (const QByteArray &line : raw.left(raw.indexOf("\r\n\r\n")).split('\n'))
            n += line.toLower().startsWith(QByteArray(name.toLower() + ':')) ? 1 : 0;
        return n;
    }
};

// Reads one answer (its head and Content-Length body) from the socket, waiting up to `ms`.
Answer readAnswer(QTcpSocket &socket, int ms = 5000)
{
    Answer a;
    QDeadlineTimer deadline(ms);
    for (;;) {
        const qsizetype end = a.raw.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = a.raw.left(end);
            qsizetype length = 0;
            for (const QByteArray &line : head.split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            if (a.raw.size() >= end + 4 + length || head.startsWith("HTTP/1.1 100"))
                break;
        }
        if (deadline.hasExpired() || socket.state() != QAbstractSocket::ConnectedState) {
            a.raw += socket.readAll();
            break;
        }
        QTest::qWait(5);
        a.raw += socket.readAll();
    }
    if (a.raw.startsWith("HTTP/1."))
        a.status = a.raw.mid(9, 3).toInt();
    return a;
}

bool closedWithin(QTcpSocket &socket, int ms)
{
    QDeadlineTimer deadline(ms);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.readAll();
        QTest::qWait(10);
    }
    return socket.state() != QAbstractSocket::ConnectedState;
}

} // namespace

class TstRestLimits final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<RestServer> m_server;
    QByteArray m_key;
    std::vector<std::unique_ptr<QTcpSocket>> m_sockets;

    void startServer(RestServerOptions options = {})
    {
        options.port = 0;
        options.requestsPerSecond = 0;
        m_server = std::make_unique<RestServer>(m_db, options);
        QVERIFY(m_server->start());
    }

    QTcpSocket &connectSocket()
    {
        m_sockets.push_back(std::make_unique<QTcpSocket>());
        QTcpSocket &s = *m_sockets.back();
        s.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!s.waitForConnected(5000))
            qWarning() << "cannot connect";
        return s;
    }

    Answer exchange(const QByteArray &request)
    {
        QTcpSocket &s = connectSocket();
        s.write(request);
        return readAnswer(s);
    }

    QByteArray auth() const { return "Authorization: Bearer " + m_key + "\r\n"; }

private Q_SLOTS:
    void init()
    {
        QString skip;
        m_db = test::openFreshDatabase(QStringLiteral("sqlite"), m_dir.path() + QStringLiteral("/db%1").arg(QString::fromLatin1(QTest::currentTestFunction())), &skip);
        QVERIFY(m_db);
        auto key = ApiKeyStore(m_db).create(QStringLiteral("limits"));
        QVERIFY(key);
        m_key = key->second.toUtf8();
        startServer();
    }

    void cleanup()
    {
        m_sockets.clear();
        m_server.reset();
        m_db.reset();
    }

    void answersAWellFormedRequest()
    {
        const Answer a = exchange("GET /api/v1/trends HTTP/1.1\r\nHost: x\r\n" + auth() + "\r\n");
        QCOMPARE(a.status, 200);
        QCOMPARE(a.raw.mid(a.raw.indexOf("\r\n\r\n") + 4), QByteArray("[]"));
    }

    void headersOverTheLimitAre431AndTheConnectionCloses()
    {
        QTcpSocket &s = connectSocket();
        s.write("GET /api/v1/trends HTTP/1.1\r\nHost: x\r\nX-Filler: " + QByteArray(20000, 'a'));
        const Answer a = readAnswer(s);
        QCOMPARE(a.status, 431);
        QVERIFY(closedWithin(s, 3000));
    }

    void tooManyHeaderFieldsAre431()
    {
        QByteArray request = "GET /api/v1/trends HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 100; ++i)
            request += "X-F" + QByteArray::number(i) + ": 1\r\n";
        QCOMPARE(exchange(request + "\r\n").status, 431);
    }

    void aLongTargetIs414()
    {
        QTcpSocket &s = connectSocket();
        s.write("GET /api/v1/trends?niche=" + QByteArray(12000, 'a'));
        QCOMPARE(readAnswer(s).status, 414);
    }

    void aBodyOverTheLimitIs413BeforeItIsSent()
    {
        QTcpSocket &s = connectSocket();
        s.write("POST /api/v1/trends/1/generate HTTP/1.1\r\nHost: x\r\n" + auth() + "Content-Length: 209715200\r\n\r\n" + QByteArray(1000, '{'));
        const Answer a = readAnswer(s);
        QCOMPARE(a.status, 413);
        QVERIFY(closedWithin(s, 3000));
    }

    void aBodyWithoutAKeyIsRefusedBeforeItIsRead()
    {
        QTcpSocket &s = connectSocket();
        s.write("POST /api/v1/trends/1/generate HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\nExpect: 100-continue\r\n\r\n");
        const Answer a = readAnswer(s);
        QCOMPARE(a.status, 401); // no "100 Continue": the body is never asked for
        QVERIFY(closedWithin(s, 3000));
    }

    void expectContinueIsAnsweredOnceTheKeyIsChecked()
    {
        QTcpSocket &s = connectSocket();
        const QByteArray body = R"({"variants": 2})";
        s.write("POST /api/v1/trends/999/generate HTTP/1.1\r\nHost: x\r\n" + auth() + "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\nExpect: 100-continue\r\n\r\n");
        QCOMPARE(readAnswer(s).status, 100);
        s.write(body);
        const Answer a = readAnswer(s);
        QCOMPARE(a.status, 404);
        QVERIFY(a.raw.contains("Trend not found"));
    }

    void smugglingShapesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        const QByteArray start = "POST /api/v1/trends/1/generate HTTP/1.1\r\n";
        QTest::newRow("transfer-encoding and content-length") << start + "Host: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n" << 400;
        QTest::newRow("two content-lengths") << start + "Host: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n" << 400;
        QTest::newRow("two different content-lengths") << start + "Host: x\r\nContent-Length: 4\r\nContent-Length: 40\r\n" << 400;
        QTest::newRow("content-length list") << start + "Host: x\r\nContent-Length: 4, 4\r\n" << 400;
        QTest::newRow("signed content-length") << start + "Host: x\r\nContent-Length: +4\r\n" << 400;
        QTest::newRow("obs-fold") << start + "Host: x\r\nX-Long: a\r\n b\r\n" << 400;
        QTest::newRow("space before colon") << start + "Host: x\r\nContent-Length : 4\r\n" << 400;
        QTest::newRow("bare LF") << QByteArray("GET /api/v1/health HTTP/1.1\nHost: x\n") << 400;
        QTest::newRow("no host") << QByteArray("GET /api/v1/health HTTP/1.1\r\n") << 400;
        QTest::newRow("two hosts") << QByteArray("GET /api/v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n") << 400;
        QTest::newRow("NUL in a value") << QByteArray("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: a") + '\0' + "b\r\n" << 400;
        QTest::newRow("chunked alone") << start + "Host: x\r\nTransfer-Encoding: chunked\r\n" << 501;
        QTest::newRow("HTTP/2.0 line") << QByteArray("GET /api/v1/health HTTP/2.0\r\nHost: x\r\n") << 505;
    }
    void smugglingShapesAreRefused()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        QTcpSocket &s = connectSocket();
        s.write(head + "\r\n1234");
        QCOMPARE(readAnswer(s).status, status);
        QVERIFY(closedWithin(s, 3000));
    }

    void slowHeadersTimeOutWith408()
    {
        RestServerOptions options;
        options.limits.headerTimeoutMs = 300;
        startServer(options);
        QTcpSocket &s = connectSocket();
        s.write("GET /api/v1/trends HTTP/1.1\r\nHost: x\r\n");
        QTest::qWait(150);
        s.write("X-A: 1\r\n"); // more bytes do not buy more time
        const Answer a = readAnswer(s, 3000);
        QCOMPARE(a.status, 408);
        QVERIFY(closedWithin(s, 3000));
    }

    void aSlowBodyTimesOutWith408()
    {
        RestServerOptions options;
        options.limits.bodyTimeoutMs = 300;
        startServer(options);
        QTcpSocket &s = connectSocket();
        s.write("POST /api/v1/trends/1/generate HTTP/1.1\r\nHost: x\r\n" + auth() + "Content-Length: 100\r\n\r\n{");
        QCOMPARE(readAnswer(s, 3000).status, 408);
    }

    void idleConnectionsAreClosed()
    {
        RestServerOptions options;
        options.limits.idleTimeoutMs = 300;
        startServer(options);
        QTcpSocket &s = connectSocket();
        s.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(readAnswer(s).status, 200);
        QVERIFY(closedWithin(s, 3000));
        QTRY_COMPARE(m_server->connectionCount(), 0);
    }

    void newClientsAreServedWhenIdleOnesFillEverySlot()
    {
        RestServerOptions options;
        options.limits.maxConnections = 8;
        startServer(options);
        for (int i = 0; i < 20; ++i)
            connectSocket().write(i % 2 ? QByteArray("GET /api/v1/tre") : QByteArray());
        QTest::qWait(100);
        QVERIFY(m_server->connectionCount() <= 8);
        const Answer a = exchange("GET /api/v1/trends HTTP/1.1\r\nHost: x\r\n" + auth() + "\r\n");
        QCOMPARE(a.status, 200);
    }

    void pipelinedRequestsAreAnsweredInOrderAndConnectionCloseIsHonoured()
    {
        QTcpSocket &s = connectSocket();
        s.write("GET /api/v1/jobs/1 HTTP/1.1\r\nHost: x\r\n" + auth() + "\r\n"
                "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(closedWithin(s, 5000));
        const QByteArray all = s.readAll();
        QCOMPARE(all.count("HTTP/1.1 "), 2);
        QVERIFY(all.indexOf("HTTP/1.1 404") < all.indexOf("HTTP/1.1 200"));
    }

    void headAnswersWithoutABody()
    {
        const Answer a = exchange("HEAD /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(a.status, 200);
        QVERIFY(a.header("Content-Length").toInt() > 0);
        QVERIFY(a.raw.endsWith("\r\n\r\n"));
    }

    void corsPreflightSendsEachHeaderOnce()
    {
        RestServerOptions options;
        options.corsOrigins = {QStringLiteral("http://127.0.0.1:3000")};
        startServer(options);
        const Answer a = exchange("OPTIONS /api/v1/trends HTTP/1.1\r\nHost: x\r\nOrigin: http://127.0.0.1:3000\r\n"
                                  "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n\r\n");
        QCOMPARE(a.status, 204);
        for (const QByteArray &name : {QByteArray("Access-Control-Allow-Origin"), QByteArray("Vary"), QByteArray("Access-Control-Expose-Headers"),
                                      QByteArray("Access-Control-Allow-Methods"), QByteArray("Access-Control-Allow-Headers")})
            QVERIFY2(a.count(name) == 1, name.constData());
    }
};

QTEST_GUILESS_MAIN(TstRestLimits)
#include "tst_restlimits.moc"
