// The podtrends command line, run as a real process: listings, usage errors, bad databases.
#include <testenv.h>

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonDocument>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
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

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QFile f(dir.filePath(name));
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    return f.fileName();
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
    // Issue 16, the low defects: bad input is refused with one clear line and nothing is stored.

    void importOfOnlyBadFilesExitsTwoWithOneLineWhenQuiet()
    {
        QTemporaryDir dir;
        const QString bad = writeFile(dir, QStringLiteral("bad.json"), "garbage{");
        const Run r = runApp({QStringLiteral("--db"), dir.filePath(QStringLiteral("x.sqlite")), QStringLiteral("import"), QStringLiteral("--quiet"), bad});
        QCOMPARE(r.exitCode, 2);
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QVERIFY2(lines.size() == 1, r.err.constData());
        QVERIFY2(lines.first().contains("bad.json: not valid JSON"), r.err.constData());
    }

    void csvWithAnUnterminatedQuoteIsRefusedWithItsLine()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.sqlite"));
        const QString csv = writeFile(dir, QStringLiteral("shop.csv"), "TITLE,PRICE\nFirst Tee,10\n\"Broken Tee,24\nSecond Tee,12\nThird Tee,14\n");
        const Run r = runApp({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--quiet"), csv});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("starts on line 3 is never closed"), r.err.constData());
        QCOMPARE(runApp({QStringLiteral("--db"), db, QStringLiteral("products"), QStringLiteral("--json")}).out.trimmed(), QByteArray("[]"));
    }

    void csvThatIsNotUtf8OrHoldsNulIsRefusedWithItsLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("latin-1") << QByteArray("TITLE,PRICE\nGood Tee,10\nCaf\xe9 Tee,12\n") << QByteArray("line 3 is not UTF-8 text");
        QByteArray nul("TITLE,PRICE\nNul");
        nul += '\0';
        nul += "Tee,10\n";
        QTest::newRow("nul") << nul << QByteArray("line 2 holds a NUL byte");
    }
    void csvThatIsNotUtf8OrHoldsNulIsRefusedWithItsLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, reason);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.sqlite"));
        const Run r = runApp({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--quiet"), writeFile(dir, QStringLiteral("shop.csv"), content)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(reason), r.err.constData());
        QCOMPARE(runApp({QStringLiteral("--db"), db, QStringLiteral("products"), QStringLiteral("--json")}).out.trimmed(), QByteArray("[]"));
    }

    void nulCharactersInJsonAreDroppedBeforeStoring()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.sqlite"));
        const QString json = writeFile(dir, QStringLiteral("products.json"),
                                       "{\"products\":[{\"id\":77,\"title\":\"Retro\\u0000 Sunset Tee\",\"vendor\":\"Sun\\u0000ny\",\"tags\":[\"re\\u0000tro\"],"
                                       "\"variants\":[{\"id\":771,\"price\":\"24.00\",\"available\":true}]}]}");
        const Run r = runApp({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--quiet"), json});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("NUL characters were removed from 1 product"), r.err.constData());
        const QJsonArray products = QJsonDocument::fromJson(runApp({QStringLiteral("--db"), db, QStringLiteral("products"), QStringLiteral("--json")}).out).array();
        QCOMPARE(products.size(), 1);
        QCOMPARE(products.first().toObject().value(QStringLiteral("title")).toString(), QStringLiteral("Retro Sunset Tee"));
        QCOMPARE(products.first().toObject().value(QStringLiteral("vendor")).toString(), QStringLiteral("Sunny"));
        QCOMPARE(products.first().toObject().value(QStringLiteral("tags")).toArray().first().toString(), QStringLiteral("retro"));
        // raw_data keeps the file's JSON as received, where the character is the escape text, not a byte.
    }

    void revokingAKeyThatDoesNotExistExitsOneWithAReason()
    {
        QTemporaryDir dir;
        const Run r = runApp({QStringLiteral("--db"), dir.filePath(QStringLiteral("x.sqlite")), QStringLiteral("serve"), QStringLiteral("--revoke-key"), QStringLiteral("999")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("No API key has the id 999"), r.err.constData());
    }

    void handEditedSchemaVersionIsASentenceNotSql()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.sqlite"));
        QCOMPARE(runApp({QStringLiteral("--db"), db, QStringLiteral("products")}).exitCode, 0);
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hand-edit"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("DELETE FROM schema_version WHERE version = (SELECT MAX(version) FROM schema_version)")));
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("hand-edit"));
        const Run r = runApp({QStringLiteral("--db"), db, QStringLiteral("products")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("was it edited by hand?"), r.err.constData());
        QVERIFY2(!r.err.contains("ALTER") && !r.err.contains("CREATE") && !r.err.contains("Unable to execute"), r.err.constData());
    }

    void nonNumericFiltersAreRefusedInsteadOfTakenAsZero()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("x.sqlite"));
        const Run score = runApp({QStringLiteral("--db"), db, QStringLiteral("trends"), QStringLiteral("--min-score"), QStringLiteral("high")});
        QCOMPARE(score.exitCode, 2);
        QVERIFY2(score.err.contains("--min-score takes a number"), score.err.constData());
        const Run trend = runApp({QStringLiteral("--db"), db, QStringLiteral("designs"), QStringLiteral("--trend"), QStringLiteral("axolotl")});
        QCOMPARE(trend.exitCode, 2);
        QVERIFY2(trend.err.contains("--trend takes a trend's id"), trend.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
