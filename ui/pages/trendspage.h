#pragma once

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeView;

namespace podtrends::core {
class AnalysisRunner;
class Workspace;
}

namespace podtrends::ui {

class OpportunityChart;
class Services;
class TrendDetailView;
class TrendFilterProxyModel;
class TrendTableModel;

/** Trends page: ranked niches with filters, the opportunity map and the selected trend's evidence. */
class TrendsPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(TrendsPage)
    explicit TrendsPage(Services *services, QWidget *parent = nullptr);

    /** Runs the analysis in the background (progress in the header; Cancel stops it). */
    void startAnalysis();
    /** Selects a trend in the table (when it passes the filters) and shows its details. */
    void selectTrend(qint64 trendId);
    bool isAnalysisRunning() const;

    TrendTableModel *model() const { return m_model; }

Q_SIGNALS:
    /** "Generate designs" for a trend; the window routes it to the Designs page. */
    void generateRequested(qint64 trendId);

private:
    void reload();
    void showTrend(qint64 trendId);
    void refillFilters();
    void onCurrentRowChanged();
    void updateCount();
    void takeServices();
    void showAnalysisEnded();

    Services *m_services;
    core::Workspace *m_workspace;
    core::AnalysisRunner *m_runner = nullptr; ///< the service layer's; null while no database is open
    TrendTableModel *m_model;
    TrendFilterProxyModel *m_proxy;
    QTreeView *m_table;
    OpportunityChart *m_chart;
    TrendDetailView *m_detail;
    QDoubleSpinBox *m_minScore;
    QComboBox *m_category;
    QComboBox *m_marketplace;
    QComboBox *m_season;
    QComboBox *m_view;
    QLabel *m_count;
    QProgressBar *m_progress;
    QPushButton *m_analyze;
    QPushButton *m_cancel;
    qint64 m_pendingSelection = 0;
    int m_loadGeneration = 0;
};

} // namespace podtrends::ui
