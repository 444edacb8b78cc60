// Renders every page of the window (and the database dialog) to PNG files, for the README and
// for looking at the app without a desktop:
//   QT_QPA_PLATFORM=offscreen pt_screenshots --db FILE --out DIR [--size 1400x900] [--wait-ms 3000]
//                                             [--prefix NAME-] [--sample] [--language de] [--dark]
// --sample opens the sample workspace first (imported and analysed), generates designs for its
// best trend and then takes the pages; on an empty --db the pages show their first-run states.
#include <core/sample/sampleworkspace.h>
#include <core/storage/databaseconfig.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <core/util/translations.h>
#include <ui/dialogs/databasedialog.h>
#include <ui/mainwindow.h>
#include <ui/pages/designspage.h>
#include <ui/pages/trendspage.h>
#include <ui/models/trendtablemodel.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

using namespace podtrends;

static void pump(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PodTrendsScreenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("podtrends"));
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("db"), QStringLiteral("database"), QStringLiteral("SPEC")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("output folder"), QStringLiteral("DIR"), QStringLiteral(".")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("window size"), QStringLiteral("WxH"), QStringLiteral("1400x900")});
    parser.addOption({QStringLiteral("wait-ms"), QStringLiteral("time per page"), QStringLiteral("MS"), QStringLiteral("3000")});
    parser.addOption({QStringLiteral("pages"), QStringLiteral("comma-separated page numbers"), QStringLiteral("LIST"), QStringLiteral("0,1,2,3,4,5")});
    parser.addOption({QStringLiteral("prefix"), QStringLiteral("file name prefix"), QStringLiteral("NAME"), QString()});
    parser.addOption({QStringLiteral("sample"), QStringLiteral("open the sample workspace and generate designs first")});
    parser.addOption({QStringLiteral("dark"), QStringLiteral("a dark palette (Fusion), as on a dark desktop")});
    parser.addOption({QStringLiteral("language"), QStringLiteral("the window's language (de, es, en)"), QStringLiteral("CODE")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("dark"))) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        p.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
        p.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
        p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35));
        p.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xe8));
        p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(p);
    }
    if (parser.isSet(QStringLiteral("language")))
        core::installTranslations(&app, QLocale(parser.value(QStringLiteral("language"))));
    const QString prefix = parser.value(QStringLiteral("prefix"));
    const QStringList size = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
    const QDir out(parser.value(QStringLiteral("out")));
    QDir().mkpath(out.path());
    const int wait = parser.value(QStringLiteral("wait-ms")).toInt();

    core::Workspace workspace;
    app::AppServices services(&workspace);
    ui::MainWindow window(services.services(), parser.value(QStringLiteral("db")));
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    window.show();
    pump(wait);
    if (parser.isSet(QStringLiteral("sample"))) {
        bool ready = core::sampleworkspace::exists(); // opened again: no new import
        QObject::connect(&window, &ui::MainWindow::sampleReady, [&ready] { ready = true; });
        window.openSampleWorkspace();
        auto *trends = static_cast<ui::TrendsPage *>(window.page(ui::MainWindow::Trends));
        for (int i = 0; i < 1200 && !(ready && trends->model()->rowCount() > 0 && !trends->isAnalysisRunning()); ++i)
            pump(100);
        window.showPage(ui::MainWindow::Trends);
        pump(wait);
        window.action(QStringLiteral("actionGenerate"))->trigger();
        auto *designs = static_cast<ui::DesignsPage *>(window.page(ui::MainWindow::Designs));
        for (int i = 0; i < 2400 && (designs->isGenerating() || i < 10); ++i)
            pump(100);
    }
    static const char *names[] = {"dashboard", "trends", "products", "designs", "sources", "settings"};
    for (const QString &page : parser.value(QStringLiteral("pages")).split(QLatin1Char(','))) {
        const int i = page.toInt();
        window.showPage(ui::MainWindow::Page(i));
        pump(wait);
        const QString file = out.filePath(QStringLiteral("%1%2.png").arg(prefix, QString::fromLatin1(names[i])));
        window.grab().save(file);
        std::printf("%s\n", qPrintable(file));
    }
    if (auto db = workspace.database(); db && prefix.isEmpty()) {
        ui::DatabaseDialog dialog(db->config(), &window);
        dialog.show();
        pump(300);
        const QString file = out.filePath(QStringLiteral("database-dialog.png"));
        dialog.grab().save(file);
        std::printf("%s\n", qPrintable(file));
    }
    return 0;
}
