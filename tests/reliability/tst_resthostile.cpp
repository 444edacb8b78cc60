// `podtrends serve` under hostile load (issue 16), as a real process with `ulimit -n 256`: clients
// that send endless headers, huge bodies with and without a key, one header line a second
// (slowloris), and connections that never send anything, all at once and again as soon as they
// are dropped. Meanwhile a well-behaved client asks every 200 ms. Its answers must all come, and
// the server's peak resident memory must stay under 200 MB. The figures go to the test's output
// (docs/RELIABILITY.md); PT_PROGRAM runs the same attack against another build of the program.
#include "processtestutil.h"


#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

using namespace podtrends;
using namespace podtrends::test;

namespace {

qint64 statusKb(qint64 pid, const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

int openDescriptors(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size());
}

// One hostile client that reconnects whenever it is dropped and sends what `feed` gives it.
struct Attacker
{
    enum class Kind { EndlessHeaders, BigBodyWithKey, BigBodyWithoutKey, Slowloris, Idle };
    Kind kind;
    std::unique_ptr<QTcpSocket> socket;
    qint64 sent = 0;
    int lineNo = 0;
    int connections = 0;
    QByteArray answers; ///< status lines received
};

} // namespace

class TstRestHostile final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString program() const
    {
        const QString other = qEnvironmentVariable("PT_PROGRAM");
        return other.isEmpty() ? programPath() : other;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo(program()).isExecutable())
            QSKIP("build/bin/podtrends is not built");
    }

    void serverStaysSmallAndAnswersUnderHostileLoad()
    {
        // The program under test makes the database and the keys itself, so that PT_PROGRAM may
        // name an older build (with an older schema).
        const QString home = m_dir.filePath(QStringLiteral("home"));
        const QString path = m_dir.filePath(QStringLiteral("hostile.sqlite"));
        auto createKey = [&](const QString &name) {
            QProcess p;
            p.setProcessEnvironment(programEnvironment(home));
            p.start(program(), {QStringLiteral("--db"), path, QStringLiteral("serve"), QStringLiteral("--create-key"), name});
            p.waitForFinished(30000);
            return p.readAllStandardOutput().trimmed();
        };
        const QByteArray key = createKey(QStringLiteral("well-behaved"));
        // A key of its own: the bodies sent with it count against its rate, not the good client's.
        const QByteArray hostileKey = createKey(QStringLiteral("hostile"));
        QVERIFY(!key.isEmpty() && !hostileKey.isEmpty());

        QProcess server;
        server.setProcessEnvironment(programEnvironment(home));
        server.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("ulimit -n 256 && exec \"$0\" \"$@\""), program(),
                                                 QStringLiteral("--db"), path, QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(server.waitForStarted(10000));
        auto stopServer = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished(5000);
        });
        quint16 port = 0;
        QVERIFY(waitUntil([&] {
            while (server.canReadLine()) {
                const QJsonObject event = QJsonDocument::fromJson(server.readLine()).object();
                if (event.value(QLatin1String("event")).toString() == QLatin1String("serving"))
                    port = quint16(event.value(QLatin1String("port")).toInt());
            }
            return port != 0;
        }, 20000, 20));
        const qint64 pid = server.processId();

        // The well-behaved client: a fresh connection every 200 ms.
        int asked = 0, answered = 0;
        QList<QByteArray> failures;
        qint64 slowestMs = 0;
        auto ask = [&] {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            QElapsedTimer t;
            t.start();
            ++asked;
            if (!s.waitForConnected(5000)) {
                failures << "no connection: " + s.errorString().toUtf8();
                return;
            }
            s.write("GET /api/v1/trends?limit=50 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key + "\r\nConnection: close\r\n\r\n");
            QByteArray got;
            while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < 10000) {
                s.waitForReadyRead(100);
                got += s.readAll();
                QCoreApplication::processEvents();
            }
            got += s.readAll();
            if (got.startsWith("HTTP/1.1 200") && got.endsWith("[]"))
                ++answered;
            else
                failures << QByteArray::number(t.elapsed()) + " ms: " + (got.isEmpty() ? QByteArray("nothing") : got.left(40)) + " / " + s.errorString().toUtf8();
            slowestMs = std::max(slowestMs, t.elapsed());
        };
        for (int i = 0; i < 5; ++i)
            ask();
        QCOMPARE(answered, 5);
        const qint64 baselineKb = statusKb(pid, "VmRSS");

        std::vector<std::unique_ptr<Attacker>> attackers;
        auto add = [&](Attacker::Kind kind, int count) {
            for (int i = 0; i < count; ++i)
                attackers.push_back(std::make_unique<Attacker>(Attacker{kind, nullptr}));
        };
        add(Attacker::Kind::EndlessHeaders, 5);
        add(Attacker::Kind::BigBodyWithKey, 5);
        add(Attacker::Kind::BigBodyWithoutKey, 5);
        add(Attacker::Kind::Slowloris, 60);
        add(Attacker::Kind::Idle, 250);
        const QByteArray chunk(256 * 1024, 'a');
        auto pump = [&](Attacker &a) {
            if (!a.socket || a.socket->state() == QAbstractSocket::UnconnectedState) {
                if (a.socket && a.socket->isOpen())
                    a.answers += a.socket->readAll().left(12) + '\n';
                a.socket = std::make_unique<QTcpSocket>();
                a.socket->connectToHost(QHostAddress::LocalHost, port);
                a.sent = 0;
                a.lineNo = 0;
                ++a.connections;
                switch (a.kind) {
                case Attacker::Kind::EndlessHeaders:
                    a.socket->write("GET /api/v1/trends HTTP/1.1\r\nHost: x\r\nX-Endless: ");
                    break;
                case Attacker::Kind::BigBodyWithKey:
                    a.socket->write("POST /api/v1/trends/1/generate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + hostileKey + "\r\nContent-Length: 208666624\r\n\r\n");
                    break;
                case Attacker::Kind::BigBodyWithoutKey:
                    a.socket->write("POST /api/v1/trends/1/generate HTTP/1.1\r\nHost: x\r\nContent-Length: 418381824\r\n\r\n");
                    break;
                case Attacker::Kind::Slowloris:
                    a.socket->write("GET /api/v1/trends HTTP/1.1\r\nHost: x\r\n");
                    break;
                case Attacker::Kind::Idle:
                    break;
                }
                return;
            }
            const bool bulk = a.kind == Attacker::Kind::EndlessHeaders || a.kind == Attacker::Kind::BigBodyWithKey
                              || a.kind == Attacker::Kind::BigBodyWithoutKey;
            if (bulk && a.socket->bytesToWrite() < 512 * 1024 && a.sent < 400ll * 1024 * 1024) {
                a.socket->write(chunk);
                a.sent += chunk.size();
            }
        };
        QTimer slowlorisBeat;
        connect(&slowlorisBeat, &QTimer::timeout, this, [&] {
            for (auto &a : attackers)
                if (a->kind == Attacker::Kind::Slowloris && a->socket && a->socket->state() == QAbstractSocket::ConnectedState)
                    a->socket->write("X-Line-" + QByteArray::number(++a->lineNo) + ": 1\r\n");
        });
        slowlorisBeat.start(1000);

        QElapsedTimer clock;
        clock.start();
        qint64 peakRssKb = baselineKb;
        int peakFds = 0;
        QList<QByteArray> samples;
        qint64 lastSampleMs = -1000, lastAskMs = 0;
        while (clock.elapsed() < 20000) {
            for (auto &a : attackers)
                pump(*a);
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (clock.elapsed() - lastAskMs >= 200) {
                lastAskMs = clock.elapsed();
                ask();
            }
            if (clock.elapsed() - lastSampleMs >= 1000) {
                lastSampleMs = clock.elapsed();
                const qint64 rss = statusKb(pid, "VmRSS");
                const int fds = openDescriptors(pid);
                peakRssKb = std::max(peakRssKb, rss);
                peakFds = std::max(peakFds, fds);
                samples << QByteArray::number(clock.elapsed() / 1000) + " s: RSS " + QByteArray::number(rss / 1024) + " MB, fds "
                               + QByteArray::number(fds);
            }
        }
        slowlorisBeat.stop();
        const qint64 hwmKb = statusKb(pid, "VmHWM");
        QByteArray answers;
        int connections = 0;
        for (auto &a : attackers) {
            connections += a->connections;
            answers += a->answers;
        }
        attackers.clear();
        QTest::qWait(500);
        const qint64 afterKb = statusKb(pid, "VmRSS");
        for (const QByteArray &s : std::as_const(samples))
            qInfo().noquote() << s;
        qInfo().noquote() << QStringLiteral("baseline RSS %1 MB, peak RSS %2 MB (VmHWM %3 MB), after %4 MB; peak fds %5; "
                                            "%6 hostile connections; well-behaved requests answered %7 of %8, slowest %9 ms; "
                                            "hostile answers: 408 ×%10, 413 ×%11, 401 ×%12, 431 ×%13, 503 ×%14")
                                 .arg(baselineKb / 1024).arg(peakRssKb / 1024).arg(hwmKb / 1024).arg(afterKb / 1024).arg(peakFds)
                                 .arg(connections).arg(answered - 5).arg(asked - 5).arg(slowestMs)
                                 .arg(answers.count("HTTP/1.1 408")).arg(answers.count("HTTP/1.1 413")).arg(answers.count("HTTP/1.1 401"))
                                 .arg(answers.count("HTTP/1.1 431")).arg(answers.count("HTTP/1.1 503"));
        for (const QByteArray &f : std::as_const(failures))
            qInfo().noquote() << "failed:" << f;
        QVERIFY2(server.state() == QProcess::Running, "the server died under load");
        PT_VERIFY_MEMORY_BOUND(hwmKb < 200 * 1024, "peak resident memory went over 200 MB");
        QCOMPARE(answered, asked);
    }
};

QTEST_GUILESS_MAIN(TstRestHostile)
#include "tst_resthostile.moc"
