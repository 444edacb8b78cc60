#include "scorebreakdown.h"

#include "keytable.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ScoreBreakdown)
};

const detail::KeyTable<Provenance, 3> &provenanceKeys()
{
    static const detail::KeyTable<Provenance, 3> table({"measured", "estimated", "no_data"});
    return table;
}

const detail::KeyTable<Signal, 25> &signalKeys()
{
    static const detail::KeyTable<Signal, 25> table(
        {"total_reviews", "avg_rating", "rated_products", "weekly_growth", "history_days", "products_with_history", "result_count",
         "product_count", "avg_margin", "avg_price", "products_with_cost", "weight_demand", "weight_growth", "weight_competition",
         "weight_profitability", "stores_carrying", "stores_followed", "recent_listings", "sold_out_share", "discounted_share",
         "favorites", "best_seller_rank", "demand", "views", "listing_age_days"});
    return table;
}

const detail::KeyTable<DataSource, 4> &sourceKeys()
{
    static const detail::KeyTable<DataSource, 4> table({"listings", "snapshots", "market_counts", "settings"});
    return table;
}

const detail::KeyTable<ScoreComponent, 5> &componentKeys()
{
    static const detail::KeyTable<ScoreComponent, 5> table({"demand", "growth", "competition", "profitability", "overall"});
    return table;
}

// The overall score's weights were stored as one "weights" object inside "inputs".
constexpr std::pair<Signal, ScoreComponent> kWeights[] = {{Signal::WeightDemand, ScoreComponent::Demand},
                                                          {Signal::WeightGrowth, ScoreComponent::Growth},
                                                          {Signal::WeightCompetition, ScoreComponent::Competition},
                                                          {Signal::WeightProfitability, ScoreComponent::Profitability}};

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

QJsonObject partToJson(const ScorePart &p)
{
    QJsonArray signalsJson;
    QJsonObject inputs;
    QJsonObject weights;
    for (const ScoreSignal &s : p.inputs) {
        QJsonObject o{{QStringLiteral("name"), toKey(s.signal)}, {QStringLiteral("value"), s.value}, {QStringLiteral("source"), toKey(s.source)}};
        if (s.marketplace)
            o.insert(QStringLiteral("marketplace"), toKey(*s.marketplace));
        signalsJson.append(o);
        bool weight = false;
        for (const auto &[signal, component] : kWeights)
            if (s.signal == signal) {
                weights.insert(toKey(component), s.value);
                weight = true;
            }
        if (weight)
            continue;
        inputs.insert(toKey(s.signal), s.value);
        if (s.signal == Signal::ResultCount)
            inputs.insert(QStringLiteral("result_count_source"), toKey(s.source));
    }
    if (!weights.isEmpty())
        inputs.insert(QStringLiteral("weights"), weights);
    QJsonObject o;
    o.insert(QStringLiteral("value"), p.value ? QJsonValue(*p.value) : QJsonValue());
    o.insert(QStringLiteral("measured"), p.isMeasured());
    o.insert(QStringLiteral("source"), toKey(p.provenance));
    o.insert(QStringLiteral("formula"), p.formula);
    o.insert(QStringLiteral("signals"), signalsJson);
    o.insert(QStringLiteral("inputs"), inputs);
    o.insert(QStringLiteral("seed_value"), p.seedValue ? QJsonValue(*p.seedValue) : QJsonValue());
    return o;
}

// Rows written before "signals" existed carry only "inputs": {name: number, "result_count_source":
// "market_counts"|"snapshots", "weights": {demand, …}}. Every input then came from the listings,
// but for the result count (its recorded source) and the weights (settings).
QList<ScoreSignal> signalsFromInputs(const QJsonObject &inputs)
{
    QList<ScoreSignal> out;
    for (auto it = inputs.begin(); it != inputs.end(); ++it) {
        if (it.key() == QLatin1String("weights")) {
            const QJsonObject w = it.value().toObject();
            for (const auto &[signal, component] : kWeights)
                if (w.contains(toKey(component)))
                    out << ScoreSignal{signal, w.value(toKey(component)).toDouble(), DataSource::Settings, std::nullopt};
            continue;
        }
        const auto signal = signalFromKey(it.key());
        if (!signal || !it.value().isDouble())
            continue;
        ScoreSignal s{*signal, it.value().toDouble(), DataSource::Listings, std::nullopt};
        if (*signal == Signal::ResultCount)
            s.source = dataSourceFromKey(inputs.value(QStringLiteral("result_count_source")).toString()).value_or(DataSource::MarketCounts);
        out << s;
    }
    return out;
}

ScorePart partFromJson(const QJsonObject &o)
{
    ScorePart p;
    if (o.value(QStringLiteral("value")).isDouble())
        p.value = o.value(QStringLiteral("value")).toDouble();
    p.provenance = provenanceFromKey(o.value(QStringLiteral("source")).toString())
                       .value_or(o.value(QStringLiteral("measured")).toBool() ? Provenance::Measured
                                 : p.value                                    ? Provenance::Estimated
                                                                              : Provenance::NoData);
    if (p.provenance == Provenance::NoData)
        p.value.reset();
    p.formula = o.value(QStringLiteral("formula")).toString();
    if (o.contains(QStringLiteral("signals"))) {
        for (const QJsonValue &v : o.value(QStringLiteral("signals")).toArray()) {
            const QJsonObject s = v.toObject();
            const auto signal = signalFromKey(s.value(QStringLiteral("name")).toString());
            if (!signal)
                continue;
            p.inputs << ScoreSignal{*signal, s.value(QStringLiteral("value")).toDouble(),
                                    dataSourceFromKey(s.value(QStringLiteral("source")).toString()).value_or(DataSource::Listings),
                                    marketplaceFromKey(s.value(QStringLiteral("marketplace")).toString())};
        }
    } else {
        p.inputs = signalsFromInputs(o.value(QStringLiteral("inputs")).toObject());
    }
    if (o.value(QStringLiteral("seed_value")).isDouble())
        p.seedValue = o.value(QStringLiteral("seed_value")).toDouble();
    return p;
}

} // namespace

const QString &toKey(Provenance provenance)
{
    return provenanceKeys().key(provenance);
}

std::optional<Provenance> provenanceFromKey(QStringView key)
{
    return provenanceKeys().find(key);
}

QString displayName(Provenance provenance)
{
    switch (provenance) {
    case Provenance::Measured: return Tr::tr("measured");
    case Provenance::Estimated: return Tr::tr("estimated");
    case Provenance::NoData: return Tr::tr("no data");
    }
    return {};
}

const QString &toKey(Signal signal)
{
    return signalKeys().key(signal);
}

std::optional<Signal> signalFromKey(QStringView key)
{
    return signalKeys().find(key);
}

const QString &toKey(DataSource source)
{
    return sourceKeys().key(source);
}

std::optional<DataSource> dataSourceFromKey(QStringView key)
{
    return sourceKeys().find(key);
}

QString ScoreSignal::describe() const
{
    // Singular and plural spelled out: the texts are read in English without a plural catalogue.
    const qint64 n = qint64(value);
    const QString count = QLocale().toString(n);
    switch (signal) {
    case Signal::TotalReviews: return n == 1 ? Tr::tr("1 review") : Tr::tr("%1 reviews").arg(count);
    case Signal::AverageRating: return value > 0 ? Tr::tr("%1 stars on average").arg(number(value, 1)) : Tr::tr("no ratings");
    case Signal::RatedProducts: return n == 1 ? Tr::tr("1 rated listing") : Tr::tr("%1 rated listings").arg(count);
    case Signal::WeeklyGrowth:
        return value >= 0 ? Tr::tr("%1 % more a week").arg(number(value * 100.0, 1)) : Tr::tr("%1 % less a week").arg(number(-value * 100.0, 1));
    case Signal::HistoryDays: return Tr::tr("%1 days of history").arg(number(value, 1));
    case Signal::ProductsWithHistory: return n == 1 ? Tr::tr("1 listing followed over time") : Tr::tr("%1 listings followed over time").arg(count);
    case Signal::ResultCount:
        return source == DataSource::MarketCounts ? Tr::tr("%1 competing listings in the marketplace's search").arg(count)
                                                  : Tr::tr("%1 competing listings on the scraped pages").arg(count);
    case Signal::ProductCount: return n == 1 ? Tr::tr("1 listing seen") : Tr::tr("%1 listings seen").arg(count);
    case Signal::AverageMargin: return Tr::tr("$%1 margin per sale on average").arg(number(value, 2));
    case Signal::AveragePrice: return Tr::tr("$%1 average price").arg(number(value, 2));
    case Signal::ProductsWithCost: return n == 1 ? Tr::tr("1 listing with a known base cost") : Tr::tr("%1 listings with a known base cost").arg(count);
    case Signal::WeightDemand: return Tr::tr("demand counts %1 %").arg(number(value * 100.0, 0));
    case Signal::WeightGrowth: return Tr::tr("growth counts %1 %").arg(number(value * 100.0, 0));
    case Signal::WeightCompetition: return Tr::tr("low competition counts %1 %").arg(number(value * 100.0, 0));
    case Signal::WeightProfitability: return Tr::tr("profitability counts %1 %").arg(number(value * 100.0, 0));
    case Signal::StoresCarrying: return n == 1 ? Tr::tr("carried by 1 store") : Tr::tr("carried by %1 stores").arg(count);
    case Signal::StoresFollowed: return n == 1 ? Tr::tr("1 store followed") : Tr::tr("%1 stores followed").arg(count);
    case Signal::RecentListings:
        return n == 1 ? Tr::tr("1 listing published in the last 30 days") : Tr::tr("%1 listings published in the last 30 days").arg(count);
    case Signal::SoldOutShare: return Tr::tr("%1 % of variants sold out").arg(number(value * 100.0, 0));
    case Signal::DiscountedShare: return Tr::tr("%1 % of variants discounted").arg(number(value * 100.0, 0));
    case Signal::Favorites: return n == 1 ? Tr::tr("1 favourite") : Tr::tr("%1 favourites").arg(count);
    case Signal::BestSellerRank: return Tr::tr("typical Best Sellers Rank #%1").arg(count);
    case Signal::DemandPart: return Tr::tr("demand %1 of 100").arg(number(value, 0));
    case Signal::Views: return n == 1 ? Tr::tr("1 view") : Tr::tr("%1 views").arg(count);
    case Signal::ListingAgeDays: return n == 1 ? Tr::tr("listed 1 day ago on average") : Tr::tr("listed %1 days ago on average").arg(count);
    }
    return {};
}

std::optional<double> ScorePart::input(Signal which) const
{
    for (const ScoreSignal &s : inputs)
        if (s.signal == which)
            return s.value;
    return std::nullopt;
}

QString ScorePart::evidence() const
{
    QStringList words;
    const std::optional<double> followed = input(Signal::StoresFollowed);
    for (const ScoreSignal &s : inputs) {
        if (s.signal == Signal::StoresFollowed && input(Signal::StoresCarrying))
            continue; // said with the stores carrying the niche
        if (s.signal == Signal::StoresCarrying && followed) {
            words << Tr::tr("carried by %1 of %2 stores you follow").arg(QLocale().toString(qint64(s.value)), QLocale().toString(qint64(*followed)));
            continue;
        }
        words << s.describe();
    }
    return words.join(QStringLiteral(", "));
}

const QString &toKey(ScoreComponent component)
{
    return componentKeys().key(component);
}

std::optional<ScoreComponent> scoreComponentFromKey(QStringView key)
{
    return componentKeys().find(key);
}

QString displayName(ScoreComponent component)
{
    switch (component) {
    case ScoreComponent::Demand: return Tr::tr("Demand");
    case ScoreComponent::Growth: return Tr::tr("Growth");
    case ScoreComponent::Competition: return Tr::tr("Competition");
    case ScoreComponent::Profitability: return Tr::tr("Profitability");
    case ScoreComponent::Overall: return Tr::tr("Overall");
    }
    return {};
}

const QList<ScoreComponent> &allScoreComponents()
{
    static const QList<ScoreComponent> all{ScoreComponent::Demand, ScoreComponent::Growth, ScoreComponent::Competition,
                                           ScoreComponent::Profitability, ScoreComponent::Overall};
    return all;
}

QJsonObject ScoreBreakdown::toJson() const
{
    QJsonObject o;
    for (ScoreComponent c : allScoreComponents())
        o.insert(toKey(c), partToJson(part(c)));
    return o;
}

ScoreBreakdown ScoreBreakdown::fromJson(const QJsonObject &o)
{
    ScoreBreakdown b;
    for (ScoreComponent c : allScoreComponents())
        if (o.value(toKey(c)).isObject())
            b.part(c) = partFromJson(o.value(toKey(c)).toObject());
    return b;
}

} // namespace podtrends::core
