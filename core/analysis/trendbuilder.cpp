#include "trendbuilder.h"

#include "lexicon.h"
#include "scoring.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Analysis)
};

struct Claim
{
    Lexicon::Kind kind;
    QString label;
    int count;
};

QString money(double v)
{
    return QStringLiteral("$") + QString::number(v, 'f', 2);
}

QString monthName(int month)
{
    return QLocale::c().monthName(month, QLocale::ShortFormat);
}

// The strongest claims of one kind, most supported first (ties by label, so the order is stable).
QList<Claim> claimsOf(const NicheAccumulator &acc, Lexicon::Kind kind)
{
    const Lexicon &lex = Lexicon::instance();
    QList<Claim> out;
    for (int id = 0; id < lex.size(); ++id)
        if (lex.term(id).kind == kind && acc.termCounts[id] > 0)
            out << Claim{kind, lex.term(id).label, acc.termCounts[id]};
    std::sort(out.begin(), out.end(), [](const Claim &a, const Claim &b) { return a.count != b.count ? a.count > b.count : a.label < b.label; });
    return out;
}

EvidenceCounts countsOf(const QList<Claim> &claims)
{
    QList<EvidenceCount> counts;
    for (const Claim &c : claims)
        counts << EvidenceCount{c.label, c.count};
    return EvidenceCounts(std::move(counts));
}

AudienceKind audienceKind(Lexicon::Kind kind)
{
    switch (kind) {
    case Lexicon::Kind::Occasion: return AudienceKind::Occasion;
    case Lexicon::Kind::Hobby: return AudienceKind::Hobby;
    case Lexicon::Kind::Age: return AudienceKind::Age;
    case Lexicon::Kind::Gender: return AudienceKind::Gender;
    default: return AudienceKind::Recipient;
    }
}

QStringList topLabels(const QList<Claim> &claims, int products, double minShare, int max)
{
    QStringList out;
    for (const Claim &c : claims)
        if (out.size() < max && c.count >= 2 && double(c.count) / products >= minShare)
            out << c.label;
    return out;
}

} // namespace

Trend TrendBuilder::build(NicheAccumulator acc, const AnalysisOptions &options, NicheFigures *figures)
{
    Trend t;
    t.niche = acc.niche;
    t.category = acc.category;
    t.productCount = acc.products;
    const int n = std::max(1, acc.products);

    NicheFigures f;
    f.productCount = acc.products;
    f.totalReviews = acc.reviews;
    f.ratedProducts = acc.rated;
    f.avgRating = acc.rated > 0 ? std::round(double(acc.ratingCentiSum) / acc.rated) / 100.0 : 0.0;
    f.avgPrice = std::round(double(acc.priceCentsSum) / n) / 100.0;
    if (acc.withHistory > 0) {
        f.weeklyGrowthRate = std::round(double(acc.growthMicroSum) / acc.withHistory) / 1e6;
        f.productsWithHistory = acc.withHistory;
    }
    if (acc.historyLastMs > acc.historyFirstMs)
        f.historyDays = std::round(double(acc.historyLastMs - acc.historyFirstMs) / 864000.0) / 100.0;
    if (acc.marketResultCount) {
        f.resultCount = acc.marketResultCount;
        f.resultCountSource = DataSource::MarketCounts;
    } else if (!acc.resultCounts.empty()) {
        std::sort(acc.resultCounts.begin(), acc.resultCounts.end());
        f.resultCount = acc.resultCounts[acc.resultCounts.size() / 2];
        f.resultCountSource = DataSource::Snapshots;
    }
    if (!options.baseCosts.isEmpty() && acc.withCost > 0) {
        f.avgMargin = std::round(double(acc.marginCentsSum) / acc.withCost) / 100.0;
        f.productsWithCost = acc.withCost;
    }
    if (figures)
        *figures = f;
    const NicheScores s = Scoring::score(f, options.weights);
    t.demandScore = s.demand;
    t.growthScore = s.growth;
    t.competitionScore = s.competition;
    t.profitabilityScore = s.profitability;
    t.overallScore = s.overall;
    t.scoreInputs = s.inputs;
    t.avgPrice = f.avgPrice;
    t.priceRange = PriceRange{acc.minPriceCents / 100.0, acc.maxPriceCents / 100.0};
    for (auto it = acc.marketplaces.cbegin(); it != acc.marketplaces.cend(); ++it)
        if (const auto m = marketplaceFromKey(it.key()))
            t.marketplaceCounts.add(*m, it.value());
    // One niche across product types: its listings per type, most listings first.
    for (auto it = acc.typeFigures.cbegin(); it != acc.typeFigures.cend(); ++it) {
        ProductTypeShare share;
        share.kind = productKindFromKey(it.key());
        share.products = it.value().products;
        share.avgPrice = std::round(double(it.value().priceCentsSum) / std::max(1, it.value().products)) / 100.0;
        share.reviews = it.value().reviews;
        t.productTypes << share;
    }
    std::stable_sort(t.productTypes.begin(), t.productTypes.end(), [](const ProductTypeShare &a, const ProductTypeShare &b) {
        if (a.kind.has_value() != b.kind.has_value())
            return a.kind.has_value();
        return a.products > b.products;
    });

    // Audience: every claim carries the number of products that support it.
    const QList<Claim> recipients = claimsOf(acc, Lexicon::Kind::Recipient);
    const QList<Claim> occasions = claimsOf(acc, Lexicon::Kind::Occasion);
    const QList<Claim> hobbies = claimsOf(acc, Lexicon::Kind::Hobby);
    const QList<Claim> ages = claimsOf(acc, Lexicon::Kind::Age);
    const QList<Claim> genders = claimsOf(acc, Lexicon::Kind::Gender);
    Audience &audience = t.targetAudience;
    audience.productCount = acc.products;
    audience.recipients = countsOf(recipients);
    audience.occasions = countsOf(occasions);
    audience.hobbies = countsOf(hobbies);
    audience.ages = countsOf(ages);
    audience.genders = countsOf(genders);
    audience.priceSensitivity = PriceSensitivity{priceBandOf(f.avgPrice), acc.budget, acc.mid, acc.premium};
    QList<EvidenceCount> categories;
    for (auto it = acc.categories.cbegin(); it != acc.categories.cend(); ++it)
        categories << EvidenceCount{it.key(), it.value()};
    if (categories.isEmpty())
        categories << EvidenceCount{acc.category, acc.products};
    audience.primaryCategories = EvidenceCounts(categories);
    for (auto it = acc.productTypes.cbegin(); it != acc.productTypes.cend(); ++it)
        if (const auto kind = productKindFromKey(it.key()))
            audience.productKinds.insert(*kind, it.value());
    for (const QList<Claim> *list : {&recipients, &occasions, &hobbies, &ages, &genders}) {
        for (const Claim &c : *list) {
            if (c.count < 2 || double(c.count) / n < 0.2)
                continue;
            audience.claims << AudienceClaim{audienceKind(c.kind), c.label, c.count, std::round(1000.0 * c.count / n) / 1000.0};
        }
    }

    const QList<Claim> styles = claimsOf(acc, Lexicon::Kind::Style);
    const QList<Claim> colours = claimsOf(acc, Lexicon::Kind::Colour);
    t.stylePatterns.productCount = acc.products;
    t.stylePatterns.styles = countsOf(styles);
    t.stylePatterns.colours = countsOf(colours);
    t.stylePatterns.dominant = topLabels(styles, n, 0.2, 3);

    // Season: dated occasions named by at least 30 % of the products make the niche seasonal; it
    // peaks in the months of the occasions close to the strongest one.
    const Lexicon &lex = Lexicon::instance();
    QList<EvidenceCount> evidence;
    int strongest = 0;
    for (int id = 0; id < lex.size(); ++id)
        if (lex.term(id).kind == Lexicon::Kind::Occasion && !lex.term(id).peakMonths.isEmpty() && acc.termCounts[id] > 0) {
            evidence << EvidenceCount{lex.term(id).label, acc.termCounts[id]};
            strongest = std::max(strongest, acc.termCounts[id]);
        }
    const double seasonalShare = std::round(1000.0 * acc.seasonalProducts / n) / 1000.0;
    QList<int> months;
    if (seasonalShare >= 0.3) {
        for (int id = 0; id < lex.size(); ++id)
            if (lex.term(id).kind == Lexicon::Kind::Occasion && !lex.term(id).peakMonths.isEmpty() && acc.termCounts[id] * 2 >= strongest)
                for (int m : lex.term(id).peakMonths)
                    if (!months.contains(m))
                        months << m;
        std::sort(months.begin(), months.end());
    }
    t.season.peakMonths = months;
    t.season.seasonalShare = seasonalShare;
    t.season.evidence = EvidenceCounts(std::move(evidence));

    // Summary and insights, written from the numbers above.
    QStringList split;
    for (Marketplace m : t.marketplaceCounts.marketplaces())
        split << QStringLiteral("%1 (%2)").arg(displayName(m)).arg(t.marketplaceCounts.count(m));
    const bool growthMeasured = f.weeklyGrowthRate.has_value();
    // The scores' sentences follow once the niche is calibrated on the market (Opportunity).
    t.summary = Tr::tr("\"%1\" in %2: %n product(s) on %3, priced %4–%5 (average %6).", nullptr, acc.products)
                    .arg(t.niche, t.category.isEmpty() ? Tr::tr("all categories") : t.category, split.join(QStringLiteral(", ")),
                         money(acc.minPriceCents / 100.0), money(acc.maxPriceCents / 100.0), money(f.avgPrice));

    QStringList insights;
    if (t.competitionScore < 30)
        insights << Tr::tr("Low competition (%1): room for new designs.").arg(QString::number(t.competitionScore, 'f', 0));
    else if (t.competitionScore >= 80)
        insights << Tr::tr("Crowded niche (competition %1): a design needs a clear angle.").arg(QString::number(t.competitionScore, 'f', 0));
    if (growthMeasured && *f.weeklyGrowthRate > 0.005)
        insights << Tr::tr("Reviews and favourites grow %1% per week (measured over %2 days).")
                            .arg(QString::number(*f.weeklyGrowthRate * 100.0, 'f', 1), QString::number(f.historyDays, 'f', 1));
    else if (growthMeasured && *f.weeklyGrowthRate < -0.005)
        insights << Tr::tr("Interest is falling: %1% per week.").arg(QString::number(*f.weeklyGrowthRate * 100.0, 'f', 1));
    if (t.demandScore >= 70)
        insights << Tr::tr("Proven demand: %1 reviews across %n listing(s).", nullptr, acc.products).arg(acc.reviews);
    if (!recipients.isEmpty() && recipients.first().count >= 2)
        insights << Tr::tr("Bought for %1: %2 of %3 listings say so.")
                         .arg(audienceWords(AudienceKind::Recipient, recipients.first().label))
                         .arg(recipients.first().count)
                         .arg(acc.products);
    if (!occasions.isEmpty() && occasions.first().count >= 2)
        insights << Tr::tr("Occasion: %1 (%2 listings).").arg(audienceWords(AudienceKind::Occasion, occasions.first().label)).arg(occasions.first().count);
    if (!styles.isEmpty() && styles.first().count >= 2)
        insights << Tr::tr("Most listings use a %1 style (%2 of %3).").arg(styles.first().label).arg(styles.first().count).arg(acc.products);
    if (!months.isEmpty()) {
        QStringList names;
        for (int m : std::as_const(months))
            names << monthName(m);
        insights << Tr::tr("Seasonal: peaks in %1; list designs a month or two ahead.").arg(names.join(QStringLiteral(", ")));
    }
    if (f.avgMargin)
        insights << Tr::tr("Average margin %1 per sale after base cost and fees.").arg(money(*f.avgMargin));
    insights << Tr::tr("Average price %1, in the %2 range; listings: %3.")
                     .arg(money(f.avgPrice), priceRangeText(priceBandOf(f.avgPrice)), audience.priceSensitivity.describe());
    t.insights = insights;
    return t;
}

} // namespace podtrends::core
