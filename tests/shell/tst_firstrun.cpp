// The first-run path, offscreen, as a new seller meets it: an empty database whose pages say
// what to do next, the sample workspace opened from the Dashboard's empty state, its shops
// imported and analysed into a ranked trend, designs with mockups generated from that trend,
// and the sample removed in one click.
#include <app/servicelayer.h>
#include <core/analysis/overview.h>
#include <core/sample/sampleworkspace.h>
#include <core/storage/designrepository.h>
#include <core/storage/productqueries.h>
#include <core/storage/workspace.h>
#include <ui/mainwindow.h>
#include <ui/models/designlistmodel.h>
#include <ui/models/trendtablemodel.h>
#include <ui/pages/dashboardpage.h>
#include <ui/pages/designspage.h>
#include <ui/pages/productspage.h>
#include <ui/pages/sourcespage.h>
#include <ui/pages/trendspage.h>
#include <ui/services.h>
#include <ui/widgets/emptystate.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonValue>
#include <QFrame>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;

namespace {

ui::EmptyState *emptyStateOf(QWidget *page)
{
    return page->findChild<ui::EmptyState *>();
}

QPushButton *linkButton(QWidget *within, const QUrl &url)
{
    for (QPushButton *b : within->findChildren<QPushButton *>())
        if (b->property("link").toUrl() == url)
            return b;
    return nullptr;
}

bool labelLinksTo(QWidget *page, const QString &url)
{
    for (QLabel *l : page->findChildren<QLabel *>())
        if (l->text().contains(url) && l->openExternalLinks())
            return true;
    return false;
}

} // namespace

class TestFirstRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PodTrendsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("podtrends-firstrun-test"));
        QSettings().clear();
        QVERIFY(core::sampleworkspace::remove());
    }

    void cleanupTestCase()
    {
        QSettings().clear();
        QVERIFY(core::sampleworkspace::remove());
    }

    void everyPageOfAnEmptyDatabaseSaysWhatToDoNext()
    {
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("empty.sqlite")));
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);

        window.showPage(ui::MainWindow::Dashboard);
        ui::EmptyState *dashboard = emptyStateOf(window.page(ui::MainWindow::Dashboard));
        QVERIFY(dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->isActive() && dashboard->isVisible(), 10000);
        QVERIFY(linkButton(dashboard, ui::links::sampleWorkspace()));
        QVERIFY(linkButton(dashboard, ui::links::importFiles()));

        window.showPage(ui::MainWindow::Trends);
        ui::EmptyState *trends = emptyStateOf(window.page(ui::MainWindow::Trends));
        QVERIFY(trends && trends->isVisible());
        QVERIFY(trends->text().contains(QStringLiteral("Analyze now")));
        QVERIFY(linkButton(trends, ui::links::analyze()));

        window.showPage(ui::MainWindow::Designs);
        ui::EmptyState *designs = emptyStateOf(window.page(ui::MainWindow::Designs));
        QTRY_VERIFY_WITH_TIMEOUT(designs && designs->isVisible(), 10000);
        QPushButton *generate = nullptr;
        for (QPushButton *b : window.page(ui::MainWindow::Designs)->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Generate designs"))
                generate = b;
        QVERIFY(generate);
        QVERIFY(!generate->isEnabled());
        QVERIFY(generate->toolTip().contains(QStringLiteral("Nothing to generate from yet")));

        window.showPage(ui::MainWindow::Products);
        QTRY_VERIFY_WITH_TIMEOUT(labelLinksTo(window.page(ui::MainWindow::Products), QStringLiteral("podtrends:sample")), 10000);
        window.showPage(ui::MainWindow::Sources);
        QTRY_VERIFY_WITH_TIMEOUT(labelLinksTo(window.page(ui::MainWindow::Sources), QStringLiteral("podtrends:sample")), 10000);
        QVERIFY(!window.findChild<QFrame *>(QStringLiteral("sampleBanner"))->isVisible());
    }

    void theSampleWorkspaceTakesANewSellerToARankedTrendAndMockups()
    {
        QTemporaryDir dir;
        const QString own = dir.filePath(QStringLiteral("mine.sqlite"));
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), own);
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        window.showPage(ui::MainWindow::Dashboard);
        ui::EmptyState *empty = emptyStateOf(window.page(ui::MainWindow::Dashboard));
        QTRY_VERIFY_WITH_TIMEOUT(empty->isVisible(), 10000);

        // One click on the Dashboard's empty state.
        QSignalSpy ready(&window, &ui::MainWindow::sampleReady);
        QPushButton *trySample = linkButton(empty, ui::links::sampleWorkspace());
        QVERIFY(trySample);
        QTest::mouseClick(trySample, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window.isSampleOpen(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        QCOMPARE(ready.first().first().toString(), QString());

        // Labelled as the sample everywhere: the banner on every page, the title, the status bar,
        // and every shop's name.
        QVERIFY(window.findChild<QFrame *>(QStringLiteral("sampleBanner"))->isVisible());
        QVERIFY(window.windowTitle().contains(QStringLiteral("Sample workspace")));
        auto db = workspace.database();
        auto products = core::ProductQueries(db).list({});
        QVERIFY2(products, qPrintable(products.errorMessage()));
        QVERIFY(products->size() >= 50);
        for (const core::Product &p : *products)
            QVERIFY2(p.vendor.startsWith(QStringLiteral("Sample")), qPrintable(p.vendor));

        // Analysis after the import (on by default): a ranked trend, the planted one first.
        auto *trends = static_cast<ui::TrendsPage *>(window.page(ui::MainWindow::Trends));
        QTRY_VERIFY_WITH_TIMEOUT(trends->model()->rowCount() > 0 && !trends->isAnalysisRunning(), 120000);
        auto overview = core::WorkspaceOverview::load(db);
        QVERIFY2(overview, qPrintable(overview.errorMessage()));
        QVERIFY(!overview->topTrends.isEmpty());
        QVERIFY2(overview->topTrends.first().niche.contains(QStringLiteral("axolotl"), Qt::CaseInsensitive),
                 qPrintable(overview->topTrends.first().niche));
        QVERIFY(!overview->marketplaces.isEmpty()); // the import shows under "Last scrape per marketplace"
        QVERIFY(!emptyStateOf(trends)->isActive());

        // Generate designs for the selected (best) trend with the Research menu's action.
        window.showPage(ui::MainWindow::Trends);
        trends->selectTrend(overview->topTrends.first().id);
        auto *designs = static_cast<ui::DesignsPage *>(window.page(ui::MainWindow::Designs));
        window.action(QStringLiteral("actionGenerate"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(designs->isGenerating(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!designs->isGenerating() && designs->model()->rowCount() >= 3, 240000);
        auto stored = core::DesignRepository(db).list({});
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        QVERIFY(stored->size() >= 3);
        const QString sampleDesigns = QDir(core::sampleworkspace::designsFolder()).absolutePath();
        int mockups = 0;
        for (const core::Design &d : *stored) {
            QCOMPARE(d.trendId, overview->topTrends.first().id);
            for (const auto &m : d.mockupUrls) {
                const QString path = QJsonValue(m).toString();
                QVERIFY2(QFileInfo(path).absoluteFilePath().startsWith(sampleDesigns), qPrintable(path));
                QVERIFY2(!QImage(path).isNull(), qPrintable(path));
                ++mockups;
            }
        }
        QVERIFY(mockups >= 3);

        // Removed in one click: back to the seller's own database, the sample's folder gone.
        QPushButton *remove = window.findChild<QPushButton *>(QStringLiteral("removeSampleButton"));
        QVERIFY(remove && remove->isVisible());
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() && !window.isSampleOpen(), 15000);
        QCOMPARE(QFileInfo(workspace.database()->config().sqlitePath).absoluteFilePath(), QFileInfo(own).absoluteFilePath());
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(core::sampleworkspace::folder()), 15000);
        QVERIFY(!window.findChild<QFrame *>(QStringLiteral("sampleBanner"))->isVisible());
        QVERIFY(!window.windowTitle().contains(QStringLiteral("Sample")));
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
