#include "trendspage.h"

#include <core/analysis/analysisrunner.h>
#include <core/storage/productqueries.h>
#include <core/storage/trendrepository.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>
#include <core/util/whenready.h>
#include <ui/models/trendfilterproxymodel.h>
#include <ui/services.h>
#include <ui/models/trendtablemodel.h>
#include <ui/widgets/opportunitychart.h>
#include <ui/widgets/pageheader.h>
#include <ui/widgets/emptystate.h>
#include <ui/widgets/scorebardelegate.h>
#include <ui/widgets/sortindicatorstyle.h>
#include <ui/widgets/trenddetailview.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <functional>

namespace podtrends::ui {

namespace {
struct TrendDetails
{
    QList<core::Product> products;
    QList<core::TrendHistoryPoint> history;
    QString error;
};
} // namespace

TrendsPage::TrendsPage(Services *services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_workspace(services->workspace())
    , m_model(new TrendTableModel(this))
    , m_proxy(new TrendFilterProxyModel(this))
{
    core::Workspace *workspace = m_workspace;
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    auto *header = new PageHeader(tr("Trends"), tr("Niches ranked by opportunity: demand, growth, competition and profitability."), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMinimumWidth(220);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setVisible(false);
    m_analyze = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Analyze now"), this);
    m_analyze->setToolTip(tr("Group the collected products into niches and score them"));
    header->addAction(m_progress);
    header->addAction(m_cancel);
    header->addAction(m_analyze);
    layout->addWidget(header);

    auto *filters = new QHBoxLayout;
    m_minScore = new QDoubleSpinBox(this);
    m_minScore->setRange(0, 100);
    m_minScore->setDecimals(0);
    m_minScore->setSuffix(tr(" min opportunity"));
    m_category = new QComboBox(this);
    m_marketplace = new QComboBox(this);
    m_season = new QComboBox(this);
    m_season->addItem(tr("Any season"), int(TrendFilterProxyModel::SeasonFilter::Any));
    m_season->addItem(tr("Evergreen"), int(TrendFilterProxyModel::SeasonFilter::Evergreen));
    m_season->addItem(tr("Seasonal"), int(TrendFilterProxyModel::SeasonFilter::Seasonal));
    m_minScore->setAccessibleName(tr("Minimum opportunity"));
    m_category->setAccessibleName(tr("Category"));
    m_marketplace->setAccessibleName(tr("Marketplace"));
    m_season->setAccessibleName(tr("Season"));
    // One row per niche (refinements under the niche they refine) or one per niche and product type.
    m_view = new QComboBox(this);
    m_view->addItem(tr("Niches"), int(TrendTableModel::View::Niches));
    m_view->addItem(tr("Niches by product type"), int(TrendTableModel::View::NichesByProductType));
    m_view->setAccessibleName(tr("Rows"));
    m_view->setToolTip(tr("Show one row per niche, with its refinements under it, or one row per niche and product type"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("trendCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    const std::initializer_list<QWidget *> row{m_view, m_minScore, m_category, m_marketplace, m_season};
    for (QWidget *w : row)
        filters->addWidget(w);
    // Tab follows the row left to right, whatever order the filters were made in.
    for (auto it = row.begin(); it + 1 != row.end(); ++it)
        setTabOrder(*it, *(it + 1));
    filters->addStretch(1);
    layout->addLayout(filters);
    // How many niches pass the filters and the order, in words (its own line: nothing elided at 1024 px).
    layout->addWidget(m_count);
    refillFilters();

    m_proxy->setSourceModel(m_model);
    // A tree table: a refinement ("axolotl japanese") sits under the niche it refines ("axolotl");
    // the arrow keys move, Left and Right collapse and expand.
    m_table = new QTreeView(this);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Trends"));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TrendTableModel::Opportunity, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setUniformRowHeights(true);
    m_table->setAllColumnsShowFocus(true);
    m_table->setIndentation(16);
    m_table->header()->setStretchLastSection(true);
    m_table->header()->setSectionsMovable(false);
    SortIndicatorStyle::install(m_table->header());
    auto *bars = new ScoreBarDelegate(this);
    for (int c = TrendTableModel::Opportunity; c <= TrendTableModel::Overall; ++c)
        m_table->setItemDelegateForColumn(c, bars);
    m_table->setColumnWidth(TrendTableModel::Niche, 190);
    m_table->setColumnWidth(TrendTableModel::ProductType, 110);
    m_table->setColumnWidth(TrendTableModel::Category, 80);
    m_table->setColumnWidth(TrendTableModel::Products, 70);
    m_table->setColumnWidth(TrendTableModel::AvgPrice, 76);
    m_table->setColumnWidth(TrendTableModel::Season, 90);

    m_chart = new OpportunityChart(this);
    m_chart->setModel(m_proxy);
    m_chart->setMinimumHeight(250); // its axis titles and legend whole at 1024 × 700
    m_detail = new TrendDetailView(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_detail);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_table);
    left->addWidget(m_chart);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(scroll);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    // First run: what to do next instead of an empty table, bare axes and blank chart cards.
    auto *empty = new EmptyState(split);
    empty->setText(tr("No trends yet"), tr("Trends come from analyzing collected listings. Import saved marketplace pages or exports, "
                                           "or try the sample workspace, then press Analyze now."));
    empty->setLinks({{tr("Analyze now"), links::analyze()}, {tr("Import files…"), links::importFiles()},
                     {tr("Try the sample workspace"), links::sampleWorkspace()}});
    auto showEmpty = [this, empty] { empty->setActive(m_model->rowCount() == 0); };
    connect(m_model, &QAbstractItemModel::modelReset, this, showEmpty);
    showEmpty();

    connect(m_minScore, &QDoubleSpinBox::valueChanged, m_proxy, &TrendFilterProxyModel::setMinScore);
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] { m_proxy->setCategory(m_category->currentData().toString()); });
    connect(m_marketplace, &QComboBox::currentIndexChanged, this, [this] { m_proxy->setMarketplace(m_marketplace->currentData().toString()); });
    connect(m_season, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setSeason(TrendFilterProxyModel::SeasonFilter(m_season->currentData().toInt())); });
    connect(m_view, &QComboBox::currentIndexChanged, this, [this] {
        const qint64 keep = m_detail->trendId();
        m_model->setView(TrendTableModel::View(m_view->currentData().toInt()));
        const bool byType = m_model->view() == TrendTableModel::View::NichesByProductType;
        m_table->setRootIsDecorated(!byType);
        // Each row's product type beside its niche; the niches' list of types after the scores.
        m_table->header()->moveSection(m_table->header()->visualIndex(TrendTableModel::ProductType), byType ? 1 : TrendTableModel::ProductType);
        if (keep)
            selectTrend(keep);
    });
    // New rows (a reload, a filter let them in) show their refinements.
    connect(m_proxy, &QAbstractItemModel::modelReset, m_table, &QTreeView::expandAll);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, m_table, &QTreeView::expandAll);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TrendsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TrendsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TrendsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TrendsPage::updateCount);
    connect(m_table->header(), &QHeaderView::sortIndicatorChanged, this, &TrendsPage::updateCount);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TrendsPage::onCurrentRowChanged);
    connect(m_chart, &OpportunityChart::trendClicked, this, &TrendsPage::selectTrend);
    connect(m_detail, &TrendDetailView::generateRequested, this, &TrendsPage::generateRequested);

    connect(m_analyze, &QPushButton::clicked, this, &TrendsPage::startAnalysis);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_runner)
            m_runner->cancel();
    });
    // The service layer owns the runner and cancels its run when another database opens.
    connect(services, &Services::aboutToChange, this, [this] {
        if (m_runner)
            m_runner->disconnect(this);
        m_runner = nullptr;
        showAnalysisEnded();
    });
    connect(services, &Services::changed, this, &TrendsPage::takeServices);
    takeServices();
    connect(workspace, &core::Workspace::databaseChanged, this, &TrendsPage::reload);
    connect(workspace, &core::Workspace::dataChanged, this, [this](const QString &table) {
        if (table == QLatin1String("trends") || table == QLatin1String("products"))
            reload();
    });
    reload();
}

void TrendsPage::takeServices()
{
    m_runner = m_services->analysis();
    if (!m_runner)
        return;
    connect(m_runner, &core::AnalysisRunner::progress, this, [this](double fraction, const QString &text) {
        m_progress->setValue(int(fraction * 1000));
        m_progress->setFormat(text);
    });
    connect(m_runner, &core::AnalysisRunner::finished, this, [this](bool ok, const QString &message) {
        showAnalysisEnded();
        if (ok)
            core::ActivityLog::instance()->info(tr("Analysis"), message);
        else
            core::ActivityLog::instance()->warning(tr("Analysis"), message);
        Q_EMIT m_workspace->dataChanged(QStringLiteral("trends"));
    });
}

void TrendsPage::showAnalysisEnded()
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    m_analyze->setEnabled(true);
}

bool TrendsPage::isAnalysisRunning() const
{
    return m_runner && m_runner->isRunning();
}

void TrendsPage::startAnalysis()
{
    const auto db = m_workspace->database();
    if (!db || !m_runner || m_runner->isRunning())
        return;
    m_progress->setValue(0);
    m_progress->setFormat(tr("Starting…"));
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_analyze->setEnabled(false);
    m_runner->start(db, m_services->tasks());
}

void TrendsPage::reload()
{
    const auto db = m_workspace->database();
    if (!db) {
        m_model->setTrends({});
        refillFilters();
        return;
    }
    const int generation = ++m_loadGeneration;
    QPointer<TrendsPage> self(this);
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db] { return core::TrendRepository(db).list(); }), this, [self, generation](core::Result<QList<core::Trend>> trends) {
            if (!self || generation != self->m_loadGeneration)
                return;
            if (!trends) {
                core::ActivityLog::instance()->error(tr("Trends"), trends.errorMessage());
                return;
            }
            const qint64 keep = self->m_pendingSelection ? self->m_pendingSelection : self->m_detail->trendId();
            self->m_model->setTrends(*trends);
            self->refillFilters();
            if (keep && self->m_model->trend(keep))
                self->selectTrend(keep);
            else if (self->m_proxy->rowCount() > 0)
                self->m_table->setCurrentIndex(self->m_proxy->index(0, 0));
            else
                self->m_detail->clear();
            self->m_pendingSelection = 0;
        });
}

void TrendsPage::refillFilters()
{
    const QString category = m_category->currentData().toString();
    const QString market = m_marketplace->currentData().toString();
    QStringList categories;
    QStringList markets;
    for (const core::Trend &t : m_model->trends()) {
        if (!categories.contains(t.category))
            categories << t.category;
        for (core::Marketplace m : t.marketplaceCounts.marketplaces())
            if (!markets.contains(core::toKey(m)))
                markets << core::toKey(m);
    }
    categories.sort(Qt::CaseInsensitive);
    markets.sort();
    const QSignalBlocker b1(m_category);
    const QSignalBlocker b2(m_marketplace);
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    for (const QString &c : std::as_const(categories))
        m_category->addItem(c.isEmpty() ? tr("(no category)") : c, c);
    m_marketplace->clear();
    m_marketplace->addItem(tr("All marketplaces"), QString());
    for (const QString &m : std::as_const(markets))
        m_marketplace->addItem(core::displayName(*core::marketplaceFromKey(m)), m);
    m_category->setCurrentIndex(std::max(0, m_category->findData(category)));
    m_marketplace->setCurrentIndex(std::max(0, m_marketplace->findData(market)));
    m_proxy->setCategory(m_category->currentData().toString());
    m_proxy->setMarketplace(m_marketplace->currentData().toString());
}

void TrendsPage::selectTrend(qint64 trendId)
{
    const QModelIndex sourceIndex = m_model->indexOf(trendId);
    if (!sourceIndex.isValid()) {
        m_pendingSelection = trendId; // arrives with the next reload
        return;
    }
    const QModelIndex proxyIndex = m_proxy->mapFromSource(sourceIndex);
    if (proxyIndex.isValid()) {
        m_table->setCurrentIndex(proxyIndex);
        m_table->scrollTo(proxyIndex);
    } else {
        showTrend(trendId); // filtered out of the table: still show it
    }
}

void TrendsPage::updateCount()
{
    // Niches shown (a refinement counts; a niche over several product-type rows counts once), and
    // the order in words beside the header's arrow.
    QSet<qint64> shown;
    std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_proxy->rowCount(parent); ++r) {
            const QModelIndex row = m_proxy->index(r, 0, parent);
            shown.insert(row.data(TrendTableModel::TrendIdRole).toLongLong());
            visit(row);
        }
    };
    visit({});
    // Singular and plural spelled out: English is read without a plural catalogue.
    const qsizetype total = m_model->trends().size();
    const QString count = total == 1 ? tr("%1 of 1 niche").arg(shown.size()) : tr("%1 of %2 niches").arg(shown.size()).arg(total);
    const int column = m_table->header()->sortIndicatorSection();
    if (column < 0 || column >= TrendTableModel::ColumnCount) {
        m_count->setText(count);
        return;
    }
    const bool down = m_table->header()->sortIndicatorOrder() == Qt::DescendingOrder;
    QString order;
    switch (column) {
    case TrendTableModel::Niche:
    case TrendTableModel::ProductType:
    case TrendTableModel::Category:
        order = (down ? tr("%1 from Z to A") : tr("%1 from A to Z")).arg(m_model->headerData(column, Qt::Horizontal).toString().toLower());
        break;
    case TrendTableModel::Products: order = down ? tr("most listings first") : tr("fewest listings first"); break;
    case TrendTableModel::Season: order = down ? tr("latest peak month first") : tr("evergreen first, then by peak month"); break;
    case TrendTableModel::Marketplaces: order = down ? tr("most marketplaces first") : tr("fewest marketplaces first"); break;
    default:
        order = (down ? tr("highest %1 first") : tr("lowest %1 first")).arg(m_model->headerData(column, Qt::Horizontal).toString().toLower());
    }
    m_count->setText(tr("%1, %2").arg(count, order));
}

void TrendsPage::onCurrentRowChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid())
        showTrend(current.data(TrendTableModel::TrendIdRole).toLongLong());
}

void TrendsPage::showTrend(qint64 trendId)
{
    const core::Trend *trend = m_model->trend(trendId);
    const auto db = m_workspace->database();
    if (!trend || !db)
        return;
    m_detail->setTrend(*trend);
    m_chart->setSelectedTrend(trendId);
    QPointer<TrendsPage> self(this);
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db, trendId] {
        TrendDetails d;
        core::ProductFilter f;
        f.trendId = trendId;
        f.orderBy = QStringLiteral("reviews_count");
        f.descending = true;
        f.limit = 2000;
        auto products = core::ProductQueries(db).list(f);
        auto history = core::TrendRepository(db).history(trendId);
        if (!products || !history)
            d.error = products ? history.errorMessage() : products.errorMessage();
        else {
            d.products = *products;
            d.history = *history;
        }
        return d;
    }), this, [self, trendId](const TrendDetails &d) {
        if (!self || self->m_detail->trendId() != trendId)
            return;
        if (!d.error.isEmpty())
            core::ActivityLog::instance()->error(tr("Trends"), d.error);
        self->m_detail->setDetails(d.products, d.history);
    });
}

} // namespace podtrends::ui
