#include "mainwindow.h"

#include <core/sample/sampleworkspace.h>
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
#include <ui/widgets/emptystate.h>
#include <ui/widgets/trenddetailview.h>

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
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace podtrends::ui {

namespace {
const QString kSampleReturnKey = QStringLiteral("sample/returnTo");

// The spec without a password: settings and the recent list never hold secrets.
QString storableSpec(core::DatabaseConfig config)
{
    config.password.clear();
    return config.spec();
}
} // namespace

MainWindow::MainWindow(Services *services, const QString &databaseSpec, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_workspace(services->workspace())
{
    setWindowTitle(tr("POD Trends"));
    setAcceptDrops(true);
    // Drops anywhere on the window import, even on a chart or a table that refuses them itself.
    qApp->installEventFilter(this);
    QDesktopServices::setUrlHandler(QStringLiteral("podtrends"), this, "openInternalUrl");
    setMinimumSize(960, 640);

    m_activity = new ActivityLogPanel(this);
    m_activityDock = new QDockWidget(tr("Activity"), this);
    m_activityDock->setObjectName(QStringLiteral("activityDock"));
    m_activityDock->setWidget(m_activity);
    m_activityDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, m_activityDock);
    resizeDocks({m_activityDock}, {140}, Qt::Vertical);
    setWindowIcon(QIcon(QStringLiteral(":/podtrends/ui/app-icon.svg")));

    m_databaseLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_databaseLabel);
    connect(m_workspace, &core::Workspace::databaseChanged, this, &MainWindow::updateDatabaseLabel);
    connect(this, &MainWindow::filesDropped, this, &MainWindow::importPaths);
    buildInterface();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_navigation->setCurrentRow(std::clamp(settings.value(QStringLiteral("window/page"), 0).toInt(), 0, PageCount - 1));
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);

    placeActivityLogLast(); // restoring the state re-inserts the dock
    updateDatabaseLabel();
    openDatabase(databaseSpec.isEmpty() ? core::settings::databaseSpec() : databaseSpec);
}

void MainWindow::buildInterface()
{
    core::Workspace *workspace = m_workspace;
    Services *services = m_services;
    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_sampleBanner = new QFrame(central);
    m_sampleBanner->setObjectName(QStringLiteral("sampleBanner"));
    m_sampleBanner->setStyleSheet(QStringLiteral("QFrame#sampleBanner { background: #fff4ce; color: #3d3000; border-bottom: 1px solid #e0c870; }"
                                                 "QFrame#sampleBanner QLabel { color: #3d3000; }"));
    auto *bannerLayout = new QHBoxLayout(m_sampleBanner);
    bannerLayout->setContentsMargins(12, 6, 12, 6);
    auto *bannerText = new QLabel(tr("<b>Sample workspace.</b> These shops and listings are made up so you can try the app. "
                                     "Nothing here is your data."),
                                  m_sampleBanner);
    bannerText->setWordWrap(true);
    auto *removeSample = new QPushButton(tr("Remove the sample"), m_sampleBanner);
    removeSample->setObjectName(QStringLiteral("removeSampleButton"));
    removeSample->setToolTip(tr("Go back to your own database and delete the sample workspace"));
    connect(removeSample, &QPushButton::clicked, this, &MainWindow::removeSampleWorkspace);
    bannerLayout->addWidget(bannerText, 1);
    bannerLayout->addWidget(removeSample);
    m_sampleBanner->hide();
    outer->addWidget(m_sampleBanner);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setFixedWidth(180);
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setStyleSheet(QStringLiteral(
        "QListWidget#navigation { background: palette(window); padding-top: 8px; }"
        "QListWidget#navigation::item { padding: 8px 10px; border-radius: 6px; margin: 0 6px; }"
        "QListWidget#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"));
    m_stack = new QStackedWidget(central);
    row->addWidget(m_navigation);
    row->addWidget(m_stack, 1);
    outer->addLayout(row, 1);
    setCentralWidget(central);

    addPage(Dashboard, new DashboardPage(workspace, this), tr("Dashboard"), QStringLiteral("dashboard"));
    addPage(Trends, new TrendsPage(services, this), tr("Trends"), QStringLiteral("trends"));
    addPage(Products, new ProductsPage(workspace, this), tr("Products"), QStringLiteral("products"));
    addPage(Designs, new DesignsPage(services, this), tr("Designs"), QStringLiteral("designs"));
    addPage(Sources, new SourcesPage(services, this), tr("Sources"), QStringLiteral("sources"));
    addPage(Settings, new SettingsPage(services, this), tr("Settings"), QStringLiteral("settings"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connectPages();

    createActions();
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_activityDock->toggleViewAction());
    view->addSeparator();
    for (const char *name : {"actionZoomIn", "actionZoomOut", "actionZoomFit"})
        view->addAction(action(QString::fromLatin1(name)));
    createHelpMenu();

    placeActivityLogLast();
}

void MainWindow::placeActivityLogLast()
{
    // The activity log is made before the pages (and outlives a rebuild of them), so Tab would
    // reach it first, above the page. Setting it into its dock again puts it at the end of the
    // window's focus chain, after the page; QWidget::setTabOrder(lastOfPage, log) does not move
    // it there in Qt 6.4 (the chain is a ring and the window stays where it was).
    if (!m_activity || !m_activityDock)
        return;
    m_activity->setParent(nullptr);
    m_activityDock->setWidget(m_activity);
    m_activity->show();
}

void MainWindow::changeEvent(QEvent *event)
{
    // A language chosen in Settings: every page is built again in it (queued, so the Settings
    // control that asked is not deleted under its own signal).
    if (event->type() == QEvent::LanguageChange && m_stack && !m_rebuildQueued) {
        m_rebuildQueued = true;
        QMetaObject::invokeMethod(this, &MainWindow::rebuildInterface, Qt::QueuedConnection);
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::rebuildInterface()
{
    m_rebuildQueued = false;
    const int current = m_navigation->currentRow();
    const QByteArray state = saveState();
    const auto *settingsTabs = page(Settings)->findChild<QTabWidget *>();
    const int settingsTab = settingsTabs ? settingsTabs->currentIndex() : 0;
    // The menu bar owns the menus and their actions; the central widget owns the pages.
    setMenuBar(new QMenuBar(this));
    m_recentMenu = nullptr;
    // The zoom shortcuts belong to the window itself (no menu owns them).
    const QList<QAction *> own = findChildren<QAction *>(QString(), Qt::FindDirectChildrenOnly);
    for (QAction *a : own)
        if (a->objectName().startsWith(QLatin1String("actionZoom")))
            delete a;
    buildInterface();
    m_activityDock->setWindowTitle(tr("Activity"));
    restoreState(state);
    m_navigation->setCurrentRow(current);
    if (auto *tabs = page(Settings)->findChild<QTabWidget *>())
        tabs->setCurrentIndex(settingsTab);
    placeActivityLogLast();
    updateDatabaseLabel();
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    QDesktopServices::unsetUrlHandler(QStringLiteral("podtrends"));
}

void MainWindow::openInternalUrl(const QUrl &url)
{
    const QString path = url.path();
    auto *trends = static_cast<TrendsPage *>(page(Trends));
    if (path == QLatin1String("settings/accounts")) {
        showPage(Settings);
        if (auto *settings = qobject_cast<SettingsPage *>(page(Settings)))
            settings->showAccounts();
        raise();
        activateWindow();
    } else if (path == QLatin1String("import")) {
        importFromDialog(FileRequest::ImportFiles);
    } else if (path == QLatin1String("sample")) {
        openSampleWorkspace();
    } else if (path == QLatin1String("sample/remove")) {
        removeSampleWorkspace();
    } else if (path == QLatin1String("analyze")) {
        trends->startAnalysis();
        showPage(Trends);
    } else if (path == QLatin1String("sources/add")) {
        showPage(Sources);
        static_cast<SourcesPage *>(page(Sources))->addSource();
    } else if (path == QLatin1String("generate")) {
        generateForCurrentTrend();
    } else if (path == QLatin1String("trends")) {
        showPage(Trends);
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
    // An import is followed by an analysis (File › Analyze after importing), so new listings
    // reach the trends without another click.
    connect(sources, &SourcesPage::importFinished, this, [this, trends](int products, const QString &error) {
        const bool sample = m_importSample;
        m_importSample = false;
        if (products > 0 && analyzeAfterImport()) {
            trends->startAnalysis();
            showPage(Trends);
        }
        if (sample)
            Q_EMIT sampleReady(error);
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

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page);
}

QWidget *MainWindow::page(Page page) const
{
    return m_stack->widget(page);
}

void MainWindow::importPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    showPage(Sources);
    static_cast<SourcesPage *>(page(Sources))->importFiles(paths);
}

void MainWindow::generateForCurrentTrend()
{
    auto *detail = page(Trends)->findChild<TrendDetailView *>();
    const qint64 trendId = detail ? detail->trendId() : 0;
    if (trendId <= 0) {
        showPage(Trends);
        statusBar()->showMessage(tr("Choose a trend on the Trends page first: designs are generated for one trend."), 8000);
        return;
    }
    showPage(Designs);
    static_cast<DesignsPage *>(page(Designs))->generateForTrend(trendId);
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
            m_importSample = false;
            core::ActivityLog::instance()->error(tr("Database"), result.errorMessage());
            m_databaseLabel->setText(tr("No database: %1").arg(result.errorMessage()));
            showPage(Settings);
            return;
        }
        const bool sample = core::sampleworkspace::isSample(cfg);
        core::ActivityLog::instance()->info(tr("Database"), sample ? tr("Opened the sample workspace") : tr("Opened %1").arg(cfg.displayName()));
        if (!sample)
            rememberDatabase(storableSpec(cfg));
        // The composition root follows the workspace: it builds the new database's services and
        // tears down the previous ones (their pending work cancelled).
        m_workspace->setDatabase(*result);
        if (!sample && core::sampleworkspace::exists() && QSettings().value(QStringLiteral("sample/removeAfterSwitch")).toBool()) {
            QSettings().remove(QStringLiteral("sample/removeAfterSwitch"));
            auto removing = QtConcurrent::run(m_services->tasks(), [] { return core::sampleworkspace::remove(); });
            core::whenReady(removing, this, [](const core::Status &s) {
                if (!s)
                    core::ActivityLog::instance()->warning(tr("Sample workspace"), s.errorMessage());
                else
                    core::ActivityLog::instance()->info(tr("Sample workspace"), tr("The sample workspace was removed."));
            });
        }
        if (sample && m_importSample) {
            // A new sample: copy the bundled shops out and import them like any seller's files.
            auto extracting = QtConcurrent::run(m_services->tasks(), [] { return core::sampleworkspace::extractFiles(); });
            core::whenReady(extracting, this, [this](const core::Result<QStringList> &files) {
                if (!files) {
                    m_importSample = false;
                    core::ActivityLog::instance()->error(tr("Sample workspace"), files.errorMessage());
                    Q_EMIT sampleReady(files.errorMessage());
                    return;
                }
                importPaths(*files);
            });
        }
    });
}

bool MainWindow::isSampleOpen() const
{
    const auto db = m_workspace->database();
    return db && core::sampleworkspace::isSample(db->config());
}

void MainWindow::openSampleWorkspace()
{
    if (isSampleOpen()) {
        showPage(Trends);
        return;
    }
    QSettings settings;
    if (const auto db = m_workspace->database())
        settings.setValue(kSampleReturnKey, storableSpec(db->config()));
    settings.remove(QStringLiteral("sample/removeAfterSwitch"));
    m_importSample = !core::sampleworkspace::exists();
    const QString spec = core::sampleworkspace::databasePath();
    core::settings::setDatabaseSpec(spec);
    showPage(Sources);
    openDatabase(spec);
}

void MainWindow::removeSampleWorkspace()
{
    QSettings settings;
    QString back = settings.value(kSampleReturnKey).toString();
    auto parsed = core::DatabaseConfig::parse(back);
    if (back.isEmpty() || !parsed || core::sampleworkspace::isSample(*parsed))
        back = core::DatabaseConfig::defaultSqlitePath();
    settings.remove(kSampleReturnKey);
    if (!isSampleOpen()) {
        auto removing = QtConcurrent::run(m_services->tasks(), [] { return core::sampleworkspace::remove(); });
        core::whenReady(removing, this, [](const core::Status &s) {
            if (!s)
                core::ActivityLog::instance()->warning(tr("Sample workspace"), s.errorMessage());
        });
        return;
    }
    // Deleted once the seller's own database is open (a failed switch keeps the sample).
    settings.setValue(QStringLiteral("sample/removeAfterSwitch"), true);
    core::settings::setDatabaseSpec(back);
    showPage(Dashboard);
    openDatabase(back);
}

void MainWindow::updateDatabaseLabel()
{
    const auto db = m_workspace->database();
    const bool sample = isSampleOpen();
    m_sampleBanner->setVisible(sample);
    setWindowTitle(sample ? tr("POD Trends — Sample workspace") : tr("POD Trends"));
    if (!db)
        return;
    if (sample) {
        m_databaseLabel->setText(tr("Sample workspace (made-up shops)"));
        m_databaseLabel->setToolTip(tr("Remove it with the button at the top or File › Remove the sample workspace."));
        return;
    }
    const bool pg = db->isPostgres();
    m_databaseLabel->setText((pg ? tr("PostgreSQL: %1") : tr("SQLite: %1")).arg(db->config().displayName()));
    m_databaseLabel->setToolTip(tr("The database in use. Change it with File › Open database or under Settings."));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_navigation->currentRow());
    event->accept();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return QMainWindow::eventFilter(watched, event);
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || widget->window() != this)
        return QMainWindow::eventFilter(watched, event);
    auto *drop = static_cast<QDropEvent *>(event);
    QStringList paths;
    if (drop->mimeData())
        for (const QUrl &url : drop->mimeData()->urls())
            if (url.isLocalFile())
                paths << url.toLocalFile();
    if (paths.isEmpty())
        return QMainWindow::eventFilter(watched, event); // text dropped on a field stays the field's
    drop->setDropAction(Qt::CopyAction);
    drop->accept();
    if (type == QEvent::Drop)
        Q_EMIT filesDropped(paths);
    return true;
}

} // namespace podtrends::ui
