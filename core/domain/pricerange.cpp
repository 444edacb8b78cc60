#include "pricerange.h"

namespace podtrends::core {

QJsonObject PriceRange::toJson() const
{
    return {{QStringLiteral("min"), min}, {QStringLiteral("max"), max}};
}

PriceRange PriceRange::fromJson(const QJsonObject &o)
{
    return {o.value(QStringLiteral("min")).toDouble(), o.value(QStringLiteral("max")).toDouble()};
}

} // namespace podtrends::core
