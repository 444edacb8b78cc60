#include "scheduler.h"

#include <core/util/whenready.h>

#include "scrapeservice.h"

#include <core/storage/jobleases.h>
#include <core/storage/sourcerepository.h>

#include <QLoggingCategory>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcScheduler, "podtrends.scraping.scheduler")

namespace podtrends::core {

Scheduler::Scheduler(std::shared_ptr<Database> db, ScrapeService *service, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_service(service)
{
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::checkNow);
}

void Scheduler::start(int intervalMs)
{
    m_stopped = false;
    m_timer.start(int(std::max<qint64>(100, qint64(intervalMs) * minuteMs() / 60000)));
    checkNow();
}

void Scheduler::stop()
{
    m_timer.stop();
    m_stopped = true;
}

QDateTime Scheduler::nextRunAfter(const Source &source, const QDateTime &finishedAt)
{
    return finishedAt.addMSecs(qint64(std::max(1, source.intervalMinutes)) * minuteMs());
}

qint64 Scheduler::minuteMs()
{
    static const qint64 minute = [] {
        bool ok = false;
        const qint64 value = qEnvironmentVariable("PODTRENDS_SCHEDULE_MINUTE_MS").toLongLong(&ok);
        if (!ok || value < 1 || value > 60000)
            return qint64(60000);
        qCWarning(lcScheduler) << "PODTRENDS_SCHEDULE_MINUTE_MS: a schedule minute lasts" << value << "ms (test runs only)";
        return value;
    }();
    return minute;
}

void Scheduler::checkNow()
{
    if (m_checking || !m_service)
        return;
    m_checking = true;
    auto db = m_db;
    auto checking = QtConcurrent::run([db]() -> Result<QList<Source>> {
        // A large file is checked whole after it opened: nothing is scraped into it before the
        // check has ended, nor ever into a damaged one.
        if (Status ready = db->readyForWriting(); !ready)
            return ready.error();
        // Runs a killed process left "running" are failed first, so their sources are due again
        // and their schedule slots free.
        if (auto reaped = JobLeases::reap(db); !reaped)
            qCWarning(lcScheduler) << "reaping orphaned jobs failed:" << reaped.errorMessage();
        else if (reaped->failed > 0)
            qCInfo(lcScheduler) << "failed" << reaped->failed << "run(s) of ended processes," << reaped->sourcesFreed << "source(s) freed";
        return SourceRepository(db).due(QDateTime::currentDateTimeUtc());
    });
    // whenReady, not then(this, …): the service layer deletes the scheduler with its database.
    whenReady(checking, this, [this](const Result<QList<Source>> &due) {
            m_checking = false;
            if (m_stopped)
                return; // stop() came while the query ran: start nothing
            if (!due) {
                qCWarning(lcScheduler) << "checking due sources failed:" << due.errorMessage();
                Q_EMIT checkFailed(due.errorMessage());
                return;
            }
            int started = 0;
            for (const Source &source : *due) {
                if (m_service->isRunning(source.id))
                    continue;
                if (m_service->runningSources().size() >= m_maxConcurrent)
                    break;
                if (m_service->startScheduled(source) > 0)
                    ++started;
            }
            if (started > 0) {
                qCInfo(lcScheduler) << "started" << started << "due source(s)";
                Q_EMIT dueSourcesStarted(started);
            }
        });
}

} // namespace podtrends::core
