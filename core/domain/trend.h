#pragma once

#include <core/domain/audience.h>
#include <core/domain/marketplace.h>
#include <core/domain/pricerange.h>
#include <core/domain/scorebreakdown.h>
#include <core/domain/season.h>
#include <core/domain/stylepatterns.h>

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace podtrends::core {

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
    Season season;
    QString summary;
    QStringList insights;            ///< sentences for the seller
    int productCount = 0;
    QDateTime createdAt;
    QDateTime updatedAt;

    /** The seed's snake_case row (`target_audience`, `score_inputs`, …). */
    QJsonObject toJson() const;
    static Trend fromJson(const QJsonObject &object);
};

} // namespace podtrends::core
