#include "season.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Season)
};
} // namespace

QString Season::describe() const
{
    if (isEvergreen())
        return Tr::tr("all year");
    QStringList names;
    for (int m : peakMonths)
        names << QLocale().monthName(m, QLocale::ShortFormat);
    return Tr::tr("peaks in %1").arg(names.join(QStringLiteral(", ")));
}

QJsonObject Season::toJson() const
{
    QJsonArray months;
    for (int m : peakMonths)
        months.append(m);
    return {{QStringLiteral("evergreen"), isEvergreen()},
            {QStringLiteral("peak_months"), months},
            {QStringLiteral("seasonal_share"), seasonalShare},
            {QStringLiteral("evidence"), evidence.toJson()}};
}

Season Season::fromJson(const QJsonObject &o)
{
    Season s;
    for (const QJsonValue &v : o.value(QStringLiteral("peak_months")).toArray())
        if (const int m = v.toInt(); m >= 1 && m <= 12 && !s.peakMonths.contains(m))
            s.peakMonths << m;
    std::sort(s.peakMonths.begin(), s.peakMonths.end());
    s.seasonalShare = o.value(QStringLiteral("seasonal_share")).toDouble();
    s.evidence = EvidenceCounts::fromJson(o.value(QStringLiteral("evidence")).toObject());
    return s;
}

} // namespace podtrends::core
