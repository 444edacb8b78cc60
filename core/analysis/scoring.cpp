#include "scoring.h"

#include <algorithm>
#include <cmath>

namespace podtrends::core {

namespace {

double cap(double v)
{
    return std::clamp(v, 0.0, 100.0);
}

// Scores are stored with two decimals so that the same input always prints the same value.
double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

ScorePart part(double value, bool measured, const QString &formula, QList<ScoreSignal> inputs, double seedValue)
{
    ScorePart p;
    p.value = round2(value);
    p.provenance = measured ? Provenance::Measured : Provenance::Estimated;
    p.formula = formula;
    p.inputs = std::move(inputs);
    p.seedValue = round2(seedValue);
    return p;
}

ScoreSignal listings(Signal signal, double value)
{
    return ScoreSignal{signal, value, DataSource::Listings, std::nullopt};
}

} // namespace

double Scoring::seedDemand(qint64 totalReviews, double avgRating)
{
    return cap(double(totalReviews) / 10.0 + avgRating * 5.0);
}

double Scoring::seedGrowth(double avgRating)
{
    return cap(avgRating * 20.0 + 10.0);
}

double Scoring::seedCompetition(int productCount)
{
    return cap(double(productCount));
}

double Scoring::seedProfitability(double avgPrice, double avgRating)
{
    return cap(avgPrice / 50.0 * 50.0 + avgRating * 10.0);
}

double Scoring::measuredGrowth(double weeklyRate)
{
    return cap(50.0 + 250.0 * weeklyRate);
}

double Scoring::measuredCompetition(qint64 resultCount)
{
    return cap(20.0 * std::log10(1.0 + double(std::max<qint64>(0, resultCount))));
}

double Scoring::measuredProfitability(double avgMargin)
{
    return cap(5.0 * avgMargin);
}

double Scoring::overall(double demand, double growth, double competition, double profitability, const ScoreWeights &w)
{
    const double sum = w.demand + w.growth + w.competition + w.profitability;
    if (sum <= 0.0)
        return 0.0;
    return cap((w.demand * demand + w.growth * growth + w.competition * (100.0 - competition) + w.profitability * profitability) / sum);
}

NicheScores Scoring::score(const NicheFigures &f, const ScoreWeights &weights)
{
    NicheScores s;
    const double seedD = seedDemand(f.totalReviews, f.avgRating);
    const double seedG = seedGrowth(f.avgRating);
    const double seedC = seedCompetition(f.productCount);
    const double seedP = seedProfitability(f.avgPrice, f.avgRating);
    ScoreBreakdown &b = s.inputs;

    s.demand = seedD;
    b.part(ScoreComponent::Demand) =
        part(s.demand, true, QStringLiteral("min(100, total_reviews/10 + avg_rating×5)"),
             {listings(Signal::TotalReviews, double(f.totalReviews)), listings(Signal::AverageRating, f.avgRating),
              listings(Signal::RatedProducts, f.ratedProducts)},
             seedD);

    if (f.weeklyGrowthRate) {
        s.growth = measuredGrowth(*f.weeklyGrowthRate);
        b.part(ScoreComponent::Growth) =
            part(s.growth, true, QStringLiteral("clamp(50 + 250×weekly_growth, 0, 100)"),
                 {ScoreSignal{Signal::WeeklyGrowth, *f.weeklyGrowthRate, DataSource::Snapshots, std::nullopt},
                  ScoreSignal{Signal::HistoryDays, f.historyDays, DataSource::Snapshots, std::nullopt},
                  ScoreSignal{Signal::ProductsWithHistory, double(f.productsWithHistory), DataSource::Snapshots, std::nullopt}},
                 seedG);
    } else {
        s.growth = seedG;
        b.part(ScoreComponent::Growth) =
            part(s.growth, false, QStringLiteral("min(100, avg_rating×20 + 10)"),
                 {listings(Signal::AverageRating, f.avgRating), ScoreSignal{Signal::HistoryDays, f.historyDays, DataSource::Snapshots, std::nullopt}},
                 seedG);
    }

    if (f.resultCount) {
        s.competition = measuredCompetition(*f.resultCount);
        b.part(ScoreComponent::Competition) =
            part(s.competition, true, QStringLiteral("min(100, 20×log10(1 + result_count))"),
                 {ScoreSignal{Signal::ResultCount, double(*f.resultCount), f.resultCountSource, std::nullopt},
                  listings(Signal::ProductCount, f.productCount)},
                 seedC);
    } else {
        s.competition = seedC;
        b.part(ScoreComponent::Competition) =
            part(s.competition, false, QStringLiteral("min(100, product_count)"), {listings(Signal::ProductCount, f.productCount)}, seedC);
    }

    if (f.avgMargin) {
        s.profitability = measuredProfitability(*f.avgMargin);
        b.part(ScoreComponent::Profitability) =
            part(s.profitability, true, QStringLiteral("clamp(5×avg_margin, 0, 100); margin = price − base_cost − fees"),
                 {listings(Signal::AverageMargin, *f.avgMargin), listings(Signal::AveragePrice, f.avgPrice),
                  listings(Signal::ProductsWithCost, f.productsWithCost)},
                 seedP);
    } else {
        s.profitability = seedP;
        b.part(ScoreComponent::Profitability) =
            part(s.profitability, false, QStringLiteral("min(100, avg_price/50×50 + avg_rating×10)"),
                 {listings(Signal::AveragePrice, f.avgPrice), listings(Signal::AverageRating, f.avgRating)}, seedP);
    }

    s.demand = round2(s.demand);
    s.growth = round2(s.growth);
    s.competition = round2(s.competition);
    s.profitability = round2(s.profitability);
    s.overall = round2(overall(s.demand, s.growth, s.competition, s.profitability, weights));
    auto weight = [](Signal signal, double value) { return ScoreSignal{signal, value, DataSource::Settings, std::nullopt}; };
    b.part(ScoreComponent::Overall) =
        part(s.overall, f.weeklyGrowthRate || f.resultCount || f.avgMargin,
             QStringLiteral("w_d·demand + w_g·growth + w_c·(100 − competition) + w_p·profitability"),
             {weight(Signal::WeightDemand, weights.demand), weight(Signal::WeightGrowth, weights.growth),
              weight(Signal::WeightCompetition, weights.competition), weight(Signal::WeightProfitability, weights.profitability)},
             overall(seedD, seedG, seedC, seedP, weights));
    return s;
}

} // namespace podtrends::core
