#include "stylepatterns.h"

#include <QJsonArray>

namespace podtrends::core {

QJsonObject StylePatterns::toJson() const
{
    return {{QStringLiteral("product_count"), productCount},
            {QStringLiteral("styles"), styles.toJson()},
            {QStringLiteral("colors"), colours.toJson()},
            {QStringLiteral("dominant"), QJsonArray::fromStringList(dominant)}};
}

StylePatterns StylePatterns::fromJson(const QJsonObject &o)
{
    StylePatterns p;
    p.productCount = o.value(QStringLiteral("product_count")).toInt();
    p.styles = EvidenceCounts::fromJson(o.value(QStringLiteral("styles")).toObject());
    p.colours = EvidenceCounts::fromJson(o.value(QStringLiteral("colors")).toObject());
    for (const QJsonValue &v : o.value(QStringLiteral("dominant")).toArray())
        if (!v.toString().isEmpty())
            p.dominant << v.toString();
    return p;
}

} // namespace podtrends::core
