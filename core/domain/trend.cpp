#include "trend.h"

#include <core/util/json.h>

namespace podtrends::core {

QJsonObject ProductTypeShare::toJson() const
{
    return QJsonObject{{QStringLiteral("type"), kind ? toKey(*kind) : QStringLiteral("other")},
                       {QStringLiteral("products"), products},
                       {QStringLiteral("avg_price"), avgPrice},
                       {QStringLiteral("reviews"), reviews}};
}

ProductTypeShare ProductTypeShare::fromJson(const QJsonObject &o)
{
    ProductTypeShare s;
    s.kind = productKindFromKey(o.value(QStringLiteral("type")).toString());
    s.products = o.value(QStringLiteral("products")).toInt();
    s.avgPrice = o.value(QStringLiteral("avg_price")).toDouble();
    s.reviews = o.value(QStringLiteral("reviews")).toInteger();
    return s;
}

QJsonArray productTypesToJson(const QList<ProductTypeShare> &types)
{
    QJsonArray a;
    for (const ProductTypeShare &s : types)
        a << s.toJson();
    return a;
}

QList<ProductTypeShare> productTypesFromJson(const QJsonArray &array)
{
    QList<ProductTypeShare> out;
    for (const QJsonValue &v : array)
        if (v.isObject())
            out << ProductTypeShare::fromJson(v.toObject());
    return out;
}

QJsonObject Trend::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("niche"), niche);
    o.insert(QStringLiteral("category"), category);
    o.insert(QStringLiteral("demand_score"), demandScore);
    o.insert(QStringLiteral("competition_score"), competitionScore);
    o.insert(QStringLiteral("growth_score"), growthScore);
    o.insert(QStringLiteral("profitability_score"), profitabilityScore);
    o.insert(QStringLiteral("overall_score"), overallScore);
    o.insert(QStringLiteral("marketplace_counts"), marketplaceCounts.toJson());
    o.insert(QStringLiteral("avg_price"), avgPrice);
    o.insert(QStringLiteral("price_range"), priceRange.toJson());
    o.insert(QStringLiteral("target_audience"), targetAudience.toJson());
    o.insert(QStringLiteral("style_patterns"), stylePatterns.toJson());
    o.insert(QStringLiteral("score_inputs"), scoreInputs.toJson());
    o.insert(QStringLiteral("opportunity_score"), opportunityScore ? QJsonValue(*opportunityScore) : QJsonValue());
    o.insert(QStringLiteral("opportunity"), opportunity.toJson());
    o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    o.insert(QStringLiteral("season"), season.toJson());
    o.insert(QStringLiteral("summary"), summary);
    o.insert(QStringLiteral("insights"), QJsonArray::fromStringList(insights));
    o.insert(QStringLiteral("product_count"), productCount);
    o.insert(QStringLiteral("parent_id"), parentId ? QJsonValue(*parentId) : QJsonValue());
    o.insert(QStringLiteral("parent"), parentNiche.isEmpty() ? QJsonValue() : QJsonValue(parentNiche));
    o.insert(QStringLiteral("product_types"), productTypesToJson(productTypes));
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("updated_at"), json::fromDateTime(updatedAt));
    return o;
}

QStringList Trend::protectedNames() const
{
    static const QLatin1String prefix("protected_name: ");
    QStringList names;
    for (const QString &w : warnings)
        if (w.startsWith(prefix))
            names << w.mid(prefix.size());
    return names;
}

Trend Trend::fromJson(const QJsonObject &o)
{
    Trend t;
    t.id = o.value(QStringLiteral("id")).toInteger();
    t.niche = o.value(QStringLiteral("niche")).toString();
    t.category = o.value(QStringLiteral("category")).toString();
    t.demandScore = o.value(QStringLiteral("demand_score")).toDouble();
    t.competitionScore = o.value(QStringLiteral("competition_score")).toDouble();
    t.growthScore = o.value(QStringLiteral("growth_score")).toDouble();
    t.profitabilityScore = o.value(QStringLiteral("profitability_score")).toDouble();
    t.overallScore = o.value(QStringLiteral("overall_score")).toDouble();
    t.marketplaceCounts = MarketplaceCounts::fromJson(o.value(QStringLiteral("marketplace_counts")).toObject());
    t.avgPrice = o.value(QStringLiteral("avg_price")).toDouble();
    t.priceRange = PriceRange::fromJson(o.value(QStringLiteral("price_range")).toObject());
    t.targetAudience = Audience::fromJson(o.value(QStringLiteral("target_audience")).toObject());
    t.stylePatterns = StylePatterns::fromJson(o.value(QStringLiteral("style_patterns")).toObject());
    t.scoreInputs = ScoreBreakdown::fromJson(o.value(QStringLiteral("score_inputs")).toObject());
    if (o.value(QStringLiteral("opportunity_score")).isDouble())
        t.opportunityScore = o.value(QStringLiteral("opportunity_score")).toDouble();
    t.opportunity = ScoreBreakdown::fromJson(o.value(QStringLiteral("opportunity")).toObject());
    t.warnings = json::toStringList(o.value(QStringLiteral("warnings")).toArray());
    t.season = Season::fromJson(o.value(QStringLiteral("season")).toObject());
    t.summary = o.value(QStringLiteral("summary")).toString();
    t.insights = json::toStringList(o.value(QStringLiteral("insights")).toArray());
    t.productCount = o.value(QStringLiteral("product_count")).toInt();
    if (o.value(QStringLiteral("parent_id")).isDouble())
        t.parentId = o.value(QStringLiteral("parent_id")).toInteger();
    t.parentNiche = o.value(QStringLiteral("parent")).toString();
    t.productTypes = productTypesFromJson(o.value(QStringLiteral("product_types")).toArray());
    t.createdAt = json::dateTimeFrom(o.value(QStringLiteral("created_at")).toString());
    t.updatedAt = json::dateTimeFrom(o.value(QStringLiteral("updated_at")).toString());
    return t;
}

} // namespace podtrends::core
