// Writes only to healthy files (issue 16): a large SQLite file opens after a light check and is
// checked whole in the background; nothing writes to it before that check has ended, a damaged one
// is refused for writing with the message a small damaged file gets at open, and a healthy file in
// a read-only location is named as read-only, not as damaged.
#include "processtestutil.h"

#include <core/domain/product.h>
#include <core/storage/database_p.h>
#include <core/storage/databaseconfig.h>
#include <core/storage/productwriter.h>
#include <support/testenv.h>

#include <QFile>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <unistd.h>

using namespace podtrends;
using namespace podtrends::core;
using namespace podtrends::test;

class TstDatabaseHealth final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    static QList<Product> sunsetTees(int count)
    {
        QList<Product> products;
        for (int i = 0; i < count; ++i) {
            Product p;
            p.marketplace = QStringLiteral("etsy");
            p.externalId = QString::number(i);
            p.title = QStringLiteral("Retro sunset tee number %1 with a longer title").arg(i);
            products << p;
        }
        return products;
    }

    // A database of ours with `padBytes` of filler beside 3000 products, and a leaf page of the
    // title index overwritten: damage that only the whole check finds (every query still runs).
    QString damagedDatabase(qint64 padBytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged%1.sqlite").arg(++m_n));
        qint64 page = -1;
        {
            auto db = Database::open(*DatabaseConfig::parse(path));
            if (!db)
                return {};
            if (!ProductWriter(*db).upsert(sunsetTees(3000)))
                return {};
            QSqlQuery q((*db)->connection());
            if (padBytes > 0
                && (!q.exec(QStringLiteral("CREATE TABLE filler (b BLOB)"))
                    || !q.exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                                              "INSERT INTO filler SELECT zeroblob(1048576) FROM n")
                                   .arg(padBytes / 1048576 + 1))))
                return {};
            if (!q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")))
                return {};
            if (!q.exec(QStringLiteral("SELECT pageno FROM dbstat WHERE name = 'ix_products_title' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1"))
                || !q.next())
                return {};
            page = q.value(0).toLongLong();
        }
        QFile f(path);
        if (!f.open(QIODevice::ReadWrite) || !f.seek((page - 1) * 4096 + 100) || f.write(QByteArray(2000, '\xA5')) != 2000)
            return {};
        return path;
    }

    static qint64 productsIn(const QString &path)
    {
        const QString name = QStringLiteral("count-products");
        qint64 count = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            if (db.open()) {
                QSqlQuery q(db);
                // Past the damaged index: the table itself is whole.
                if (q.exec(QStringLiteral("SELECT COUNT(*) FROM products NOT INDEXED")) && q.next())
                    count = q.value(0).toLongLong();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return count;
    }

    struct Run
    {
        int exitCode = -1;
        QString err;
    };

    // The real program; as root it runs as `nobody` when `unprivileged` (root may write anywhere).
    Run runProgram(const QStringList &args, bool unprivileged = false)
    {
        const QString home = m_dir.filePath(QStringLiteral("home%1").arg(++m_n));
        QDir().mkpath(home);
        QFile::setPermissions(home, QFileDevice::Permissions(0x7777));
        QProcess process;
        process.setProcessEnvironment(programEnvironment(home));
        if (unprivileged && ::geteuid() == 0)
            process.start(QStringLiteral("setpriv"),
                          QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"), programPath()} + args);
        else
            process.start(programPath(), args);
        if (!process.waitForStarted(10000) || !process.waitForFinished(120000))
            return {};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, QString::fromUtf8(process.readAllStandardError())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QFile::setPermissions(m_dir.path(), QFileDevice::Permissions(0x7755));
    }

    // In one process: the file opens (large: light check only), writing waits for the whole check
    // and is refused with the very message the same file gets at open when it is checked whole,
    // and the connections are read-only from then on.
    void damagedLargeFileRefusesWritesWithTheSmallFileMessage()
    {
        const QString path = damagedDatabase(0);
        QVERIFY(!path.isEmpty());
        auto whole = Database::open(*DatabaseConfig::parse(path));
        QVERIFY(!whole.ok());
        QVERIFY2(whole.errorMessage().contains(QLatin1String("is damaged")), qPrintable(whole.errorMessage()));

        const qint64 limit = databasecheck::fullCheckBeforeOpenMaxBytes.exchange(0);
        const auto restore = qScopeGuard([limit] { databasecheck::fullCheckBeforeOpenMaxBytes = limit; });
        auto db = Database::open(*DatabaseConfig::parse(path));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        const Status ready = (*db)->readyForWriting();
        QVERIFY(!ready.ok());
        QCOMPARE(ready.errorMessage(), whole.errorMessage());
        Product p;
        p.marketplace = QStringLiteral("etsy");
        p.externalId = QStringLiteral("new");
        p.title = QStringLiteral("Written into a damaged file");
        QVERIFY(!ProductWriter(*db).upsert({p}).ok());
        QCOMPARE(productsIn(path), 3000);
    }

    // A healthy large file is written once its check has passed.
    void healthyLargeFileIsWrittenAfterItsCheck()
    {
        const qint64 limit = databasecheck::fullCheckBeforeOpenMaxBytes.exchange(0);
        const auto restore = qScopeGuard([limit] { databasecheck::fullCheckBeforeOpenMaxBytes = limit; });
        const QString path = m_dir.filePath(QStringLiteral("healthy.sqlite"));
        QVERIFY(Database::open(*DatabaseConfig::parse(path)).ok()); // created (empty files are not checked)
        auto db = Database::open(*DatabaseConfig::parse(path));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QVERIFY2((*db)->readyForWriting().ok(), qPrintable((*db)->readyForWriting().errorMessage()));
        Product p;
        p.marketplace = QStringLiteral("etsy");
        p.externalId = QStringLiteral("1");
        p.title = QStringLiteral("Retro sunset tee");
        QVERIFY(ProductWriter(*db).upsert({p}).ok());
    }

    // The defect as found: `import` into a damaged file over 128 MB wrote its products and exited 0.
    void importIntoADamagedFileOver128MBIsRefused()
    {
        const QString path = damagedDatabase(databasecheck::fullCheckBeforeOpenMaxBytes.load() + 2 * 1048576);
        QVERIFY(!path.isEmpty());
        QVERIFY(QFileInfo(path).size() > databasecheck::fullCheckBeforeOpenMaxBytes.load());
        const Run run = runProgram({QStringLiteral("--db"), path, QStringLiteral("import"), fixturesDir() + QStringLiteral("/collection/etsy-shop-export.csv")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("is damaged")) && run.err.contains(QLatin1String("left untouched")), qPrintable(run.err));
        QCOMPARE(productsIn(path), 3000);
        QVERIFY(QFile::remove(path));
    }

    // The defect as found: a healthy file in a folder POD Trends cannot write to was "damaged".
    void healthyFileInAReadOnlyFolderIsNamedReadOnly()
    {
        const QString folder = m_dir.filePath(QStringLiteral("readonly"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/pod.sqlite");
        {
            auto db = Database::open(*DatabaseConfig::parse(path));
            QVERIFY(db.ok());
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
        }
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QVERIFY(QFile::setPermissions(folder, QFileDevice::Permissions(0x5555)));
        const auto writable = qScopeGuard([folder] { QFile::setPermissions(folder, QFileDevice::Permissions(0x7755)); });
        for (const QString &command : {QStringLiteral("products"), QStringLiteral("analyze")}) {
            const Run run = runProgram({QStringLiteral("--db"), path, command}, true);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(QLatin1String("read-only location")) && !run.err.contains(QLatin1String("damaged")), qPrintable(run.err));
        }
    }

    // A file POD Trends found whole and closed is not read whole again at the next open while it
    // stays exactly as it was left (the 0.15 s of every command on a 100,000-product file).
    void unchangedFileIsNotCheckedWholeAgain()
    {
        const QString path = m_dir.filePath(QStringLiteral("unchanged.sqlite"));
        {
            auto db = Database::open(*DatabaseConfig::parse(path));
            QVERIFY(db.ok());
            Product p;
            p.marketplace = QStringLiteral("etsy");
            p.externalId = QStringLiteral("1");
            p.title = QStringLiteral("Retro sunset tee");
            QVERIFY(ProductWriter(*db).upsert({p}).ok());
        }
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        for (int round = 0; round < 2; ++round) {
            const int checks = databasecheck::wholeChecksRun.load();
            auto db = Database::open(*DatabaseConfig::parse(path));
            QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
            QCOMPARE(databasecheck::wholeChecksRun.load(), checks);
            QVERIFY((*db)->readyForWriting().ok());
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM products")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
    }

    // Damage written right after POD Trends closed the file (in the same clock tick, same size)
    // is found: the file no longer matches its recorded state, so it is checked whole and refused.
    void fileChangedAfterItWasLeftIsCheckedWholeAgain()
    {
        const QString path = m_dir.filePath(QStringLiteral("changed.sqlite"));
        qint64 page = -1;
        {
            auto db = Database::open(*DatabaseConfig::parse(path));
            QVERIFY(db.ok());
            QVERIFY(ProductWriter(*db).upsert(sunsetTees(3000)).ok());
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            QVERIFY(q.exec(QStringLiteral("SELECT pageno FROM dbstat WHERE name = 'ix_products_title' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1"))
                    && q.next());
            page = q.value(0).toLongLong();
        }
        {
            const int checks = databasecheck::wholeChecksRun.load();
            QVERIFY(Database::open(*DatabaseConfig::parse(path)).ok());
            QCOMPARE(databasecheck::wholeChecksRun.load(), checks); // its state was recorded
        }
        const qint64 size = QFileInfo(path).size();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek((page - 1) * 4096 + 100) && f.write(QByteArray(2000, '\xA5')) == 2000);
        f.close();
        QCOMPARE(QFileInfo(path).size(), size);
        const int checks = databasecheck::wholeChecksRun.load();
        auto damaged = Database::open(*DatabaseConfig::parse(path));
        QCOMPARE(databasecheck::wholeChecksRun.load(), checks + 1);
        QVERIFY(!damaged.ok());
        QVERIFY2(damaged.errorMessage().contains(QLatin1String("is damaged")), qPrintable(damaged.errorMessage()));
    }

    // The defect as found: another program's SQLite file (here a browser's history) was opened
    // and migrated, our tables written into it. It is refused and left as it was.
    void anotherProgramsSqliteFileIsRefusedUntouched()
    {
        const QString path = m_dir.filePath(QStringLiteral("places.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other-program"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO moz_places (url) VALUES ('https://example.org/')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other-program"));
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();

        const Run run = runProgram({QStringLiteral("--db"), path, QStringLiteral("products")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QLatin1String("another program's SQLite database")) && run.err.contains(QLatin1String("moz_places")),
                 qPrintable(run.err));
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), bytes);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    }
};

QTEST_GUILESS_MAIN(TstDatabaseHealth)
#include "tst_databasehealth.moc"
