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
    // The seed's formulas, exactly, in the seed's fields. What they stand in for is measured by the
    // opportunity score; here a part is "estimated" when its inputs exist and "no data" when they
    // do not (a Shopify niche has no reviews or ratings: its seed demand is 0, not a measured 0).
    NicheScores s;
    s.demand = round2(seedDemand(f.totalReviews, f.avgRating));
    s.growth = round2(seedGrowth(f.avgRating));
    s.competition = round2(seedCompetition(f.productCount));
    s.profitability = round2(seedProfitability(f.avgPrice, f.avgRating));
    s.overall = round2(overall(s.demand, s.growth, s.competition, s.profitability, weights));
    ScoreBreakdown &b = s.inputs;
    const bool rated = f.ratedProducts > 0;
    auto seedPart = [](double value, bool hasData, const QString &formula, QList<ScoreSignal> inputs) {
        ScorePart p = part(value, false, formula, std::move(inputs), value);
        if (!hasData) {
            p.value.reset();
            p.provenance = Provenance::NoData;
        }
        return p;
    };
    b.part(ScoreComponent::Demand) =
        seedPart(s.demand, f.totalReviews > 0 || rated, QStringLiteral("min(100, total_reviews/10 + avg_rating×5)"),
                 {listings(Signal::TotalReviews, double(f.totalReviews)), listings(Signal::AverageRating, f.avgRating),
                  listings(Signal::RatedProducts, f.ratedProducts)});
    b.part(ScoreComponent::Growth) =
        seedPart(s.growth, rated, QStringLiteral("min(100, avg_rating×20 + 10)"), {listings(Signal::AverageRating, f.avgRating)});
    b.part(ScoreComponent::Competition) =
        seedPart(s.competition, f.productCount > 0, QStringLiteral("min(100, product_count)"), {listings(Signal::ProductCount, f.productCount)});
    b.part(ScoreComponent::Profitability) =
        seedPart(s.profitability, f.avgPrice > 0, QStringLiteral("min(100, avg_price/50×50 + avg_rating×10)"),
                 {listings(Signal::AveragePrice, f.avgPrice), listings(Signal::AverageRating, f.avgRating)});
    auto weight = [](Signal signal, double value) { return ScoreSignal{signal, value, DataSource::Settings, std::nullopt}; };
    b.part(ScoreComponent::Overall) =
        seedPart(s.overall, true, QStringLiteral("w_d·demand + w_g·growth + w_c·(100 − competition) + w_p·profitability"),
                 {weight(Signal::WeightDemand, weights.demand), weight(Signal::WeightGrowth, weights.growth),
                  weight(Signal::WeightCompetition, weights.competition), weight(Signal::WeightProfitability, weights.profitability)});
    return s;
}

} // namespace podtrends::core
