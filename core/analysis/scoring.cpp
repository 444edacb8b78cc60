#include "scoring.h"

#include <QJsonArray>

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

QJsonObject part(double value, bool measured, const QString &formula, const QJsonObject &inputs, double seedValue)
{
    QJsonObject o;
    o.insert(QStringLiteral("value"), round2(value));
    o.insert(QStringLiteral("measured"), measured);
    o.insert(QStringLiteral("source"), measured ? QStringLiteral("measured") : QStringLiteral("estimated"));
    o.insert(QStringLiteral("formula"), formula);
    o.insert(QStringLiteral("inputs"), inputs);
    o.insert(QStringLiteral("seed_value"), round2(seedValue));
    return o;
}

} // namespace

QJsonObject ScoreWeights::toJson() const
{
    return {{QStringLiteral("demand"), demand}, {QStringLiteral("growth"), growth},
            {QStringLiteral("competition"), competition}, {QStringLiteral("profitability"), profitability}};
}

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

    s.demand = seedD;
    s.inputs.insert(QStringLiteral("demand"),
                    part(s.demand, true, QStringLiteral("min(100, total_reviews/10 + avg_rating×5)"),
                         {{QStringLiteral("total_reviews"), f.totalReviews}, {QStringLiteral("avg_rating"), f.avgRating},
                          {QStringLiteral("rated_products"), f.ratedProducts}},
                         seedD));

    if (f.weeklyGrowthRate) {
        s.growth = measuredGrowth(*f.weeklyGrowthRate);
        s.inputs.insert(QStringLiteral("growth"),
                        part(s.growth, true, QStringLiteral("clamp(50 + 250×weekly_growth, 0, 100)"),
                             {{QStringLiteral("weekly_growth"), *f.weeklyGrowthRate}, {QStringLiteral("history_days"), f.historyDays},
                              {QStringLiteral("products_with_history"), f.productsWithHistory}},
                             seedG));
    } else {
        s.growth = seedG;
        s.inputs.insert(QStringLiteral("growth"),
                        part(s.growth, false, QStringLiteral("min(100, avg_rating×20 + 10)"),
                             {{QStringLiteral("avg_rating"), f.avgRating}, {QStringLiteral("history_days"), f.historyDays}}, seedG));
    }

    if (f.resultCount) {
        s.competition = measuredCompetition(*f.resultCount);
        s.inputs.insert(QStringLiteral("competition"),
                        part(s.competition, true, QStringLiteral("min(100, 20×log10(1 + result_count))"),
                             {{QStringLiteral("result_count"), *f.resultCount}, {QStringLiteral("result_count_source"), f.resultCountSource},
                              {QStringLiteral("product_count"), f.productCount}},
                             seedC));
    } else {
        s.competition = seedC;
        s.inputs.insert(QStringLiteral("competition"),
                        part(s.competition, false, QStringLiteral("min(100, product_count)"),
                             {{QStringLiteral("product_count"), f.productCount}}, seedC));
    }

    if (f.avgMargin) {
        s.profitability = measuredProfitability(*f.avgMargin);
        s.inputs.insert(QStringLiteral("profitability"),
                        part(s.profitability, true, QStringLiteral("clamp(5×avg_margin, 0, 100); margin = price − base_cost − fees"),
                             {{QStringLiteral("avg_margin"), *f.avgMargin}, {QStringLiteral("avg_price"), f.avgPrice},
                              {QStringLiteral("products_with_cost"), f.productsWithCost}},
                             seedP));
    } else {
        s.profitability = seedP;
        s.inputs.insert(QStringLiteral("profitability"),
                        part(s.profitability, false, QStringLiteral("min(100, avg_price/50×50 + avg_rating×10)"),
                             {{QStringLiteral("avg_price"), f.avgPrice}, {QStringLiteral("avg_rating"), f.avgRating}}, seedP));
    }

    s.demand = round2(s.demand);
    s.growth = round2(s.growth);
    s.competition = round2(s.competition);
    s.profitability = round2(s.profitability);
    s.overall = round2(overall(s.demand, s.growth, s.competition, s.profitability, weights));
    s.inputs.insert(QStringLiteral("overall"),
                    part(s.overall, f.weeklyGrowthRate || f.resultCount || f.avgMargin,
                         QStringLiteral("w_d·demand + w_g·growth + w_c·(100 − competition) + w_p·profitability"),
                         {{QStringLiteral("weights"), weights.toJson()}},
                         overall(seedD, seedG, seedC, seedP, weights)));
    return s;
}

} // namespace podtrends::core
