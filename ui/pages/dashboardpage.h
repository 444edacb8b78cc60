#pragma once

#include <QWidget>

class QChartView;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace podtrends::core {
class Workspace;
struct WorkspaceOverview;
}

namespace podtrends::ui {

class EmptyState;

/** Dashboard: totals, the best opportunities, scrape status, recent jobs and the next step. */
class DashboardPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(DashboardPage)
    explicit DashboardPage(core::Workspace *workspace, QWidget *parent = nullptr);

    /** Re-reads the overview off the GUI thread. */
    void reload();

Q_SIGNALS:
    /** "Generate designs" for the best trend; the window routes it to the Designs page. */
    void generateRequested(qint64 trendId);
    /** "Add a source": the window shows the Sources page. */
    void addSourceRequested();
    /** A top trend was opened: the window shows it on the Trends page. */
    void trendRequested(qint64 trendId);
    /** "Analyze": the window starts the analysis on the Trends page. */
    void analysisRequested();

private:
    void showOverview(const core::WorkspaceOverview &overview);
    QWidget *statCard(const QString &title, QLabel **value);
    void openTrend(qint64 trendId);

    core::Workspace *m_workspace;
    QLabel *m_products = nullptr;
    QLabel *m_trends = nullptr;
    QLabel *m_designs = nullptr;
    QLabel *m_published = nullptr;
    QLabel *m_nextStep = nullptr;
    QPushButton *m_addSource = nullptr;
    QPushButton *m_analyze = nullptr;
    QPushButton *m_generate = nullptr;
    QChartView *m_topChart = nullptr;
    EmptyState *m_empty = nullptr; ///< over the chart until there is something to rank
    QTreeWidget *m_topList = nullptr;
    QTreeWidget *m_markets = nullptr;
    QTreeWidget *m_jobs = nullptr;
    qint64 m_topTrendId = 0;
    int m_generation = 0;
};

} // namespace podtrends::ui
