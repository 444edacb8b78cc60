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
#include <ui/widgets/textcolors.h>

#include <QAbstractAxis>
#include <QAbstractItemView>
#include <QLabel>
#include <QRegularExpression>
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

// A high-contrast desktop palette as WCAG and the desktops' accessibility themes define it:
// black window, white text, yellow selection, cyan links.
QPalette highContrastPalette()
{
    QPalette p;
    for (QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button, QPalette::ToolTipBase})
        p.setColor(role, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText, QPalette::BrightText})
        p.setColor(role, Qt::white);
    p.setColor(QPalette::Mid, QColor(0xc0, 0xc0, 0xc0));
    p.setColor(QPalette::PlaceholderText, QColor(0xc8, 0xc8, 0xc8));
    p.setColor(QPalette::Highlight, QColor(0xff, 0xff, 0x00));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, QColor(0x00, 0xff, 0xff));
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0xa8, 0xa8, 0xa8));
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

    void onAHighContrastDesktopEveryTextIsReadable()
    {
        const QPalette saved = QApplication::palette();
        QApplication::setPalette(highContrastPalette());
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("contrast.sqlite")));
        window.resize(1024, 700);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        const QList<QChart *> charts = chartsAfterImport(window, workspace);
        QVERIFY(charts.size() >= 6);
        // What each page shows, with the data of a real import: labels at AAA (7:1) against the
        // window, coloured table text (status, errors) at AA (4.5:1) against the table, no text
        // colour fixed by a style sheet without its own background, charts with readable labels
        // and visible grid lines.
        static const QRegularExpression fixedColour(QStringLiteral("(^|[^-])color\\s*:\\s*#"));
        QStringList problems;
        for (int page = 0; page < ui::MainWindow::PageCount; ++page) {
            window.showPage(ui::MainWindow::Page(page));
            QTest::qWait(200);
            for (QWidget *w : window.findChildren<QWidget *>()) {
                if (!w->isVisibleTo(&window) || !w->isVisible())
                    continue;
                if (fixedColour.match(w->styleSheet()).hasMatch() && !w->styleSheet().contains(QLatin1String("background")))
                    problems << QStringLiteral("%1 fixes its text colour: %2").arg(w->objectName(), w->styleSheet());
                if (auto *label = qobject_cast<QLabel *>(w); label && !label->text().isEmpty() && label->styleSheet().isEmpty()) {
                    const double ratio = ui::contrastRatio(label->palette().color(label->foregroundRole()), label->palette().color(label->backgroundRole()));
                    if (ratio < 7.0)
                        problems << QStringLiteral("label \"%1\" contrast %2").arg(label->text().left(40)).arg(ratio, 0, 'f', 1);
                }
                if (auto *view = qobject_cast<QAbstractItemView *>(w); view && view->model()) {
                    const QColor base = view->palette().color(QPalette::Base);
                    QAbstractItemModel *m = view->model();
                    for (int r = 0; r < std::min(m->rowCount(), 40); ++r)
                        for (int c = 0; c < m->columnCount(); ++c) {
                            const QVariant fg = m->index(r, c).data(Qt::ForegroundRole);
                            if (!fg.isValid())
                                continue;
                            const QColor colour = fg.canConvert<QBrush>() ? fg.value<QBrush>().color() : fg.value<QColor>();
                            if (ui::contrastRatio(colour, base) < 4.5)
                                problems << QStringLiteral("%1 row %2 column %3: %4 on %5").arg(QString::fromLatin1(view->metaObject()->className())).arg(r).arg(c).arg(colour.name(), base.name());
                        }
                }
            }
        }
        for (QChart *chart : charts) {
            const QColor background = chart->backgroundBrush().color();
            for (QAbstractAxis *axis : chart->axes()) {
                if (ui::contrastRatio(axis->labelsBrush().color(), background) < 7.0)
                    problems << QStringLiteral("chart \"%1\" axis labels %2 on %3").arg(chart->title(), axis->labelsBrush().color().name(), background.name());
                if (axis->isGridLineVisible() && ui::contrastRatio(axis->gridLineColor(), background) < 1.3)
                    problems << QStringLiteral("chart \"%1\" grid lines vanish (%2 on %3)").arg(chart->title(), axis->gridLineColor().name(), background.name());
            }
        }
        problems.removeDuplicates();
        const QString shots = qEnvironmentVariable("POD_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            for (auto [page, name] : {std::pair{ui::MainWindow::Dashboard, "high-contrast-dashboard-1024x700.png"}, std::pair{ui::MainWindow::Trends, "high-contrast-trends-1024x700.png"},
                                      std::pair{ui::MainWindow::Sources, "high-contrast-sources-1024x700.png"}}) {
                window.showPage(page);
                QTest::qWait(300);
                window.grab().save(QDir(shots).filePath(QLatin1String(name)));
            }
        QApplication::setPalette(saved);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
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
