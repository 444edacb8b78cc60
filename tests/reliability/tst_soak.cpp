// A compressed soak (issue 16, item 6): the app's own scheduled collection — Scheduler and
// ScrapeService on a SQLite database, as the window runs them — against a loopback Shopify
// store, with a schedule minute of 50 ms (PODTRENDS_SCHEDULE_MINUTE_MS) so that a source with a
// one-minute interval runs again about every tenth of a second. Each finished cycle samples the
// process's resident memory (/proc/self/status VmRSS) and open files (/proc/self/fd). After a
// warm-up, the last tenth of the cycles may not be more than 10 % above the first tenth.
//
// The ctest run does 100 cycles; PODTRENDS_SOAK_CYCLES=N does N (docs/RELIABILITY.md "Soak"
// has a 1,000-cycle run), and PODTRENDS_SOAK_REPORT=FILE writes every sample as CSV.
#include "../scraping/scrapetesthelpers.h"
#include "processtestutil.h"

#include <core/domain/source.h>
#include <core/scraping/scheduler.h>
#include <core/storage/sourcerepository.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <sqlite3.h>

#include <numeric>

using namespace podtrends;
using namespace podtrends::test;

namespace {

qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

int openFiles()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot).size());
}

struct Sample
{
    int cycle = 0;
    qint64 ms = 0;
    qint64 rssKb = 0;
    qint64 sqliteKb = 0; ///< SQLite's heap (page caches, bounded by cache_size), part of rssKb
    int fds = 0;
};

double mean(const QList<Sample> &samples, qsizetype from, qsizetype count, const std::function<double(const Sample &)> &value)
{
    double sum = 0;
    for (qsizetype i = from; i < from + count; ++i)
        sum += value(samples.at(i));
    return sum / double(count);
}

} // namespace

class TstSoak final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Read once, at the scheduler's first use.
        qputenv("PODTRENDS_SCHEDULE_MINUTE_MS", "50");
        QCOMPARE(core::Scheduler::minuteMs(), 50);
    }

    void scheduledCyclesKeepMemoryAndOpenFilesFlat()
    {
        const int cycles = qEnvironmentVariableIsSet("PODTRENDS_SOAK_CYCLES") ? qEnvironmentVariableIntValue("PODTRENDS_SOAK_CYCLES") : 100;
        QVERIFY(cycles >= 20);
        QString skip;
        auto db = openFreshDatabase(QStringLiteral("sqlite"), m_dir.path(), &skip);
        QVERIFY(db);
        // Two pages of products a cycle: the same products, one more snapshot each.
        FakeServer store([](const FakeRequest &r) { return shopifyPage(r, 300); });
        core::Source source;
        source.marketplace = core::Marketplace::Shopify;
        source.target = store.url().toString();
        source.label = QStringLiteral("Soak store");
        source.intervalMinutes = 1; // 50 ms here
        auto id = core::SourceRepository(db).insert(source);
        QVERIFY(id);

        core::ScrapeService service(db);
        service.setHttpSettings(fastHttp());
        core::Scheduler scheduler(db, &service);
        QList<Sample> samples;
        int failures = 0;
        QString firstFailure;
        QElapsedTimer clock;
        clock.start();
        int slotSkips = 0;
        connect(&service, &core::ScrapeService::runFinished, this, [&](const core::ScrapeSummary &summary) {
            // A check whose due list was read just before the last run stored its next slot
            // starts that run's slot again; the slot guard ends it at once, idle, writing
            // nothing. Not a cycle, and counted.
            if (summary.status == core::ScrapeStatus::Idle && summary.items == 0) {
                ++slotSkips;
                return;
            }
            if (summary.status != core::ScrapeStatus::Ok || summary.items != 300) {
                if (failures++ == 0)
                    firstFailure = summary.message;
            }
            store.clearRequests(); // the fake's request log is the test's memory, not the app's
            samples << Sample{int(samples.size()) + 1, clock.elapsed(), residentKb(), sqlite3_memory_used() / 1024, openFiles()};
        });
        scheduler.start(); // one check a schedule minute: every 100 ms (its floor) here
        const bool done = waitUntil([&] { return samples.size() >= cycles; }, cycles * 3000, 20);
        scheduler.stop();
        QVERIFY(service.waitForIdle(30000));
        QVERIFY2(done, qPrintable(QStringLiteral("%1 of %2 cycles in %3 ms").arg(samples.size()).arg(cycles).arg(clock.elapsed())));
        QVERIFY2(failures == 0, qPrintable(QStringLiteral("%1 cycle(s) failed; first: %2").arg(failures).arg(firstFailure)));
        qInfo("%d stale slot(s) skipped by the slot guard", slotSkips);
        QVERIFY2(slotSkips <= cycles / 20, qPrintable(QStringLiteral("%1 stale slots skipped").arg(slotSkips)));
        QCOMPARE(countRows(db, QStringLiteral("SELECT COUNT(*) FROM product_snapshots")), qint64(samples.size()) * 300);

        if (const QString report = qEnvironmentVariable("PODTRENDS_SOAK_REPORT"); !report.isEmpty()) {
            QFile out(report);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write("cycle,ms,rss_kb,sqlite_kb,fds\n");
            for (const Sample &s : std::as_const(samples))
                out.write(QStringLiteral("%1,%2,%3,%4,%5\n").arg(s.cycle).arg(s.ms).arg(s.rssKb).arg(s.sqliteKb).arg(s.fds).toUtf8());
        }
        const qsizetype step = std::max<qsizetype>(1, samples.size() / 10);
        for (qsizetype i = 0; i < samples.size(); i += step)
            qInfo("cycle %5d  %7lld ms  RSS %7lld kB  SQLite %6lld kB  rest %7lld kB  fds %3d", samples.at(i).cycle, samples.at(i).ms,
                  samples.at(i).rssKb, samples.at(i).sqliteKb, samples.at(i).rssKb - samples.at(i).sqliteKb, samples.at(i).fds);

        // Warm-up: the first tenth (caches, pools and the database's first pages fill). Then the
        // first and the last tenth of the rest are compared.
        const qsizetype warm = samples.size() / 10;
        const qsizetype window = std::max<qsizetype>(1, (samples.size() - warm) / 10);
        // SQLite's heap is its page caches: they grow with the database up to cache_size (64 MB
        // a connection), and the database grows by design (a snapshot per product and cycle).
        // The bound is on the rest; the whole RSS is reported beside it.
        const auto rss = [](const Sample &s) { return double(s.rssKb - s.sqliteKb); };
        const auto whole = [](const Sample &s) { return double(s.rssKb); };
        const auto fds = [](const Sample &s) { return double(s.fds); };
        const double rssFirst = mean(samples, warm, window, rss);
        const double rssLast = mean(samples, samples.size() - window, window, rss);
        const double fdFirst = mean(samples, warm, window, fds);
        const double fdLast = mean(samples, samples.size() - window, window, fds);
        const double rssGrowth = (rssLast - rssFirst) / rssFirst * 100;
        const double fdGrowth = (fdLast - fdFirst) / fdFirst * 100;
        const double wholeFirst = mean(samples, warm, window, whole);
        const double wholeLast = mean(samples, samples.size() - window, window, whole);
        qInfo("%lld cycles in %lld ms: RSS without SQLite's cache %.0f → %.0f kB (%+.1f %%), whole RSS %.0f → %.0f kB (%+.1f %%), "
              "fds %.1f → %.1f (%+.1f %%)", qint64(samples.size()), clock.elapsed(), rssFirst, rssLast, rssGrowth, wholeFirst, wholeLast,
              (wholeLast - wholeFirst) / wholeFirst * 100, fdFirst, fdLast, fdGrowth);
        PT_VERIFY_MEMORY_BOUND(rssGrowth <= 10, qPrintable(QStringLiteral("RSS (without SQLite's cache) grew %1 %").arg(rssGrowth, 0, 'f', 1)));
        // About 22 descriptors are open, and the loopback HTTP connections in flight at the moment of a
        // sample come and go by one or two (22–24 within ten cycles): that alone is up to 9 %. A leak
        // grows with the cycles (one descriptor a cycle is +90 here), so up to 3 more pass as noise.
        QVERIFY2(fdGrowth <= 10 || fdLast - fdFirst <= 3, qPrintable(QStringLiteral("open files grew %1 %").arg(fdGrowth, 0, 'f', 1)));
    }
};

QTEST_GUILESS_MAIN(TstSoak)
#include "tst_soak.moc"
