// Scheduler: due sources run while the app is open, overdue ones catch up at start, others wait.
#include "scrapetesthelpers.h"

#include <core/scraping/scheduler.h>
#include <core/storage/jobrepository.h>
#include <core/storage/sourcerepository.h>

#include <QDir>

using namespace podtrends;
using namespace podtrends::test;

namespace {

// One saved Shopify source on a loopback store, in a database of its own.
struct SingleSource
{
    FakeServer store{[](const FakeRequest &r) { return shopifyPage(r, 30); }};
    std::shared_ptr<core::Database> db;
    qint64 id = 0;

    SingleSource(const QString &dir, const QDateTime &nextScrape)
    {
        QString skip;
        QDir().mkpath(dir);
        db = openFreshDatabase(QStringLiteral("sqlite"), dir, &skip);
        if (!db)
            return;
        core::Source s;
        s.marketplace = core::Marketplace::Shopify;
        s.target = store.url().toString();
        s.label = s.target;
        s.intervalMinutes = 30;
        s.nextScrape = nextScrape;
        auto inserted = core::SourceRepository(db).insert(s);
        if (!inserted)
            qWarning() << "inserting the source failed:" << inserted.errorMessage();
        id = inserted ? *inserted : 0;
    }
    core::Source stored() const { return **core::SourceRepository(db).findById(id); }
    /** Lets the app's scheduler check once and returns the run it started. */
    core::ScrapeSummary runSchedulerOnce()
    {
        core::ScrapeService service(db);
        service.setHttpSettings(fastHttp());
        core::Scheduler scheduler(db, &service);
        QSignalSpy finished(&service, &core::ScrapeService::runFinished);
        scheduler.start(100000);
        if (!finished.wait(5000))
            return {};
        return finished.first().first().value<core::ScrapeSummary>();
    }
};

} // namespace

class TstScheduler final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    core::Source source(const QString &target, const QDateTime &next, bool enabled = true)
    {
        core::Source s;
        s.marketplace = core::Marketplace::Shopify;
        s.target = target;
        s.label = target;
        s.intervalMinutes = 30;
        s.enabled = enabled;
        s.nextScrape = next;
        return s;
    }

private Q_SLOTS:
    void runsDueAndOverdueSourcesOnlyOnce()
    {
        QString skip;
        auto db = openFreshDatabase(QStringLiteral("sqlite"), m_dir.path(), &skip);
        QVERIFY(db);
        FakeServer store([](const FakeRequest &r) { return shopifyPage(r, 30); });
        const QString url = store.url().toString();
        core::SourceRepository repo(db);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto never = repo.insert(source(url, {}));                                        // never run: due
        auto overdue = repo.insert(source(url + QStringLiteral("/a"), now.addDays(-2)));   // missed while closed: catch up
        auto later = repo.insert(source(url + QStringLiteral("/b"), now.addSecs(3600)));   // not yet
        auto off = repo.insert(source(url + QStringLiteral("/c"), {}, false));             // disabled
        QVERIFY(never && overdue && later && off);

        core::ScrapeService service(db);
        service.setHttpSettings(fastHttp());
        core::Scheduler scheduler(db, &service);
        scheduler.setMaxConcurrent(4);
        QSignalSpy started(&scheduler, &core::Scheduler::dueSourcesStarted);
        QSignalSpy finished(&service, &core::ScrapeService::finished);
        scheduler.start(200);
        QVERIFY(started.wait(5000));
        QCOMPARE(started.first().first().toInt(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QTest::qWait(600); // a few more timer checks: nothing is due any more
        QCOMPARE(finished.size(), 2);
        scheduler.stop();

        for (qint64 id : {*never, *overdue}) {
            auto s = repo.findById(id);
            QCOMPARE((*s)->status, core::ScrapeStatus::Ok);
            QVERIFY((*s)->nextScrape > now.addSecs(29 * 60));
        }
        QCOMPARE((*repo.findById(*later))->status, core::ScrapeStatus::Idle);
        QCOMPARE((*repo.findById(*off))->status, core::ScrapeStatus::Idle);
    }

    // An app and workers sharing one database keep one schedule: a due slot that a worker has
    // queued (or runs) is not scraped again by the app's scheduler, which writes nothing for it.
    void aSlotAWorkerHasQueuedIsNotScrapedAgainByTheApp()
    {
        SingleSource fixture(m_dir.path() + QStringLiteral("/queued"), QDateTime::currentDateTimeUtc().addSecs(-60));
        QVERIFY(fixture.db);
        const core::Source due = fixture.stored();
        core::Job queued; // what a worker's enqueueDueScrapes writes for the slot
        queued.kind = core::JobKind::Scrape;
        queued.sourceId = due.id;
        queued.scheduleKey = due.scheduleKey();
        QVERIFY(core::JobRepository(fixture.db).create(queued).value() > 0);

        const core::ScrapeSummary summary = fixture.runSchedulerOnce();
        QCOMPARE(summary.status, core::ScrapeStatus::Idle);
        QVERIFY(!summary.message.isEmpty());
        QCOMPARE(fixture.store.requests().size(), 0);
        QCOMPARE(countRows(fixture.db, QStringLiteral("SELECT COUNT(*) FROM jobs")), 1);
        const core::Source after = fixture.stored();
        QCOMPARE(after.status, core::ScrapeStatus::Idle);
        QCOMPARE(after.nextScrape, due.nextScrape);
    }

    // The app's scheduled run holds the slot's key in its jobs row, so a worker that looks at the
    // same slot meanwhile finds it taken: the key can be claimed once.
    void theAppsScheduledRunClaimsTheSlotKey()
    {
        SingleSource fixture(m_dir.path() + QStringLiteral("/claims"), {});
        QVERIFY(fixture.db);
        const QString key = fixture.stored().scheduleKey();
        QCOMPARE(key, QStringLiteral("scrape:source-%1:first").arg(fixture.id));

        QCOMPARE(fixture.runSchedulerOnce().status, core::ScrapeStatus::Ok);
        QCOMPARE(countRows(fixture.db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE schedule_key = '%1' AND status = 'done'").arg(key)), 1);
        core::Job late;
        late.kind = core::JobKind::Scrape;
        late.scheduleKey = key;
        QCOMPARE(core::JobRepository(fixture.db).create(late).value(), 0); // taken
        QCOMPARE(countRows(fixture.db, QStringLiteral("SELECT COUNT(*) FROM jobs")), 1);
    }

    void nextRunFollowsTheInterval()
    {
        core::Source s;
        s.intervalMinutes = 360;
        const QDateTime end(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);
        QCOMPARE(core::Scheduler::nextRunAfter(s, end), QDateTime(QDate(2026, 1, 1), QTime(16, 0), Qt::UTC));
    }
};

QTEST_GUILESS_MAIN(TstScheduler)
#include "tst_scheduler.moc"
