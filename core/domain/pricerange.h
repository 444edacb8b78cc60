#pragma once

#include <QJsonObject>

namespace podtrends::core {

/** The lowest and highest price of a niche's products. JSON: {"min": 12.5, "max": 29.99}. */
struct PriceRange
{
    double min = 0.0;
    double max = 0.0;

    QJsonObject toJson() const;
    static PriceRange fromJson(const QJsonObject &object);

    friend bool operator==(const PriceRange &a, const PriceRange &b) { return a.min == b.min && a.max == b.max; }
};

} // namespace podtrends::core
