#include "trendtablemodel.h"

#include <QLocale>

namespace podtrends::ui {

namespace {

core::ScoreComponent componentOf(int column)
{
    switch (column) {
    case TrendTableModel::Demand: return core::ScoreComponent::Demand;
    case TrendTableModel::Growth: return core::ScoreComponent::Growth;
    case TrendTableModel::Competition: return core::ScoreComponent::Competition;
    case TrendTableModel::Profitability: return core::ScoreComponent::Profitability;
    default: return core::ScoreComponent::Overall;
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
    const QList<int> &months = t.season.peakMonths;
    switch (role) {
    case TrendIdRole:
        return t.id;
    case MeasuredRole:
        return isScoreColumn(c) ? QVariant(t.scoreInputs.part(componentOf(c)).isMeasured()) : QVariant();
    case SeasonalRole:
        return !months.isEmpty();
    case MarketplacesRole: {
        QStringList keys;
        for (core::Marketplace m : t.marketplaceCounts.marketplaces())
            keys << core::toKey(m);
        return keys;
    }
    case RawRole:
        switch (c) {
        case Niche: return t.niche;
        case Category: return t.category;
        case Products: return t.productCount;
        case AvgPrice: return t.avgPrice;
        case Season: return months.isEmpty() ? 0 : months.first();
        case Marketplaces: return int(t.marketplaceCounts.marketplaces().size());
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
            for (int m : months)
                names << QLocale().monthName(m, QLocale::ShortFormat);
            return names.join(QStringLiteral(", "));
        }
        case Marketplaces: {
            QStringList parts;
            for (core::Marketplace m : t.marketplaceCounts.marketplaces())
                parts << QStringLiteral("%1 %2").arg(core::displayName(m)).arg(t.marketplaceCounts.count(m));
            return parts.join(QStringLiteral(" · "));
        }
        default: return QLocale().toString(scoreOf(t, c), 'f', 1);
        }
    case Qt::ToolTipRole:
        if (isScoreColumn(c)) {
            const core::ScorePart &part = t.scoreInputs.part(componentOf(c));
            const QString evidence = part.evidence();
            return evidence.isEmpty() ? tr("%1 (%2)").arg(QLocale().toString(scoreOf(t, c), 'f', 1), core::displayName(part.provenance))
                                      : tr("%1 (%2): %3").arg(QLocale().toString(scoreOf(t, c), 'f', 1), core::displayName(part.provenance), evidence);
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
