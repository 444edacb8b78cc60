#pragma once

#include <core/domain/trend.h>
#include <core/storage/database.h>

#include <memory>
#include <optional>

namespace podtrends::core {

/** How trends are ordered: by the opportunity score (default) or by the seed's overall score. */
enum class TrendSort { Opportunity, Overall };

struct TrendFilter
{
    QString niche;        ///< substring, case-insensitive
    QString category;
    QString marketplace;  ///< trends with at least one product there
    double minScore = -1; ///< on overall_score
    double minOpportunity = -1; ///< on opportunity_score (trends without one are left out)
    bool withoutWarnings = false; ///< leave out trends flagged with a warning (protected names)
    TrendSort sort = TrendSort::Opportunity;
    int limit = -1;
    qint64 offset = 0;
};

/** One product's first and last observation (growth input). */
struct SnapshotSpan
{
    qint64 productId = 0;
    int snapshots = 0;
    qint64 firstMs = 0;        ///< msecs since epoch, UTC
    qint64 lastMs = 0;
    int firstReviews = 0;
    int lastReviews = 0;
    int firstFavorites = -1;
    int lastFavorites = -1;
    int firstRank = -1;
    int lastRank = -1;
    qint64 resultCount = -1;   ///< the latest known marketplace result count, -1 when none
};

/** The latest result count a marketplace reported for a query. */
struct MarketCount
{
    QString marketplace;
    QString query;
    qint64 resultCount = 0;
    QDateTime observedAt;
};

/** The products of one trend in an analysis result, with the trend each had before. */
struct TrendMembers
{
    QList<qint64> productIds;
    QList<qint64> previousTrendIds; ///< same length; 0 when the product had no trend
};

struct TrendSaveStats
{
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;            ///< trends whose stored row already held this result (not rewritten)
    int deleted = 0;
    int keptForDesigns = 0;       ///< stale trends kept because designs refer to them
    qint64 productsAssigned = 0;  ///< products whose trend_id changed
    qint64 productsCleared = 0;
};

/** One day of a trend's snapshot history. */
struct TrendHistoryPoint
{
    QDate day;
    qint64 reviews = 0;     ///< the products' latest review counts that day, summed
    double avgPrice = 0.0;
    int products = 0;
};

/** Typed access to trends. Use from one thread (its connection). */
class TrendRepository final
{
public:
    explicit TrendRepository(std::shared_ptr<Database> db);

    /** Ordered by `filter.sort`: opportunity_score descending (trends without one last), or overall_score descending; then id. */
    Result<QList<Trend>> list(const TrendFilter &filter = {});
    Result<qint64> count(const TrendFilter &filter = {});
    Result<std::optional<Trend>> findById(qint64 id);

    /**
     * Writes an analysis result in one transaction: upserts every trend by (niche, category)
     * (created_at survives; ids are written back into `trends`), sets products.trend_id for the
     * members whose trend changed, clears it for `clearProductIds`, and deletes trends that are no
     * longer in the result unless a design refers to them (those keep their row with 0 products).
     */
    Result<TrendSaveStats> saveAnalysis(QList<Trend> *trends, const QList<TrendMembers> &members,
                                        const QList<qint64> &clearProductIds);
    /** From how many changed products saveAnalysis() uses one bulk UPDATE (default 20,000; tests lower it). */
    static void setBulkAssignThreshold(size_t changes);
    /** First/last snapshot per product that has two or more snapshots or a result count, by product id. */
    Result<QList<SnapshotSpan>> snapshotSpans();
    /** The newest count per (marketplace, query). */
    Result<QList<MarketCount>> latestMarketCounts();
    /** Per day: the trend's products' review totals and average price from snapshots. */
    Result<QList<TrendHistoryPoint>> history(qint64 trendId);

    static QString trendColumns();
    static Trend fromRecord(const QSqlQuery &query, int firstColumn = 0);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
