#include "trendtablemodel.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QStyle>

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

// The opportunity and its parts; the seed's overall score in its own column.
std::optional<double> scoreOf(const core::Trend &t, int column)
{
    switch (column) {
    case TrendTableModel::Opportunity: return t.opportunityScore;
    case TrendTableModel::Overall: return t.overallScore;
    default: return t.opportunity.part(componentOf(column)).value;
    }
}

const core::ScorePart &partOf(const core::Trend &t, int column)
{
    return column == TrendTableModel::Overall ? t.scoreInputs.part(core::ScoreComponent::Overall) : t.opportunity.part(componentOf(column));
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
    return column >= Opportunity && column <= Overall;
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
        return isScoreColumn(c) ? QVariant(partOf(t, c).isMeasured()) : QVariant();
    case NoDataRole:
        return isScoreColumn(c) ? QVariant(!scoreOf(t, c).has_value()) : QVariant();
    case WarningsRole:
        return t.protectedNames();
    case Qt::DecorationRole:
        if (c == Niche && !t.warnings.isEmpty())
            return QIcon::fromTheme(QStringLiteral("dialog-warning"), QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
        return {};
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
        default: return scoreOf(t, c).value_or(-1.0);
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
        default: {
            const std::optional<double> v = scoreOf(t, c);
            return v ? QLocale().toString(*v, 'f', 1) : tr("no data");
        }
        }
    case Qt::ToolTipRole:
        if (isScoreColumn(c)) {
            const core::ScorePart &part = partOf(t, c);
            const std::optional<double> v = scoreOf(t, c);
            const QString value = v ? QLocale().toString(*v, 'f', 1) : tr("no data");
            const QString evidence = part.evidence();
            if (c == Overall)
                return tr("The seed's overall score: %1").arg(value);
            return evidence.isEmpty() || !v ? tr("%1 (%2)").arg(value, core::displayName(part.provenance))
                                            : tr("%1 (%2): %3").arg(value, core::displayName(part.provenance), evidence);
        }
        if (c == Niche && !t.warnings.isEmpty())
            return tr("Careful: carries the protected name %1. %2").arg(t.protectedNames().join(QStringLiteral(", ")), t.summary);
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
    case Opportunity: return tr("Opportunity");
    case Overall: return tr("Seed score");
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
