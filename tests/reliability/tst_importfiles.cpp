// Only regular files are imported (issue 16): a FIFO blocked `import` for good (its open waits for
// a writer) and /dev/zero went past the 64 MB cap, since a device reports size 0 and never ends.
// A long import keeps its write-ahead log bounded (it grew to 3.37 GB for a 900 MB database).
#include "processtestutil.h"

#include <core/storage/productwriter.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>

using namespace podtrends;
using namespace podtrends::test;

class TstImportFiles final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QString err;
    };

    Run import(const QString &file)
    {
        QProcess process;
        process.setProcessEnvironment(programEnvironment(m_dir.path()));
        process.start(programPath(), {QStringLiteral("--db"), m_dir.filePath(QStringLiteral("pod.sqlite")), QStringLiteral("import"), file});
        if (!process.waitForStarted(10000))
            return {};
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished(5000);
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, QString::fromUtf8(process.readAllStandardError())};
    }

    // `files` Shopify products.json files of `perFile` products each (about 5 KB of database per product).
    static bool writeShopifyFiles(const QString &folder, int files, int perFile)
    {
        for (int f = 0; f < files; ++f) {
            QByteArray json("{\"products\":[");
            for (int i = 0; i < perFile; ++i) {
                const QByteArray id = QByteArray::number(20000000 + f * perFile + i);
                if (i > 0)
                    json += ',';
                json += "{\"id\":" + id + ",\"title\":\"Retro Sunset Camping Tee " + id + "\",\"handle\":\"p-" + id
                        + "\",\"body_html\":\"<p>" + QByteArray("soft cotton tee ").repeated(60)
                        + "</p>\",\"vendor\":\"Store " + QByteArray::number(f) + "\",\"product_type\":\"T-Shirt\","
                          "\"tags\":[\"retro\",\"sunset\",\"camping\"],\"published_at\":\"2026-10-01T00:00:00Z\","
                          "\"variants\":[{\"id\":" + id + "1,\"title\":\"M\",\"price\":\"24.00\",\"available\":true}],"
                          "\"images\":[{\"src\":\"https://cdn.example/" + id + ".png\"}]}";
            }
            json += "]}";
            QFile out(QDir(folder).filePath(QStringLiteral("store-%1-products.json").arg(f, 2, 10, QLatin1Char('0'))));
            if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size())
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void fifoIsRefusedWithoutWaitingForAWriter()
    {
        const QString fifo = m_dir.filePath(QStringLiteral("products.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const Run run = import(fifo);
        QVERIFY2(run.exitCode > 0, "import of a FIFO did not end, or ended ok");
        QVERIFY2(run.err.contains(QLatin1String("not a regular file")), qPrintable(run.err));
    }

    void longImportKeepsTheWriteAheadLogNearItsLimit()
    {
        // 24 Shopify products.json files of 2,000 products each: about 120 MB of database pages
        // written in 24 transactions, several times the 32 MB limit. The log may exceed the
        // limit by what one file writes before the checkpoint after it; 64 MB is that bound.
        // Before the checkpoints it grew with the database (135 MB here).
        QTemporaryDir folder;
        QVERIFY(writeShopifyFiles(folder.path(), 24, 2000));
        const QString database = m_dir.filePath(QStringLiteral("wal.sqlite"));
        QProcess process;
        process.setProcessEnvironment(programEnvironment(m_dir.path()));
        process.start(programPath(), {QStringLiteral("--db"), database, QStringLiteral("import"), QStringLiteral("--quiet"), folder.path()});
        QVERIFY(process.waitForStarted(10000));
        qint64 peak = 0;
        QVERIFY(waitUntil([&] {
            peak = std::max(peak, QFileInfo(database + QStringLiteral("-wal")).size());
            return process.state() == QProcess::NotRunning;
        }, 300000, 5));
        QCOMPARE(process.exitCode(), 0);
        qInfo("database %lld bytes, log peak %lld bytes", QFileInfo(database).size(), peak);
        QVERIFY2(QFileInfo(database).size() > 3 * core::ProductWriter::kWalLimitBytes, "the import wrote too little to need checkpoints");
        QVERIFY2(peak <= 2 * core::ProductWriter::kWalLimitBytes, qPrintable(QStringLiteral("the log reached %1 bytes").arg(peak)));
    }

    void importThatRunsOutOfSpaceNeverEndsOk()
    {
        // A full disk, simulated with a file-size limit on the program (RLIMIT_FSIZE, with
        // SIGXFSZ ignored so writes fail with EFBIG as on a full disk): the first files fit, a
        // later one does not. Before, that file was counted "skipped" and the run ended ok (exit 0).
        QTemporaryDir folder;
        QVERIFY(writeShopifyFiles(folder.path(), 12, 400));
        const QString database = m_dir.filePath(QStringLiteral("full.sqlite"));
        QProcess process;
        process.setProcessEnvironment(programEnvironment(m_dir.path()));
        process.setChildProcessModifier([] {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{6 * 1024 * 1024, 6 * 1024 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        process.start(programPath(), {QStringLiteral("--db"), database, QStringLiteral("import"), QStringLiteral("--quiet"), folder.path()});
        QVERIFY(process.waitForStarted(10000));
        QVERIFY(waitForExit(process, 120000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 1, qPrintable(out + err));
        QVERIFY2(!out.contains(QLatin1String("Status: ok")), qPrintable(out));
        QVERIFY2(err.contains(QLatin1String("could not store")), qPrintable(err));
    }

    void deviceIsRefusedInsteadOfReadPastTheCap()
    {
        const Run run = import(QStringLiteral("/dev/zero"));
        QVERIFY2(run.exitCode > 0, "import of /dev/zero did not end, or ended ok");
        QVERIFY2(run.err.contains(QLatin1String("not a regular file")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TstImportFiles)
#include "tst_importfiles.moc"
