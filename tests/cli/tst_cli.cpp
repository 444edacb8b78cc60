// The podtrends command line, run as a real process: listings, usage errors, bad databases.
#include <testenv.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonDocument>
#include <QDir>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runApp(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    QProcessEnvironment e = env;
    e.remove(QStringLiteral("DISPLAY")); // headless commands need no display
    e.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir::tempPath() + QStringLiteral("/podtrends-cli-test-config"));
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(PODTRENDS_BINARY), args);
    if (!p.waitForFinished(60000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listingsPrintEmptyArraysOnNewDatabase_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"products", "trends", "designs", "sources"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }
    void listingsPrintEmptyArraysOnNewDatabase()
    {
        QFETCH(QString, command);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.sqlite"));
        const Run r = runApp({QStringLiteral("--db"), db, command, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("[]"));
        QVERIFY(QFile::exists(db));
    }

    void productsJsonUsesSeedFieldNames()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.sqlite"));
        QVERIFY(runApp({QStringLiteral("--db"), db, QStringLiteral("products")}).exitCode == 0);
        {
            auto opened = core::Database::open(*core::DatabaseConfig::parse(db));
            QVERIFY(opened.ok());
            QSqlQuery q((*opened)->connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO products (marketplace, external_id, title, price, rating, reviews_count, created_at, updated_at) "
                                          "VALUES ('etsy', '42', 'Nurse Life Mug', 18.5, 4.8, 120, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')")));
        }
        const Run r = runApp({QStringLiteral("--db"), db, QStringLiteral("products"), QStringLiteral("--json"), QStringLiteral("--marketplace"), QStringLiteral("etsy")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(array.size(), 1);
        const QJsonObject p = array.first().toObject();
        QCOMPARE(p.value(QStringLiteral("external_id")).toString(), QStringLiteral("42"));
        QCOMPARE(p.value(QStringLiteral("reviews_count")).toInt(), 120);
        QCOMPARE(p.value(QStringLiteral("price")).toDouble(), 18.5);
        QVERIFY(p.contains(QStringLiteral("created_at")));
    }

    void helpAndVersionExitZero()
    {
        const Run help = runApp({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("scrape shopify"));
        const Run version = runApp({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("podtrends "));
    }

    void unknownCommandOrOptionPrintsUsageAndExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("global option") << QStringList{QStringLiteral("--frobnicate")};
        QTest::newRow("command option") << QStringList{QStringLiteral("products"), QStringLiteral("--frobnicate")};
        QTest::newRow("bad limit") << QStringList{QStringLiteral("products"), QStringLiteral("--limit"), QStringLiteral("many")};
    }
    void unknownCommandOrOptionPrintsUsageAndExitsTwo()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const Run r = runApp(QStringList{QStringLiteral("--db"), dir.filePath(QStringLiteral("u.sqlite"))} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Usage") || r.err.contains("--limit"), r.err.constData());
    }

    void malformedDatabaseUrlExitsTwoAndCreatesNothing()
    {
        QTemporaryDir dir;
        const Run r = runApp({QStringLiteral("--db"), QStringLiteral("postgres://user@:5432/"), QStringLiteral("products")}, QProcessEnvironment::systemEnvironment());
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.contains("Malformed PostgreSQL URL"));
    }

    void unreachableServerExitsOneWithOneLine()
    {
        const Run r = runApp({QStringLiteral("--db"), QStringLiteral("postgres://u:topsecret@127.0.0.1:1/db"), QStringLiteral("products"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(r.err.contains("Cannot connect to PostgreSQL"));
        QVERIFY(!r.err.contains("topsecret"));
        QVERIFY(r.out.isEmpty());
    }

    void wrongPostgresPasswordExitsOne()
    {
        const QString admin = test::postgresAdminUrl();
        if (admin.isEmpty())
            QSKIP("PostgreSQL half skipped: POD_TEST_PG_URL is not set (run ./test.sh to include it)");
        auto config = core::DatabaseConfig::parse(admin);
        config.value().password = QStringLiteral("wrong-password-123");
        const Run r = runApp({QStringLiteral("--db"), config->spec(), QStringLiteral("products"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("password"), r.err.constData());
        QVERIFY(!r.err.contains("wrong-password-123"));
    }

    void worksOnPostgresToo()
    {
        QString skip;
        const QString url = test::createPostgresDatabase(&skip);
        if (url.isEmpty())
            QSKIP(qPrintable(skip.isEmpty() ? QStringLiteral("PostgreSQL unavailable") : skip));
        const Run r = runApp({QStringLiteral("--db"), url, QStringLiteral("sources"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("[]"));
    }

    void notADatabaseFileIsRefusedAndKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("photo.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(5000, 'x'));
        f.close();
        const Run r = runApp({QStringLiteral("--db"), path, QStringLiteral("products")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("not a SQLite database"));
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), QByteArray(5000, 'x'));
    }

    void logJsonWritesStructuredLines()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("log.jsonl"));
        const Run r = runApp({QStringLiteral("--db"), dir.filePath(QStringLiteral("l.sqlite")), QStringLiteral("--log-json"), log, QStringLiteral("products"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QVERIFY(!lines.first().isEmpty());
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        for (const char *key : {"time", "level", "category", "message"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QCOMPARE(first.value(QStringLiteral("category")).toString(), QStringLiteral("podtrends.core.storage"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
