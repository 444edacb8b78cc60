// Scheduler: due sources run while the app is open, overdue ones catch up at start, others wait.
#include "scrapetesthelpers.h"

#include <core/scraping/scheduler.h>
#include <core/storage/sourcerepository.h>

#include <QDir>

using namespace podtrends;
using namespace podtrends::test;

class TstScheduler final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    core::Source source(const QString &target, const QDateTime &next, bool enabled = true)
    {
        core::Source s;
        s.marketplace = QStringLiteral("shopify");
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
            QCOMPARE((*s)->status, QStringLiteral("ok"));
            QVERIFY((*s)->nextScrape > now.addSecs(29 * 60));
        }
        QCOMPARE((*repo.findById(*later))->status, QStringLiteral("idle"));
        QCOMPARE((*repo.findById(*off))->status, QStringLiteral("idle"));
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
