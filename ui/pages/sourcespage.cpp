#include "sourcespage.h"

#include <ui/widgets/jobspanel.h>

#include <core/scraping/scheduler.h>
#include <core/scraping/scrapeservice.h>
#include <core/storage/sourcerepository.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>
#include <core/util/whenready.h>
#include <ui/dialogs/sourcedialog.h>
#include <ui/models/sourcemarketplacemodel.h>
#include <ui/models/sourcetablemodel.h>
#include <ui/widgets/pageheader.h>
#include <ui/services.h>
#include <ui/widgets/sourceprogressdelegate.h>

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace podtrends::ui {

namespace {
constexpr int PeriodicRefreshMs = 30000;

struct Snapshot
{
    QList<core::Source> sources;
    QList<core::MarketplaceRecord> marketplaces;
};

QTableView *makeTable(QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(32);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}
} // namespace

SourcesPage::SourcesPage(Services *services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_workspace(services->workspace())
    , m_model(new SourceTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_marketplaces(new SourceMarketplaceModel(this))
{
    core::Workspace *workspace = m_workspace;
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SourceTableModel::RawRole);
    m_proxy->setFilterKeyColumn(SourceTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    m_header = new PageHeader(tr("Sources"), tr("Stores and searches to collect, and how often."), this);
    m_add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("Add source\u2026"), this);
    m_add->setToolTip(tr("Add a Shopify store or an Etsy/Amazon search (Ctrl+N)"));
    m_scrape = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Scrape now"), this);
    m_cancel = new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("Cancel"), this);
    m_edit = new QPushButton(tr("Edit\u2026"), this);
    m_remove = new QPushButton(QIcon::fromTheme(QStringLiteral("list-remove")), tr("Remove"), this);
    m_remove->setToolTip(tr("Remove the selected source (Del); its products stay"));
    for (QPushButton *b : {m_scrape, m_cancel, m_edit, m_remove, m_add})
        m_header->addAction(b);
    connect(m_add, &QPushButton::clicked, this, &SourcesPage::addSource);
    connect(m_scrape, &QPushButton::clicked, this, &SourcesPage::scrapeCurrentSource);
    connect(m_cancel, &QPushButton::clicked, this, &SourcesPage::cancelCurrentSource);
    connect(m_edit, &QPushButton::clicked, this, &SourcesPage::editCurrentSource);
    connect(m_remove, &QPushButton::clicked, this, &SourcesPage::removeCurrentSource);
    layout->addWidget(m_header);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter sources (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), QLineEdit::LeadingPosition);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_filter);

    m_importBar = new QWidget(this);
    auto *importLayout = new QHBoxLayout(m_importBar);
    importLayout->setContentsMargins(0, 0, 0, 0);
    m_importLabel = new QLabel(m_importBar);
    m_importProgress = new QProgressBar(m_importBar);
    importLayout->addWidget(m_importLabel);
    importLayout->addWidget(m_importProgress, 1);
    m_importBar->hide();
    layout->addWidget(m_importBar);

    m_stack = new QStackedWidget(this);
    m_view = makeTable(m_stack);
    m_view->setAccessibleName(tr("Sources"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SourceTableModel::Name, Qt::AscendingOrder);
    m_view->setItemDelegateForColumn(SourceTableModel::Progress, new SourceProgressDelegate(SourceTableModel::ProgressRole, m_view));
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(SourceTableModel::Name, QHeaderView::Stretch);
    header->resizeSection(SourceTableModel::Marketplace, 100);
    header->resizeSection(SourceTableModel::Interval, 120);
    header->resizeSection(SourceTableModel::Enabled, 70);
    header->resizeSection(SourceTableModel::Status, 90);
    header->resizeSection(SourceTableModel::LastRun, 100);
    header->resizeSection(SourceTableModel::NextRun, 100);
    header->resizeSection(SourceTableModel::Items, 60);
    header->resizeSection(SourceTableModel::Progress, 150);
    m_stack->addWidget(m_view);

    auto *empty = new QWidget(m_stack);
    auto *emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch(1);
    auto *emptyText = new QLabel(tr("<h3>No sources yet</h3><p>Add a Shopify store or a search on Etsy or Amazon, and the app "
                                    "collects its products every few hours.<br>You can also drop saved pages or "
                                    "<i>products.json</i> files on this window.</p>"),
                                 empty);
    emptyText->setObjectName(QStringLiteral("emptyState"));
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setWordWrap(true);
    emptyLayout->addWidget(emptyText);
    auto *emptyAdd = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("Add a Shopify store or a search\u2026"), empty);
    connect(emptyAdd, &QPushButton::clicked, this, &SourcesPage::addSource);
    emptyLayout->addWidget(emptyAdd, 0, Qt::AlignHCenter);
    auto *emptyMore = new QLabel(tr("<a href=\"podtrends:import\">Import files…</a> &nbsp; "
                                    "<a href=\"podtrends:sample\">Try the sample workspace</a> (made-up shops, removable in one click)"),
                                 empty);
    emptyMore->setOpenExternalLinks(true); // podtrends: links go to the window
    emptyMore->setTextInteractionFlags(Qt::TextBrowserInteraction); // links reached with Tab too
    emptyMore->setAlignment(Qt::AlignCenter);
    emptyLayout->addWidget(emptyMore);
    emptyLayout->addStretch(2);
    m_stack->addWidget(empty);

    // Sources, marketplaces and jobs share the height; the user drags the handles between them.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("sourcesSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_stack);
    layout->addWidget(splitter, 1);

    auto *marketBox = new QWidget(splitter);
    auto *marketLayout = new QVBoxLayout(marketBox);
    marketLayout->setContentsMargins(0, 8, 0, 0);
    auto *marketTitle = new QLabel(tr("<b>Marketplaces</b>"), marketBox);
    marketLayout->addWidget(marketTitle);
    m_marketView = makeTable(marketBox);
    m_marketView->setAccessibleName(tr("Marketplaces"));
    m_marketView->setModel(m_marketplaces);
    m_marketView->setSelectionMode(QAbstractItemView::NoSelection);
    m_marketView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_marketView->horizontalHeader()->setSectionResizeMode(SourceMarketplaceModel::Error, QHeaderView::Stretch);
    m_marketView->horizontalHeader()->resizeSection(SourceMarketplaceModel::Name, 120);
    m_marketView->horizontalHeader()->resizeSection(SourceMarketplaceModel::Status, 100);
    m_marketView->horizontalHeader()->resizeSection(SourceMarketplaceModel::LastScraped, 150);
    m_marketView->horizontalHeader()->resizeSection(SourceMarketplaceModel::NextScrape, 150);
    // Three marketplaces: all of them fit without scrolling.
    m_marketView->setMinimumHeight(m_marketView->horizontalHeader()->sizeHint().height()
                                   + 3 * m_marketView->verticalHeader()->defaultSectionSize() + 2 * m_marketView->frameWidth());
    marketLayout->addWidget(m_marketView, 1);
    splitter->addWidget(marketBox);

    // Which machine runs which job: every app and worker sharing this database.
    auto *jobsBox = new QWidget(splitter);
    auto *jobsLayout = new QVBoxLayout(jobsBox);
    jobsLayout->setContentsMargins(0, 8, 0, 0);
    auto *jobsTitle = new QLabel(tr("<b>Jobs</b> — running and recent, on every machine sharing this database"), jobsBox);
    jobsLayout->addWidget(jobsTitle);
    auto *jobs = new JobsPanel(workspace, jobsBox);
    jobsLayout->addWidget(jobs, 1);
    splitter->addWidget(jobsBox);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 3);
    splitter->setSizes({450, 170, 260});

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SourcesPage::updateActions);
    connect(m_view, &QTableView::doubleClicked, this, &SourcesPage::editCurrentSource);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SourcesPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateActions();
        updateEmptyState();
    });

    const auto addShortcut = [this](const QKeySequence &keys, const QString &text, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    addShortcut(QKeySequence::Find, tr("Filter sources"), [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    addShortcut(QKeySequence::Delete, tr("Remove source"), [this] { removeCurrentSource(); });
    addShortcut(QKeySequence::Refresh, tr("Refresh"), [this] { refresh(); });
    addShortcut(QKeySequence::New, tr("Add source"), [this] { addSource(); });

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(PeriodicRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &SourcesPage::refresh);
    m_refreshTimer->start();
    connect(workspace, &core::Workspace::databaseChanged, this, &SourcesPage::refresh);
    // The service layer owns the collection service and cancels its runs when it is replaced.
    connect(services, &Services::aboutToChange, this, [this] {
        if (m_service)
            m_service->disconnect(this);
        m_service = nullptr;
        m_importRuns.clear();
        showImportProgress(false);
    });
    connect(services, &Services::changed, this, &SourcesPage::takeServices);
    connect(workspace, &core::Workspace::dataChanged, this, [this](const QString &table) {
        if (table == QLatin1String("sources") || table == QLatin1String("marketplaces"))
            refresh();
    });
    updateActions();
    takeServices();
    refresh();
}

SourcesPage::~SourcesPage() = default;

core::Source SourcesPage::currentSource() const
{
    const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
    return current.isValid() ? m_model->source(current.row()) : core::Source{};
}

void SourcesPage::refresh()
{
    const auto db = m_workspace->database();
    if (!db) {
        m_model->setSources({});
        m_marketplaces->setMarketplaces({});
        return;
    }
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db]() -> core::Result<Snapshot> {
        core::SourceRepository repo(db);
        auto sources = repo.list();
        if (!sources)
            return sources.error();
        auto markets = repo.marketplaces();
        if (!markets)
            return markets.error();
        return Snapshot{*sources, *markets};
    }), this, [this](core::Result<Snapshot> snapshot) {
        if (!snapshot) {
            m_header->setSubtitle(tr("Loading sources failed: %1").arg(snapshot.errorMessage()));
            return;
        }
        const qint64 current = currentSource().id;
        m_model->setSources(snapshot->sources);
        m_marketplaces->setMarketplaces(snapshot->marketplaces);
        m_loadedOnce = true;
        const int row = m_model->rowOf(current);
        if (row >= 0)
            m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, SourceTableModel::Name)));
        int failing = 0;
        for (const core::Source &s : snapshot->sources)
            failing += s.status == core::ScrapeStatus::Error || s.status == core::ScrapeStatus::Blocked;
        const QString count = snapshot->sources.size() == 1 ? tr("1 source") : tr("%1 sources").arg(snapshot->sources.size());
        m_header->setSubtitle(failing ? tr("%1, %2 need attention (hover the status for the reason)").arg(count).arg(failing)
                                      : tr("%1: stores and searches to collect, and how often.").arg(count));
        updateEmptyState();
        Q_EMIT refreshed();
    });
}

void SourcesPage::updateEmptyState()
{
    m_stack->setCurrentIndex(m_loadedOnce && m_model->rowCount() == 0 ? 1 : 0);
    m_filter->setVisible(m_model->rowCount() > 0);
}

void SourcesPage::updateActions()
{
    const core::Source s = currentSource();
    const bool selected = s.id != 0;
    const bool running = selected && m_model->isRunning(s.id);
    m_scrape->setEnabled(selected && !running);
    m_cancel->setEnabled(running);
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected && !running);
}

void SourcesPage::addSource()
{
    auto *dialog = new SourceDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connectDialog(dialog);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { saveSource(dialog->source()); });
    dialog->open();
}

void SourcesPage::editCurrentSource()
{
    const core::Source s = currentSource();
    if (!s.id)
        return;
    auto *dialog = new SourceDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSource(s);
    connectDialog(dialog);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { saveSource(dialog->source()); });
    dialog->open();
}

void SourcesPage::saveSource(const core::Source &source)
{
    const auto db = m_workspace->database();
    const QString invalid = SourceDialog::validationError(source);
    if (!db || !invalid.isEmpty()) {
        Q_EMIT sourceSaved(source.id, db ? invalid : tr("No database is open."));
        return;
    }
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db, source]() -> core::Result<qint64> {
        core::SourceRepository repo(db);
        if (source.id) {
            if (core::Status s = repo.update(source); !s)
                return s.error();
            return source.id;
        }
        return repo.insert(source);
    }), this, [this, source](core::Result<qint64> id) {
        if (!id) {
            // The unique (marketplace, target) constraint is the usual reason; say it plainly.
            const QString message = id.errorMessage().contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive)
                    || id.errorMessage().contains(QLatin1String("duplicate"), Qt::CaseInsensitive)
                ? tr("This store or search is already a source.")
                : id.errorMessage();
            core::ActivityLog::instance()->error(tr("Sources"), message);
            m_header->setSubtitle(tr("Not saved: %1").arg(message));
            Q_EMIT sourceSaved(source.id, message);
            return;
        }
        core::ActivityLog::instance()->info(tr("Sources"), source.id ? tr("Updated source %1").arg(source.target)
                                                                      : tr("Added source %1").arg(source.target));
        m_workspace->dataChanged(QStringLiteral("sources"));
        Q_EMIT sourceSaved(*id, QString());
    });
}

void SourcesPage::removeCurrentSource()
{
    const core::Source s = currentSource();
    if (!s.id || m_model->isRunning(s.id))
        return;
    const auto answer = QMessageBox::question(
        this, tr("Remove source"),
        tr("Remove \"%1\"? The products it collected stay in the database.").arg(s.label.isEmpty() ? s.target : s.label));
    if (answer == QMessageBox::Yes)
        removeSource(s.id);
}

void SourcesPage::removeSource(qint64 sourceId)
{
    const auto db = m_workspace->database();
    if (!db)
        return;
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db, sourceId] { return core::SourceRepository(db).remove(sourceId); }), this, [this, sourceId](core::Status status) {
            if (!status)
                core::ActivityLog::instance()->error(tr("Sources"), status.errorMessage());
            m_workspace->dataChanged(QStringLiteral("sources"));
            Q_EMIT sourceSaved(sourceId, status.errorMessage());
        });
}

void SourcesPage::scrapeCurrentSource()
{
    if (const core::Source s = currentSource(); s.id)
        scrapeSource(s.id);
}

void SourcesPage::cancelCurrentSource()
{
    if (const core::Source s = currentSource(); s.id)
        cancelSource(s.id);
}

void SourcesPage::takeServices()
{
    m_service = m_services->scraping();
    if (!m_service)
        return;
    connect(m_service, &core::ScrapeService::started, this, [this](qint64, qint64 sourceId) {
        if (sourceId)
            onProgress(sourceId, 0, tr("Starting…"));
    });
    connect(m_service, &core::ScrapeService::progress, this, &SourcesPage::onProgress);
    connect(m_service, &core::ScrapeService::finished, this, &SourcesPage::onFinished);
    connect(m_service, &core::ScrapeService::runFinished, this, &SourcesPage::onRunFinished);
    connect(m_service, &core::ScrapeService::runProgress, this, [this](qint64 runId, int items, const QString &text) {
        if (m_importRuns.contains(runId))
            showImportProgress(true, tr("%1 — %2 products so far").arg(text, QLocale().toString(items)));
    });
    if (core::Scheduler *scheduler = m_services->scheduler()) {
        connect(scheduler, &core::Scheduler::dueSourcesStarted, this, [this](int count) {
            if (count > 0)
                refresh();
        });
    }
}

void SourcesPage::onProgress(qint64 sourceId, int items, const QString &text)
{
    if (!sourceId)
        return;
    const QString label = items > 0 ? tr("%1 products").arg(QLocale().toString(items)) : text;
    m_model->setProgress(sourceId, -1, label);
    updateActions();
}

void SourcesPage::onFinished(qint64 sourceId, core::ScrapeStatus, const QString &)
{
    if (!sourceId)
        return;
    m_model->clearProgress(sourceId);
    updateActions();
    refresh();
}

void SourcesPage::onRunFinished(const core::ScrapeSummary &summary)
{
    if (!m_importRuns.remove(summary.runId))
        return;
    showImportProgress(!m_importRuns.isEmpty());
    const QString error = summary.succeeded() ? QString() : summary.message;
    m_header->setSubtitle(summary.succeeded()
                              ? tr("Imported %1 products from %2 files").arg(QLocale().toString(summary.items)).arg(summary.pages)
                              : tr("Import failed: %1").arg(summary.message));
    Q_EMIT importFinished(summary.items, error);
}

void SourcesPage::scrapeSource(qint64 sourceId)
{
    const int row = m_model->rowOf(sourceId);
    if (!m_service || row < 0 || m_service->isRunning(sourceId))
        return;
    m_service->start(m_model->source(row));
    m_model->setProgress(sourceId, -1, tr("Starting…"));
    updateActions();
}

void SourcesPage::cancelSource(qint64 sourceId)
{
    if (m_service)
        m_service->cancel(sourceId);
}

void SourcesPage::importFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (!m_service) {
        Q_EMIT importFinished(0, tr("No database is open."));
        return;
    }
    const qint64 runId = m_service->importPaths(paths);
    m_importRuns.insert(runId);
    showImportProgress(true, paths.size() == 1 ? tr("Importing %1…").arg(QFileInfo(paths.first()).fileName())
                                               : tr("Importing %1 files and folders…").arg(paths.size()));
}

void SourcesPage::connectDialog(SourceDialog *dialog)
{
    QPointer<SourceDialog> guard(dialog);
    connect(dialog, &SourceDialog::keyTestRequested, this, [this, guard] {
        if (!m_service) {
            if (guard)
                guard->showKeyTestResult(false, tr("Open a database first."));
            return;
        }
        // One answer per request: the connection removes itself after the first result.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_service, &core::ScrapeService::etsyKeyTested, this, [guard, connection](bool ok, const QString &message) {
            QObject::disconnect(*connection);
            if (guard)
                guard->showKeyTestResult(ok, message);
        });
        m_service->testEtsyKey();
    });
}

void SourcesPage::showImportProgress(bool visible, const QString &text)
{
    m_importBar->setVisible(visible);
    m_importLabel->setText(text);
    if (visible)
        m_importProgress->setRange(0, 0);
}

} // namespace podtrends::ui
