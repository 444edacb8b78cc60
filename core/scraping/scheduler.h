#pragma once

#include <core/domain/source.h>
#include <core/storage/database.h>

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <memory>

namespace podtrends::core {

class ScrapeService;

/**
 * Runs due sources while the app is open. start() checks at once — so sources that fell due
 * while the app was closed catch up after a restart — and then every interval. A source is due
 * when it is enabled and its next_scrape is empty or past (SourceRepository::due); ScrapeService
 * sets next_scrape = finish time + interval when a run ends. The database query runs on a pool
 * thread; the GUI thread never waits. Each check first reaps the runs of processes that ended
 * (JobLeases::reap), so a source a killed app was collecting runs again.
 */
class Scheduler final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(Scheduler)
    explicit Scheduler(std::shared_ptr<Database> db, ScrapeService *service, QObject *parent = nullptr);

    /** Starts checking: now, then every `intervalMs` (default one minute; scaled by minuteMs()). */
    void start(int intervalMs = 60000);
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    /** At most this many scheduled runs at once (default 2); the rest wait for the next check. */
    void setMaxConcurrent(int runs) { m_maxConcurrent = runs; }
    /** Checks for due sources now (without waiting for the timer). */
    void checkNow();

    /** When a source that finished at `finishedAt` is due again. */
    static QDateTime nextRunAfter(const Source &source, const QDateTime &finishedAt);
    /**
     * How long a minute of the schedule lasts, in milliseconds: 60000, unless the test-only
     * environment variable PODTRENDS_SCHEDULE_MINUTE_MS (1 to 60000) compresses the schedule for
     * a soak run. It shortens sources' intervals and the scheduler's check interval alike.
     */
    static qint64 minuteMs();

Q_SIGNALS:
    /** A check started `count` due sources. */
    void dueSourcesStarted(int count);
    void checkFailed(const QString &message);

private:
    std::shared_ptr<Database> m_db;
    ScrapeService *m_service = nullptr;
    QTimer m_timer;
    int m_maxConcurrent = 2;
    bool m_checking = false;
    bool m_stopped = false;
};

} // namespace podtrends::core
