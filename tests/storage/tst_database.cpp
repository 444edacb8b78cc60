// Opening, refusing and migrating databases on both engines.
#include <core/storage/database.h>
#include <core/storage/databaseconfig.h>
#include <core/storage/database_p.h>
#include <core/storage/migrations.h>
#include <core/storage/productwriter.h>
#include <core/util/activitylog.h>
#include <testenv.h>

#include <QCryptographicHash>
#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <thread>

using namespace podtrends;
using namespace podtrends::core;

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    static QByteArray fileHash(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parsesSqlitePathsAndPostgresUrls()
    {
        auto sqlite = DatabaseConfig::parse(QStringLiteral("/tmp/a.sqlite"));
        QVERIFY(sqlite.ok());
        QCOMPARE(sqlite->dialect, Dialect::SQLite);
        QCOMPARE(sqlite->sqlitePath, QStringLiteral("/tmp/a.sqlite"));
        auto pg = DatabaseConfig::parse(QStringLiteral("postgres://ann:s%40cret@db.example:6543/shop"));
        QVERIFY(pg.ok());
        QCOMPARE(pg->dialect, Dialect::PostgreSQL);
        QCOMPARE(pg->user, QStringLiteral("ann"));
        QCOMPARE(pg->password, QStringLiteral("s@cret"));
        QCOMPARE(pg->port, 6543);
        QCOMPARE(pg->databaseName, QStringLiteral("shop"));
        QVERIFY(!pg->displayName().contains(QStringLiteral("cret")));
        auto again = DatabaseConfig::parse(pg->spec());
        QVERIFY(again.ok());
        QCOMPARE(again->password, QStringLiteral("s@cret"));
    }

    void rejectsMalformedPostgresUrlWithUsageCode_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("no host") << QStringLiteral("postgres://user@:5432/db");
        QTest::newRow("no database") << QStringLiteral("postgres://user@host:5432/");
        QTest::newRow("bad port") << QStringLiteral("postgres://user@host:port/db");
        QTest::newRow("unknown scheme") << QStringLiteral("mysql://user@host/db");
    }
    void rejectsMalformedPostgresUrlWithUsageCode()
    {
        QFETCH(QString, spec);
        auto config = DatabaseConfig::parse(spec);
        QVERIFY(!config.ok());
        QCOMPARE(config.error().code, 2);
        QVERIFY(!config.errorMessage().isEmpty());
    }

    void createsNewSqliteFileWithWalAndForeignKeys()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/new.sqlite"));
        auto db = Database::open(*DatabaseConfig::parse(path));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QVERIFY(QFile::exists(path));
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE((*db)->schemaVersion().value(), latestSchemaVersion());
    }

    void refusesFileThatIsNotSqliteAndLeavesItUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are my notes, not a database\n");
        f.close();
        const QByteArray before = fileHash(path);
        auto db = Database::open(*DatabaseConfig::parse(path));
        QVERIFY(!db.ok());
        QVERIFY2(db.errorMessage().contains(QStringLiteral("not a SQLite database")), qPrintable(db.errorMessage()));
        QCOMPARE(fileHash(path), before);
    }

    // Checked whole (a small file) or lightly (a large one: here any file, the limit set to 0), a
    // damaged table root is refused before anything writes.
    void refusesCorruptSqliteFileAndLeavesItUntouched_data()
    {
        QTest::addColumn<qint64>("wholeCheckLimit");
        QTest::newRow("checked whole") << databasecheck::fullCheckBeforeOpenMaxBytes.load();
        QTest::newRow("light check of a large file") << qint64(0);
    }
    void refusesCorruptSqliteFileAndLeavesItUntouched()
    {
        QFETCH(qint64, wholeCheckLimit);
        const qint64 limit = databasecheck::fullCheckBeforeOpenMaxBytes.exchange(wholeCheckLimit);
        const auto restore = qScopeGuard([limit] { databasecheck::fullCheckBeforeOpenMaxBytes = limit; });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corrupt.sqlite"));
        {
            auto db = Database::open(*DatabaseConfig::parse(path));
            QVERIFY(db.ok());
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
        }
        // Keep the header, overwrite the pages after it with garbage.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 8192);
        f.seek(4096);
        f.write(QByteArray(8192, '\xA5'));
        f.close();
        const QByteArray before = fileHash(path);
        auto db = Database::open(*DatabaseConfig::parse(path));
        QVERIFY(!db.ok());
        QVERIFY2(db.errorMessage().contains(QStringLiteral("damaged")) || db.errorMessage().contains(QStringLiteral("malformed")),
                 qPrintable(db.errorMessage()));
        QCOMPARE(fileHash(path), before);
    }

    // A file above the whole-check size opens after the light check (schema, every table's first
    // pages) and is checked whole in the background: damage deeper in, here a leaf of an index,
    // reaches the activity log instead of holding up the start (and the program runs on the file,
    // as it would have until a query hit that page).
    void largeFileIsCheckedWholeInTheBackground()
    {
        const qint64 limit = databasecheck::fullCheckBeforeOpenMaxBytes.exchange(0);
        const auto restore = qScopeGuard([limit] { databasecheck::fullCheckBeforeOpenMaxBytes = limit; });
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("large.sqlite"));
        qint64 page = -1;
        {
            auto db = Database::open(*DatabaseConfig::parse(path));
            QVERIFY(db.ok());
            QList<Product> products;
            for (int i = 0; i < 3000; ++i) {
                Product p;
                p.marketplace = QStringLiteral("etsy");
                p.externalId = QString::number(i);
                p.title = QStringLiteral("Retro sunset tee number %1 with a longer title").arg(i);
                products << p;
            }
            QVERIFY(ProductWriter(*db).upsert(products).ok());
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
            if (!q.exec(QStringLiteral("SELECT pageno FROM dbstat WHERE name = 'ix_products_title' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1"))
                || !q.next())
                QSKIP("this SQLite has no dbstat table to find an index page with");
            page = q.value(0).toLongLong();
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek((page - 1) * 4096 + 100);
        f.write(QByteArray(2000, '\xA5'));
        f.close();

        QSignalSpy logged(ActivityLog::instance(), &ActivityLog::entryAdded);
        auto db = Database::open(*DatabaseConfig::parse(path));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(logged.cbegin(), logged.cend(), [](const QList<QVariant> &entry) {
                                     const auto e = entry.first().value<ActivityEntry>();
                                     return e.level == ActivityEntry::Level::Error && e.message.contains(QStringLiteral("damaged"));
                                 }),
                                 10000);
    }

    void refusesDatabaseFromNewerProgram_data() { test::addDialectRows(); }
    void refusesDatabaseFromNewerProgram()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        {
            QSqlQuery q(db->connection());
            q.prepare(QStringLiteral("INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'future', ?)"));
            q.addBindValue(latestSchemaVersion() + 100);
            q.addBindValue(QDateTime::currentDateTimeUtc());
            QVERIFY(q.exec());
        }
        const DatabaseConfig config = db->config();
        db.reset(); // closing checkpoints the WAL into the file: hash after that
        const QByteArray before = config.dialect == Dialect::SQLite ? fileHash(config.sqlitePath) : QByteArray();
        auto reopened = Database::open(config);
        QVERIFY(!reopened.ok());
        QVERIFY2(reopened.errorMessage().contains(QStringLiteral("newer version")), qPrintable(reopened.errorMessage()));
        if (config.dialect == Dialect::SQLite)
            QCOMPARE(fileHash(config.sqlitePath), before);
        QVERIFY(!Database::testConnection(config).ok());
    }

    void migratingTwiceIsHarmless_data() { test::addDialectRows(); }
    void migratingTwiceIsHarmless()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        const DatabaseConfig config = db->config();
        db.reset();
        auto again = Database::open(config);
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QSqlQuery q((*again)->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), int(allMigrations().size()));
    }

    void reportsUnreachablePostgresServerInOneLine()
    {
        auto config = DatabaseConfig::parse(QStringLiteral("postgres://nobody:pw@127.0.0.1:1/nothing"));
        QVERIFY(config.ok());
        auto db = Database::open(*config);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, 1);
        QVERIFY(db.errorMessage().contains(QStringLiteral("Cannot connect")));
        QVERIFY(!db.errorMessage().contains(QStringLiteral("pw@")));
    }

    void reportsWrongPostgresPassword()
    {
        const QString admin = test::postgresAdminUrl();
        if (admin.isEmpty())
            QSKIP("PostgreSQL half skipped: POD_TEST_PG_URL is not set (run ./test.sh to include it)");
        auto config = DatabaseConfig::parse(admin);
        QVERIFY(config.ok());
        config.value().password = QStringLiteral("definitely-wrong");
        auto db = Database::open(*config);
        QVERIFY(!db.ok());
        QVERIFY2(db.errorMessage().contains(QStringLiteral("password")), qPrintable(db.errorMessage()));
        QVERIFY(!db.errorMessage().contains(QStringLiteral("definitely-wrong")));
    }

    void eachThreadGetsItsOwnConnection()
    {
        QTemporaryDir dir;
        auto db = Database::open(*DatabaseConfig::parse(dir.filePath(QStringLiteral("t.sqlite"))));
        QVERIFY(db.ok());
        const QString mainName = (*db)->connection().connectionName();
        QString otherName;
        bool otherOpen = false;
        std::thread t([&] {
            QSqlDatabase c = (*db)->connection();
            otherName = c.connectionName();
            otherOpen = c.isOpen();
        });
        t.join();
        QVERIFY(otherOpen);
        QVERIFY(mainName != otherName);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
