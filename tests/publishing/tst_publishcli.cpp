#include "publishfixture.h"

#include <support/testenv.h>

#include <core/storage/databaseconfig.h>
#include <core/storage/designrepository.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDirIterator>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace podtrends;
using namespace podtrends::core;

class TestPublishCli final : public QObject
{
    Q_OBJECT

private:
    struct Target
    {
        QString spec; ///< --db argument
        std::shared_ptr<Database> db;
    };

    static std::optional<Target> openTarget(const QString &dialect, const QString &dir, QString *skip)
    {
        Target t;
        if (dialect == QLatin1String("sqlite")) {
            t.spec = QDir(dir).filePath(QStringLiteral("cli.sqlite"));
        } else {
            t.spec = test::createPostgresDatabase(skip);
            if (t.spec.isEmpty())
                return std::nullopt;
        }
        auto config = DatabaseConfig::parse(t.spec);
        if (!config)
            return std::nullopt;
        auto db = Database::open(*config);
        if (!db)
            return std::nullopt;
        t.db = *db;
        return t;
    }

    static QProcessEnvironment environment(const test::FakePrintful &printful, const test::FakeShopify &shopify, const QString &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("POD_PRINTFUL_API_BASE"), printful.baseUrl().toString());
        env.insert(QStringLiteral("POD_PRINTFUL_TOKEN"), test::kPrintfulToken);
        env.insert(QStringLiteral("POD_PRINTFUL_STORE_ID"), test::kPrintfulStore);
        env.insert(QStringLiteral("POD_SHOPIFY_ADMIN_BASE"), shopify.adminBase().toString());
        env.insert(QStringLiteral("POD_SHOPIFY_TOKEN"), test::kShopifyToken);
        env.insert(QStringLiteral("POD_SHOPIFY_SHOP"), QStringLiteral("retro-angler.myshopify.com"));
        env.insert(QStringLiteral("POD_PUBLISH_POLL_MS"), QStringLiteral("20"));
        env.insert(QStringLiteral("POD_PUBLISH_RETRY_MS"), QStringLiteral("50"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("podtrends.*.debug=true"));
        return env;
    }

    static QString program() { return QCoreApplication::applicationDirPath() + QStringLiteral("/podtrends"); }

    /** Starts the CLI and spins the event loop (the fakes live on this thread) until it ends. */
    static bool run(QProcess &process, const QStringList &args)
    {
        process.start(program(), args);
        if (!process.waitForStarted(10000))
            return false;
        QDeadlineTimer deadline(40000);
        while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(20);
        return process.state() == QProcess::NotRunning;
    }

    static QByteArray allFilesUnder(const QString &dir)
    {
        QByteArray out;
        QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                out += f.readAll();
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (test::realSamplesDir().isEmpty())
            QSKIP("the real Printful catalog sample is not available");
        if (!QFileInfo(program()).isExecutable())
            QSKIP("build/bin/podtrends is not built");
    }

    void resumesAPublishKilledAfterThePrintfulProduct_data() { test::addDialectRows(); }
    void resumesAPublishKilledAfterThePrintfulProduct()
    {
        QFETCH(QString, dialect);
        QTemporaryDir dir;
        QString skip;
        auto target = openTarget(dialect, dir.path(), &skip);
        if (!target) {
            if (!skip.isEmpty())
                QSKIP(qPrintable(skip));
            QFAIL("cannot open the database");
        }
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        const qint64 id = test::insertDesign(target->db, dir.path());
        const QString home = dir.filePath(QStringLiteral("home"));
        const QString log = dir.filePath(QStringLiteral("publish-log.jsonl"));
        QDir().mkpath(home);

        // First run: Printful creates the product, and the program dies before hearing back.
        QProcess first;
        first.setProcessEnvironment(environment(printful, shopify, home));
        // Runs on the fake's server thread: a signal, not QProcess (which belongs to this thread).
        // A killed process never runs again, so the answer is never read.
        printful.onSyncProductPost = [&first] { ::kill(pid_t(first.processId()), SIGKILL); };
        const QStringList args{QStringLiteral("--db"), target->spec, QStringLiteral("--log-json"), log,
                               QStringLiteral("publish"), QString::number(id)};
        QVERIFY(run(first, args));
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        QCOMPARE(printful.products.size(), 1);
        QCOMPARE(shopify.products.size(), 0);
        auto count = [&](const QString &sql) {
            QSqlQuery q(target->db->connection());
            return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
        };
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'publish' AND status = 'running'")), 1); // the kill's orphan
        {
            DesignRepository repo(target->db);
            const Design d = **repo.findById(id);
            QCOMPARE(d.status, DesignStatus::Ready);
            QCOMPARE(d.publishState.printfulProduct, PrintfulProductRecord());
            QCOMPARE(d.publishState.printfulFile.status, PublishStepStatus::Done);
        }

        // Second run: finds the product by external id, creates the Shopify draft, prints JSON.
        printful.onSyncProductPost = nullptr;
        QProcess second;
        second.setProcessEnvironment(environment(printful, shopify, home));
        QVERIFY(run(second, args));
        const QByteArray stderrText = second.readAllStandardError();
        QVERIFY2(second.exitStatus() == QProcess::NormalExit && second.exitCode() == 0, stderrText.constData());
        const QJsonObject out = QJsonDocument::fromJson(second.readAllStandardOutput()).object();
        QCOMPARE(printful.products.size(), 1);
        QCOMPARE(shopify.products.size(), 1);
        QCOMPARE(printful.requestCount("POST", QStringLiteral("/store/products")), 1);
        QCOMPARE(out.value(QLatin1String("status")).toString(), QStringLiteral("published"));
        // The restarted program failed the killed run's row: nothing stays "running".
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE status = 'running'")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'publish' AND status = 'failed' "
                                      "AND error LIKE '%stopped before it finished%'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'publish' AND status = 'done'")), 1);
        if (dialect == QLatin1String("sqlite")) {
            QSqlQuery check(target->db->connection());
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
        }
        QCOMPARE(out.value(QLatin1String("printful")).toObject().value(QLatin1String("product_id")).toInteger(), printful.products.first().id);
        QCOMPARE(out.value(QLatin1String("shopify")).toObject().value(QLatin1String("product_id")).toString(), shopify.products.first().id);
        QVERIFY(out.value(QLatin1String("shopify")).toObject().value(QLatin1String("admin_url")).toString().startsWith(QLatin1String("https://admin.shopify.com/store/retro-angler/products/")));
        QVERIFY(out.value(QLatin1String("printful")).toObject().value(QLatin1String("url")).toString().startsWith(QLatin1String("https://www.printful.com/dashboard/")));
        QCOMPARE(out.value(QLatin1String("skus")).toArray().size(), 10);
        QVERIFY2(printful.violations.isEmpty() && shopify.violations.isEmpty(), qPrintable((printful.violations + shopify.violations).join(QLatin1Char('\n'))));

        // No token in the log lines, the database or any settings file.
        QFile logFile(log);
        QVERIFY(logFile.open(QIODevice::ReadOnly));
        const QByteArray logText = logFile.readAll();
        QVERIFY2(logText.contains("POST"), "the JSON log holds no request lines; the grep below would prove nothing");
        QByteArray stored;
        if (dialect == QLatin1String("sqlite")) {
            stored = allFilesUnder(dir.path()); // the database file, its journal, the log, home/config
        } else {
            for (const QString &table : target->db->connection().tables()) {
                QSqlQuery q(target->db->connection());
                q.exec(QStringLiteral("SELECT * FROM ") + table);
                while (q.next())
                    for (int i = 0; i < q.record().count(); ++i)
                        stored += q.value(i).toString().toUtf8() + '\n';
            }
            stored += allFilesUnder(dir.path());
        }
        QVERIFY(stored.contains("pt1-tshirt") || stored.contains("printful_product"));
        for (const QString &token : {test::kPrintfulToken, test::kShopifyToken}) {
            QVERIFY2(!logText.contains(token.toUtf8()), "a token reached the log");
            QVERIFY2(!stored.contains(token.toUtf8()), "a token reached the database or a settings file");
            QVERIFY2(!stderrText.contains(token.toUtf8()), "a token reached stderr");
        }
    }

    void refusesADesignThatFailsItsChecks()
    {
        QTemporaryDir dir;
        QString skip;
        auto target = openTarget(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(target);
        test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
        test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
        const qint64 id = test::insertDesign(target->db, dir.path(), false);
        QProcess p;
        p.setProcessEnvironment(environment(printful, shopify, dir.filePath(QStringLiteral("home"))));
        QVERIFY(run(p, {QStringLiteral("--db"), target->spec, QStringLiteral("publish"), QString::number(id), QStringLiteral("--shopify")}));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("failed its print checks"));
        QVERIFY(p.readAllStandardOutput().isEmpty());
        QCOMPARE(shopify.server().requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPublishCli)
#include "tst_publishcli.moc"
