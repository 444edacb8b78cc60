#pragma once

#include <QSortFilterProxyModel>

namespace podtrends::ui {

/** Sorts trends on the raw role (refinements among their siblings) and filters by minimum score,
 *  category, marketplace and season; a parent niche stays while one of its refinements passes. */
class TrendFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(TrendFilterProxyModel)
    enum class SeasonFilter { Any, Evergreen, Seasonal };

    explicit TrendFilterProxyModel(QObject *parent = nullptr);

    void setMinScore(double score);
    void setCategory(const QString &category);       ///< empty: all
    void setMarketplace(const QString &marketplace); ///< empty: all
    void setSeason(SeasonFilter season);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    double m_minScore = 0.0;
    QString m_category;
    QString m_marketplace;
    SeasonFilter m_season = SeasonFilter::Any;
};

} // namespace podtrends::ui
