#pragma once

#include <core/domain/scorebreakdown.h>

#include <QString>

#include <optional>

namespace podtrends::core {

/** Weights of the overall score (settings; the seed's 0.25 each by default). */
struct ScoreWeights
{
    double demand = 0.25;
    double growth = 0.25;
    double competition = 0.25; ///< applied to (100 − competition)
    double profitability = 0.25;
};

/** What is known about one niche when it is scored. */
struct NicheFigures
{
    int productCount = 0;
    qint64 totalReviews = 0;
    double avgRating = 0.0;          ///< over products with a rating
    int ratedProducts = 0;
    double avgPrice = 0.0;

    // Measured inputs; unset when the data does not exist.
    std::optional<double> weeklyGrowthRate; ///< relative change per week of reviews/favourites/rank
    double historyDays = 0.0;
    int productsWithHistory = 0;
    std::optional<qint64> resultCount;      ///< the marketplace's own count of competing listings
    DataSource resultCountSource = DataSource::MarketCounts; ///< MarketCounts or Snapshots
    std::optional<double> avgMargin;        ///< price − base cost − fees, averaged
    int productsWithCost = 0;
};

/** The five 0–100 scores and every input behind them. */
struct NicheScores
{
    double demand = 0.0;
    double growth = 0.0;
    double competition = 0.0;
    double profitability = 0.0;
    double overall = 0.0;
    ScoreBreakdown inputs; ///< per score: value, provenance, formula, signals, seed value
};

/**
 * The seed's scoring formulas, each capped at 100, and the measured formulas the opportunity score
 * uses (growth from snapshots, competition from result counts, profitability from margins). Pure.
 */
class Scoring final
{
public:
    static double seedDemand(qint64 totalReviews, double avgRating);
    static double seedGrowth(double avgRating);
    static double seedCompetition(int productCount);
    static double seedProfitability(double avgPrice, double avgRating);
    /** clamp(50 + 250 × weekly rate, 0, 100): flat = 50, +20 %/week = 100. */
    static double measuredGrowth(double weeklyRate);
    /** min(100, 20 × log10(1 + results)): 100 results ≈ 40, 100,000 = 100. */
    static double measuredCompetition(qint64 resultCount);
    /** clamp(5 × average margin, 0, 100): a $20 margin per sale = 100. */
    static double measuredProfitability(double avgMargin);
    /** Weighted sum, weights normalized to sum 1 (the seed's 0.25 each are unchanged by that). */
    static double overall(double demand, double growth, double competition, double profitability, const ScoreWeights &weights);

    /** The seed's scores of a niche, exactly as the seed defines them (measured inputs feed the opportunity score instead). */
    static NicheScores score(const NicheFigures &figures, const ScoreWeights &weights);
};

} // namespace podtrends::core
