#pragma once

#include <core/domain/trend.h>

#include <QAbstractTableModel>

namespace podtrends::ui {

/** Trends as a table: formatted text for display, raw values (RawRole) for sorting and charts. */
class TrendTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(TrendTableModel)
    /** Opportunity and its four parts (calibrated on the market), then the seed's overall score. */
    enum Column { Niche, Category, Opportunity, Demand, Growth, Competition, Profitability, Overall, Products, AvgPrice, Season, Marketplaces, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, ///< number or string for sorting; a score without data is -1
        TrendIdRole,                ///< qint64
        MeasuredRole,               ///< bool, score columns: measured (true) or estimated
        NoDataRole,                 ///< bool, score columns: nothing measures it ("no data", no bar)
        WarningsRole,               ///< QStringList: protected names the niche carries
        SeasonalRole,               ///< bool: has peak months
        MarketplacesRole,           ///< QStringList of marketplaces with products
    };

    explicit TrendTableModel(QObject *parent = nullptr);

    void setTrends(const QList<core::Trend> &trends);
    const QList<core::Trend> &trends() const { return m_trends; }
    const core::Trend *trendAt(int row) const;
    /** The row of a trend id, or -1. */
    int rowOf(qint64 trendId) const;

    static bool isScoreColumn(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::Trend> m_trends;
};

} // namespace podtrends::ui
