#pragma once

#include <core/domain/job.h>
#include <core/domain/source.h>
#include <core/net/httpclient.h>
#include <core/scraping/scraper.h>
#include <core/storage/database.h>

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

namespace podtrends::core {

class ScrapeRun;

/**
 * The outcome of one scrape or import run, as the UI, the CLI and the jobs table see it: the
 * scrape job's result (core/domain/jobresult.h) plus what only this process needs.
 */
struct ScrapeSummary : ScrapeJobResult
{
    bool badInput = false;                     ///< import: it ended in error because no file could be used (not a failure to store)

    bool succeeded() const { return status == ScrapeStatus::Ok; }
    /** The job result's JSON (`scrape --json`). */
    QJsonObject toJson() const;
};

/**
 * Runs scrapes and imports end to end without blocking the calling (GUI) thread:
 * scraper → ProductWriter::upsert per batch on a pool thread (one writer thread, its own
 * connection) → sources/marketplaces status → a jobs row (created, started, progress, finished)
 * → the activity log.
 *
 * Create it on the GUI thread (or the CLI's main thread); every method returns at once and the
 * signals arrive on that thread. A source runs at most once at a time.
 *
 * Typical use from the Sources page:
 * @code
 *   connect(service, &ScrapeService::progress, this, [](qint64 sourceId, int items, const QString &text) {…});
 *   connect(service, &ScrapeService::finished, this, [](qint64 sourceId, ScrapeStatus status, const QString &message) {…});
 *   service->start(source);      // "Scrape now"
 *   service->cancel(source.id);  // "Cancel"
 * @endcode
 */
class ScrapeService final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ScrapeService)
    explicit ScrapeService(std::shared_ptr<Database> db, QObject *parent = nullptr);
    ~ScrapeService() override;

    /**
     * Runs a saved source. Returns the run id, or 0 when the source is already running (nothing
     * new starts) — isRunning() tells which. The source's status becomes "running" at once.
     * recordJob false: the caller's own jobs row (a worker's leased job) records the run.
     */
    qint64 start(const Source &source, bool recordJob = true);
    /** start() for a due source: the run claims the slot's schedule key first and ends at once,
     *  status idle, when a worker or another app has the slot or runs the source. */
    qint64 startScheduled(const Source &source);
    /** Runs an ad-hoc target (CLI, "scrape once"); sourceId may be empty. Returns the run id, 0 if invalid. */
    qint64 startTarget(const ScrapeTarget &target);
    /** Imports files and folders (recursively) on a pool thread. Returns the run id. */
    qint64 importPaths(const QStringList &paths);

    /** Cancels the source's running scrape; what was collected stays. No-op when idle. */
    void cancel(qint64 sourceId);
    void cancelRun(qint64 runId);
    void cancelAll();

    bool isRunning(qint64 sourceId) const;
    /** Source ids with a run in progress. */
    QList<qint64> runningSources() const;
    int activeRunCount() const { return int(m_runs.size() + m_imports.size()); }
    /** The run's latest progress (items so far), or -1 when it is not running. */
    int runItems(qint64 runId) const;

    /**
     * Checks an Etsy key ("keystring:secret") against {etsy base}/openapi-ping. An empty key uses
     * the stored one. The answer arrives as etsyKeyTested().
     */
    void testEtsyKey(const QString &key = {});
    /** Syntax check only (no network): "keystring:secret" with both parts non-empty. */
    static Status validateEtsyKeyFormat(const QString &key);

    /** Overrides the scraper endpoints/limits (tests, settings); applies to runs started later. */
    void setScraperConfig(const ScraperConfig &config);
    void setHttpSettings(const HttpSettings &settings);
    ScraperConfig scraperConfig() const { return m_config; }

    /** Blocks until every run is finished (CLI and tests only; spins the event loop). */
    bool waitForIdle(int timeoutMs);

Q_SIGNALS:
    void started(qint64 runId, qint64 sourceId);
    /** sourceId is 0 for ad-hoc runs and imports (use runProgress for those). */
    void progress(qint64 sourceId, int items, const QString &text);
    /** status: ok, error, blocked or cancelled; message is one user-readable line (may be empty). */
    void finished(qint64 sourceId, podtrends::core::ScrapeStatus status, const QString &message);
    void runProgress(qint64 runId, int items, const QString &text);
    void runFinished(const podtrends::core::ScrapeSummary &summary);
    /** The products table changed (models refresh). */
    void productsChanged();
    void etsyKeyTested(bool ok, const QString &message);

private:
    friend class ScrapeRun;
    qint64 launch(const ScrapeTarget &target);
    void onRunFinished(qint64 runId, const ScrapeSummary &summary);

    std::shared_ptr<Database> m_db;
    ScraperConfig m_config;
    bool m_configOverridden = false;
    HttpClient *m_http = nullptr;
    /** One writer thread: SQLite has a single writer, and batches must land in order. */
    QThreadPool m_writer;
    QHash<qint64, QPointer<ScrapeRun>> m_runs;
    /** Running imports and their cancel flags. */
    QHash<qint64, std::shared_ptr<std::atomic_bool>> m_imports;
    qint64 m_nextRunId = 1;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::ScrapeSummary)
