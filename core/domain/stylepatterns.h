#pragma once

#include <core/domain/evidencecounts.h>

#include <QJsonObject>
#include <QStringList>

namespace podtrends::core {

/**
 * The styles and colours a niche's listings name, with counts, and the dominant styles (named by
 * at least two products and a fifth of them). Stored in trends.style_patterns.
 */
struct StylePatterns
{
    int productCount = 0;
    EvidenceCounts styles;   ///< "vintage", "funny", "minimalist", …
    EvidenceCounts colours;  ///< "black", "pink", …
    QStringList dominant;    ///< up to three styles, strongest first

    /** {"product_count", "styles": {label: n}, "colors": {label: n}, "dominant": [...]}. */
    QJsonObject toJson() const;
    static StylePatterns fromJson(const QJsonObject &object);

    friend bool operator==(const StylePatterns &a, const StylePatterns &b)
    {
        return a.productCount == b.productCount && a.styles == b.styles && a.colours == b.colours && a.dominant == b.dominant;
    }
};

} // namespace podtrends::core
