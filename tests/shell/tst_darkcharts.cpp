// Charts follow the palette: on a dark desktop every chart of every page is dark with light
// labels (not a white card), built from a real import and analysis; on a light one they stay light.
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <testenv.h>
#include <ui/mainwindow.h>
#include <ui/models/trendtablemodel.h>
#include <ui/pages/sourcespage.h>
#include <ui/pages/trendspage.h>
#include <ui/widgets/chartstyle.h>

#include <QAbstractAxis>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

// Every chart of the window after a real import (Analyze after importing is on by default).
QList<QChart *> chartsAfterImport(ui::MainWindow &window, core::Workspace &workspace)
{
    QList<QChart *> charts;
    const QDir dir(test::fixturesDir() + QStringLiteral("/collection"));
    window.setFileChooser([&dir](QWidget *, const ui::FileRequest &) {
        return QStringList{dir.filePath(QStringLiteral("etsy-listings.json")), dir.filePath(QStringLiteral("etsy-shop-export.csv"))};
    });
    auto *trends = static_cast<ui::TrendsPage *>(window.page(ui::MainWindow::Trends));
    window.action(QStringLiteral("actionImportFiles"))->trigger();
    if (!QTest::qWaitFor([&] { return trends->model()->rowCount() > 0 && !trends->isAnalysisRunning(); }, 60000))
        return charts;
    Q_UNUSED(workspace);
    window.showPage(ui::MainWindow::Dashboard);
    QTest::qWait(300);
    for (QChartView *view : window.findChildren<QChartView *>())
        charts << view->chart();
    return charts;
}

} // namespace

class TestDarkCharts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PodTrendsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("podtrends-darkcharts-test"));
        QSettings().clear();
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    }

    void onADarkDesktopEveryChartIsDarkWithLightLabels()
    {
        const QPalette saved = QApplication::palette();
        QApplication::setPalette(darkPalette());
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("dark.sqlite")));
        window.resize(1280, 800);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        const QList<QChart *> charts = chartsAfterImport(window, workspace);
        QVERIFY2(charts.size() >= 6, qPrintable(QString::number(charts.size()))); // dashboard, map, 4 trend charts, product history
        for (QChart *chart : charts) {
            QVERIFY(chart);
            QVERIFY2(chart->backgroundBrush().color().lightness() < 80,
                     qPrintable(chart->backgroundBrush().color().name()));
            for (QAbstractAxis *axis : chart->axes())
                QVERIFY2(axis->labelsBrush().color().lightness() > 180, qPrintable(axis->labelsBrush().color().name()));
        }
        QApplication::setPalette(saved);
    }

    void onALightDesktopChartsStayLight()
    {
        QApplication::setPalette(QApplication::style()->standardPalette());
        QVERIFY(!ui::isDarkPalette(QApplication::palette()));
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("light.sqlite")));
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        const QList<QChart *> charts = chartsAfterImport(window, workspace);
        QVERIFY(charts.size() >= 6);
        for (QChart *chart : charts) {
            QVERIFY(chart->backgroundBrush().color().lightness() > 200);
            for (QAbstractAxis *axis : chart->axes())
                QVERIFY(axis->labelsBrush().color().lightness() < 100);
        }
    }
};

QTEST_MAIN(TestDarkCharts)
#include "tst_darkcharts.moc"
