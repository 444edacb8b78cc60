#include "analysisoptions.h"

#include <core/util/settings.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace podtrends::core {

namespace {
const QString kWeightDemand = QStringLiteral("analysis/weightDemand");
const QString kWeightGrowth = QStringLiteral("analysis/weightGrowth");
const QString kWeightCompetition = QStringLiteral("analysis/weightCompetition");
const QString kWeightProfitability = QStringLiteral("analysis/weightProfitability");
const QString kBaseCosts = QStringLiteral("analysis/baseCosts");
const QString kFeePercent = QStringLiteral("analysis/feePercent");
const QString kFeeFixed = QStringLiteral("analysis/feeFixed");
} // namespace

AnalysisOptions AnalysisOptions::fromSettings()
{
    AnalysisOptions o;
    o.weights.demand = settings::value(kWeightDemand, 0.25).toDouble();
    o.weights.growth = settings::value(kWeightGrowth, 0.25).toDouble();
    o.weights.competition = settings::value(kWeightCompetition, 0.25).toDouble();
    o.weights.profitability = settings::value(kWeightProfitability, 0.25).toDouble();
    const QJsonObject costs = QJsonDocument::fromJson(settings::value(kBaseCosts).toString().toUtf8()).object();
    for (auto it = costs.begin(); it != costs.end(); ++it)
        if (it.value().toDouble() > 0)
            o.baseCosts.insert(it.key(), it.value().toDouble());
    o.feePercent = settings::value(kFeePercent, 6.5).toDouble();
    o.feeFixed = settings::value(kFeeFixed, 0.20).toDouble();
    return o;
}

void AnalysisOptions::save() const
{
    settings::setValue(kWeightDemand, weights.demand);
    settings::setValue(kWeightGrowth, weights.growth);
    settings::setValue(kWeightCompetition, weights.competition);
    settings::setValue(kWeightProfitability, weights.profitability);
    QJsonObject costs;
    for (auto it = baseCosts.cbegin(); it != baseCosts.cend(); ++it)
        costs.insert(it.key(), it.value());
    settings::setValue(kBaseCosts, QString::fromUtf8(QJsonDocument(costs).toJson(QJsonDocument::Compact)));
    settings::setValue(kFeePercent, feePercent);
    settings::setValue(kFeeFixed, feeFixed);
}

QHash<QString, double> AnalysisOptions::typicalBaseCosts()
{
    return {{QStringLiteral("tshirt"), 12.95}, {QStringLiteral("hoodie"), 24.95}, {QStringLiteral("mug"), 8.95},
            {QStringLiteral("poster"), 11.50}, {QStringLiteral("sticker"), 2.49},  {QStringLiteral("tote"), 13.50},
            {QStringLiteral("hat"), 14.95},    {QStringLiteral("phone_case"), 12.50}, {QStringLiteral("pillow"), 17.50}};
}

} // namespace podtrends::core
