#include "jobhandlers.h"

#include <core/analysis/trendanalyzer.h>
#include <core/design/designgenerator.h>
#include <core/jobs/jobhandlers.h>
#include <core/jobs/jobqueue.h>
#include <core/publishing/publishjob.h>
#include <core/scraping/scrapeservice.h>
#include <core/storage/jobrepository.h>
#include <core/storage/sourcerepository.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace podtrends::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(JobHandlers)
};

// Runs on a worker slot thread: the thread's own event loop drives ScrapeService's network replies.
core::Result<core::JobResult> scrapeJob(core::JobContext &context)
{
    const qint64 sourceId = context.payloadAs<core::ScrapeJob>().sourceId.value_or(context.job().sourceId.value_or(0));
    if (sourceId <= 0)
        return core::Error{Tr::tr("The scrape job names no source"), 2};
    auto source = core::SourceRepository(context.database()).findById(sourceId);
    if (!source)
        return source.error();
    if (!source->has_value())
        return core::Error{Tr::tr("Source %1 no longer exists").arg(sourceId), 2};
    core::ScrapeService service(context.database());
    QEventLoop loop;
    std::optional<core::ScrapeSummary> summary;
    QObject::connect(&service, &core::ScrapeService::runFinished, &loop, [&](const core::ScrapeSummary &s) {
        summary = s;
        loop.quit();
    });
    QObject::connect(&service, &core::ScrapeService::runProgress, &loop, [&context](qint64, int items, const QString &text) {
        context.reportProgress(0.5, text, items);
    });
    QTimer cancelCheck;
    QObject::connect(&cancelCheck, &QTimer::timeout, &loop, [&] {
        if (context.isCancelled())
            service.cancelAll();
    });
    cancelCheck.start(250);
    if (service.start(**source, false) == 0) // this leased job row is the run's record
        return core::Error{Tr::tr("Source %1 is being scraped already").arg(sourceId), 1};
    loop.exec();
    if (!summary)
        return core::Error{Tr::tr("The scrape ended without a result"), 1};
    if (summary->status == core::ScrapeStatus::Cancelled && context.isCancelled())
        return core::JobContext::cancelled();
    if (!summary->succeeded())
        return core::Error{summary->message.isEmpty() ? core::displayName(summary->status) : summary->message, 1};
    // The seed's flow: collected listings are analysed next. One queued analysis serves every
    // scrape that finishes before a worker picks it up.
    if (summary->items > 0) {
        if (auto queued = enqueueAnalysis(context.database()); !queued)
            qWarning().noquote() << "could not queue the analysis:" << queued.errorMessage();
    }
    return core::JobResult(core::ScrapeJobResult(*summary));
}

// Finds and scores niches over the stored products (TrendAnalyzer, the same run as `podtrends
// analyze` and the Trends page), reporting its phases as job progress.
core::Result<core::JobResult> analyzeJob(core::JobContext &context)
{
    core::AnalysisOptions options = core::AnalysisOptions::fromSettings();
    options.recordJob = false; // this leased job row is the record
    const int minProducts = context.payloadAs<core::AnalyzeJob>().minProducts;
    if (minProducts > 0)
        options.minProducts = minProducts;
    std::atomic_bool cancel{false};
    core::TrendAnalyzer analyzer(context.database(), options);
    auto stats = analyzer.run(&cancel, [&](double fraction, const QString &text) {
        cancel = context.isCancelled();
        context.reportProgress(fraction, text, 0);
    });
    if (!stats) {
        if (context.isCancelled())
            return core::JobContext::cancelled();
        return stats.error();
    }
    return core::JobResult(stats->toJobResult());
}

// Generates designs for a trend (queued by POST /api/v1/trends/{id}/generate). The generator
// blocks and runs its variants on the pool; the progress callback relays the cancel request.
core::Result<core::JobResult> generateJob(core::JobContext &context)
{
    const core::GenerateJob params = context.payloadAs<core::GenerateJob>();
    core::GenerateRequest request;
    request.trendId = params.trendId;
    request.variants = params.variants;
    request.provider = params.provider.isEmpty() ? QStringLiteral("builtin") : params.provider;
    if (request.trendId <= 0)
        return core::Error{Tr::tr("The generate job names no trend"), 2};
    if (request.provider == QLatin1String("openai"))
        request.openai = core::OpenAiSettings::load();
    std::atomic_bool cancel{false};
    core::DesignGenerator generator(context.database());
    auto report = generator.generate(request, [&](int done, int total, const QString &step) {
        cancel = context.isCancelled();
        context.reportProgress(total > 0 ? double(done) / total : 0.0, step, done);
    }, &cancel);
    if (!report)
        return report.error();
    if (report->cancelled)
        return core::JobContext::cancelled();
    core::GenerateJobResult result;
    for (const core::VariantOutcome &v : report->variants) {
        if (v.designId > 0)
            result.designIds.append(v.designId);
        if (!v.error.isEmpty())
            result.errors.append(v.error);
    }
    if (result.designIds.isEmpty())
        return core::Error{result.errors.isEmpty() ? Tr::tr("No design was generated") : result.errors.first(), 1};
    return core::JobResult(result);
}

} // namespace

void registerJobHandlers()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    core::JobHandlers::registerHandler(core::JobKind::Scrape, &scrapeJob);
    core::JobHandlers::registerHandler(core::JobKind::Analyze, &analyzeJob);
    core::JobHandlers::registerHandler(core::JobKind::Generate, &generateJob);
    core::registerPublishJobHandler();
}

core::Result<bool> enqueueAnalysis(const std::shared_ptr<core::Database> &db)
{
    QSqlQuery waiting(db->connection());
    if (!waiting.exec(QStringLiteral("SELECT 1 FROM jobs WHERE kind = 'analyze' AND status = 'queued'")))
        return core::Error{core::describeSqlError(waiting), 1};
    if (waiting.next())
        return false;
    const core::Job job = core::Job::of(core::AnalyzeJob{});
    if (auto id = core::JobQueue(db).enqueue(job); !id)
        return id.error();
    return true;
}

core::Result<int> enqueueDueScrapes(const std::shared_ptr<core::Database> &db)
{
    core::JobQueue queue(db);
    auto due = core::SourceRepository(db).due(queue.now());
    if (!due)
        return due.error();
    int queued = 0;
    for (const core::Source &source : std::as_const(*due)) {
        core::ScrapeJob params;
        params.sourceId = source.id;
        core::Job job = core::Job::of(params);
        job.sourceId = source.id;
        job.scheduleKey = source.scheduleKey();
        // A source whose previous slot is still queued or running gets no second job.
        auto taken = core::JobRepository(db).scrapeSlotTaken(job.scheduleKey, source.id);
        if (!taken)
            return taken.error();
        if (*taken)
            continue;
        // Another process may queue the same slot between the check and here: the UNIQUE key
        // makes that a no-op.
        if (auto id = queue.enqueue(job); !id)
            return id.error();
        ++queued;
    }
    return queued;
}

} // namespace podtrends::app
