// A products.json is imported a batch at a time (issue 16, item 4): the real `podtrends import`
// of a 40 MB file stays in bounded memory (it read the whole file into a QJsonDocument and
// peaked at 735 MB for 59 MB), and the file is still one transaction: a break anywhere in it,
// even after many batches were stored, leaves nothing of it behind.
#include "processtestutil.h"

#include <core/storage/databaseconfig.h>

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

using namespace podtrends;
using namespace podtrends::test;

namespace {

// Shopify products.json records shaped like tests/tools/shopify_bulk.py's (about 900 bytes each).
QByteArray productRecord(qint64 id, int file)
{
    static const char *const words[] = {"retro", "sunset", "axolotl", "kawaii", "fishing", "dad", "nurse", "life", "bigfoot", "camping", "cat", "mom", "floral", "vintage"};
    const QByteArray pid = QByteArray::number(id);
    QByteArray title;
    for (int k = 0; k < 4; ++k)
        title += QByteArray(words[(id + k) % 14]) + ' ';
    QByteArray variants;
    static const char *const sizes[] = {"S", "M", "L", "XL"};
    for (int v = 0; v < 4; ++v)
        variants += QByteArray(v ? "," : "") + "{\"id\": " + QByteArray::number(id * 10 + v) + ", \"title\": \"" + sizes[v]
                    + "\", \"price\": \"24.00\", \"available\": true}";
    return "{\"id\": " + pid + ", \"title\": \"" + title + "T-Shirt " + pid + "\", \"handle\": \"p-" + pid
           + "\", \"body_html\": \"<p>" + QByteArray("soft cotton tee ").repeated(20) + "</p>\", \"vendor\": \"Store "
           + QByteArray::number(file % 50) + "\", \"product_type\": \"T-Shirt\", \"tags\": [\"" + words[id % 7] + "\", \""
           + words[id % 7 + 1] + "\"], \"published_at\": \"2026-10-01T00:00:00Z\", \"variants\": [" + variants
           + "], \"images\": [{\"src\": \"https://cdn.example/" + pid + ".png\"}]}";
}

// A products.json of `count` products; returns the offsets where each record starts.
QList<qint64> writeProductsJson(const QString &path, int count, qint64 firstId)
{
    QList<qint64> starts;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    QByteArray chunk = "{\"products\": [";
    qint64 written = 0;
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            chunk += ", ";
        starts << written + chunk.size();
        chunk += productRecord(firstId + i, 0);
        if (chunk.size() > (1 << 20)) {
            written += out.write(chunk);
            chunk.clear();
        }
    }
    chunk += "]}";
    out.write(chunk);
    return starts;
}

qint64 procStatusKb(qint64 pid, const char *field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    return -1;
}

} // namespace

class TstImportMemory final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    struct Run
    {
        int exitCode = -1;
        QByteArray err;
        qint64 peakKb = 0;   ///< the child's peak resident set (VmHWM, and getrusage's ru_maxrss)
        qint64 ms = 0;
    };

    Run import(const QString &database, const QString &file)
    {
        Run run;
        QProcess process;
        process.setProcessEnvironment(programEnvironment(m_dir.path()));
        QElapsedTimer clock;
        clock.start();
        process.start(programPath(), {QStringLiteral("--db"), database, QStringLiteral("import"), QStringLiteral("--quiet"), file});
        if (!process.waitForStarted(10000))
            return run;
        const qint64 pid = process.processId();
        QTimer sample;
        QObject::connect(&sample, &QTimer::timeout, [&] { run.peakKb = std::max(run.peakKb, procStatusKb(pid, "VmHWM:")); });
        sample.start(20);
        if (!waitForExit(process, 300000)) {
            killHard(process);
            return run;
        }
        run.ms = clock.elapsed();
        // This test program starts no other child before: ru_maxrss is this child's peak.
        rusage usage{};
        if (::getrusage(RUSAGE_CHILDREN, &usage) == 0)
            run.peakKb = std::max<qint64>(run.peakKb, usage.ru_maxrss);
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.err = process.readAllStandardError();
        return run;
    }

    qint64 products(const QString &database)
    {
        if (!QFileInfo::exists(database))
            return 0;
        auto config = core::DatabaseConfig::parse(database);
        if (!config)
            return -1;
        auto db = core::Database::open(*config);
        if (!db)
            return -1;
        return scalarOf(*db, QStringLiteral("SELECT COUNT(*) FROM products"));
    }

    QString fresh(const char *name) { return m_dir.filePath(QStringLiteral("%1-%2.sqlite").arg(QLatin1String(name)).arg(++m_n)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(programPath()).isExecutable(), "build/bin/podtrends is not built");
    }

    // First, so that getrusage's peak of the children is this import's.
    void largeProductsJsonImportsInBoundedMemory()
    {
        // 44,000 products, 40 MB. Read whole, it peaked at about 520 MB (735 MB at 59 MB); read a
        // batch at a time it needs the SQLite page cache (64 MB) and a few batches: about
        // 120 MB whatever the file's size (docs/RELIABILITY.md).
        const QString file = m_dir.filePath(QStringLiteral("big-products.json"));
        const int count = 44000;
        QVERIFY(!writeProductsJson(file, count, 10000000).isEmpty());
        QVERIFY(QFileInfo(file).size() > 38ll * 1024 * 1024);
        const QString database = fresh("big");
        const Run run = import(database, file);
        qInfo("%lld bytes, %d products: exit %d in %lld ms, peak RSS %lld kB", QFileInfo(file).size(), count, run.exitCode, run.ms, run.peakKb);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(products(database), qint64(count));
        QVERIFY2(run.peakKb > 0, "no peak RSS measured");
        PT_VERIFY_MEMORY_BOUND(run.peakKb < 250 * 1024, qPrintable(QStringLiteral("the import peaked at %1 MB").arg(run.peakKb / 1024)));
    }

    // A file is one transaction, however many batches it is stored in.
    void fileCutAfterManyBatchesStoresNothingOfIt()
    {
        const QString file = m_dir.filePath(QStringLiteral("cut-products.json"));
        QVERIFY(!writeProductsJson(file, 12000, 20000000).isEmpty());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() * 9 / 10)); // ten thousand products in, mid-record
        f.close();
        const QString database = fresh("cut");
        const Run run = import(database, file);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("cut-products.json: not valid JSON"), run.err.constData());
        QCOMPARE(products(database), 0);
    }

    void brokenRecordDeepInTheFileIsNamedByItsByte()
    {
        const QString file = m_dir.filePath(QStringLiteral("broken-products.json"));
        const QList<qint64> starts = writeProductsJson(file, 6000, 30000000);
        QVERIFY(!starts.isEmpty());
        // Record 5000's "id": 300050000 → "id"? 300050000: a broken name separator.
        const qint64 at = starts.at(5000) + 5;
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(at));
        QCOMPARE(f.read(1), QByteArray(":"));
        QVERIFY(f.seek(at));
        f.write("?");
        f.close();
        const QString database = fresh("broken");
        const Run run = import(database, file);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("broken-products.json: not valid JSON"), run.err.constData());
        const QRegularExpressionMatch byte = QRegularExpression(QStringLiteral("at byte (\\d+)")).match(QString::fromUtf8(run.err));
        QVERIFY2(byte.hasMatch(), run.err.constData());
        QVERIFY2(qAbs(byte.captured(1).toLongLong() - at) <= 2, qPrintable(QStringLiteral("%1, the break is at %2").arg(byte.captured(1)).arg(at)));
        QCOMPARE(products(database), 0);

        // Cut short as well: the first error in the file is the one named, as before.
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 100));
        f.close();
        const Run cut = import(database, file);
        QCOMPARE(cut.exitCode, 2);
        const QRegularExpressionMatch first = QRegularExpression(QStringLiteral("at byte (\\d+)")).match(QString::fromUtf8(cut.err));
        QVERIFY2(first.hasMatch() && qAbs(first.captured(1).toLongLong() - at) <= 2, cut.err.constData());
        QCOMPARE(products(database), 0);
    }

    void membersAfterTheListAreCheckedToo()
    {
        // Valid records, then garbage after the list: refused whole, as the whole-file parse did.
        const QString file = m_dir.filePath(QStringLiteral("tail-products.json"));
        QVERIFY(!writeProductsJson(file, 3000, 40000000).isEmpty());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(f.size() - 1)); // before the closing brace
        f.write(", \"next\": [1, 2}");
        f.close();
        const QString database = fresh("tail");
        const Run run = import(database, file);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("tail-products.json: not valid JSON"), run.err.constData());
        QCOMPARE(products(database), 0);

        // A well-formed member after the list is fine.
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(f.size() - 16));
        f.write(", \"next\": [1, 2]}");
        f.close();
        const Run ok = import(database, file);
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QCOMPARE(products(database), 3000);
    }
};

QTEST_GUILESS_MAIN(TstImportMemory)
#include "tst_importmemory.moc"
