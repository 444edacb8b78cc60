#pragma once

#include <core/domain/marketplace.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace podtrends::core {

/** Where a score's value comes from. Stored as its key. */
enum class Provenance : quint8 {
    Measured,  ///< computed from data that measures it (snapshots, result counts, costs)
    Estimated, ///< a stand-in formula over other data (the seed's formulas)
    NoData,    ///< nothing to compute it from: the value is unset, never a measured 0
};

/** "measured", "estimated", "no_data". */
const QString &toKey(Provenance provenance);
std::optional<Provenance> provenanceFromKey(QStringView key);
/** "measured", "estimated", "no data", translated. */
QString displayName(Provenance provenance);

/** A figure a score is computed from. Stored as its key ("total_reviews", …). */
enum class Signal : quint8 {
    TotalReviews,
    AverageRating,
    RatedProducts,
    WeeklyGrowth,        ///< relative change per week of reviews/favourites/rank
    HistoryDays,
    ProductsWithHistory,
    ResultCount,         ///< the marketplace's count of competing listings
    ProductCount,        ///< listings seen in the database
    AverageMargin,       ///< price − base cost − fees, in dollars
    AveragePrice,
    ProductsWithCost,
    WeightDemand,        ///< the overall score's weights (settings)
    WeightGrowth,
    WeightCompetition,
    WeightProfitability,
    // Signals of the opportunity score (what each marketplace really publishes).
    StoresCarrying,      ///< Shopify: distinct stores with a listing in the niche
    StoresFollowed,      ///< Shopify: distinct stores in the database
    RecentListings,      ///< Shopify: listings published in the last 30 days (`published_at`)
    SoldOutShare,        ///< Shopify: share 0–1 of variants not `available`
    DiscountedShare,     ///< Shopify: share 0–1 of variants with `compare_at_price` above the price
    Favorites,           ///< Etsy: `num_favorers`, summed
    BestSellerRank,      ///< Amazon: the median Best Sellers Rank of the niche's listings
    DemandPart,          ///< the opportunity's demand part (competition is measured against it)
    Views,               ///< Etsy: `views`, summed over the listings that report them
    ListingAgeDays,      ///< Etsy: days since the listings were first created, on average
};

/** "total_reviews", "avg_rating", "rated_products", "weekly_growth", … (the seed's variable names). */
const QString &toKey(Signal signal);
std::optional<Signal> signalFromKey(QStringView key);

/** Where a signal was read. Stored as its key. */
enum class DataSource : quint8 { Listings, Snapshots, MarketCounts, Settings };

/** "listings", "snapshots", "market_counts", "settings". */
const QString &toKey(DataSource source);
std::optional<DataSource> dataSourceFromKey(QStringView key);

/** One figure behind a score: what it is, its value, where it was read and (when one) the marketplace. */
struct ScoreSignal
{
    Signal signal = Signal::ProductCount;
    double value = 0.0;
    DataSource source = DataSource::Listings;
    std::optional<Marketplace> marketplace;

    /** The figure in a seller's words: "1,204 reviews", "4.6 stars on average", "3.1 % more a week". */
    QString describe() const;

    friend bool operator==(const ScoreSignal &a, const ScoreSignal &b)
    {
        return a.signal == b.signal && a.value == b.value && a.source == b.source && a.marketplace == b.marketplace;
    }
};

/** One 0–100 score, how it was obtained and from what. */
struct ScorePart
{
    std::optional<double> value;       ///< unset when Provenance::NoData
    Provenance provenance = Provenance::NoData;
    QString formula;                   ///< as written, e.g. "min(100, total_reviews/10 + avg_rating×5)"
    QList<ScoreSignal> inputs;         ///< ("signals" would collide with Qt's keyword)
    std::optional<double> seedValue;   ///< the seed's formula on the same niche, for comparison

    bool isMeasured() const { return provenance == Provenance::Measured; }
    /** The value of a signal, if the part used it. */
    std::optional<double> input(Signal which) const;
    /** The signals in words, joined: "1,204 reviews, 4.6 stars on average, 12 rated listings". */
    QString evidence() const;

    friend bool operator==(const ScorePart &a, const ScorePart &b)
    {
        return a.value == b.value && a.provenance == b.provenance && a.formula == b.formula && a.inputs == b.inputs
               && a.seedValue == b.seedValue;
    }
};

/** The parts of a score. Stored as their keys ("demand", …). */
enum class ScoreComponent : quint8 { Demand, Growth, Competition, Profitability, Overall };

/** "demand", "growth", "competition", "profitability", "overall". */
const QString &toKey(ScoreComponent component);
std::optional<ScoreComponent> scoreComponentFromKey(QStringView key);
/** "Demand", "Growth", …, translated. */
QString displayName(ScoreComponent component);
/** Every component, Overall last. */
const QList<ScoreComponent> &allScoreComponents();

/**
 * A score with its parts (demand, growth, competition, profitability and the overall score that
 * weighs them), each with its value, provenance, formula and signals. The seed's scores are one
 * breakdown (trends.score_inputs); a second score with the same parts fits the same type.
 */
struct ScoreBreakdown
{
    std::array<ScorePart, 5> parts; ///< indexed by ScoreComponent

    const ScorePart &part(ScoreComponent c) const { return parts.at(std::size_t(c)); }
    ScorePart &part(ScoreComponent c) { return parts.at(std::size_t(c)); }

    /**
     * {"demand": {"value", "measured", "source" (the provenance key), "formula", "signals": [{"name",
     * "value", "source", "marketplace"}], "inputs": {name: value} (the same signals by name, with
     * "result_count_source" and "weights" as before), "seed_value"}, "growth": …, "overall": …}.
     */
    QJsonObject toJson() const;
    /** Reads rows written before "signals" existed from their "inputs". */
    static ScoreBreakdown fromJson(const QJsonObject &object);

    friend bool operator==(const ScoreBreakdown &a, const ScoreBreakdown &b) { return a.parts == b.parts; }
};

} // namespace podtrends::core
