#include "productspage.h"

#include <core/storage/productqueries.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>
#include <core/util/whenready.h>
#include <ui/models/producttablemodel.h>
#include <ui/widgets/pageheader.h>
#include <ui/widgets/productdetailspane.h>
#include <ui/widgets/thumbnailcache.h>
#include <ui/widgets/wording.h>

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace podtrends::ui {

namespace {
constexpr int SearchDelayMs = 250;
constexpr int RefreshDelayMs = 1500;

QDoubleSpinBox *rangeBox(QWidget *parent, double max, int decimals, const std::pair<QString, QString> &affixes, const QString &tip)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, max);
    box->setDecimals(decimals);
    box->setSpecialValueText(ProductsPage::tr("Any"));
    box->setPrefix(affixes.first);
    box->setSuffix(affixes.second);
    box->setToolTip(tip);
    box->setAccessibleName(tip);
    box->setAccelerated(true);
    box->setMinimumWidth(76);
    return box;
}
} // namespace

ProductsPage::ProductsPage(core::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new ProductTableModel(this))
    , m_thumbnails(new ThumbnailCache({}, 36, this))
{
    m_model->setPool(workspace->pool());
    m_model->setThumbnailCache(m_thumbnails);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    m_header = new PageHeader(tr("Products"), tr("Every listing collected from Amazon, Etsy and Shopify."), this);
    m_exportButton = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Export CSV\u2026"), this);
    m_exportButton->setToolTip(tr("Save the products of the current search and filters as a CSV file"));
    connect(m_exportButton, &QPushButton::clicked, this, &ProductsPage::exportCsvInteractive);
    m_header->addAction(m_exportButton);
    layout->addWidget(m_header);
    layout->addWidget(buildFilterBar());

    m_exportBar = new QWidget(this);
    auto *exportLayout = new QHBoxLayout(m_exportBar);
    exportLayout->setContentsMargins(0, 0, 0, 0);
    m_exportLabel = new QLabel(m_exportBar);
    m_exportProgress = new QProgressBar(m_exportBar);
    auto *cancel = new QPushButton(tr("Cancel"), m_exportBar);
    connect(cancel, &QPushButton::clicked, this, &ProductsPage::cancelExport);
    exportLayout->addWidget(m_exportLabel);
    exportLayout->addWidget(m_exportProgress, 1);
    exportLayout->addWidget(cancel);
    m_exportBar->hide();
    layout->addWidget(m_exportBar);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_tableStack = new QStackedWidget(splitter);
    m_view = new QTableView(m_tableStack);
    m_view->setAccessibleName(tr("Products"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // A table to read, not to fill in: Tab goes on to the details (the arrow keys move in the rows).
    m_view->setTabKeyNavigation(false);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setIconSize(QSize(36, 36));
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    // Fixed row heights keep a million-row view from measuring rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(42);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ProductTableModel::Title, QHeaderView::Stretch);
    header->setSectionResizeMode(ProductTableModel::Thumbnail, QHeaderView::Fixed);
    header->resizeSection(ProductTableModel::Thumbnail, 48);
    // Wide enough for the values and for the heading in the seller's language with its sort arrow
    // ("Rezensionen", "Zuletzt gesehen" were cut at English widths).
    const int headerRoom = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header)
                         + header->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header) + 6;
    const std::pair<int, int> widths[] = {{ProductTableModel::Marketplace, 84}, {ProductTableModel::Category, 110},
                                          {ProductTableModel::Price, 72},       {ProductTableModel::Rating, 62},
                                          {ProductTableModel::Reviews, 70},     {ProductTableModel::LastSeen, 92}};
    for (const auto &[column, width] : widths) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, std::max(width, header->fontMetrics().horizontalAdvance(title) + headerRoom));
    }
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    m_view->setSortingEnabled(true);
    // Most reviewed first: what sells is what a seller looks for first.
    m_view->sortByColumn(ProductTableModel::Reviews, Qt::DescendingOrder);
    m_tableStack->addWidget(m_view);
    m_empty = new QLabel(m_tableStack);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setMargin(32);
    m_empty->setOpenExternalLinks(true); // podtrends: links go to the window
    m_empty->setTextInteractionFlags(Qt::TextBrowserInteraction); // links reached with Tab too
    m_tableStack->addWidget(m_empty);

    m_details = new ProductDetailsPane(splitter);
    m_details->setPool(workspace->pool());
    splitter->addWidget(m_tableStack);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({820, 360});
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ProductsPage::onCurrentRowChanged);
    connect(m_view, &QTableView::doubleClicked, this, &ProductsPage::openCurrentInBrowser);
    connect(m_model, &ProductTableModel::loadFinished, this, [this](qint64 total) { onLoadFinished(total); });
    connect(m_model, &ProductTableModel::firstRowsReady, this, [this] {
        // The details pane is never empty while there is something to show.
        if (!m_selectedId && m_model->rowCount() > 0)
            m_view->selectionModel()->setCurrentIndex(m_model->index(0, ProductTableModel::Title),
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    });
    connect(m_model, &ProductTableModel::loadFailed, this, [this](const QString &message) {
        m_header->setSubtitle(tr("Loading products failed: %1").arg(message));
        core::ActivityLog::instance()->error(tr("Products"), message);
    });

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &ProductsPage::applyFilters);
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(RefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        m_model->reload();
        reloadCategories();
    });

    auto *find = new QAction(tr("Search products"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find);
    auto *refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refresh, &QAction::triggered, m_refreshTimer, [this] { m_refreshTimer->start(0); });
    addAction(refresh);

    connect(workspace, &core::Workspace::databaseChanged, this, &ProductsPage::onDatabaseChanged);
    connect(workspace, &core::Workspace::dataChanged, this, [this](const QString &table) {
        // Scrapes store in batches: coalesce their notifications into one reload.
        if (table == QLatin1String("products") && !m_refreshTimer->isActive())
            m_refreshTimer->start();
    });
    onDatabaseChanged();
}

ProductsPage::~ProductsPage()
{
    cancelExport();
}

QWidget *ProductsPage::buildFilterBar()
{
    // Two lines: search and the two lists, then the ranges and Reset. On one line the lists were
    // squeezed to "All marke…" at 1024 × 700 (and Reset cut in German).
    auto *bar = new QWidget(this);
    auto *lines = new QVBoxLayout(bar);
    lines->setContentsMargins(0, 4, 0, 8);
    lines->setSpacing(6);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    lines->addLayout(row);
    m_search = new QLineEdit(bar);
    m_search->setAccessibleName(tr("Search products"));
    m_search->setPlaceholderText(tr("Search titles, tags and shops (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(220);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchTimer->start(); });
    connect(m_search, &QLineEdit::returnPressed, this, &ProductsPage::applyFilters);
    row->addWidget(m_search, 2);

    m_marketplace = new QComboBox(bar);
    m_marketplace->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_marketplace->addItem(tr("All marketplaces"), QString());
    m_marketplace->addItem(QStringLiteral("Amazon"), QStringLiteral("amazon"));
    m_marketplace->addItem(QStringLiteral("Etsy"), QStringLiteral("etsy"));
    m_marketplace->addItem(QStringLiteral("Shopify"), QStringLiteral("shopify"));
    connect(m_marketplace, &QComboBox::currentIndexChanged, this, &ProductsPage::applyFilters);
    row->addWidget(m_marketplace);

    m_category = new QComboBox(bar);
    m_category->addItem(tr("All categories"), QString());
    m_category->setMinimumContentsLength(18);
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connect(m_category, &QComboBox::currentIndexChanged, this, &ProductsPage::applyFilters);
    row->addWidget(m_category);

    // "$ 15.00" in English, "15,00 $" in German: the symbol where the language puts it.
    const auto currency = moneyAffixes();
    m_minPrice = rangeBox(bar, 100000, 2, currency, tr("Lowest price"));
    m_maxPrice = rangeBox(bar, 100000, 2, currency, tr("Highest price"));
    const std::pair<QString, QString> star{QStringLiteral("\u2605 "), QString()};
    m_minRating = rangeBox(bar, 5, 1, star, tr("Lowest rating"));
    m_maxRating = rangeBox(bar, 5, 1, star, tr("Highest rating"));
    m_minRating->setSingleStep(0.5);
    m_maxRating->setSingleStep(0.5);
    row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    lines->addLayout(row);
    row->addWidget(new QLabel(tr("Price"), bar));
    row->addWidget(m_minPrice);
    row->addWidget(new QLabel(QStringLiteral("\u2013"), bar));
    row->addWidget(m_maxPrice);
    row->addWidget(new QLabel(tr("Rating"), bar));
    row->addWidget(m_minRating);
    row->addWidget(new QLabel(QStringLiteral("\u2013"), bar));
    row->addWidget(m_maxRating);
    for (QDoubleSpinBox *box : {m_minPrice, m_maxPrice, m_minRating, m_maxRating})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { m_searchTimer->start(); });

    row->addStretch(1);
    auto *reset = new QPushButton(tr("Reset"), bar);
    reset->setToolTip(tr("Clear the search and all filters"));
    connect(reset, &QPushButton::clicked, this, &ProductsPage::resetFilters);
    row->addWidget(reset);
    return bar;
}

core::ProductFilter ProductsPage::filterFromControls() const
{
    core::ProductFilter f = m_model->filter();
    f.search = m_search->text().trimmed();
    f.marketplace = m_marketplace->currentData().toString();
    f.category = m_category->currentData().toString();
    f.minPrice = m_minPrice->value() > 0 ? m_minPrice->value() : -1;
    f.maxPrice = m_maxPrice->value() > 0 ? m_maxPrice->value() : -1;
    f.minRating = m_minRating->value() > 0 ? m_minRating->value() : -1;
    f.maxRating = m_maxRating->value() > 0 ? m_maxRating->value() : -1;
    return f;
}

void ProductsPage::applyFilters()
{
    m_searchTimer->stop();
    const core::ProductFilter f = filterFromControls();
    const core::ProductFilter &current = m_model->filter();
    if (f.search == current.search && f.marketplace == current.marketplace && f.category == current.category
        && f.minPrice == current.minPrice && f.maxPrice == current.maxPrice && f.minRating == current.minRating
        && f.maxRating == current.maxRating)
        return;
    m_header->setSubtitle(tr("Searching\u2026"));
    m_model->setFilter(f);
}

void ProductsPage::resetFilters()
{
    const QSignalBlocker b1(m_search), b2(m_marketplace), b3(m_category), b4(m_minPrice), b5(m_maxPrice), b6(m_minRating),
        b7(m_maxRating);
    m_search->clear();
    m_marketplace->setCurrentIndex(0);
    m_category->setCurrentIndex(0);
    for (QDoubleSpinBox *box : {m_minPrice, m_maxPrice, m_minRating, m_maxRating})
        box->setValue(0);
    applyFilters();
}

void ProductsPage::onDatabaseChanged()
{
    const auto db = m_workspace->database();
    m_header->setSubtitle(db ? tr("Loading products\u2026") : tr("No database is open."));
    m_details->setDatabase(db);
    m_model->setDatabase(db);
    reloadCategories();
}

void ProductsPage::reloadCategories()
{
    const auto db = m_workspace->database();
    if (!db)
        return;
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db] { return core::ProductQueries(db).categories(); }), this, [this](core::Result<QStringList> categories) {
            if (!categories)
                return;
            const QString current = m_category->currentData().toString();
            const QSignalBlocker blocker(m_category);
            m_category->clear();
            m_category->addItem(tr("All categories"), QString());
            for (const QString &c : *categories)
                m_category->addItem(c, c);
            const int index = m_category->findData(current);
            m_category->setCurrentIndex(index < 0 ? 0 : index);
        });
}

void ProductsPage::onLoadFinished(qint64 total)
{
    const core::ProductFilter &f = m_model->filter();
    const bool filtered = !f.search.isEmpty() || !f.marketplace.isEmpty() || !f.category.isEmpty() || f.minPrice >= 0
        || f.maxPrice >= 0 || f.minRating >= 0 || f.maxRating >= 0;
    const QString count = total == 1 ? tr("1 product") : tr("%1 products").arg(QLocale().toString(total));
    m_header->setSubtitle(filtered ? tr("%1 match the search and filters").arg(count)
                                   : tr("%1 collected from Amazon, Etsy and Shopify").arg(count));
    m_exportButton->setEnabled(total > 0);
    if (m_selectedId)
        restoreSelection();
    if (total > 0) {
        m_tableStack->setCurrentWidget(m_view);
        return;
    }
    if (!m_workspace->database())
        m_empty->setText(tr("<h3>No database is open</h3><p>Choose one under Settings.</p>"));
    else if (filtered)
        m_empty->setText(tr("<h3>No products match</h3><p>Try fewer words or wider price and rating ranges, or press Reset.</p>"));
    else
        m_empty->setText(tr("<h3>No products yet</h3><p>Add a Shopify store or a search on the <b>Sources</b> page and "
                            "press <b>Scrape now</b>, or drop saved search pages, <i>products.json</i> files or an Etsy "
                            "CSV export on this window.</p><p><a href=\"podtrends:import\">Import files…</a> &nbsp; "
                            "<a href=\"podtrends:sample\">Try the sample workspace</a></p>"));
    m_tableStack->setCurrentWidget(m_empty);
}

void ProductsPage::onCurrentRowChanged()
{
    // A reload resets the model and with it the current row: the details stay until the load
    // shows whether the product is still in the list (onLoadFinished).
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const qint64 id = m_model->productId(current.row());
    if (id == m_selectedId && m_details->productId() == id)
        return;
    m_selectedId = id;
    m_details->showProduct(id);
}

void ProductsPage::restoreSelection()
{
    const int row = m_model->rowOfProduct(m_selectedId);
    if (row < 0) {
        m_selectedId = 0;
        m_details->showProduct(0);
        return;
    }
    const QModelIndex index = m_model->index(row, ProductTableModel::Title);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ProductsPage::openCurrentInBrowser()
{
    const QModelIndex current = m_view->currentIndex();
    const QUrl url(current.siblingAtColumn(ProductTableModel::Title).data(ProductTableModel::ProductUrlRole).toString());
    if (url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")))
        QDesktopServices::openUrl(url);
}

void ProductsPage::exportCsvInteractive()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = QStringLiteral("products-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export products"), dir + QLatin1Char('/') + name,
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void ProductsPage::exportCsv(const QString &path)
{
    const auto db = m_workspace->database();
    if (!db || m_exportCancel)
        return;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_exportCancel = cancel;
    const core::ProductFilter filter = m_model->filter();
    m_exportLabel->setText(tr("Exporting to %1\u2026").arg(QFileInfo(path).fileName()));
    m_exportProgress->setRange(0, 0);
    m_exportBar->show();
    m_exportButton->setEnabled(false);

    auto *watcher = new QFutureWatcher<core::Result<qint64>>(this);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, m_exportProgress, &QProgressBar::setRange);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_exportProgress, &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        m_exportCancel.reset();
        m_exportBar->hide();
        m_exportButton->setEnabled(m_model->rowCount() > 0);
        const core::Result<qint64> result = watcher->future().resultCount() > 0
            ? watcher->future().result()
            : core::Result<qint64>(core::Error{tr("The export was cancelled"), 3});
        if (result) {
            core::ActivityLog::instance()->info(tr("Products"), tr("Exported %1 products to %2").arg(QLocale().toString(*result), path));
            Q_EMIT exportFinished(path, *result, QString());
        } else {
            core::ActivityLog::instance()->warning(tr("Products"), result.errorMessage());
            Q_EMIT exportFinished(path, 0, result.errorMessage());
        }
    });
    watcher->setFuture(QtConcurrent::run(m_workspace->pool(), [db, filter, path, cancel](QPromise<core::Result<qint64>> &promise) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            promise.addResult(core::Error{tr("Cannot write %1: %2").arg(path, file.errorString()), 1});
            return;
        }
        auto written = core::ProductQueries(db).exportCsv(
            filter, &file,
            [&promise](qint64 done, qint64 total) {
                promise.setProgressRange(0, int(std::min<qint64>(total, std::numeric_limits<int>::max())));
                promise.setProgressValue(int(std::min<qint64>(done, std::numeric_limits<int>::max())));
            },
            cancel.get());
        if (!written) {
            file.cancelWriting();
            promise.addResult(written);
            return;
        }
        // QSaveFile: the old file stays intact unless the whole export reached the disk.
        if (!file.commit())
            promise.addResult(core::Error{tr("Cannot write %1: %2").arg(path, file.errorString()), 1});
        else
            promise.addResult(written);
    }));
}

void ProductsPage::cancelExport()
{
    if (m_exportCancel)
        m_exportCancel->store(true);
}

} // namespace podtrends::ui
