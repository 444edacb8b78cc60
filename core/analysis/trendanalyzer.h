#pragma once

#include <core/analysis/analysisinput.h>
#include <core/analysis/analysisoptions.h>
#include <core/analysis/nicheextractor.h>
#include <core/domain/jobresult.h>
#include <core/domain/trend.h>
#include <core/storage/trendrepository.h>

#include <QJsonObject>

#include <atomic>
#include <functional>
#include <memory>

namespace podtrends::core {

/** What an analysis produced, before it is written. */
struct AnalysisResult
{
    QList<Trend> trends;            ///< by opportunity score (desc; none last), then overall score, niche, category
    QList<TrendMembers> members;    ///< same order as trends
    QList<qint64> clearProductIds;  ///< products that had a trend and now have none
    qint64 products = 0;
    qint64 assignedProducts = 0;
};

/** Timings and counts of one run (the CLI prints them, the benchmark records them). */
struct AnalysisStats
{
    qint64 products = 0;
    qint64 assignedProducts = 0;
    qint64 featuresComputed = 0; ///< products whose stored features were missing (a database from before, edited rows)
    int trends = 0;
    TrendSaveStats saved;
    qint64 readMs = 0;     ///< products, snapshots and market counts
    qint64 computeMs = 0;  ///< niches, accumulation, scores
    qint64 writeMs = 0;    ///< trends upserted and products assigned

    /** The "analyze" job's result. */
    AnalyzeJobResult toJobResult() const;
    /** The job result's JSON (`analyze --json`). */
    QJsonObject toJson() const;
};

/**
 * The analysis pipeline: reads products, finds niches (QtConcurrent map over slices of products,
 * reduce of phrase counts), accumulates each niche, scores it and writes trends in one
 * transaction. Results do not depend on the number of threads: per-product work is pure,
 * niche ids are ordered by key, and all sums are integers.
 */
class TrendAnalyzer final
{
public:
    /** fraction 0–1 and a short, translated description of the current phase. */
    using Progress = std::function<void(double fraction, const QString &text)>;

    explicit TrendAnalyzer(std::shared_ptr<Database> db, AnalysisOptions options = {});

    /** Reads, computes and writes. Cancelling leaves the stored trends untouched. */
    Result<AnalysisStats> run(const std::atomic_bool *cancel = nullptr, const Progress &progress = {});

    /**
     * The threads a run uses for `requested` (0: one per core), bounded by the machine: at most
     * four per core (8 on small machines). The work is CPU-bound and each thread costs memory and
     * descriptors: 1100 threads under the usual limit of 1024 open files aborted the program.
     */
    static int threadCount(int requested);

    /** The pure middle part: trends from rows, snapshot spans (by product id) and market counts. */
    static Result<AnalysisResult> compute(const QList<AnalysisRow> &rows, const QList<SnapshotSpan> &spans,
                                          const QList<MarketCount> &marketCounts, const AnalysisOptions &options,
                                          const std::atomic_bool *cancel = nullptr, const Progress &progress = {});

    /** Rows with title and tags (JSON) for the given row indexes: phrase texts and protected-name checks. */
    using TextSource = std::function<Result<QHash<qsizetype, AnalysisRow>>(const QList<qsizetype> &rowIndexes)>;
    /**
     * compute() over features already extracted (`stored`: slices of the rows, counts not filled;
     * empty: extract from the rows' text). Only the texts of a few rows per niche are asked for.
     */
    static Result<AnalysisResult> computeFeatures(const QList<AnalysisRow> &rows, std::vector<std::shared_ptr<NicheExtractor::Chunk>> stored,
                                                  const TextSource &texts, const QList<SnapshotSpan> &spans,
                                                  const QList<MarketCount> &marketCounts, const AnalysisOptions &options,
                                                  const std::atomic_bool *cancel = nullptr, const Progress &progress = {});

private:
    std::shared_ptr<Database> m_db;
    AnalysisOptions m_options;
};

} // namespace podtrends::core
