// The window's menus, offscreen: File › Import through the real QAction with the file dialog's
// answer given through the window's seam (the importer is never called directly), analysis after
// an import as a setting, drops on a chart, New database and the recent list.
#include <app/servicelayer.h>
#include <core/analysis/overview.h>
#include <core/scraping/scrapeservice.h>
#include <core/storage/productqueries.h>
#include <core/storage/workspace.h>
#include <testenv.h>
#include <ui/mainwindow.h>
#include <ui/models/trendtablemodel.h>
#include <ui/pages/sourcespage.h>
#include <ui/pages/trendspage.h>
#include <ui/services.h>

#include <QAction>
#include <QChartView>
#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;

namespace {

QMenu *menuNamed(QMainWindow &window, const QString &title)
{
    for (QAction *a : window.menuBar()->actions())
        if (a->menu() && a->text().remove(QLatin1Char('&')) == title)
            return a->menu();
    return nullptr;
}

bool menuHolds(QMenu *menu, QAction *action)
{
    for (QAction *a : menu->actions())
        if (a == action || (a->menu() && menuHolds(a->menu(), action)))
            return true;
    return false;
}

QStringList fixtureFiles()
{
    const QDir dir(test::fixturesDir() + QStringLiteral("/collection"));
    return {dir.filePath(QStringLiteral("etsy-listings.json")), dir.filePath(QStringLiteral("etsy-shop-export.csv"))};
}

// The analysis records itself as a job, whatever it finds in a handful of listings.
bool analysisRan(const core::Workspace &workspace)
{
    auto overview = core::WorkspaceOverview::load(workspace.database());
    if (!overview)
        return false;
    for (const core::Job &j : overview->recentJobs)
        if (j.kind == core::JobKind::Analyze && j.status != core::JobStatus::Running)
            return true;
    return false;
}

qint64 productCount(const core::Workspace &workspace)
{
    auto count = core::ProductQueries(workspace.database()).count();
    return count ? *count : -1;
}

} // namespace

class TestFileMenu : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PodTrendsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("podtrends-filemenu-test"));
        QSettings().clear();
    }

    void init() { QSettings().clear(); }

    void importFilesActionImportsTheChosenFilesAndAnalyses()
    {
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("menu.sqlite")));
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        QCOMPARE(productCount(workspace), 0);

        QList<ui::FileRequest::Kind> asked;
        window.setFileChooser([&asked](QWidget *, const ui::FileRequest &request) {
            asked << request.kind;
            return fixtureFiles();
        });
        QAction *import = window.action(QStringLiteral("actionImportFiles"));
        QVERIFY(import);
        QVERIFY(menuHolds(menuNamed(window, QStringLiteral("File")), import));
        QCOMPARE(import->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
        auto *sources = static_cast<ui::SourcesPage *>(window.page(ui::MainWindow::Sources));
        QSignalSpy finished(sources, &ui::SourcesPage::importFinished);

        import->trigger();
        QCOMPARE(asked, QList<ui::FileRequest::Kind>{ui::FileRequest::ImportFiles});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.first().at(1).toString(), QString());
        QVERIFY(finished.first().at(0).toInt() >= 4);
        QCOMPARE(productCount(workspace), qint64(finished.first().at(0).toInt()));

        // Analyze after importing is on by default: the import is followed by an analysis.
        QTRY_VERIFY_WITH_TIMEOUT(analysisRan(workspace), 60000);
        // And the import shows under "Last scrape per marketplace".
        auto overview = core::WorkspaceOverview::load(workspace.database());
        QVERIFY(overview);
        QVERIFY(!overview->marketplaces.isEmpty());
    }

    void aCancelledDialogImportsNothing()
    {
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("cancel.sqlite")));
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        window.setFileChooser([](QWidget *, const ui::FileRequest &) { return QStringList(); });
        QSignalSpy finished(static_cast<ui::SourcesPage *>(window.page(ui::MainWindow::Sources)), &ui::SourcesPage::importFinished);
        window.action(QStringLiteral("actionImportFiles"))->trigger();
        QTest::qWait(300);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(productCount(workspace), 0);
    }

    void withAnalysisAfterImportOffAnImportDoesNotAnalyse()
    {
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("off.sqlite")));
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        QAction *setting = window.action(QStringLiteral("actionAnalyzeAfterImport"));
        QVERIFY(setting && setting->isCheckable() && setting->isChecked());
        setting->setChecked(false);
        QVERIFY(!ui::MainWindow::analyzeAfterImport());
        window.setFileChooser([](QWidget *, const ui::FileRequest &) { return fixtureFiles(); });
        auto *sources = static_cast<ui::SourcesPage *>(window.page(ui::MainWindow::Sources));
        QSignalSpy finished(sources, &ui::SourcesPage::importFinished);
        window.action(QStringLiteral("actionImportFiles"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        auto *trends = static_cast<ui::TrendsPage *>(window.page(ui::MainWindow::Trends));
        QVERIFY(!trends->isAnalysisRunning());
        QTest::qWait(500);
        QVERIFY(!analysisRan(workspace));
    }

    void filesDroppedOnAChartAreImported()
    {
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("drop.sqlite")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        window.showPage(ui::MainWindow::Dashboard);
        auto *chart = window.page(ui::MainWindow::Dashboard)->findChild<QChartView *>();
        QVERIFY(chart);
        QWidget *target = chart->viewport();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(fixtureFiles().constFirst())});
        QSignalSpy dropped(&window, &ui::MainWindow::filesDropped);
        QSignalSpy finished(static_cast<ui::SourcesPage *>(window.page(ui::MainWindow::Sources)), &ui::SourcesPage::importFinished);

        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDragMoveEvent move(QPoint(12, 12), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &move);
        QVERIFY(move.isAccepted());
        QDropEvent drop(QPointF(12, 12), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(dropped.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(productCount(workspace) > 0);
    }

    void newDatabaseOpensItWithNewServicesAndRemembersIt()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath(QStringLiteral("first.sqlite"));
        const QString second = dir.filePath(QStringLiteral("second"));
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), first);
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        const auto firstDb = workspace.database();
        QPointer<core::ScrapeService> firstScraping = services.services()->scraping();
        window.setFileChooser([second](QWidget *, const ui::FileRequest &r) {
            return r.kind == ui::FileRequest::NewDatabase ? QStringList{second} : QStringList();
        });
        window.action(QStringLiteral("actionNewDatabase"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != firstDb, 10000);
        QCOMPARE(workspace.database()->config().sqlitePath, second + QStringLiteral(".sqlite"));
        // The previous database's services were torn down; the new ones are in place.
        QTRY_VERIFY_WITH_TIMEOUT(firstScraping.isNull(), 5000);
        QVERIFY(services.services()->scraping() != nullptr);
        QCOMPARE(ui::MainWindow::recentDatabases().value(0), second + QStringLiteral(".sqlite"));
        QCOMPARE(ui::MainWindow::recentDatabases().value(1), first);
    }
};

QTEST_MAIN(TestFileMenu)
#include "tst_filemenu.moc"
