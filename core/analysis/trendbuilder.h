#pragma once

#include <core/analysis/analysisoptions.h>
#include <core/analysis/opportunity.h>
#include <core/domain/trend.h>

#include <QMap>

#include <optional>
#include <vector>

namespace podtrends::core {

/**
 * Everything counted about one niche. Sums are integers (cents, centi-stars, micro-rates) so
 * that adding products in any order — on any number of threads — gives identical results.
 */
struct NicheAccumulator
{
    QString niche;
    QString category;
    int products = 0;
    qint64 reviews = 0;
    qint64 ratingCentiSum = 0;
    int rated = 0;
    qint64 priceCentsSum = 0;
    qint64 minPriceCents = -1;
    qint64 maxPriceCents = -1;
    int budget = 0;            ///< products under 20
    int mid = 0;               ///< products under 50
    int premium = 0;
    QMap<QString, int> marketplaces;   ///< by marketplace key
    QMap<QString, int> productTypes;   ///< by ProductKind key
    QMap<QString, int> categories;     ///< by the listings' category; `category` is the commonest
    struct TypeFigures
    {
        int products = 0;
        qint64 priceCentsSum = 0;
        qint64 reviews = 0;
    };
    QMap<QString, TypeFigures> typeFigures; ///< by ProductKind key, "" for listings naming no type
    std::vector<int> termCounts; ///< per lexicon label: products mentioning it
    int seasonalProducts = 0;    ///< products naming any dated occasion
    qint64 marginCentsSum = 0;
    int withCost = 0;
    qint64 growthMicroSum = 0;   ///< per-product weekly rates × 1e6
    int withHistory = 0;
    qint64 historyFirstMs = 0;
    qint64 historyLastMs = 0;
    std::vector<qint64> resultCounts; ///< per product, latest snapshot result counts
    std::optional<qint64> marketResultCount; ///< from market_counts for this phrase
    MarketSignals market;         ///< what each marketplace publishes (opportunity score)
    /** The most reviewed/favourited listings' titles (protected-name check), best first. */
    std::vector<std::pair<qint64, QString>> topTitles;
};

/** Turns a niche's counts into a Trend: scores, audience, styles, season, summary, insights. */
class TrendBuilder final
{
public:
    /** `figures`, when given, receives what the scores were computed from (the opportunity score reads it). */
    static Trend build(NicheAccumulator acc, const AnalysisOptions &options, NicheFigures *figures = nullptr);
};

} // namespace podtrends::core
