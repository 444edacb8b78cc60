#pragma once

#include <core/domain/evidencecounts.h>

#include <QJsonObject>
#include <QList>

namespace podtrends::core {

/**
 * When a niche sells: the months it peaks in (empty: all year) because at least 30 % of its
 * products name a dated occasion, with the occasions as evidence. Stored in trends.season.
 */
struct Season
{
    QList<int> peakMonths;      ///< 1–12, ascending
    double seasonalShare = 0.0; ///< products naming a dated occasion / all, 0–1
    EvidenceCounts evidence;    ///< dated occasions with their product counts

    bool isEvergreen() const { return peakMonths.isEmpty(); }
    /** "peaks in Nov, Dec" or "all year", in the user's language. */
    QString describe() const;

    /** {"evergreen": bool, "peak_months": [11, 12], "seasonal_share": 0.4, "evidence": {label: n}}. */
    QJsonObject toJson() const;
    static Season fromJson(const QJsonObject &object);

    friend bool operator==(const Season &a, const Season &b)
    {
        return a.peakMonths == b.peakMonths && qFuzzyCompare(1.0 + a.seasonalShare, 1.0 + b.seasonalShare) && a.evidence == b.evidence;
    }
};

} // namespace podtrends::core
