#pragma once

#include <core/domain/design.h>
#include <core/domain/marketplace.h>
#include <core/domain/source.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>
#include <variant>

namespace podtrends::core {

enum class JobKind : quint8;

/** What a scrape or an import stored: the result of "scrape" and "import" jobs. */
struct ScrapeJobResult
{
    qint64 runId = 0;
    std::optional<qint64> sourceId;
    qint64 jobId = 0;
    JobKind kind{};                            ///< Scrape or Import
    std::optional<Marketplace> marketplace;    ///< unset for imports of mixed files
    QString target;                            ///< URL, keywords, or the imported paths
    ScrapeStatus status = ScrapeStatus::Idle;  ///< Ok, Error, Blocked or Cancelled once finished
    QString message;                           ///< error / block reason / partial-result warning
    int items = 0;                             ///< products received
    int inserted = 0;
    int updated = 0;
    int snapshots = 0;
    int pages = 0;                             ///< pages (scrape) or files (import)
    int skipped = 0;                           ///< import: files that were not recognised
    qint64 resultCount = -1;
    QDateTime startedAt;
    QDateTime finishedAt;

    friend bool operator==(const ScrapeJobResult &, const ScrapeJobResult &) = default;
};

/** What an analysis run found and how long its phases took: the result of "analyze" jobs. */
struct AnalyzeJobResult
{
    qint64 products = 0;
    qint64 assignedProducts = 0;
    int trends = 0;
    int inserted = 0;
    int updated = 0;
    int deleted = 0;
    qint64 readMs = 0;
    qint64 computeMs = 0;
    qint64 writeMs = 0;

    friend bool operator==(const AnalyzeJobResult &, const AnalyzeJobResult &) = default;
};

/** The designs a "generate" job made and the variants that failed. */
struct GenerateJobResult
{
    QList<qint64> designIds;
    QStringList errors;

    friend bool operator==(const GenerateJobResult &, const GenerateJobResult &) = default;
};

/** A publish run's summary (the result of "publish" jobs and `publish --json`); ids and URLs
 *  not made yet are 0 / empty. */
struct PublishJobResult
{
    struct Printful
    {
        qint64 fileId = 0;
        qint64 productId = 0;
        QString externalId;
        QString url;
        friend bool operator==(const Printful &, const Printful &) = default;
    };
    struct Shopify
    {
        QString productId;
        QString handle;
        QString status;
        QString adminUrl;
        friend bool operator==(const Shopify &, const Shopify &) = default;
    };

    qint64 designId = 0;
    DesignStatus status = DesignStatus::Draft;
    QString publicFileUrl;
    QStringList skus;
    std::optional<Printful> printful;  ///< set when the plan publishes to Printful
    std::optional<Shopify> shopify;    ///< set when the plan publishes to Shopify

    friend bool operator==(const PublishJobResult &, const PublishJobResult &) = default;
};

/** The summary of a publish run's outcome. */
PublishJobResult publishJobResult(const PublishOutcome &outcome);

/** The result of the test kind "noop". */
struct NoopJobResult
{
    bool ok = true;
    friend bool operator==(const NoopJobResult &, const NoopJobResult &) = default;
};

/** The result of the test kind "sleep". */
struct SleepJobResult
{
    int sleptMs = 0;
    friend bool operator==(const SleepJobResult &, const SleepJobResult &) = default;
};

/** A run whose process ended before it finished (written by JobLeases::reap). The schedule slot
 *  it held is given up and kept here. */
struct InterruptedJobResult
{
    QString scheduleKey;
    friend bool operator==(const InterruptedJobResult &, const InterruptedJobResult &) = default;
};

/** A job's result, one type per kind; std::monostate: none (queued, running or failed). */
using JobResult = std::variant<std::monostate, ScrapeJobResult, AnalyzeJobResult, GenerateJobResult, PublishJobResult,
                               NoopJobResult, SleepJobResult, InterruptedJobResult>;

/** The one JSON pair of job results (the jobs.result column, REST and `--json`); the text is the
 *  one stored before results were typed. std::monostate is {}. */
QJsonObject toJson(const JobResult &result);
/** Reads a stored result of the given kind. Lenient, like the columns it reads: a missing or
 *  mistyped value keeps its default; {} and null are std::monostate. */
JobResult jobResultFromJson(JobKind kind, const QJsonObject &object);

} // namespace podtrends::core
