// SIGKILL during real work (issue 16): the real `podtrends` program is killed while the app's
// scheduler collects a source, while `import` stores files and while `analyze` runs; then it is
// started again. No job row may stay "running", the source must run again, and the SQLite file
// must pass PRAGMA integrity_check. (The publish case is in tests/publishing/tst_publishcli.cpp.)
#include "../scraping/fakeserver.h"
#include "processtestutil.h"

#include <core/domain/source.h>
#include <core/storage/sourcerepository.h>
#include <support/testenv.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace podtrends;
using namespace podtrends::test;

namespace {

// products.json files shaped like a real store's, with varied titles so that the analysis has
// niches to find: `files` files of `perFile` products in `dir`.
void writeStoreExports(const QString &dir, int files, int perFile)
{
    static const char *const adjectives[] = {"retro", "vintage", "funny", "cute", "minimal", "boho", "floral", "gothic", "kawaii", "rustic"};
    static const char *const subjects[] = {"cat", "dog", "camping", "fishing", "nurse", "teacher", "coffee", "mountain", "sunset", "skull", "mushroom", "frog"};
    static const char *const types[] = {"T-Shirt", "Mug", "Hoodie", "Poster", "Tote Bag"};
    QDir().mkpath(dir);
    qint64 id = 5000000;
    for (int f = 0; f < files; ++f) {
        QJsonArray products;
        for (int i = 0; i < perFile; ++i, ++id) {
            const QString adjective = QString::fromLatin1(adjectives[id % 10]);
            const QString subject = QString::fromLatin1(subjects[(id / 10) % 12]);
            const QString type = QString::fromLatin1(types[(id / 120) % 5]);
            products.append(QJsonObject{
                {QStringLiteral("id"), id},
                {QStringLiteral("title"), QStringLiteral("%1 %2 %3 design %4").arg(adjective, subject, type).arg(id % 997)},
                {QStringLiteral("handle"), QStringLiteral("p-%1").arg(id)},
                {QStringLiteral("body_html"), QStringLiteral("<p>A %1 %2 %3.</p>").arg(adjective, subject, type.toLower())},
                {QStringLiteral("vendor"), QStringLiteral("Shop %1").arg(id % 40)},
                {QStringLiteral("product_type"), type},
                {QStringLiteral("tags"), QJsonArray{adjective, subject}},
                {QStringLiteral("variants"), QJsonArray{QJsonObject{{QStringLiteral("id"), id * 10}, {QStringLiteral("price"), QStringLiteral("%1.99").arg(12 + id % 20)}}}},
            });
        }
        QFile out(QDir(dir).filePath(QStringLiteral("store-%1.json").arg(f, 4, 10, QLatin1Char('0'))));
        out.open(QIODevice::WriteOnly);
        out.write(QJsonDocument(QJsonObject{{QStringLiteral("products"), products}}).toJson(QJsonDocument::Compact));
    }
}

} // namespace

class TstKillRecovery final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString m_path;
    QString m_home;
    std::shared_ptr<core::Database> m_db;

    QString integrity() { return textOf(m_db, QStringLiteral("PRAGMA integrity_check")); }
    qint64 running() { return scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE status = 'running'")); }

    void start(QProcess &process, const QStringList &args)
    {
        process.setProcessEnvironment(programEnvironment(m_home));
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(programPath(), QStringList{QStringLiteral("--db"), m_path} + args);
        QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
    }

    /** Runs a command to its end; returns its exit code (-1 when it did not end in time). */
    int runToEnd(const QStringList &args, QByteArray *err = nullptr)
    {
        QProcess p;
        start(p, args);
        if (!waitForExit(p, 120000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (err)
            *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!QFileInfo(programPath()).isExecutable())
            QSKIP("build/bin/podtrends is not built");
    }

    void init()
    {
        ++m_n;
        m_home = m_dir.filePath(QStringLiteral("home%1").arg(m_n));
        QDir().mkpath(m_home);
        QString skip;
        const QString dir = m_dir.filePath(QStringLiteral("db%1").arg(m_n));
        QDir().mkpath(dir);
        m_db = openFreshDatabase(QStringLiteral("sqlite"), dir, &skip);
        QVERIFY(m_db);
        m_path = m_db->config().sqlitePath;
    }

    void cleanup() { m_db.reset(); }

    void killedScheduledScrapeRunsAgainAfterRestart()
    {
        // A store of 600 products whose second page hangs the first time round.
        bool hang = true;
        FakeServer store([&hang](const FakeRequest &r) {
            FakeResponse page = shopifyPage(r, 600);
            if (hang && r.query(QStringLiteral("page")).toInt() >= 2)
                page.delayMs = 600000;
            return page;
        });
        core::Source source;
        source.marketplace = core::Marketplace::Shopify;
        source.target = store.url().toString();
        source.label = QStringLiteral("Loopback store");
        source.intervalMinutes = 360; // due now (never run), then not for hours
        auto id = core::SourceRepository(m_db).insert(source);
        QVERIFY(id);

        // The window opens, its scheduler starts the due source, page 1 is stored, page 2 hangs.
        QProcess app;
        start(app, {});
        const QString runningScrape = QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'scrape' AND status = 'running' AND source_id = %1").arg(*id);
        QVERIFY2(waitUntil([&] { return scalarOf(m_db, runningScrape) == 1 && scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM products")) >= 250; }, 60000),
                 app.readAllStandardError().right(2000).constData());
        const qint64 orphan = scalarOf(m_db, QStringLiteral("SELECT id FROM jobs WHERE kind = 'scrape' AND status = 'running'"));
        killHard(app);
        QCOMPARE(textOf(m_db, QStringLiteral("SELECT status FROM sources WHERE id = %1").arg(*id)), QStringLiteral("running"));
        QCOMPARE(running(), 1); // what the kill left behind

        // Started again, the app fails the orphan, frees the source, and collects it again.
        hang = false;
        QProcess again;
        start(again, {});
        const bool ranAgain = waitUntil([&] {
            return textOf(m_db, QStringLiteral("SELECT status FROM sources WHERE id = %1").arg(*id)) == QLatin1String("ok");
        }, 60000);
        killHard(again);
        QVERIFY2(ranAgain, qPrintable(textOf(m_db, QStringLiteral("SELECT status || ': ' || COALESCE(error_message, '') FROM sources"))));
        QCOMPARE(textOf(m_db, QStringLiteral("SELECT status FROM jobs WHERE id = %1").arg(orphan)), QStringLiteral("failed"));
        QVERIFY(textOf(m_db, QStringLiteral("SELECT error FROM jobs WHERE id = %1").arg(orphan)).contains(QLatin1String("stopped before it finished")));
        QCOMPARE(scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'scrape' AND status = 'done' AND source_id = %1").arg(*id)), 1);
        QCOMPARE(running(), 0);
        QCOMPARE(textOf(m_db, QStringLiteral("SELECT status FROM marketplaces WHERE name = 'shopify'")), QStringLiteral("ok"));
        QCOMPARE(scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 600);
        QCOMPARE(integrity(), QStringLiteral("ok"));
    }

    void killedImportIsFailedAndTheImportRunsAgain()
    {
        const QString exports = m_dir.filePath(QStringLiteral("exports%1").arg(m_n));
        writeStoreExports(exports, 160, 250);
        QProcess import;
        start(import, {QStringLiteral("import"), exports});
        QVERIFY(waitUntil([&] {
            return scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'import' AND status = 'running'")) == 1
                && scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM products")) > 0;
        }, 60000));
        killHard(import);
        QCOMPARE(running(), 1);
        const qint64 stored = scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM products"));
        QVERIFY2(stored > 0 && stored < 40000, "the kill came too late to test anything");
        QCOMPARE(stored % 250, 0); // whole files only: each is one transaction

        QByteArray err;
        QCOMPARE(runToEnd({QStringLiteral("import"), exports}, &err), 0);
        QCOMPARE(running(), 0);
        QCOMPARE(scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'import' AND status = 'failed'")), 1);
        QVERIFY(textOf(m_db, QStringLiteral("SELECT error FROM jobs WHERE kind = 'import' AND status = 'failed'")).contains(QLatin1String("stopped before it finished")));
        QCOMPARE(scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 40000);
        QCOMPARE(integrity(), QStringLiteral("ok"));
    }

    void killedAnalysisIsFailedAndTheAnalysisRunsAgain()
    {
        const QString exports = m_dir.filePath(QStringLiteral("exports%1").arg(m_n));
        writeStoreExports(exports, 160, 250);
        QCOMPARE(runToEnd({QStringLiteral("import"), exports}), 0);

        QProcess analyze;
        start(analyze, {QStringLiteral("analyze")});
        const bool caught = waitUntil([&] {
            return scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'analyze' AND status = 'running'")) == 1;
        }, 60000, 2);
        killHard(analyze);
        QVERIFY2(caught, "the analysis ended before it could be killed");
        QCOMPARE(running(), 1);

        QCOMPARE(runToEnd({QStringLiteral("analyze")}), 0);
        QCOMPARE(running(), 0);
        QCOMPARE(scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'analyze' AND status = 'failed'")), 1);
        QCOMPARE(scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE kind = 'analyze' AND status = 'done'")), 1);
        QVERIFY(scalarOf(m_db, QStringLiteral("SELECT COUNT(*) FROM trends")) > 0);
        QCOMPARE(integrity(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TstKillRecovery)
#include "tst_killrecovery.moc"
