#pragma once

#include <core/analysis/analysisoptions.h>
#include <core/analysis/scoring.h>
#include <core/domain/trend.h>

#include <QSet>

#include <optional>
#include <vector>

namespace podtrends::core {

/**
 * What each marketplace publishes about one niche's listings, counted (integers, so that the order
 * products are added in never matters).
 */
struct MarketSignals
{
    // Shopify storefronts (products.json): stores, published_at, variants' available and compare_at_price.
    int shopifyProducts = 0;
    QSet<int> stores;              ///< store ids (AnalysisRow::store)
    int withPublished = 0;         ///< listings with a published_at
    int recentListings = 0;        ///< published in the 30 days before the analysis
    qint64 variants = 0;
    qint64 variantsSoldOut = 0;
    qint64 variantsDiscounted = 0;
    // Etsy: num_favorers, views (single-listing records only), listing age (original_creation_timestamp).
    int etsyProducts = 0;
    int withFavorites = 0;
    qint64 favorites = 0;
    int withViews = 0;
    qint64 views = 0;
    int withListed = 0;
    int etsyRecentListings = 0;    ///< first listed in the 30 days before the analysis
    qint64 listedAgeDaysSum = 0;
    // Amazon: reviews (every listing publishes its count, 0 included), Best Sellers Rank where read.
    int amazonProducts = 0;
    qint64 amazonReviews = 0;
    std::vector<int> bestSellerRanks;
    // Margins with the typical base costs, when the user has not set any.
    qint64 typicalMarginCentsSum = 0;
    int withTypicalCost = 0;
};

/** The market the niches are calibrated on: figures over the whole database. */
struct MarketTotals
{
    int storesFollowed = 0; ///< distinct Shopify stores with products
};

/**
 * The opportunity score: demand, growth, competition and profitability, each 0–100 or unset (no
 * data), calibrated on the market in the database — demand on log scales relative to the
 * strongest niche of the same signal, competition measured against demand — and weighed like the
 * overall score (settings' weights) over the parts that have data. Pure.
 */
class Opportunity final
{
public:
    /** Days a listing counts as recent. */
    static constexpr int RecentDays = 30;

    /**
     * Scores every trend (trends[i] from markets[i] and figures[i]): sets opportunityScore and
     * opportunity. A trend without any demand signal gets no opportunity score.
     */
    static void score(QList<Trend> *trends, const std::vector<MarketSignals> &markets, const std::vector<NicheFigures> &figures,
                      const MarketTotals &totals, const AnalysisOptions &options);

    /** 100 × log(1 + value) / log(1 + strongest): the strongest niche of a signal is 100, a tenth of it about half. */
    static double logScale(double value, double strongest);
    /** A Best Sellers Rank on a fixed log scale: #1 is 100, #1,000 is 50, #1,000,000 and beyond 0. */
    static double bestSellersScale(int rank);
};

} // namespace podtrends::core
