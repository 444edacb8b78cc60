#pragma once

#include <core/domain/audience.h>
#include <core/domain/marketplace.h>
#include <core/domain/pricerange.h>
#include <core/domain/productkind.h>
#include <core/domain/scorebreakdown.h>
#include <core/domain/season.h>
#include <core/domain/stylepatterns.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace podtrends::core {

/** One product type of a niche: how many of its listings are of that type, at what price. */
struct ProductTypeShare
{
    std::optional<ProductKind> kind; ///< unset: the listings name no product type we know
    int products = 0;
    double avgPrice = 0.0;
    qint64 reviews = 0;

    /** {"type": "mug" (or "other"), "products", "avg_price", "reviews"}. */
    QJsonObject toJson() const;
    static ProductTypeShare fromJson(const QJsonObject &object);
    friend bool operator==(const ProductTypeShare &a, const ProductTypeShare &b) = default;
};

/** A scored niche (the seed's trends table plus the desktop's evidence columns). */
struct Trend
{
    qint64 id = 0;
    QString niche;
    QString category;
    double demandScore = 0.0;
    double competitionScore = 0.0;
    double growthScore = 0.0;
    double profitabilityScore = 0.0;
    double overallScore = 0.0;
    MarketplaceCounts marketplaceCounts;
    double avgPrice = 0.0;
    PriceRange priceRange;
    Audience targetAudience;
    StylePatterns stylePatterns;
    ScoreBreakdown scoreInputs;      ///< the seed's scores, each with provenance, formula and signals
    /** The opportunity score (0–100), calibrated on the market in the database; unset when no
     *  signal measures the niche's demand. Its parts, each 0–100 or unset, are in `opportunity`. */
    std::optional<double> opportunityScore;
    ScoreBreakdown opportunity;      ///< demand, growth, competition, profitability and overall, with their signals
    /** Reasons to be careful, as keys with a value: "protected_name: motorola". */
    QStringList warnings;
    Season season;
    QString summary;
    QStringList insights;            ///< sentences for the seller
    int productCount = 0;            ///< the niche's listings, its refinements' included
    /** The broader niche this one refines ("axolotl" for "axolotl japanese"); unset for a root.
     *  A niche holds its own listings and all of its refinements' listings. */
    std::optional<qint64> parentId;
    QString parentNiche;             ///< the parent's phrase (empty for a root)
    /** The niche's listings per product type, most listings first (one niche across types). */
    QList<ProductTypeShare> productTypes;
    QDateTime createdAt;
    QDateTime updatedAt;

    /** The protected names among `warnings` ("motorola"). */
    QStringList protectedNames() const;

    /** The seed's snake_case row (`target_audience`, `score_inputs`, …). */
    QJsonObject toJson() const;
    static Trend fromJson(const QJsonObject &object);
};

QJsonArray productTypesToJson(const QList<ProductTypeShare> &types);
QList<ProductTypeShare> productTypesFromJson(const QJsonArray &array);

} // namespace podtrends::core
