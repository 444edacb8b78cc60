#include "opportunity.h"

#include <algorithm>
#include <cmath>

namespace podtrends::core {

namespace {

double cap(double v)
{
    return std::clamp(v, 0.0, 100.0);
}

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

ScoreSignal signal(Signal s, double value, Marketplace m, DataSource source = DataSource::Listings)
{
    return ScoreSignal{s, value, source, m};
}

ScoreSignal plain(Signal s, double value, DataSource source = DataSource::Listings)
{
    return ScoreSignal{s, value, source, std::nullopt};
}

ScorePart measuredPart(double value, Provenance provenance, const QString &formula, QList<ScoreSignal> inputs)
{
    ScorePart p;
    p.value = round2(cap(value));
    p.provenance = provenance;
    p.formula = formula;
    p.inputs = std::move(inputs);
    return p;
}

ScorePart noData(const QString &formula)
{
    ScorePart p;
    p.provenance = Provenance::NoData;
    p.formula = formula;
    return p;
}

// The strongest value of each count-like signal among the niches that have it.
struct Strongest
{
    double recent = 0;
    double favorites = 0;
    double amazonReviews = 0;
    double views = 0;
    double etsyRecent = 0;
    double products = 0;
};

Strongest strongestOf(const std::vector<MarketSignals> &markets, const std::vector<NicheFigures> &figures)
{
    Strongest s;
    for (const MarketSignals &m : markets) {
        if (m.withPublished > 0)
            s.recent = std::max(s.recent, double(m.recentListings));
        if (m.withFavorites > 0)
            s.favorites = std::max(s.favorites, double(m.favorites));
        if (m.amazonProducts > 0)
            s.amazonReviews = std::max(s.amazonReviews, double(m.amazonReviews));
        if (m.withViews > 0)
            s.views = std::max(s.views, double(m.views));
        if (m.withListed > 0)
            s.etsyRecent = std::max(s.etsyRecent, double(m.etsyRecentListings));
    }
    for (const NicheFigures &f : figures)
        s.products = std::max(s.products, double(f.productCount));
    return s;
}

ScorePart demandPart(const MarketSignals &m, const MarketTotals &totals, const Strongest &top)
{
    static const QString formula = QStringLiteral(
        "mean of the signals there are: 100 × stores_carrying ÷ stores_followed; 100 × log(1 + recent_listings) ÷ log(1 + most in a "
        "niche); 100 × sold_out_share; favourites, views, Etsy listings created in the last 30 days and reviews on the same log "
        "scale; 100 × (1 − log10(median Best Sellers Rank) ÷ 6)");
    QList<double> subs;
    QList<ScoreSignal> inputs;
    if (m.shopifyProducts > 0 && totals.storesFollowed > 0) {
        subs << 100.0 * double(m.stores.size()) / totals.storesFollowed;
        inputs << signal(Signal::StoresCarrying, m.stores.size(), Marketplace::Shopify)
               << signal(Signal::StoresFollowed, totals.storesFollowed, Marketplace::Shopify);
        if (m.withPublished > 0) {
            subs << Opportunity::logScale(m.recentListings, top.recent);
            inputs << signal(Signal::RecentListings, m.recentListings, Marketplace::Shopify);
        }
        if (m.variants > 0) {
            const double share = double(m.variantsSoldOut) / double(m.variants);
            subs << 100.0 * share;
            inputs << signal(Signal::SoldOutShare, round3(share), Marketplace::Shopify);
        }
    }
    if (m.etsyProducts > 0 && m.withFavorites > 0) {
        subs << Opportunity::logScale(double(m.favorites), top.favorites);
        inputs << signal(Signal::Favorites, double(m.favorites), Marketplace::Etsy);
    }
    if (m.etsyProducts > 0 && m.withViews > 0) {
        subs << Opportunity::logScale(double(m.views), top.views);
        inputs << signal(Signal::Views, double(m.views), Marketplace::Etsy);
    }
    if (m.etsyProducts > 0 && m.withListed > 0) {
        subs << Opportunity::logScale(double(m.etsyRecentListings), top.etsyRecent);
        inputs << signal(Signal::RecentListings, m.etsyRecentListings, Marketplace::Etsy)
               << signal(Signal::ListingAgeDays, std::round(double(m.listedAgeDaysSum) / m.withListed), Marketplace::Etsy);
    }
    if (m.amazonProducts > 0) {
        subs << Opportunity::logScale(double(m.amazonReviews), top.amazonReviews);
        inputs << signal(Signal::TotalReviews, double(m.amazonReviews), Marketplace::Amazon);
    }
    if (!m.bestSellerRanks.empty()) {
        std::vector<int> ranks = m.bestSellerRanks;
        std::nth_element(ranks.begin(), ranks.begin() + qsizetype(ranks.size() / 2), ranks.end());
        const int median = ranks[ranks.size() / 2];
        subs << Opportunity::bestSellersScale(median);
        inputs << signal(Signal::BestSellerRank, median, Marketplace::Amazon);
    }
    if (subs.isEmpty())
        return noData(formula);
    double sum = 0;
    for (double v : std::as_const(subs))
        sum += v;
    return measuredPart(sum / subs.size(), Provenance::Measured, formula, std::move(inputs));
}

ScorePart growthPart(const NicheFigures &f)
{
    static const QString formula = QStringLiteral("clamp(50 + 250 × weekly_growth, 0, 100); weekly_growth from reviews, favourites and rank between scrapes");
    if (!f.weeklyGrowthRate)
        return noData(formula);
    return measuredPart(Scoring::measuredGrowth(*f.weeklyGrowthRate), Provenance::Measured, formula,
                        {plain(Signal::WeeklyGrowth, *f.weeklyGrowthRate, DataSource::Snapshots),
                         plain(Signal::HistoryDays, f.historyDays, DataSource::Snapshots),
                         plain(Signal::ProductsWithHistory, f.productsWithHistory, DataSource::Snapshots)});
}

// Competition is supply against demand: many listings where buyers are many is less crowded than
// the same listings where they are few. Discounting adds price pressure.
ScorePart competitionPart(const MarketSignals &m, const NicheFigures &f, const ScorePart &demand, const Strongest &top)
{
    static const QString formula = QStringLiteral(
        "clamp(50 + (supply − demand) ÷ 2 + 20 × discounted_share, 0, 100); supply = 20 × log10(1 + result_count), or the niche's "
        "listings on the log scale of the largest niche");
    if (!demand.value)
        return noData(formula);
    QList<ScoreSignal> inputs;
    double supply = 0;
    if (f.resultCount) {
        supply = Scoring::measuredCompetition(*f.resultCount);
        inputs << plain(Signal::ResultCount, double(*f.resultCount), f.resultCountSource);
    } else {
        supply = Opportunity::logScale(f.productCount, top.products);
        inputs << plain(Signal::ProductCount, f.productCount);
    }
    inputs << plain(Signal::DemandPart, *demand.value);
    double discounted = 0;
    if (m.variants > 0) {
        discounted = double(m.variantsDiscounted) / double(m.variants);
        inputs << signal(Signal::DiscountedShare, round3(discounted), Marketplace::Shopify);
    }
    return measuredPart(50.0 + (supply - *demand.value) / 2.0 + 20.0 * discounted, Provenance::Measured, formula, std::move(inputs));
}

ScorePart profitabilityPart(const MarketSignals &m, const NicheFigures &f)
{
    static const QString formula = QStringLiteral("clamp(5 × avg_margin, 0, 100); margin = price − base_cost − fees");
    if (f.avgMargin)
        return measuredPart(Scoring::measuredProfitability(*f.avgMargin), Provenance::Measured, formula,
                            {plain(Signal::AverageMargin, *f.avgMargin), plain(Signal::AveragePrice, f.avgPrice),
                             plain(Signal::ProductsWithCost, f.productsWithCost)});
    if (m.withTypicalCost > 0) {
        const double margin = std::round(double(m.typicalMarginCentsSum) / m.withTypicalCost) / 100.0;
        return measuredPart(Scoring::measuredProfitability(margin), Provenance::Estimated,
                            formula + QStringLiteral(" (typical base costs until you set yours)"),
                            {plain(Signal::AverageMargin, margin), plain(Signal::AveragePrice, f.avgPrice),
                             plain(Signal::ProductsWithCost, m.withTypicalCost)});
    }
    return noData(formula);
}

} // namespace

double Opportunity::logScale(double value, double strongest)
{
    if (strongest <= 0)
        return 0.0;
    return cap(100.0 * std::log1p(std::max(0.0, value)) / std::log1p(strongest));
}

double Opportunity::bestSellersScale(int rank)
{
    if (rank <= 0)
        return 0.0;
    return cap(100.0 * (1.0 - std::log10(double(rank)) / 6.0));
}

void Opportunity::score(QList<Trend> *trends, const std::vector<MarketSignals> &markets, const std::vector<NicheFigures> &figures,
                        const MarketTotals &totals, const AnalysisOptions &options)
{
    const Strongest top = strongestOf(markets, figures);
    const ScoreWeights &w = options.weights;
    for (qsizetype i = 0; i < trends->size(); ++i) {
        Trend &t = (*trends)[i];
        const MarketSignals &m = markets[size_t(i)];
        const NicheFigures &f = figures[size_t(i)];
        ScoreBreakdown &b = t.opportunity;
        b.part(ScoreComponent::Demand) = demandPart(m, totals, top);
        b.part(ScoreComponent::Growth) = growthPart(f);
        b.part(ScoreComponent::Competition) = competitionPart(m, f, b.part(ScoreComponent::Demand), top);
        b.part(ScoreComponent::Profitability) = profitabilityPart(m, f);

        static const QString formula = QStringLiteral(
            "w_d·demand + w_g·growth + w_c·(100 − competition) + w_p·profitability over the parts with data, weights rescaled to sum 1");
        if (!b.part(ScoreComponent::Demand).value) {
            b.part(ScoreComponent::Overall) = noData(formula);
            t.opportunityScore.reset();
            continue;
        }
        double sum = 0;
        double weights = 0;
        auto add = [&](ScoreComponent c, double weight, bool inverted) {
            const ScorePart &p = b.part(c);
            if (!p.value || weight <= 0)
                return;
            sum += weight * (inverted ? 100.0 - *p.value : *p.value);
            weights += weight;
        };
        add(ScoreComponent::Demand, w.demand, false);
        add(ScoreComponent::Growth, w.growth, false);
        add(ScoreComponent::Competition, w.competition, true);
        add(ScoreComponent::Profitability, w.profitability, false);
        const double value = weights > 0 ? sum / weights : *b.part(ScoreComponent::Demand).value;
        b.part(ScoreComponent::Overall) =
            measuredPart(value, Provenance::Measured, formula,
                         {plain(Signal::WeightDemand, w.demand, DataSource::Settings), plain(Signal::WeightGrowth, w.growth, DataSource::Settings),
                          plain(Signal::WeightCompetition, w.competition, DataSource::Settings),
                          plain(Signal::WeightProfitability, w.profitability, DataSource::Settings)});
        t.opportunityScore = b.part(ScoreComponent::Overall).value;
    }
}

} // namespace podtrends::core
