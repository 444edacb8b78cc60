#pragma once

#include <core/domain/trend.h>

#include <QAbstractItemModel>

namespace podtrends::ui {

/**
 * Trends as a tree table: formatted text for display, raw values (RawRole) for sorting and charts.
 * Two views of the same trends: niches (a refinement such as "axolotl japanese" is a child row of
 * the niche it refines, "axolotl") or niche × product type (one flat row per niche and product
 * type, with that type's listings and average price; the scores stay the niche's).
 */
class TrendTableModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(TrendTableModel)
    /** The niche, the opportunity and its four parts (calibrated on the market) and the seed's
     *  overall score first, so they show in a narrow window; then the product types (one type
     *  per row in the niche × product type view, where the page shows it beside the niche). */
    enum Column { Niche, Opportunity, Demand, Growth, Competition, Profitability, Overall, ProductType, Category, Products, AvgPrice, Season, Marketplaces, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, ///< number or string for sorting; a score without data is -1
        TrendIdRole,                ///< qint64
        MeasuredRole,               ///< bool, score columns: measured (true) or estimated
        NoDataRole,                 ///< bool, score columns: nothing measures it ("no data", no bar)
        WarningsRole,               ///< QStringList: protected names the niche carries
        SeasonalRole,               ///< bool: has peak months
        MarketplacesRole,           ///< QStringList of marketplaces with products
    };
    enum class View { Niches, NichesByProductType };

    explicit TrendTableModel(QObject *parent = nullptr);

    void setTrends(const QList<core::Trend> &trends);
    const QList<core::Trend> &trends() const { return m_trends; }
    void setView(View view);
    View view() const { return m_view; }

    /** The trend of a row (any column), or null. */
    const core::Trend *trendAt(const QModelIndex &index) const;
    /** The trend with this id, or null. */
    const core::Trend *trend(qint64 trendId) const;
    /** The first row showing a trend (column 0), or an invalid index. */
    QModelIndex indexOf(qint64 trendId) const;

    static bool isScoreColumn(int column);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int trend = 0;          ///< index into m_trends
        int type = -1;          ///< index into the trend's productTypes (type view), or -1
        int parent = -1;        ///< index into m_rows, or -1 for a top-level row
        int position = 0;       ///< the row number under its parent
        QList<int> children;    ///< indexes into m_rows
    };
    void buildRows();
    const Row *rowOf(const QModelIndex &index) const;

    QList<core::Trend> m_trends;
    View m_view = View::Niches;
    QList<Row> m_rows;
    QList<int> m_topLevel;
};

} // namespace podtrends::ui
