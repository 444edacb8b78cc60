#pragma once

#include <core/domain/product.h>
#include <core/domain/trend.h>
#include <core/storage/trendrepository.h>

#include <QWidget>

class QChartView;
class QGridLayout;
class QLabel;
class QPushButton;
class QToolButton;
class QTreeWidget;

namespace podtrends::ui {

/**
 * Everything about one trend: summary, score breakdown with formulas and measured/estimated
 * marks, price histogram, marketplace split, history, audience and style evidence, insights,
 * top products and the "Generate designs" button.
 */
class TrendDetailView final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(TrendDetailView)
    explicit TrendDetailView(QWidget *parent = nullptr);

    /** Shows the trend's own fields at once; products and history follow via setDetails(). */
    void setTrend(const core::Trend &trend);
    /** The trend's products (most reviewed first) and its snapshot history, loaded off the GUI thread. */
    void setDetails(const QList<core::Product> &products, const QList<core::TrendHistoryPoint> &history);
    void clear();
    qint64 trendId() const { return m_trend.id; }

Q_SIGNALS:
    void generateRequested(qint64 trendId);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void placeCharts(int columns);
    static QString formulasHtml(const core::Trend &trend);
    /** What the opportunity weighs, in words ("Weighs demand 75, room left by competitors 37 and
     *  profit 46 equally. No data for growth, so it is left out."); empty without a score. */
    static QString opportunityWords(const core::Trend &trend);
    /** The score formulas as written, one per line (the "How is this computed?" text). */
    static QString formulasTooltip(const core::Trend &trend);
    static QString evidenceHtml(const core::Trend &trend);

    core::Trend m_trend;
    QLabel *m_title;
    QLabel *m_summary;
    QPushButton *m_generate;
    QChartView *m_breakdown;
    QChartView *m_prices;
    QChartView *m_markets;
    QChartView *m_history;
    QGridLayout *m_grid;
    int m_chartColumns = 0;
    QLabel *m_formulas;
    QToolButton *m_howButton;
    QLabel *m_how;        ///< "How is this computed?": the formulas, folded away by default
    QLabel *m_evidence;
    QLabel *m_insights;
    QTreeWidget *m_products;
};

} // namespace podtrends::ui
