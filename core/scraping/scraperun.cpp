#include "scraperun.h"

#include "marketcounts.h"
#include "scheduler.h"

#include <core/secrets/secretstore.h>
#include <core/storage/jobrepository.h>
#include <core/storage/productwriter.h>
#include <core/storage/sourcerepository.h>
#include <core/util/activitylog.h>
#include <core/util/whenready.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

Q_LOGGING_CATEGORY(lcRun, "podtrends.scraping.run")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ScrapeService)
};

// The schedule slot is another process's: the run does nothing.
constexpr qint64 kSlotTaken = -1;

JobStatus jobStatusFor(ScrapeStatus status)
{
    if (status == ScrapeStatus::Ok)
        return JobStatus::Done;
    if (status == ScrapeStatus::Cancelled)
        return JobStatus::Cancelled;
    return JobStatus::Failed;
}

} // namespace

ScrapeRun::ScrapeRun(ScrapeService *service, qint64 runId, ScrapeTarget target, ScraperConfig config)
    : QObject(service)
    , m_service(service)
    , m_target(std::move(target))
    , m_config(std::move(config))
{
    m_summary.runId = runId;
    m_summary.sourceId = m_target.sourceId;
    m_summary.marketplace = m_target.marketplace;
    m_summary.target = m_target.target;
}

ScrapeRun::~ScrapeRun() = default;

void ScrapeRun::start()
{
    m_summary.startedAt = QDateTime::currentDateTimeUtc();
    auto db = m_service->m_db;
    const ScrapeTarget target = m_target;
    whenReady(QtConcurrent::run(&m_service->m_writer, [db, target]() -> Result<qint64> {
        qint64 id = 0; // 0: no row of our own (a worker's leased job records the run)
        if (!target.scheduleKey.isEmpty() && target.sourceId) {
            // A due slot runs once wherever the schedule is kept: not when a worker has queued or
            // started this slot, or any process runs the source.
            auto taken = JobRepository(db).scrapeSlotTaken(target.scheduleKey, *target.sourceId);
            if (!taken)
                return taken.error();
            if (*taken)
                return kSlotTaken;
        }
        if (target.recordJob) {
            JobRepository jobs(db);
            ScrapeJob params;
            params.marketplace = target.marketplace;
            params.target = target.target;
            params.maxPages = target.maxPages;
            params.limit = target.limit;
            Job job = Job::of(params);
            job.sourceId = target.sourceId;
            job.scheduleKey = target.scheduleKey;
            // Running from the start, leased by this process: no worker may lease it meanwhile.
            auto created = jobs.begin(job);
            if (!created)
                return created;
            if (*created == 0) // another process claimed the slot since the check above
                return kSlotTaken;
            id = *created;
        }
        SourceRepository sources(db);
        const Status s = target.sourceId ? sources.recordStatus(*target.sourceId, ScrapeStatus::Running, {}, {}, {}, 0)
                                         : sources.setMarketplaceStatus(target.marketplace, ScrapeStatus::Running, {});
        if (!s)
            return s.error();
        return id;
    }), this, [this](Result<qint64> job) {
        if (!job)
            return fail(Tr::tr("Could not record the run in the database: %1").arg(job.errorMessage()));
        if (*job == kSlotTaken) {
            // Nothing was written: the process that has the slot records the outcome.
            m_summary.status = ScrapeStatus::Idle;
            m_summary.message = Tr::tr("Another process is collecting this source now");
            m_summary.finishedAt = QDateTime::currentDateTimeUtc();
            ActivityLog::instance()->info(Tr::tr("Scraping"), Tr::tr("%1 %2: skipped, another process is collecting it")
                                                                  .arg(displayName(m_target.marketplace), m_summary.target));
            return m_service->onRunFinished(m_summary.runId, m_summary);
        }
        m_summary.jobId = *job;
        if (m_cancelRequested) {
            m_summary.status = ScrapeStatus::Cancelled;
            m_scraperDone = true;
            return maybeFinalize();
        }
        if (m_target.marketplace == Marketplace::Etsy && m_config.etsyApiKey.isEmpty()) {
            SecretStore::readAsync(SecretStore::Key::EtsyApiKey, this, [this](Result<QString> key) {
                if (!key)
                    return fail(Tr::tr("Could not read the Etsy API key: %1").arg(key.errorMessage()));
                m_config.etsyApiKey = *key;
                launchScraper();
            });
            return;
        }
        launchScraper();
    });
}

void ScrapeRun::launchScraper()
{
    if (m_cancelRequested) {
        m_summary.status = ScrapeStatus::Cancelled;
        m_summary.message = Tr::tr("Cancelled");
        m_scraperDone = true;
        return maybeFinalize();
    }
    auto scraper = Scraper::create(m_target, m_config, m_service->m_http);
    if (!scraper)
        return fail(scraper.errorMessage());
    m_scraper = std::move(scraper).value();
    connect(m_scraper.get(), &Scraper::batchReady, this, &ScrapeRun::onBatch);
    connect(m_scraper.get(), &Scraper::progress, this, [this](int items, const QString &text) {
        Q_EMIT m_service->runProgress(m_summary.runId, items, text);
        Q_EMIT m_service->progress(sourceId(), items, text);
    });
    connect(m_scraper.get(), &Scraper::finished, this, &ScrapeRun::onScraperFinished);
    m_scraper->start();
}

void ScrapeRun::onBatch(const QList<Product> &batch, qint64 resultCount)
{
    if (!m_writeError.isEmpty())
        return;
    m_summary.items += int(batch.size());
    // Converting the batch for the database (UTF-8, serialized lists) is a tenth of storing it:
    // a parse thread does it while the writer stores the batches before.
    const quint64 arrival = m_batchesArrived++;
    whenReady(QtConcurrent::run(Scraper::parsePool(), [batch, db = m_service->m_db, sourceId = m_target.sourceId] {
        QList<Product> products = batch;
        if (sourceId)
            for (Product &p : products)
                p.sourceId = sourceId;
        return PreparedProducts(std::move(products), *db);
    }), this, [this, arrival, resultCount](PreparedProducts prepared) {
        m_prepared.emplace(arrival, std::make_pair(std::move(prepared), resultCount));
        // One write at a time; batches arriving meanwhile are committed together (each commit
        // costs an fsync, which dominates on a busy disk).
        if (m_pendingWrites == 0)
            flushWrites();
        else
            queuePrepared();
        maybeFinalize();
    });
}

void ScrapeRun::queuePrepared()
{
    // Batches join the queue in the order they arrived, whatever order their preparing ended in.
    // A transaction is bounded by the text it stores: the write-ahead log grows by what one
    // transaction writes before the checkpoint after it can start it over, and a scraper that
    // outpaces the writer would otherwise put everything it fetched meanwhile into one. The bound
    // is in text, not products: each transaction also costs a fixed part (the search index's
    // segment, the statements), which at 2,000 short products a write cost Shopify collection
    // about a seventh of its rate (docs/PERFORMANCE.md, issue 13).
    for (auto next = m_prepared.find(m_batchesQueued); next != m_prepared.end(); next = m_prepared.find(m_batchesQueued)) {
        if (m_writeError.isEmpty()) {
            if (m_queued.size() >= kMaxProductsPerWrite || m_queued.textSize() >= kMaxTextPerWrite)
                break;
            m_queued.append(std::move(next->second.first));
            m_queuedResultCount = next->second.second;
        }
        m_prepared.erase(next);
        ++m_batchesQueued;
    }
}

void ScrapeRun::flushWrites()
{
    queuePrepared();
    if (m_queued.isEmpty())
        return;
    ++m_pendingWrites;
    auto db = m_service->m_db;
    const qint64 jobId = m_summary.jobId;
    const int itemsSoFar = m_summary.items;
    const qint64 resultCount = m_queuedResultCount;
    PreparedProducts products = std::exchange(m_queued, {});
    whenReady(QtConcurrent::run(&m_service->m_writer, [db, products = std::move(products), resultCount, jobId, itemsSoFar]() mutable {
        UpsertOptions options;
        options.resultCount = resultCount;
        ProductWriter writer(db);
        auto stats = writer.upsert(products, options);
        // Freeing thousands of products (with their parsed source records) is work the next batch
        // need not wait for: a pool thread does it while the writer goes on.
        Scraper::parsePool()->start([spent = std::exchange(products, {})] {});
        if (stats && jobId > 0)
            (void)JobRepository(db).progress(jobId, 0, Tr::tr("%n product(s) stored", nullptr, itemsSoFar), itemsSoFar);
        // Between two transactions: a long scrape's write-ahead log stays near its limit, as an
        // import's does (it grew with the database before).
        writer.limitWal();
        return stats;
    }), this, [this](Result<UpsertStats> stats) {
        --m_pendingWrites;
        if (!stats) {
            // Keep what is stored, stop collecting: a full disk or a broken connection won't heal mid-run.
            m_writeError = Tr::tr("Saving products failed: %1").arg(stats.errorMessage());
            m_queued = {};
            queuePrepared(); // drops what waits
            if (m_scraper)
                m_scraper->cancel();
        } else {
            m_summary.inserted += stats->inserted;
            m_summary.updated += stats->updated;
            m_summary.snapshots += stats->snapshots;
            Q_EMIT m_service->productsChanged();
            flushWrites();
        }
        maybeFinalize();
    });
}

void ScrapeRun::onScraperFinished(const ScrapeOutcome &outcome)
{
    m_scraperDone = true;
    m_summary.status = outcome.status;
    m_summary.message = outcome.message;
    m_summary.pages = outcome.pages;
    m_summary.resultCount = outcome.resultCount;
    maybeFinalize();
}

void ScrapeRun::fail(const QString &message)
{
    m_scraperDone = true;
    m_summary.status = ScrapeStatus::Error;
    m_summary.message = message;
    maybeFinalize();
}

void ScrapeRun::cancel()
{
    if (m_cancelRequested)
        return;
    m_cancelRequested = true;
    if (m_scraper)
        m_scraper->cancel();
}

void ScrapeRun::maybeFinalize()
{
    if (!m_scraperDone || m_pendingWrites > 0 || m_batchesQueued < m_batchesArrived || !m_queued.isEmpty() || m_finalizing)
        return;
    m_finalizing = true;
    if (!m_writeError.isEmpty()) {
        m_summary.status = ScrapeStatus::Error;
        m_summary.message = m_writeError;
    }
    m_summary.finishedAt = QDateTime::currentDateTimeUtc();
    if (m_scraper)
        m_scraper->disconnect(this);

    auto db = m_service->m_db;
    const ScrapeSummary summary = m_summary;
    const ScrapeTarget target = m_target;
    whenReady(QtConcurrent::run(&m_service->m_writer, [db, summary, target]() -> Status {
        Status firstError;
        auto keep = [&firstError](Status s) {
            if (!s && firstError.ok())
                firstError = s;
        };
        if (summary.resultCount >= 0 && target.marketplace != Marketplace::Shopify)
            keep(marketcounts::record(db, toKey(target.marketplace), target.target, summary.resultCount, summary.finishedAt));
        if (summary.jobId > 0)
            keep(JobRepository(db).finish(summary.jobId, jobStatusFor(summary.status), summary.items,
                                          summary.status == ScrapeStatus::Ok ? QString() : summary.message, ScrapeJobResult(summary)));
        SourceRepository sources(db);
        // A cancelled run leaves the source idle; everything else records its outcome.
        const ScrapeStatus status = summary.status == ScrapeStatus::Cancelled ? ScrapeStatus::Idle : summary.status;
        const QDateTime lastScraped = summary.status == ScrapeStatus::Ok ? summary.finishedAt : QDateTime();
        if (target.sourceId) {
            auto source = sources.findById(*target.sourceId);
            QDateTime next;
            if (source && source->has_value())
                next = Scheduler::nextRunAfter(**source, summary.finishedAt);
            keep(sources.recordStatus(*target.sourceId, status, summary.message, lastScraped, next, summary.items));
        } else {
            keep(sources.setMarketplaceStatus(target.marketplace, status, summary.message, lastScraped));
        }
        return firstError;
    }), this, [this](Status stored) {
        if (!stored)
            qCWarning(lcRun) << "recording the outcome failed:" << stored.errorMessage();
        const QString where = displayName(m_target.marketplace) + QStringLiteral(" ") + m_summary.target;
        auto *log = ActivityLog::instance();
        const QString area = Tr::tr("Scraping");
        if (m_summary.status == ScrapeStatus::Ok)
            log->add(m_summary.message.isEmpty() ? ActivityEntry::Level::Info : ActivityEntry::Level::Warning, area,
                     Tr::tr("%1: %n product(s) stored", nullptr, m_summary.items).arg(where)
                         + (m_summary.message.isEmpty() ? QString() : QStringLiteral(" — ") + m_summary.message));
        else if (m_summary.status == ScrapeStatus::Cancelled)
            log->info(area, Tr::tr("%1: cancelled, %n product(s) kept", nullptr, m_summary.items).arg(where));
        else
            log->error(area, Tr::tr("%1: %2").arg(where, m_summary.message));
        m_service->onRunFinished(m_summary.runId, m_summary);
    });
}

} // namespace podtrends::core
