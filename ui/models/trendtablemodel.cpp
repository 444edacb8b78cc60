#include "trendtablemodel.h"

#include <QJsonArray>
#include <QLocale>

namespace podtrends::ui {

namespace {

QString scoreKey(int column)
{
    switch (column) {
    case TrendTableModel::Demand: return QStringLiteral("demand");
    case TrendTableModel::Growth: return QStringLiteral("growth");
    case TrendTableModel::Competition: return QStringLiteral("competition");
    case TrendTableModel::Profitability: return QStringLiteral("profitability");
    default: return QStringLiteral("overall");
    }
}

double scoreOf(const core::Trend &t, int column)
{
    switch (column) {
    case TrendTableModel::Demand: return t.demandScore;
    case TrendTableModel::Growth: return t.growthScore;
    case TrendTableModel::Competition: return t.competitionScore;
    case TrendTableModel::Profitability: return t.profitabilityScore;
    default: return t.overallScore;
    }
}

} // namespace

TrendTableModel::TrendTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TrendTableModel::setTrends(const QList<core::Trend> &trends)
{
    beginResetModel();
    m_trends = trends;
    endResetModel();
}

const core::Trend *TrendTableModel::trendAt(int row) const
{
    return row >= 0 && row < m_trends.size() ? &m_trends.at(row) : nullptr;
}

int TrendTableModel::rowOf(qint64 trendId) const
{
    for (int i = 0; i < m_trends.size(); ++i)
        if (m_trends.at(i).id == trendId)
            return i;
    return -1;
}

bool TrendTableModel::isScoreColumn(int column)
{
    return column >= Overall && column <= Profitability;
}

int TrendTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_trends.size());
}

int TrendTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrendTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::Trend &t = m_trends.at(index.row());
    const int c = index.column();
    const QJsonArray months = t.season.value(QStringLiteral("peak_months")).toArray();
    switch (role) {
    case TrendIdRole:
        return t.id;
    case MeasuredRole:
        return isScoreColumn(c) ? QVariant(t.scoreInputs.value(scoreKey(c)).toObject().value(QStringLiteral("measured")).toBool()) : QVariant();
    case SeasonalRole:
        return !months.isEmpty();
    case MarketplacesRole:
        return QStringList(t.marketplaceCounts.keys());
    case RawRole:
        switch (c) {
        case Niche: return t.niche;
        case Category: return t.category;
        case Products: return t.productCount;
        case AvgPrice: return t.avgPrice;
        case Season: return months.isEmpty() ? 0 : months.first().toInt();
        case Marketplaces: return int(t.marketplaceCounts.size());
        default: return scoreOf(t, c);
        }
    case Qt::DisplayRole:
        switch (c) {
        case Niche: return t.niche;
        case Category: return t.category;
        case Products: return t.productCount;
        case AvgPrice: return QLocale().toString(t.avgPrice, 'f', 2);
        case Season: {
            if (months.isEmpty())
                return tr("Evergreen");
            QStringList names;
            for (const QJsonValue &m : months)
                names << QLocale().monthName(m.toInt(), QLocale::ShortFormat);
            return names.join(QStringLiteral(", "));
        }
        case Marketplaces: {
            QStringList parts;
            for (auto it = t.marketplaceCounts.begin(); it != t.marketplaceCounts.end(); ++it)
                parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value().toInt());
            return parts.join(QStringLiteral(" · "));
        }
        default: return QLocale().toString(scoreOf(t, c), 'f', 1);
        }
    case Qt::ToolTipRole:
        if (isScoreColumn(c)) {
            const QJsonObject part = t.scoreInputs.value(scoreKey(c)).toObject();
            return tr("%1 (%2)\n%3").arg(QLocale().toString(scoreOf(t, c), 'f', 1),
                                        part.value(QStringLiteral("measured")).toBool() ? tr("measured") : tr("estimated"),
                                        part.value(QStringLiteral("formula")).toString());
        }
        if (c == Niche)
            return t.summary;
        return {};
    case Qt::TextAlignmentRole:
        return (c == Niche || c == Category || c == Season || c == Marketplaces) ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                                                : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant TrendTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Niche: return tr("Niche");
    case Category: return tr("Category");
    case Overall: return tr("Overall");
    case Demand: return tr("Demand");
    case Growth: return tr("Growth");
    case Competition: return tr("Competition");
    case Profitability: return tr("Profit");
    case Products: return tr("Products");
    case AvgPrice: return tr("Avg price");
    case Season: return tr("Season");
    case Marketplaces: return tr("Marketplaces");
    default: return {};
    }
}

} // namespace podtrends::ui
