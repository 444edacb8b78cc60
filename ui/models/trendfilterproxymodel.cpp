#include "trendfilterproxymodel.h"

#include "trendtablemodel.h"

namespace podtrends::ui {

TrendFilterProxyModel::TrendFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TrendTableModel::RawRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // A refinement that passes keeps its parent niche visible (the tree stays a tree).
    setRecursiveFilteringEnabled(true);
}

void TrendFilterProxyModel::setMinScore(double score)
{
    m_minScore = score;
    invalidateFilter();
}

void TrendFilterProxyModel::setCategory(const QString &category)
{
    m_category = category;
    invalidateFilter();
}

void TrendFilterProxyModel::setMarketplace(const QString &marketplace)
{
    m_marketplace = marketplace;
    invalidateFilter();
}

void TrendFilterProxyModel::setSeason(SeasonFilter season)
{
    m_season = season;
    invalidateFilter();
}

bool TrendFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex overall = m->index(sourceRow, TrendTableModel::Opportunity, sourceParent);
    if (m_minScore > 0 && m->data(overall, TrendTableModel::RawRole).toDouble() < m_minScore)
        return false;
    if (!m_category.isEmpty() && m->data(m->index(sourceRow, TrendTableModel::Category, sourceParent), TrendTableModel::RawRole).toString() != m_category)
        return false;
    if (!m_marketplace.isEmpty() && !m->data(overall, TrendTableModel::MarketplacesRole).toStringList().contains(m_marketplace))
        return false;
    const bool seasonal = m->data(overall, TrendTableModel::SeasonalRole).toBool();
    if ((m_season == SeasonFilter::Evergreen && seasonal) || (m_season == SeasonFilter::Seasonal && !seasonal))
        return false;
    return true;
}

} // namespace podtrends::ui
