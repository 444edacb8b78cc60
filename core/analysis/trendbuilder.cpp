#include "trendbuilder.h"

#include "lexicon.h"
#include "scoring.h"

#include <QCoreApplication>
#include <QJsonArray>
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

QJsonObject countsObject(const QList<Claim> &claims)
{
    QJsonObject o;
    for (const Claim &c : claims)
        o.insert(c.label, c.count);
    return o;
}

QJsonObject countsObject(const QMap<QString, int> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
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

QString TrendBuilder::priceBand(double price)
{
    if (price < 20.0)
        return QStringLiteral("budget");
    if (price < 50.0)
        return QStringLiteral("mid");
    return QStringLiteral("premium");
}

Trend TrendBuilder::build(NicheAccumulator acc, const AnalysisOptions &options)
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
        f.resultCountSource = QStringLiteral("market_counts");
    } else if (!acc.resultCounts.empty()) {
        std::sort(acc.resultCounts.begin(), acc.resultCounts.end());
        f.resultCount = acc.resultCounts[acc.resultCounts.size() / 2];
        f.resultCountSource = QStringLiteral("snapshots");
    }
    if (!options.baseCosts.isEmpty() && acc.withCost > 0) {
        f.avgMargin = std::round(double(acc.marginCentsSum) / acc.withCost) / 100.0;
        f.productsWithCost = acc.withCost;
    }
    const NicheScores s = Scoring::score(f, options.weights);
    t.demandScore = s.demand;
    t.growthScore = s.growth;
    t.competitionScore = s.competition;
    t.profitabilityScore = s.profitability;
    t.overallScore = s.overall;
    t.scoreInputs = s.inputs;
    t.avgPrice = f.avgPrice;
    t.priceRange = {{QStringLiteral("min"), acc.minPriceCents / 100.0}, {QStringLiteral("max"), acc.maxPriceCents / 100.0}};
    t.marketplaceCounts = countsObject(acc.marketplaces);

    // Audience: every claim carries the number of products that support it.
    const QList<Claim> recipients = claimsOf(acc, Lexicon::Kind::Recipient);
    const QList<Claim> occasions = claimsOf(acc, Lexicon::Kind::Occasion);
    const QList<Claim> hobbies = claimsOf(acc, Lexicon::Kind::Hobby);
    const QList<Claim> ages = claimsOf(acc, Lexicon::Kind::Age);
    const QList<Claim> genders = claimsOf(acc, Lexicon::Kind::Gender);
    QJsonObject audience;
    audience.insert(QStringLiteral("product_count"), acc.products);
    audience.insert(QStringLiteral("recipients"), countsObject(recipients));
    audience.insert(QStringLiteral("occasions"), countsObject(occasions));
    audience.insert(QStringLiteral("hobbies"), countsObject(hobbies));
    audience.insert(QStringLiteral("age"), countsObject(ages));
    audience.insert(QStringLiteral("gender"), countsObject(genders));
    audience.insert(QStringLiteral("price_sensitivity"),
                    QJsonObject{{QStringLiteral("band"), priceBand(f.avgPrice)}, {QStringLiteral("budget"), acc.budget},
                                {QStringLiteral("mid"), acc.mid}, {QStringLiteral("premium"), acc.premium}});
    audience.insert(QStringLiteral("primary_categories"), QJsonObject{{acc.category, acc.products}});
    audience.insert(QStringLiteral("product_types"), countsObject(acc.productTypes));
    QJsonArray claims;
    for (const QList<Claim> *list : {&recipients, &occasions, &hobbies, &ages, &genders}) {
        for (const Claim &c : *list) {
            if (c.count < 2 || double(c.count) / n < 0.2)
                continue;
            claims.append(QJsonObject{{QStringLiteral("kind"), Lexicon::kindKey(c.kind)}, {QStringLiteral("label"), c.label},
                                      {QStringLiteral("count"), c.count},
                                      {QStringLiteral("share"), std::round(1000.0 * c.count / n) / 1000.0}});
        }
    }
    audience.insert(QStringLiteral("claims"), claims);
    t.targetAudience = audience;

    const QList<Claim> styles = claimsOf(acc, Lexicon::Kind::Style);
    const QList<Claim> colours = claimsOf(acc, Lexicon::Kind::Colour);
    t.stylePatterns = {{QStringLiteral("product_count"), acc.products},
                       {QStringLiteral("styles"), countsObject(styles)},
                       {QStringLiteral("colors"), countsObject(colours)},
                       {QStringLiteral("dominant"), QJsonArray::fromStringList(topLabels(styles, n, 0.2, 3))}};

    // Season: dated occasions named by at least 30 % of the products make the niche seasonal; it
    // peaks in the months of the occasions close to the strongest one.
    const Lexicon &lex = Lexicon::instance();
    QJsonObject evidence;
    int strongest = 0;
    for (int id = 0; id < lex.size(); ++id)
        if (lex.term(id).kind == Lexicon::Kind::Occasion && !lex.term(id).peakMonths.isEmpty() && acc.termCounts[id] > 0) {
            evidence.insert(lex.term(id).label, acc.termCounts[id]);
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
    QJsonArray monthArray;
    for (int m : std::as_const(months))
        monthArray.append(m);
    t.season = {{QStringLiteral("evergreen"), months.isEmpty()}, {QStringLiteral("peak_months"), monthArray},
                {QStringLiteral("seasonal_share"), seasonalShare}, {QStringLiteral("evidence"), evidence}};

    // Summary and insights, written from the numbers above.
    QStringList split;
    for (auto it = acc.marketplaces.cbegin(); it != acc.marketplaces.cend(); ++it)
        split << QStringLiteral("%1 (%2)").arg(it.key()).arg(it.value());
    const bool growthMeasured = f.weeklyGrowthRate.has_value();
    const bool competitionMeasured = f.resultCount.has_value();
    t.summary = Tr::tr("\"%1\" in %2: %n product(s) on %3, priced %4–%5 (average %6). ", nullptr, acc.products)
                    .arg(t.niche, t.category.isEmpty() ? Tr::tr("all categories") : t.category, split.join(QStringLiteral(", ")),
                         money(acc.minPriceCents / 100.0), money(acc.maxPriceCents / 100.0), money(f.avgPrice))
        + Tr::tr("Demand %1 from %2 reviews at %3 stars; growth %4 (%5); competition %6 (%7); profitability %8 (%9). Overall %10.")
              .arg(QString::number(t.demandScore, 'f', 0), QString::number(acc.reviews), QString::number(f.avgRating, 'f', 1),
                   QString::number(t.growthScore, 'f', 0),
                   growthMeasured ? Tr::tr("measured over %1 days").arg(QString::number(f.historyDays, 'f', 1)) : Tr::tr("estimated from ratings"),
                   QString::number(t.competitionScore, 'f', 0),
                   competitionMeasured ? Tr::tr("%1 listings on the marketplace").arg(*f.resultCount) : Tr::tr("estimated from %n listing(s) seen", nullptr, acc.products),
                   QString::number(t.profitabilityScore, 'f', 0),
                   f.avgMargin ? Tr::tr("margin %1").arg(money(*f.avgMargin)) : Tr::tr("estimated from price"))
              .arg(QString::number(t.overallScore, 'f', 1));

    QJsonArray insights;
    if (t.competitionScore < 30)
        insights.append(Tr::tr("Low competition (%1): room for new designs.").arg(QString::number(t.competitionScore, 'f', 0)));
    else if (t.competitionScore >= 80)
        insights.append(Tr::tr("Crowded niche (competition %1): a design needs a clear angle.").arg(QString::number(t.competitionScore, 'f', 0)));
    if (growthMeasured && *f.weeklyGrowthRate > 0.005)
        insights.append(Tr::tr("Reviews and favourites grow %1% per week (measured over %2 days).")
                            .arg(QString::number(*f.weeklyGrowthRate * 100.0, 'f', 1), QString::number(f.historyDays, 'f', 1)));
    else if (growthMeasured && *f.weeklyGrowthRate < -0.005)
        insights.append(Tr::tr("Interest is falling: %1% per week.").arg(QString::number(*f.weeklyGrowthRate * 100.0, 'f', 1)));
    if (t.demandScore >= 70)
        insights.append(Tr::tr("Proven demand: %1 reviews across %n listing(s).", nullptr, acc.products).arg(acc.reviews));
    if (!recipients.isEmpty() && recipients.first().count >= 2)
        insights.append(Tr::tr("Bought for %1: %2 of %3 listings say so.").arg(recipients.first().label).arg(recipients.first().count).arg(acc.products));
    if (!occasions.isEmpty() && occasions.first().count >= 2)
        insights.append(Tr::tr("Occasion: %1 (%2 listings).").arg(occasions.first().label).arg(occasions.first().count));
    if (!styles.isEmpty() && styles.first().count >= 2)
        insights.append(Tr::tr("Most listings use a %1 style (%2 of %3).").arg(styles.first().label).arg(styles.first().count).arg(acc.products));
    if (!months.isEmpty()) {
        QStringList names;
        for (int m : std::as_const(months))
            names << monthName(m);
        insights.append(Tr::tr("Seasonal: peaks in %1; list designs a month or two ahead.").arg(names.join(QStringLiteral(", "))));
    }
    if (f.avgMargin)
        insights.append(Tr::tr("Average margin %1 per sale after base cost and fees.").arg(money(*f.avgMargin)));
    insights.append(Tr::tr("Price band: %1 (%2 budget, %3 mid, %4 premium listings).").arg(priceBand(f.avgPrice)).arg(acc.budget).arg(acc.mid).arg(acc.premium));
    t.insights = insights;
    return t;
}

} // namespace podtrends::core
