#include "mainwindow.h"

#include <core/secrets/secretstore.h>
#include <core/storage/database.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>
#include <core/util/settings.h>
#include <core/util/whenready.h>
#include <ui/dialogs/publishdialog.h>
#include <ui/pages/dashboardpage.h>
#include <ui/pages/designspage.h>
#include <ui/pages/productspage.h>
#include <ui/pages/settingspage.h>
#include <ui/pages/sourcespage.h>
#include <ui/pages/trendspage.h>
#include <ui/services.h>
#include <ui/widgets/activitylogpanel.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QPointer>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QtConcurrent>

namespace podtrends::ui {

MainWindow::MainWindow(Services *services, const QString &databaseSpec, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_workspace(services->workspace())
{
    core::Workspace *workspace = m_workspace;
    setWindowTitle(tr("POD Trends"));
    setAcceptDrops(true);
    QDesktopServices::setUrlHandler(QStringLiteral("podtrends"), this, "openInternalUrl");
    setMinimumSize(960, 640);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFixedWidth(180);
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setStyleSheet(QStringLiteral(
        "QListWidget#navigation { background: palette(window); padding-top: 8px; }"
        "QListWidget#navigation::item { padding: 8px 10px; border-radius: 6px; margin: 0 6px; }"
        "QListWidget#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"));
    m_stack = new QStackedWidget(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    addPage(Dashboard, new DashboardPage(workspace, this), tr("Dashboard"), QStringLiteral("dashboard"));
    addPage(Trends, new TrendsPage(services, this), tr("Trends"), QStringLiteral("trends"));
    addPage(Products, new ProductsPage(workspace, this), tr("Products"), QStringLiteral("products"));
    addPage(Designs, new DesignsPage(services, this), tr("Designs"), QStringLiteral("designs"));
    addPage(Sources, new SourcesPage(services, this), tr("Sources"), QStringLiteral("sources"));
    addPage(Settings, new SettingsPage(services, this), tr("Settings"), QStringLiteral("settings"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connectPages();

    m_activity = new ActivityLogPanel(this);
    auto *dock = new QDockWidget(tr("Activity"), this);
    dock->setObjectName(QStringLiteral("activityDock"));
    dock->setWidget(m_activity);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {140}, Qt::Vertical);
    setWindowIcon(QIcon(QStringLiteral(":/podtrends/ui/app-icon.svg")));

    m_databaseLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_databaseLabel);
    connect(workspace, &core::Workspace::databaseChanged, this, &MainWindow::updateDatabaseLabel);
    createActions();
    menuBar()->addMenu(tr("&View"))->addAction(dock->toggleViewAction());

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_navigation->setCurrentRow(std::clamp(settings.value(QStringLiteral("window/page"), 0).toInt(), 0, PageCount - 1));
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);

    updateDatabaseLabel();
    openDatabase(databaseSpec.isEmpty() ? core::settings::databaseSpec() : databaseSpec);
}

MainWindow::~MainWindow()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("podtrends"));
}

void MainWindow::openInternalUrl(const QUrl &url)
{
    if (url.path() == QLatin1String("settings/accounts")) {
        showPage(Settings);
        if (auto *settings = qobject_cast<SettingsPage *>(page(Settings)))
            settings->showAccounts();
        raise();
        activateWindow();
    }
}

void MainWindow::addPage(Page page, QWidget *widget, const QString &title, const QString &iconName)
{
    Q_ASSERT(m_stack->count() == page);
    widget->setObjectName(QStringLiteral("page%1").arg(int(page)));
    m_stack->addWidget(widget);
    auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/podtrends/ui/nav/%1.svg").arg(iconName)), title, m_navigation);
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(int(page) + 1));
}

void MainWindow::connectPages()
{
    // The pages know nothing of each other; the window carries a request from one to the next.
    auto *dashboard = static_cast<DashboardPage *>(page(Dashboard));
    auto *trends = static_cast<TrendsPage *>(page(Trends));
    auto *sources = static_cast<SourcesPage *>(page(Sources));
    auto *designs = static_cast<DesignsPage *>(page(Designs));
    auto *settings = static_cast<SettingsPage *>(page(Settings));
    connect(this, &MainWindow::filesDropped, this, [this, sources](const QStringList &paths) {
        showPage(Sources);
        sources->importFiles(paths);
    });
    auto generate = [this, designs](qint64 trendId) {
        showPage(Designs);
        designs->generateForTrend(trendId);
    };
    connect(trends, &TrendsPage::generateRequested, this, generate);
    connect(dashboard, &DashboardPage::generateRequested, this, generate);
    connect(dashboard, &DashboardPage::addSourceRequested, this, [this] { showPage(Sources); });
    connect(dashboard, &DashboardPage::trendRequested, this, [this, trends](qint64 trendId) {
        trends->selectTrend(trendId);
        showPage(Trends);
    });
    connect(dashboard, &DashboardPage::analysisRequested, this, [this, trends] {
        trends->startAnalysis();
        showPage(Trends);
    });
    connect(settings, &SettingsPage::databaseChosen, this, &MainWindow::openDatabase);
    connect(designs, &DesignsPage::publishRequested, this, [this](qint64 designId) {
        auto *dialog = new PublishDialog(m_services, designId, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < PageCount; ++i) {
        QAction *a = goMenu->addAction(m_navigation->item(i)->text(), this, [this, i] { showPage(Page(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page);
}

QWidget *MainWindow::page(Page page) const
{
    return m_stack->widget(page);
}

void MainWindow::openDatabase(const QString &spec)
{
    auto config = core::DatabaseConfig::parse(spec);
    if (!config) {
        core::ActivityLog::instance()->error(tr("Database"), config.errorMessage());
        return;
    }
    m_databaseLabel->setText(tr("Opening %1…").arg(config->displayName()));
    // Opening may migrate or wait on a server: never on the GUI thread.
    auto opening = QtConcurrent::run(m_services->tasks(), [cfg = *config]() mutable {
        core::SecretStore::fillDatabasePassword(cfg);
        return core::Database::open(cfg);
    });
    core::whenReady(opening, this, [this, cfg = *config](const core::Result<std::shared_ptr<core::Database>> &result) {
        if (!result) {
            core::ActivityLog::instance()->error(tr("Database"), result.errorMessage());
            m_databaseLabel->setText(tr("No database: %1").arg(result.errorMessage()));
            showPage(Settings);
            return;
        }
        core::ActivityLog::instance()->info(tr("Database"), tr("Opened %1").arg(cfg.displayName()));
        // The composition root follows the workspace: it builds the new database's services and
        // tears down the previous ones (their pending work cancelled).
        m_workspace->setDatabase(*result);
    });
}

void MainWindow::updateDatabaseLabel()
{
    const auto db = m_workspace->database();
    if (!db)
        return;
    const bool pg = db->isPostgres();
    m_databaseLabel->setText((pg ? tr("PostgreSQL: %1") : tr("SQLite: %1")).arg(db->config().displayName()));
    m_databaseLabel->setToolTip(tr("The database in use. Change it under Settings."));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_navigation->currentRow());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        Q_EMIT filesDropped(paths);
    }
}

} // namespace podtrends::ui
