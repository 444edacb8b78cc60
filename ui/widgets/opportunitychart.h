#pragma once

#include <QChartView>
#include <QModelIndex>

class QAbstractItemModel;
class QScatterSeries;

namespace podtrends::ui {

/**
 * The opportunity map: demand (x) against competition (y) for every trend in a model, the
 * bubble size standing for profitability. The best niches sit bottom-right. Clicking a point
 * emits trendClicked; the selected trend is ringed.
 */
class OpportunityChart final : public QChartView
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(OpportunityChart)
    explicit OpportunityChart(QWidget *parent = nullptr);

    /** A TrendTableModel or a proxy over one; the chart follows its rows. */
    void setModel(QAbstractItemModel *model);
    void setSelectedTrend(qint64 trendId);

Q_SIGNALS:
    void trendClicked(qint64 trendId);

private:
    void rebuild();
    qint64 nearestTrend(const QPointF &point) const;
    /** Column 0 of one row per trend, child rows included. */
    QList<QModelIndex> trendRows() const;

    QAbstractItemModel *m_model = nullptr;
    QList<QScatterSeries *> m_bands;
    QScatterSeries *m_selected = nullptr;
    qint64 m_selectedId = 0;
};

} // namespace podtrends::ui
