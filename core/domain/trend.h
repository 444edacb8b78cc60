#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

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
    QJsonObject marketplaceCounts;   ///< {"amazon": 12, "etsy": 30}
    double avgPrice = 0.0;
    QJsonObject priceRange;          ///< {"min": 12.5, "max": 29.99}
    QJsonObject targetAudience;      ///< claims with supporting counts
    QJsonObject stylePatterns;       ///< style words and colours with counts
    QJsonObject scoreInputs;         ///< every input with value and measured/estimated flag
    QJsonObject season;              ///< {"evergreen": true} or {"peak_months": [11, 12]}
    QString summary;
    QJsonArray insights;
    int productCount = 0;
    QDateTime createdAt;
    QDateTime updatedAt;

    QJsonObject toJson() const;
    static Trend fromJson(const QJsonObject &object);
};

} // namespace podtrends::core
