// The window shell, offscreen: pages, navigation, the database in the status bar, persistence.
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <ui/mainwindow.h>

#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PodTrendsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("podtrends-test"));
        QSettings().clear();
    }

    void resourcesOfStaticLibrariesAreLinkedIn()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/podtrends/ui/nav/trends.svg")));
        QVERIFY(QFile::exists(QStringLiteral(":/podtrends/icons/podtrends.svg")));
        QVERIFY(!QIcon(QStringLiteral(":/podtrends/ui/nav/trends.svg")).pixmap(22, 22).isNull());
    }

    void opensDatabaseOffTheGuiThreadAndShowsItInTheStatusBar()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shell.sqlite"));
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), path);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        bool shown = false;
        for (QLabel *label : window.statusBar()->findChildren<QLabel *>())
            shown = shown || label->text().contains(path);
        QVERIFY(shown);
    }

    void hasTheSixPagesAndSwitchesWithShortcuts()
    {
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("nav.sqlite")));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(nav);
        QCOMPARE(nav->count(), int(ui::MainWindow::PageCount));
        auto *stack = window.findChild<QStackedWidget *>();
        QVERIFY(stack);
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(stack->currentIndex(), int(ui::MainWindow::Products));
        window.showPage(ui::MainWindow::Settings);
        QCOMPARE(stack->currentIndex(), int(ui::MainWindow::Settings));
    }

    void remembersTheLastPageAndGeometry()
    {
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        {
            ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("p.sqlite")));
            window.show();
            window.resize(1111, 777);
            window.showPage(ui::MainWindow::Designs);
            window.close();
        }
        ui::MainWindow again(services.services(), dir.filePath(QStringLiteral("p.sqlite")));
        auto *stack = again.findChild<QStackedWidget *>();
        QCOMPARE(stack->currentIndex(), int(ui::MainWindow::Designs));
        QCOMPARE(again.size(), QSize(1111, 777));
    }

    void aBadDatabaseShowsTheReasonAndTheSettingsPage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database at all");
        f.close();
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), path);
        window.show();
        auto *stack = window.findChild<QStackedWidget *>();
        QTRY_COMPARE_WITH_TIMEOUT(stack->currentIndex(), int(ui::MainWindow::Settings), 10000);
        QVERIFY(workspace.database() == nullptr);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
