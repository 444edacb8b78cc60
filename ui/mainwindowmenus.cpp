// The window's menus, shortcuts and the dialogs they open (file choosers, Keyboard shortcuts,
// About). The pages do the work; the actions only route to them.
#include "mainwindow.h"

#include <core/design/designgenerator.h>
#include <core/sample/sampleworkspace.h>
#include <core/storage/database.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>
#include <core/util/settings.h>
#include <core/util/whenready.h>
#include <ui/models/trendtablemodel.h>
#include <ui/pages/designspage.h>
#include <ui/pages/productspage.h>
#include <ui/pages/trendspage.h>
#include <ui/services.h>
#include <ui/widgets/designpreview.h>

#include <QAction>
#include <QDate>
#include <QLocale>
#include <QRegularExpression>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace podtrends::ui {

namespace {

const QString kRecentKey = QStringLiteral("database/recent");
const QString kAnalyzeKey = QStringLiteral("import/analyzeAfter");
constexpr int kMaxRecent = 8;

QStringList defaultChooser(QWidget *parent, const FileRequest &r)
{
    switch (r.kind) {
    case FileRequest::ImportFiles:
        return QFileDialog::getOpenFileNames(parent, r.title, r.suggestion, r.filter);
    case FileRequest::ImportFolder: {
        const QString dir = QFileDialog::getExistingDirectory(parent, r.title, r.suggestion);
        return dir.isEmpty() ? QStringList() : QStringList{dir};
    }
    case FileRequest::OpenDatabase: {
        const QString file = QFileDialog::getOpenFileName(parent, r.title, r.suggestion, r.filter);
        return file.isEmpty() ? QStringList() : QStringList{file};
    }
    case FileRequest::NewDatabase:
    case FileRequest::ExportProducts:
    case FileRequest::ExportReport: {
        const QString file = QFileDialog::getSaveFileName(parent, r.title, r.suggestion, r.filter);
        return file.isEmpty() ? QStringList() : QStringList{file};
    }
    }
    return {};
}

QString documentsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

QString plainText(const QString &menuText)
{
    QString t = menuText;
    t.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    t.replace(QStringLiteral("&&"), QStringLiteral("&"));
    t.remove(QStringLiteral("…"));
    return t.trimmed();
}

} // namespace

bool MainWindow::analyzeAfterImport()
{
    return QSettings().value(kAnalyzeKey, true).toBool();
}

void MainWindow::setAnalyzeAfterImport(bool on)
{
    QSettings().setValue(kAnalyzeKey, on);
}

QStringList MainWindow::recentDatabases()
{
    return QSettings().value(kRecentKey).toStringList();
}

void MainWindow::rememberDatabase(const QString &spec)
{
    QStringList recent = recentDatabases();
    recent.removeAll(spec);
    recent.prepend(spec);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
}

void MainWindow::setFileChooser(FileChooser chooser)
{
    m_fileChooser = std::move(chooser);
}

QStringList MainWindow::chooseFiles(const FileRequest &request)
{
    return m_fileChooser ? m_fileChooser(this, request) : defaultChooser(this, request);
}

QAction *MainWindow::action(const QString &objectName) const
{
    return findChild<QAction *>(objectName);
}

void MainWindow::createActions()
{
    createFileMenu();
    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < PageCount; ++i) {
        QAction *a = goMenu->addAction(m_navigation->item(i)->text(), this, [this, i] { showPage(Page(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu *research = menuBar()->addMenu(tr("&Research"));
    auto add = [this, research](const char *name, const QString &text, const QKeySequence &key, auto slot) {
        QAction *a = research->addAction(text, this, slot);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        return a;
    };
    add("actionAnalyze", tr("&Analyze collected products"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
        [this] { openInternalUrl(QUrl(QStringLiteral("podtrends:analyze"))); });
    add("actionGenerate", tr("&Generate designs for the selected trend"), QKeySequence(Qt::CTRL | Qt::Key_G),
        [this] { generateForCurrentTrend(); });
    add("actionPublish", tr("&Publish the selected design…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this] {
        auto *designs = static_cast<DesignsPage *>(page(Designs));
        showPage(Designs);
        if (const qint64 id = designs->selectedDesignId())
            Q_EMIT designs->publishRequested(id);
        else
            statusBar()->showMessage(tr("Choose a design in the gallery first."), 8000);
    });

    // Zoom works on the Designs page's preview (the View menu lists these).
    auto zoom = [this](int step) {
        auto *slider = static_cast<DesignsPage *>(page(Designs))->preview()->findChild<QSlider *>();
        showPage(Designs);
        if (!slider)
            return;
        if (step == 0)
            static_cast<DesignsPage *>(page(Designs))->preview()->setZoom(100);
        else
            slider->setValue(slider->value() + step * slider->pageStep());
    };
    const std::tuple<const char *, QString, QKeySequence, int> zooms[] = {
        {"actionZoomIn", tr("Zoom &in"), QKeySequence::ZoomIn, 1},
        {"actionZoomOut", tr("Zoom &out"), QKeySequence::ZoomOut, -1},
        {"actionZoomFit", tr("&Fit to the pane"), QKeySequence(Qt::CTRL | Qt::Key_0), 0},
    };
    for (const auto &[name, text, key, step] : zooms) {
        auto *a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, [zoom, step = step] { zoom(step); });
        addAction(a);
    }
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    auto add = [this](QMenu *menu, const char *name, const QString &text, const QKeySequence &key, auto slot) {
        QAction *a = menu->addAction(text, this, slot);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        return a;
    };
    add(file, "actionNewDatabase", tr("&New database…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] { newDatabase(); });
    add(file, "actionOpenDatabase", tr("&Open database…"), QKeySequence::Open, [this] { openDatabaseFromDialog(); });
    m_recentMenu = file->addMenu(tr("Open &recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();
    file->addSeparator();
    add(file, "actionImportFiles", tr("&Import files…"), QKeySequence(Qt::CTRL | Qt::Key_I),
        [this] { importFromDialog(FileRequest::ImportFiles); });
    add(file, "actionImportFolder", tr("Import a &folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
        [this] { importFromDialog(FileRequest::ImportFolder); });
    QAction *analyze = file->addAction(tr("Analyze after importing"));
    analyze->setObjectName(QStringLiteral("actionAnalyzeAfterImport"));
    analyze->setCheckable(true);
    analyze->setChecked(analyzeAfterImport());
    analyze->setToolTip(tr("Find and rank niches as soon as an import ends"));
    connect(analyze, &QAction::toggled, this, [](bool on) { setAnalyzeAfterImport(on); });
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    add(exportMenu, "actionExportProducts", tr("&Products as CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportProducts(); });
    add(exportMenu, "actionExportReport", tr("&Trend report…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] { exportReport(); });
    file->addSeparator();
    add(file, "actionOpenSample", tr("Try the &sample workspace"), {}, [this] { openSampleWorkspace(); });
    QAction *removeSample = add(file, "actionRemoveSample", tr("Remove the sample workspace"), {}, [this] { removeSampleWorkspace(); });
    connect(file, &QMenu::aboutToShow, this, [removeSample] { removeSample->setEnabled(core::sampleworkspace::exists()); });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentDatabases();
    for (const QString &spec : recent) {
        const auto config = core::DatabaseConfig::parse(spec);
        QAction *a = m_recentMenu->addAction(config ? config->displayName() : spec, this, [this, spec] {
            core::settings::setDatabaseSpec(spec);
            openDatabase(spec);
        });
        a->setData(spec);
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No databases opened yet"))->setEnabled(false);
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    QAction *about = help->addAction(tr("&About POD Trends"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::importFromDialog(FileRequest::Kind kind)
{
    FileRequest request;
    request.kind = kind;
    request.suggestion = QSettings().value(QStringLiteral("import/lastFolder"), documentsFolder()).toString();
    if (kind == FileRequest::ImportFolder) {
        request.title = tr("Import a folder of saved pages and exports");
    } else {
        request.title = tr("Import saved pages and exports");
        request.filter = tr("Saved pages and exports (*.html *.htm *.json *.csv);;All files (*)");
    }
    const QStringList paths = chooseFiles(request);
    if (paths.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("import/lastFolder"), QFileInfo(paths.first()).absolutePath());
    importPaths(paths);
}

void MainWindow::newDatabase()
{
    FileRequest request;
    request.kind = FileRequest::NewDatabase;
    request.title = tr("New database");
    request.filter = tr("Databases (*.sqlite *.db)");
    request.suggestion = QDir(documentsFolder()).filePath(tr("research.sqlite"));
    QStringList chosen = chooseFiles(request);
    if (chosen.isEmpty())
        return;
    QString path = chosen.first();
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".sqlite");
    if (QFileInfo::exists(path)) {
        QMessageBox::warning(this, tr("New database"),
                             tr("%1 already exists. Use File › Open database to work on it.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    core::settings::setDatabaseSpec(path);
    showPage(Dashboard);
    openDatabase(path);
}

void MainWindow::openDatabaseFromDialog()
{
    FileRequest request;
    request.kind = FileRequest::OpenDatabase;
    request.title = tr("Open database (a team's PostgreSQL server: Settings › Database)");
    request.filter = tr("Databases (*.sqlite *.db);;All files (*)");
    request.suggestion = documentsFolder();
    const QStringList chosen = chooseFiles(request);
    if (chosen.isEmpty())
        return;
    core::settings::setDatabaseSpec(chosen.first());
    openDatabase(chosen.first());
}

void MainWindow::exportProducts()
{
    FileRequest request;
    request.kind = FileRequest::ExportProducts;
    request.title = tr("Export products");
    request.filter = tr("CSV files (*.csv)");
    request.suggestion = QDir(documentsFolder()).filePath(tr("products.csv"));
    const QStringList chosen = chooseFiles(request);
    if (chosen.isEmpty())
        return;
    showPage(Products);
    // The Products page exports what its filters show, with progress and Cancel.
    static_cast<ProductsPage *>(page(Products))->exportCsv(chosen.first());
}

void MainWindow::exportReport()
{
    const TrendTableModel *model = static_cast<TrendsPage *>(page(Trends))->model();
    if (model->rowCount() == 0) {
        statusBar()->showMessage(tr("No trends to report yet: analyze collected products first."), 8000);
        return;
    }
    FileRequest request;
    request.kind = FileRequest::ExportReport;
    request.title = tr("Export the trend report");
    request.filter = tr("Web pages (*.html)");
    request.suggestion = QDir(documentsFolder()).filePath(tr("trend-report.html"));
    const QStringList chosen = chooseFiles(request);
    if (chosen.isEmpty())
        return;
    // The report is the Trends table as the seller reads it, best opportunity first.
    // Every niche once, refinements included (they sit under their parent in the table's tree).
    QList<QModelIndex> rows;
    for (const core::Trend &trend : model->trends())
        if (const QModelIndex at = model->indexOf(trend.id); at.isValid())
            rows << at;
    std::stable_sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return a.siblingAtColumn(TrendTableModel::Opportunity).data(TrendTableModel::RawRole).toDouble()
             > b.siblingAtColumn(TrendTableModel::Opportunity).data(TrendTableModel::RawRole).toDouble();
    });
    QString html = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                                  "<style>body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}</style>"
                                  "</head><body><h1>%1</h1><p>%2</p><table><tr>")
                       .arg(tr("Trend report").toHtmlEscaped(),
                            tr("%n niche(s), best opportunity first. Made with POD Trends on %1.", nullptr, int(rows.size()))
                                .arg(QLocale().toString(QDate::currentDate(), QLocale::LongFormat))
                                .toHtmlEscaped());
    for (int c = 0; c < TrendTableModel::ColumnCount; ++c)
        html += QStringLiteral("<th>%1</th>").arg(model->headerData(c, Qt::Horizontal).toString().toHtmlEscaped());
    html += QStringLiteral("<th>%1</th></tr>").arg(tr("Summary").toHtmlEscaped());
    for (const QModelIndex &row : std::as_const(rows)) {
        html += QStringLiteral("<tr>");
        for (int c = 0; c < TrendTableModel::ColumnCount; ++c)
            html += QStringLiteral("<td>%1</td>").arg(row.siblingAtColumn(c).data().toString().toHtmlEscaped());
        html += QStringLiteral("<td>%1</td></tr>").arg(model->trendAt(row)->summary.toHtmlEscaped());
    }
    html += QStringLiteral("</table></body></html>");
    const QString path = chosen.first();
    auto writing = QtConcurrent::run(m_services->tasks(), [path, data = html.toUtf8()] {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
            return file.errorString();
        return QString();
    });
    core::whenReady(writing, this, [path](const QString &error) {
        if (error.isEmpty())
            core::ActivityLog::instance()->info(tr("Export"), tr("Saved the trend report to %1").arg(QDir::toNativeSeparators(path)));
        else
            core::ActivityLog::instance()->error(tr("Export"), tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), error));
    });
}

void MainWindow::showShortcuts()
{
    // Read from the actions themselves, so the list is never out of date.
    QList<QPair<QString, QString>> rows;
    for (QAction *a : findChildren<QAction *>()) {
        if (a->shortcut().isEmpty() || a->text().isEmpty())
            continue;
        rows.append({plainText(a->text()), a->shortcut().toString(QKeySequence::NativeText)});
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *table = new QTableWidget(int(rows.size()), 2, &dialog);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setAccessibleName(tr("Keyboard shortcuts"));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    for (int r = 0; r < rows.size(); ++r) {
        table->setItem(r, 0, new QTableWidgetItem(rows.at(r).first));
        table->setItem(r, 1, new QTableWidgetItem(rows.at(r).second));
    }
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(520, 560);
    dialog.exec();
}

void MainWindow::showAbout()
{
    const auto db = m_workspace->database();
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString database = !db ? tr("none open") : isSampleOpen() ? tr("the sample workspace") : db->config().displayName();
    const QString text =
        tr("<h3>POD Trends %1</h3>"
           "<p>Finds print-on-demand niches in marketplace listings, generates designs and publishes them.</p>"
           "<p>Qt %2 (built with %3)</p>"
           "<p><b>Database:</b> %4<br><b>Data folder:</b> %5<br><b>Designs:</b> %6<br><b>Settings file:</b> %7</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                 database.toHtmlEscaped(), QDir::toNativeSeparators(data).toHtmlEscaped(),
                 QDir::toNativeSeparators(core::DesignGenerator::defaultOutputRoot()).toHtmlEscaped(),
                 QDir::toNativeSeparators(QSettings().fileName()).toHtmlEscaped());
    QMessageBox box(QMessageBox::Information, tr("About POD Trends"), text, QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("aboutBox"));
    box.setTextFormat(Qt::RichText);
    box.exec();
}

} // namespace podtrends::ui
