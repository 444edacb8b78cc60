// The Trends page, its models, the opportunity map and the Dashboard, offscreen on a real database.
#include "analysisfixture.h"

#include <core/analysis/trendanalyzer.h>
#include <core/storage/trendrepository.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <ui/models/trendfilterproxymodel.h>
#include <ui/models/trendtablemodel.h>
#include <ui/pages/dashboardpage.h>
#include <ui/pages/trendspage.h>
#include <ui/widgets/opportunitychart.h>
#include <ui/widgets/trenddetailview.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace podtrends;

class TestTrendsPage final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void modelsPassTheModelTester();
    void proxyFiltersByScoreCategoryMarketplaceAndSeason();
    void pageListsTrendsBestFirstAndShowsDetails();
    void clickingAPointSelectsItsTrend();
    void generateButtonEmitsTheTrendId();
    void analyzeButtonRunsInTheBackground();
    void dashboardShowsTotalsAndTopOpportunities();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;
    core::Workspace *m_workspace = nullptr;
    QList<core::Trend> m_trends;
};

void TestTrendsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    auto config = core::DatabaseConfig::parse(m_dir.filePath(QStringLiteral("ui.sqlite")));
    auto db = core::Database::open(*config);
    QVERIFY(db);
    m_db = *db;
    QVERIFY(test::AnalysisFixture::write(m_db));
    QVERIFY(core::TrendAnalyzer(m_db).run());
    m_trends = core::TrendRepository(m_db).list().value();
    QVERIFY(m_trends.size() >= 10);
    m_workspace = new core::Workspace(this);
    m_workspace->setDatabase(m_db);
}

void TestTrendsPage::modelsPassTheModelTester()
{
    ui::TrendTableModel model;
    ui::TrendFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrends(m_trends);
    QCOMPARE(model.rowCount(), m_trends.size());
    QCOMPARE(model.columnCount(), int(ui::TrendTableModel::ColumnCount));
    proxy.sort(ui::TrendTableModel::Competition, Qt::AscendingOrder);
    proxy.setMinScore(50);
    model.setTrends({});
    model.setTrends(m_trends);
    // The score columns are the opportunity's parts; the seed's overall score has its own column.
    const QModelIndex first = model.index(0, ui::TrendTableModel::Growth);
    QCOMPARE(first.data(ui::TrendTableModel::MeasuredRole).toBool(), true); // snapshots span two weeks
    QCOMPARE(first.data(ui::TrendTableModel::RawRole).toDouble(), *m_trends.first().opportunity.part(core::ScoreComponent::Growth).value);
    QCOMPARE(model.index(0, ui::TrendTableModel::Overall).data(ui::TrendTableModel::RawRole).toDouble(), m_trends.first().overallScore);
    QCOMPARE(model.index(0, ui::TrendTableModel::Opportunity).data(ui::TrendTableModel::RawRole).toDouble(), *m_trends.first().opportunityScore);
}

void TestTrendsPage::proxyFiltersByScoreCategoryMarketplaceAndSeason()
{
    ui::TrendTableModel model;
    model.setTrends(m_trends);
    ui::TrendFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int all = proxy.rowCount();
    proxy.setMinScore(*m_trends.first().opportunityScore); // the list comes best opportunity first
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setMinScore(0);
    proxy.setCategory(QStringLiteral("Mugs"));
    QVERIFY(proxy.rowCount() > 0 && proxy.rowCount() < all);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QCOMPARE(proxy.index(r, ui::TrendTableModel::Category).data().toString(), QStringLiteral("Mugs"));
    proxy.setCategory({});
    proxy.setSeason(ui::TrendFilterProxyModel::SeasonFilter::Seasonal);
    QVERIFY(proxy.rowCount() >= 1);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.index(r, 0).data(ui::TrendTableModel::SeasonalRole).toBool());
    proxy.setSeason(ui::TrendFilterProxyModel::SeasonFilter::Any);
    proxy.setMarketplace(QStringLiteral("shopify"));
    QVERIFY(proxy.rowCount() < all); // the planted niche has no Shopify listings
    QCOMPARE(proxy.rowCount() + 1 <= all, true);
}

void TestTrendsPage::pageListsTrendsBestFirstAndShowsDetails()
{
    app::AppServices services(m_workspace);
    ui::TrendsPage page(services.services());
    page.resize(1400, 900);
    page.show();
    auto *table = page.findChild<QTableView *>();
    QVERIFY(table);
    QTRY_COMPARE(table->model()->rowCount(), m_trends.size());
    QCOMPARE(table->model()->index(0, ui::TrendTableModel::Niche).data().toString(), QStringLiteral("fishing grandpa"));
    auto *detail = page.findChild<ui::TrendDetailView *>();
    QTRY_COMPARE(detail->trendId(), m_trends.first().id);
    auto *products = detail->findChild<QTreeWidget *>();
    QTRY_COMPARE(products->topLevelItemCount(), 6);
    // Sorting by competition ascending puts the least contested niche first.
    table->sortByColumn(ui::TrendTableModel::Competition, Qt::AscendingOrder);
    double previous = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        const double c = table->model()->index(r, ui::TrendTableModel::Competition).data(ui::TrendTableModel::RawRole).toDouble();
        QVERIFY(c >= previous);
        previous = c;
    }
    auto *minScore = page.findChild<QDoubleSpinBox *>();
    minScore->setValue(101);
    QCOMPARE(table->model()->rowCount(), 0);
}

void TestTrendsPage::clickingAPointSelectsItsTrend()
{
    app::AppServices services(m_workspace);
    ui::TrendsPage page(services.services());
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = page.findChild<QTableView *>();
    QTRY_COMPARE(table->model()->rowCount(), m_trends.size());
    auto *chart = page.findChild<ui::OpportunityChart *>();
    QTest::qWait(300); // let the chart lay out its plot area
    // The map plots the opportunity's demand against its competition.
    const core::Trend &target = m_trends.at(3);
    const double demand = *target.opportunity.part(core::ScoreComponent::Demand).value;
    const double competition = *target.opportunity.part(core::ScoreComponent::Competition).value;
    QScatterSeries *series = nullptr;
    for (QAbstractSeries *s : chart->chart()->series())
        if (auto *scatter = qobject_cast<QScatterSeries *>(s); scatter && scatter->points().contains(QPointF(demand, competition)))
            series = scatter;
    QVERIFY(series);
    // Qt Charts' own hit-testing does not receive synthesized clicks offscreen; emit the series'
    // click at the point's coordinates, which is what a real click on the marker delivers.
    QSignalSpy clicked(chart, &ui::OpportunityChart::trendClicked);
    Q_EMIT series->clicked(QPointF(demand + 0.2, competition - 0.2));
    QTRY_COMPARE(clicked.size(), 1);
    // Points may overlap; the click selects the trend nearest to it, which the table then shows.
    const qint64 id = clicked.first().first().toLongLong();
    auto *detail = page.findChild<ui::TrendDetailView *>();
    QTRY_COMPARE(detail->trendId(), id);
    QCOMPARE(table->selectionModel()->currentIndex().data(ui::TrendTableModel::TrendIdRole).toLongLong(), id);
}

void TestTrendsPage::generateButtonEmitsTheTrendId()
{
    app::AppServices services(m_workspace);
    ui::TrendsPage page(services.services());
    auto *table = page.findChild<QTableView *>();
    QTRY_COMPARE(table->model()->rowCount(), m_trends.size());
    QSignalSpy spy(&page, &ui::TrendsPage::generateRequested);
    QPushButton *generate = nullptr;
    for (QPushButton *b : page.findChildren<QPushButton *>())
        if (b->text().contains(QStringLiteral("Generate")))
            generate = b;
    QVERIFY(generate);
    QTRY_VERIFY(generate->isEnabled());
    generate->click();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().first().toLongLong(), m_trends.first().id);
}

void TestTrendsPage::analyzeButtonRunsInTheBackground()
{
    app::AppServices services(m_workspace);
    ui::TrendsPage page(services.services());
    auto *table = page.findChild<QTableView *>();
    QTRY_COMPARE(table->model()->rowCount(), m_trends.size());
    QSignalSpy changed(m_workspace, &core::Workspace::dataChanged);
    page.startAnalysis();
    QVERIFY(page.isAnalysisRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isAnalysisRunning(), 20000);
    QTRY_VERIFY(changed.size() >= 1);
    QCOMPARE(changed.first().first().toString(), QStringLiteral("trends"));
    QTRY_COMPARE(table->model()->rowCount(), m_trends.size());
}

void TestTrendsPage::dashboardShowsTotalsAndTopOpportunities()
{
    ui::DashboardPage page(m_workspace);
    page.resize(1300, 850);
    page.show();
    QTreeWidget *top = nullptr;
    for (QTreeWidget *t : page.findChildren<QTreeWidget *>())
        if (t->headerItem()->text(0) == QStringLiteral("Niche"))
            top = t;
    QVERIFY(top);
    QTRY_VERIFY(top->topLevelItemCount() > 0);
    QCOMPARE(top->topLevelItem(0)->text(0), QStringLiteral("fishing grandpa"));
    const qint64 products = test::AnalysisFixture::products(0).size();
    bool totalShown = false;
    for (QLabel *l : page.findChildren<QLabel *>())
        totalShown = totalShown || l->text() == QLocale().toString(products);
    QVERIFY(totalShown);
    QSignalSpy spy(&page, &ui::DashboardPage::generateRequested);
    for (QPushButton *b : page.findChildren<QPushButton *>())
        if (b->text().contains(QStringLiteral("Generate")))
            b->click();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().first().toLongLong(), m_trends.first().id);
}

QTEST_MAIN(TestTrendsPage)
#include "tst_trendspage.moc"
