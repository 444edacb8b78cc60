// Only regular files are imported (issue 16): a FIFO blocked `import` for good (its open waits for
// a writer) and /dev/zero went past the 64 MB cap, since a device reports size 0 and never ends.
#include "processtestutil.h"

#include <QTemporaryDir>

#include <sys/stat.h>

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

private Q_SLOTS:
    void fifoIsRefusedWithoutWaitingForAWriter()
    {
        const QString fifo = m_dir.filePath(QStringLiteral("products.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const Run run = import(fifo);
        QVERIFY2(run.exitCode > 0, "import of a FIFO did not end, or ended ok");
        QVERIFY2(run.err.contains(QLatin1String("not a regular file")), qPrintable(run.err));
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
