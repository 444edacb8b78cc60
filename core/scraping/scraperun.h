#pragma once

#include <core/scraping/scrapeservice.h>
#include <core/storage/productwriter.h>

#include <QObject>

#include <map>
#include <memory>
#include <utility>

namespace podtrends::core {

/**
 * One scrape inside ScrapeService (internal): job row and "running" status first, then the
 * scraper; each batch is upserted on the service's writer thread in order; when the scraper
 * ends and the last batch is stored, the job, the source and the marketplace get the outcome.
 */
class ScrapeRun final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ScrapeRun)
    ScrapeRun(ScrapeService *service, qint64 runId, ScrapeTarget target, ScraperConfig config);
    ~ScrapeRun() override;

    void start();
    void cancel();
    qint64 runId() const { return m_summary.runId; }
    qint64 sourceId() const { return m_summary.sourceId.value_or(0); }
    int items() const { return m_summary.items; }

private:
    void launchScraper();
    /** Prepares the batch for the database on a parse thread, then queues it in arrival order. */
    void onBatch(const QList<Product> &products, qint64 resultCount);
    /** Moves prepared batches, in arrival order, into the next write (up to the limits below). */
    void queuePrepared();
    /** Writes what is queued as one transaction (group commit while the writer is busy). */
    void flushWrites();
    // A write holds at most this much text (characters of titles, descriptions, tags and
    // records; about 11 MB of database for products with long descriptions) or this many
    // products, whichever comes first.
    static constexpr qint64 kMaxTextPerWrite = 8'000'000;
    static constexpr qsizetype kMaxProductsPerWrite = 10'000;
    void onScraperFinished(const ScrapeOutcome &outcome);
    void fail(const QString &message);
    void maybeFinalize();

    ScrapeService *m_service;
    ScrapeTarget m_target;
    ScraperConfig m_config;
    ScrapeSummary m_summary;
    std::unique_ptr<Scraper> m_scraper;
    int m_pendingWrites = 0;
    /** Batches being prepared, by arrival number; each joins m_queued when all before it have. */
    std::map<quint64, std::pair<PreparedProducts, qint64>> m_prepared;
    quint64 m_batchesArrived = 0;
    quint64 m_batchesQueued = 0;
    PreparedProducts m_queued;
    qint64 m_queuedResultCount = -1;
    bool m_cancelRequested = false;
    bool m_scraperDone = false;
    bool m_finalizing = false;
    QString m_writeError;
};

} // namespace podtrends::core
