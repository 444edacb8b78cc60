// The Trends page, its models, the opportunity map and the Dashboard, offscreen on a real database.
#include "analysisfixture.h"

#include <core/analysis/trendanalyzer.h>
#include <core/scraping/importer.h>
#include <core/scraping/scrapeservice.h>
#include <core/storage/trendrepository.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <ui/models/trendfilterproxymodel.h>
#include <ui/models/trendtablemodel.h>
#include <ui/pages/dashboardpage.h>
#include <ui/pages/trendspage.h>
#include <ui/widgets/opportunitychart.h>
#include <ui/widgets/sortindicatorstyle.h>
#include <ui/widgets/trenddetailview.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QProxyStyle>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace podtrends;

namespace {

// Rows of a tree model, children included.
int allRows(const QAbstractItemModel *model, const QModelIndex &parent = {})
{
    int n = model->rowCount(parent);
    for (int r = 0; r < model->rowCount(parent); ++r)
        n += allRows(model, model->index(r, 0, parent));
    return n;
}

// The Trends page's tree of niches (the detail view's top products are a tree too).
QTreeView *trendTree(QWidget *page)
{
    for (QTreeView *view : page->findChildren<QTreeView *>())
        if (view->accessibleName() == QLatin1String("Trends"))
            return view;
    return nullptr;
}

// A storefront products.json (API-CONTRACTS.md §1) of one vendor.
QByteArray storefront(int store, const QList<std::pair<QString, QString>> &listings)
{
    QByteArray body = "{\"products\":[";
    for (qsizetype i = 0; i < listings.size(); ++i) {
        const QByteArray id = QByteArray::number(900000 + store * 100 + i);
        body += QByteArray(i ? "," : "") + "{\"id\":" + id + ",\"title\":\"" + listings.at(i).first.toUtf8() + "\",\"handle\":\"p-" + id
            + "\",\"body_html\":\"\",\"vendor\":\"Store " + QByteArray::number(store) + "\",\"product_type\":\"" + listings.at(i).second.toUtf8()
            + "\",\"tags\":[\"axolotl\"],\"published_at\":\"2026-11-20T10:00:00Z\",\"variants\":[{\"id\":" + id
            + "1,\"price\":\"24.00\",\"available\":true}]}";
    }
    return body + "]}";
}

// Where the style drew a header's sort arrow: the primitive it was asked for.
class RecordingStyle final : public QProxyStyle
{
public:
    mutable QList<PrimitiveElement> drawn;
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const override
    {
        drawn << element;
        QProxyStyle::drawPrimitive(element, option, painter, widget);
    }
};

} // namespace

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
    void refinementsSitUnderTheNicheTheyRefine();
    void switchShowsOneRowPerNicheAndProductType();
    void treeIsKeyboardAccessible();
    void sortArrowPointsTheWayTheListIsSorted();
    void countSaysTheOrderInWords();
    void opportunityEvidenceIsWordsNotFormulas();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;
    core::Workspace *m_workspace = nullptr;
    QList<core::Trend> m_trends;
    std::shared_ptr<core::Database> m_treeDb; ///< a Shopify market with "axolotl" and its refinements
    core::Workspace *m_treeWorkspace = nullptr;
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

    // Four stores' products.json imported and analysed as `podtrends import` and `analyze` do:
    // "axolotl" on T-shirts and mugs, refined by "axolotl japanese" and "axolotl mom".
    auto tree = core::Database::open(*core::DatabaseConfig::parse(m_dir.filePath(QStringLiteral("tree.sqlite"))));
    QVERIFY(tree);
    m_treeDb = *tree;
    QStringList files;
    for (int s = 1; s <= 4; ++s) {
        QList<std::pair<QString, QString>> listings{{QStringLiteral("Axolotl Japanese T-Shirt"), QStringLiteral("T-Shirt")},
                                                    {QStringLiteral("Cute Axolotl Kawaii T-Shirt"), QStringLiteral("T-Shirt")},
                                                    {QStringLiteral("Axolotl Mom Coffee Mug"), QStringLiteral("Mug")}};
        QFile f(m_dir.filePath(QStringLiteral("store-%1-products.json").arg(s)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(storefront(s, listings));
        files << f.fileName();
    }
    QCOMPARE(core::Importer::run(m_treeDb, files, nullptr, {}).status, core::ScrapeStatus::Ok);
    QVERIFY(core::TrendAnalyzer(m_treeDb).run());
    m_treeWorkspace = new core::Workspace(this);
    m_treeWorkspace->setDatabase(m_treeDb);
}

void TestTrendsPage::modelsPassTheModelTester()
{
    ui::TrendTableModel model;
    ui::TrendFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTrends(m_trends);
    QCOMPARE(allRows(&model), m_trends.size());
    QCOMPARE(model.columnCount(), int(ui::TrendTableModel::ColumnCount));
    model.setView(ui::TrendTableModel::View::NichesByProductType);
    model.setView(ui::TrendTableModel::View::Niches);
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
    // The tree models of the refinements' market pass the tester too, in both views.
    model.setTrends(core::TrendRepository(m_treeDb).list().value());
    model.setView(ui::TrendTableModel::View::NichesByProductType);
    proxy.sort(ui::TrendTableModel::Products, Qt::DescendingOrder);
    model.setView(ui::TrendTableModel::View::Niches);
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
    // A row passes on its own category, or stays as the parent of a refinement that passes
    // ("teacher" on T-shirts holds "retired teacher" on mugs).
    for (int r = 0; r < proxy.rowCount(); ++r) {
        const QModelIndex row = proxy.index(r, 0);
        bool mugs = row.siblingAtColumn(ui::TrendTableModel::Category).data().toString() == QLatin1String("Mugs");
        for (int c = 0; c < proxy.rowCount(row); ++c) {
            QCOMPARE(proxy.index(c, ui::TrendTableModel::Category, row).data().toString(), QStringLiteral("Mugs"));
            mugs = true;
        }
        QVERIFY2(mugs, qPrintable(row.data().toString()));
    }
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
    auto *table = trendTree(&page);
    QVERIFY(table);
    QTRY_COMPARE(allRows(table->model()), m_trends.size());
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
    auto *table = trendTree(&page);
    QTRY_COMPARE(allRows(table->model()), m_trends.size());
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
    auto *table = trendTree(&page);
    QTRY_COMPARE(allRows(table->model()), m_trends.size());
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
    auto *table = trendTree(&page);
    QTRY_COMPARE(allRows(table->model()), m_trends.size());
    QSignalSpy changed(m_workspace, &core::Workspace::dataChanged);
    page.startAnalysis();
    QVERIFY(page.isAnalysisRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isAnalysisRunning(), 20000);
    QTRY_VERIFY(changed.size() >= 1);
    QCOMPARE(changed.first().first().toString(), QStringLiteral("trends"));
    QTRY_COMPARE(allRows(table->model()), m_trends.size());
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

void TestTrendsPage::refinementsSitUnderTheNicheTheyRefine()
{
    app::AppServices services(m_treeWorkspace);
    ui::TrendsPage page(services.services());
    page.resize(1024, 700);
    page.show();
    auto *tree = trendTree(&page);
    QVERIFY(tree);
    QTRY_VERIFY(tree->model()->rowCount() > 0);
    const QAbstractItemModel *m = tree->model();
    QModelIndex axolotl;
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, ui::TrendTableModel::Niche).data().toString() == QLatin1String("axolotl"))
            axolotl = m->index(r, 0);
    QVERIFY(axolotl.isValid());
    // Its refinements are its children (not top-level rows), shown expanded.
    QStringList children;
    for (int r = 0; r < m->rowCount(axolotl); ++r)
        children << m->index(r, ui::TrendTableModel::Niche, axolotl).data().toString();
    children.sort();
    QCOMPARE(children, (QStringList{QStringLiteral("axolotl japanese"), QStringLiteral("axolotl mom")}));
    for (int r = 0; r < m->rowCount(); ++r)
        QVERIFY(!m->index(r, 0).data().toString().startsWith(QLatin1String("axolotl ")));
    QVERIFY(tree->isExpanded(axolotl));
    QVERIFY(tree->rootIsDecorated());
    // The parent holds every listing; its product types are named.
    QCOMPARE(axolotl.siblingAtColumn(ui::TrendTableModel::Products).data().toInt(), 12);
    QCOMPARE(axolotl.siblingAtColumn(ui::TrendTableModel::ProductType).data().toString(), QStringLiteral("T-shirts, Mugs"));
    const QString tip = m->index(0, ui::TrendTableModel::Niche, axolotl).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("Refines \"axolotl\"")), qPrintable(tip));
    // Selecting a refinement shows it.
    const qint64 childId = m->index(0, 0, axolotl).data(ui::TrendTableModel::TrendIdRole).toLongLong();
    page.selectTrend(childId);
    QTRY_COMPARE(page.findChild<ui::TrendDetailView *>()->trendId(), childId);
}

void TestTrendsPage::switchShowsOneRowPerNicheAndProductType()
{
    app::AppServices services(m_treeWorkspace);
    ui::TrendsPage page(services.services());
    page.resize(1024, 700);
    page.show();
    auto *tree = trendTree(&page);
    QTRY_VERIFY(tree->model()->rowCount() > 0);
    QComboBox *rows = nullptr;
    for (QComboBox *c : page.findChildren<QComboBox *>())
        if (c->accessibleName() == QLatin1String("Rows"))
            rows = c;
    QVERIFY(rows);
    QCOMPARE(rows->itemText(1), QStringLiteral("Niches by product type"));
    rows->setCurrentIndex(1);
    const QAbstractItemModel *m = tree->model();
    const QList<core::Trend> trends = core::TrendRepository(m_treeDb).list().value();
    int expected = 0;
    for (const core::Trend &t : trends)
        expected += std::max<int>(1, int(t.productTypes.size()));
    QCOMPARE(m->rowCount(), expected);
    QCOMPARE(allRows(m), expected); // flat: no children
    QVERIFY(!tree->rootIsDecorated());
    QCOMPARE(m->headerData(ui::TrendTableModel::ProductType, Qt::Horizontal).toString(), QStringLiteral("Product type"));
    // "axolotl" appears once per product type, with that type's listings and the niche's score.
    QMap<QString, int> axolotl;
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, ui::TrendTableModel::Niche).data().toString() == QLatin1String("axolotl")) {
            axolotl.insert(m->index(r, ui::TrendTableModel::ProductType).data().toString(), m->index(r, ui::TrendTableModel::Products).data().toInt());
            QVERIFY(m->index(r, ui::TrendTableModel::Opportunity).data(Qt::ToolTipRole).toString().contains(QLatin1String("all its product types")));
        }
    QCOMPARE(axolotl, (QMap<QString, int>{{QStringLiteral("T-shirts"), 8}, {QStringLiteral("Mugs"), 4}}));
    // The count still counts niches, not rows.
    auto *count = page.findChild<QLabel *>(QStringLiteral("trendCount"));
    QVERIFY(count);
    QVERIFY2(count->text().startsWith(QStringLiteral("%1 of %1 niches").arg(trends.size())), qPrintable(count->text()));
    // And back: the tree again.
    rows->setCurrentIndex(0);
    QCOMPARE(allRows(m), int(trends.size()));
    QVERIFY(tree->rootIsDecorated());
}

void TestTrendsPage::treeIsKeyboardAccessible()
{
    app::AppServices services(m_treeWorkspace);
    ui::TrendsPage page(services.services());
    page.resize(1024, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *tree = trendTree(&page);
    QTRY_VERIFY(tree->model()->rowCount() > 0);
    const QAbstractItemModel *m = tree->model();
    QModelIndex axolotl;
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, 0).data().toString() == QLatin1String("axolotl"))
            axolotl = m->index(r, 0);
    QVERIFY(axolotl.isValid());
    tree->setFocus();
    tree->setCurrentIndex(axolotl);
    QTest::keyClick(tree, Qt::Key_Left);
    QVERIFY(!tree->isExpanded(axolotl));
    QTest::keyClick(tree, Qt::Key_Right);
    QVERIFY(tree->isExpanded(axolotl));
    QTest::keyClick(tree, Qt::Key_Down);
    QCOMPARE(tree->currentIndex().parent().siblingAtColumn(0), axolotl);
    auto *detail = page.findChild<ui::TrendDetailView *>();
    QTRY_COMPARE(detail->trendId(), tree->currentIndex().data(ui::TrendTableModel::TrendIdRole).toLongLong());
    // Every control of the filter row has a name a screen reader can say.
    for (QComboBox *c : page.findChildren<QComboBox *>())
        QVERIFY(!c->accessibleName().isEmpty());
    QVERIFY(!tree->accessibleName().isEmpty());
}

void TestTrendsPage::sortArrowPointsTheWayTheListIsSorted()
{
    QStandardItemModel model(3, 2);
    QTreeView view;
    view.setModel(&model);
    view.setSortingEnabled(true);
    auto *recording = new RecordingStyle;
    auto *style = new ui::SortIndicatorStyle(recording); // takes ownership of its base
    view.header()->setStyle(style);
    view.resize(300, 200);
    QImage image(view.header()->size(), QImage::Format_ARGB32);
    auto drawnFor = [&](Qt::SortOrder order) {
        view.header()->setSortIndicator(0, order);
        recording->drawn.clear();
        view.header()->render(&image);
        return recording->drawn;
    };
    // Highest first draws a down arrow, lowest first an up arrow.
    const auto descending = drawnFor(Qt::DescendingOrder);
    QVERIFY(descending.contains(QStyle::PE_IndicatorArrowDown));
    QVERIFY(!descending.contains(QStyle::PE_IndicatorArrowUp));
    const auto ascending = drawnFor(Qt::AscendingOrder);
    QVERIFY(ascending.contains(QStyle::PE_IndicatorArrowUp));
    QVERIFY(!ascending.contains(QStyle::PE_IndicatorArrowDown));
    view.header()->setStyle(nullptr);
    delete style;
}

void TestTrendsPage::countSaysTheOrderInWords()
{
    app::AppServices services(m_workspace);
    ui::TrendsPage page(services.services());
    auto *tree = trendTree(&page);
    QTRY_COMPARE(allRows(tree->model()), m_trends.size());
    auto *count = page.findChild<QLabel *>(QStringLiteral("trendCount"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("%1 of %1 niches, highest opportunity first").arg(m_trends.size()));
    QCOMPARE(tree->header()->sortIndicatorOrder(), Qt::DescendingOrder);
    tree->sortByColumn(ui::TrendTableModel::Overall, Qt::AscendingOrder);
    QCOMPARE(count->text(), QStringLiteral("%1 of %1 niches, lowest seed score first").arg(m_trends.size()));
    tree->sortByColumn(ui::TrendTableModel::Niche, Qt::AscendingOrder);
    QCOMPARE(count->text(), QStringLiteral("%1 of %1 niches, niche from A to Z").arg(m_trends.size()));
}

void TestTrendsPage::opportunityEvidenceIsWordsNotFormulas()
{
    app::AppServices services(m_treeWorkspace);
    ui::TrendsPage page(services.services());
    page.resize(1024, 700);
    page.show();
    auto *detail = page.findChild<ui::TrendDetailView *>();
    QTRY_VERIFY(detail->trendId() != 0);
    // The opportunity row says what it weighs; growth has no data on one scrape and says so.
    QLabel *rows = nullptr;
    for (QLabel *l : detail->findChildren<QLabel *>())
        if (l->text().contains(QLatin1String("Opportunity")) && l->text().contains(QLatin1String("<table")))
            rows = l;
    QVERIFY(rows);
    const QString text = rows->text();
    QVERIFY2(text.contains(QLatin1String("Weighs demand ")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("No data for growth, so it is left out.")), qPrintable(text));
    for (const char *formula : {"w_d", "counts 25", "clamp", "log(", "×", "avg_", "_share", "÷"})
        QVERIFY2(!text.contains(QLatin1String(formula)), formula);
    // The formulas are behind the disclosure, closed by default.
    QToolButton *how = nullptr;
    for (QToolButton *b : detail->findChildren<QToolButton *>())
        if (b->text() == QLatin1String("How is this computed?"))
            how = b;
    QVERIFY(how);
    QLabel *formulas = nullptr;
    for (QLabel *l : detail->findChildren<QLabel *>())
        if (l->text().contains(QLatin1String("w_d")))
            formulas = l;
    QVERIFY(formulas);
    QVERIFY(!formulas->isVisible());
    how->click();
    QVERIFY(formulas->isVisible());
}

QTEST_MAIN(TestTrendsPage)
#include "tst_trendspage.moc"
