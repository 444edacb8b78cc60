#include "designspage.h"

#include <ui/widgets/textcolors.h>

#include <core/design/designgenerator.h>
#include <core/design/designresources.h>
#include <core/design/designservice.h>
#include <core/design/openaiprovider.h>
#include <core/storage/designrepository.h>
#include <core/storage/trendrepository.h>
#include <core/storage/workspace.h>
#include <core/util/whenready.h>
#include <ui/services.h>
#include <ui/models/designlistmodel.h>
#include <ui/widgets/designgallerydelegate.h>
#include <ui/widgets/designpreview.h>
#include <ui/widgets/emptystate.h>
#include <ui/widgets/imagecache.h>
#include <ui/widgets/pageheader.h>

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace podtrends::ui {

namespace {

struct Loaded
{
    QList<core::Trend> trends;
    QList<core::Design> designs;
    QString error;
};

/** Status filter that also matches the trend filter (both on model roles). */
class DesignFilterProxy final : public QSortFilterProxyModel
{
public:
    explicit DesignFilterProxy(QObject *parent)
        : QSortFilterProxyModel(parent)
    {
    }
    qint64 trendId = 0;
    QString status;
    void refresh() { invalidateFilter(); }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        if (trendId > 0 && i.data(DesignListModel::TrendIdRole).toLongLong() != trendId)
            return false;
        return status.isEmpty() || i.data(DesignListModel::StatusRole).toString() == status;
    }
};

} // namespace

DesignsPage::DesignsPage(Services *services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_workspace(services->workspace())
    , m_model(new DesignListModel(this))
    , m_proxy(new DesignFilterProxy(this))
{
    core::designresources::ensureLoaded();
    buildUi();
    connect(m_workspace, &core::Workspace::databaseChanged, this, &DesignsPage::reload);
    // A generation belongs to the database it started on: closing that database cancels it.
    connect(services, &Services::aboutToChange, this, &DesignsPage::cancelGeneration);
    connect(m_workspace, &core::Workspace::dataChanged, this, [this](const QString &table) {
        if (table == QLatin1String("designs") || table == QLatin1String("trends"))
            reload();
    });
    reload();
}

DesignsPage::~DesignsPage()
{
    if (m_cancel)
        m_cancel->store(true);
}

void DesignsPage::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(new PageHeader(tr("Designs"), tr("Generated designs, print files and mockups."), this));

    auto *bar = new QHBoxLayout;
    // Combo boxes sized by a number of characters, not by their longest item, so the bar fits a
    // 1024-pixel window in every language (the full text is in the open list and the tooltip).
    m_trendFilter = new QComboBox(this);
    m_trendFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_trendFilter->setMinimumContentsLength(16);
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_statusFilter->setMinimumContentsLength(8);
    m_statusFilter->addItem(tr("All statuses"), QString());
    m_statusFilter->addItem(tr("Draft"), core::toKey(core::DesignStatus::Draft));
    m_statusFilter->addItem(tr("Ready"), core::toKey(core::DesignStatus::Ready));
    m_statusFilter->addItem(tr("Published"), core::toKey(core::DesignStatus::Published));
    bar->addWidget(new QLabel(tr("Trend:"), this));
    bar->addWidget(m_trendFilter);
    bar->addWidget(new QLabel(tr("Status:"), this));
    bar->addWidget(m_statusFilter);
    bar->addStretch(1);
    m_variants = new QSpinBox(this);
    m_variants->setAccessibleName(tr("Number of variants to generate"));
    m_variants->setRange(1, 12);
    m_variants->setValue(3);
    m_variants->setSuffix(tr(" variants"));
    m_provider = new QComboBox(this);
    m_provider->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_provider->setMinimumContentsLength(20);
    m_provider->addItem(tr("Built-in renderer (offline)"), QStringLiteral("builtin"));
    m_provider->addItem(tr("OpenAI-compatible server"), QStringLiteral("openai"));
    m_generate = new QPushButton(tr("Generate designs"), this);
    m_generate->setToolTip(tr("Generate new variants for the trend chosen on the left"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(180);
    m_progress->setVisible(false);
    m_cancelButton->setVisible(false);
    bar->addWidget(m_variants);
    bar->addWidget(m_provider);
    bar->addWidget(m_generate);
    bar->addWidget(m_progress);
    bar->addWidget(m_cancelButton);
    layout->addLayout(bar);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setVisible(false);
    layout->addWidget(m_status);

    m_proxy->setSourceModel(m_model);
    m_gallery = new QListView(this);
    m_gallery->setAccessibleName(tr("Generated designs"));
    m_gallery->setViewMode(QListView::IconMode);
    m_gallery->setResizeMode(QListView::Adjust);
    m_gallery->setMovement(QListView::Static);
    m_gallery->setUniformItemSizes(true);
    m_gallery->setSpacing(2);
    m_gallery->setSelectionMode(QAbstractItemView::SingleSelection);
    m_gallery->setItemDelegate(new DesignGalleryDelegate(m_gallery));
    m_gallery->setModel(m_proxy);
    m_gallery->setMinimumWidth(DesignGalleryDelegate::CardWidth + 40); // one column of cards at least

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_preview = new DesignPreview(right);
    rightLayout->addWidget(m_preview, 1);
    // Two rows of actions: one row of six buttons is wider than the pane at 1024 × 700.
    auto *actions = new QGridLayout;
    m_regenerate = new QPushButton(tr("Regenerate"), right);
    m_editSlogan = new QPushButton(tr("Edit slogan…"), right);
    m_markReady = new QPushButton(tr("Mark ready"), right);
    m_export = new QPushButton(tr("Export files…"), right);
    m_delete = new QPushButton(tr("Delete"), right);
    m_publish = new QPushButton(tr("Publish…"), right);
    m_publish->setDefault(true);
    actions->addWidget(m_regenerate, 0, 0);
    actions->addWidget(m_editSlogan, 0, 1);
    actions->addWidget(m_markReady, 0, 2);
    actions->addWidget(m_export, 1, 0);
    actions->addWidget(m_delete, 1, 1);
    actions->addWidget(m_publish, 1, 2);
    rightLayout->addLayout(actions);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_gallery);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    m_empty = new EmptyState(split);

    connect(m_trendFilter, &QComboBox::currentIndexChanged, this, &DesignsPage::applyFilters);
    connect(m_trendFilter, &QComboBox::currentTextChanged, m_trendFilter, &QWidget::setToolTip);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &DesignsPage::applyFilters);
    connect(m_gallery->selectionModel(), &QItemSelectionModel::currentChanged, this, &DesignsPage::showSelected);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to, const QList<int> &roles) {
        const qint64 id = selectedDesignId();
        if (roles.contains(Qt::DecorationRole) && roles.size() == 1)
            return;
        for (int r = from.row(); r <= to.row(); ++r)
            if (m_model->designAt(r) && m_model->designAt(r)->id == id)
                showSelected();
    });
    connect(m_generate, &QPushButton::clicked, this, [this] {
        const qint64 trend = m_trendFilter->currentData().toLongLong();
        if (trend <= 0) {
            showMessage(tr("Choose a trend first: designs are generated for one trend."), true);
            return;
        }
        generateForTrend(trend);
    });
    connect(m_cancelButton, &QPushButton::clicked, this, &DesignsPage::cancelGeneration);
    connect(m_markReady, &QPushButton::clicked, this, &DesignsPage::markSelectedReady);
    connect(m_regenerate, &QPushButton::clicked, this, &DesignsPage::regenerateSelected);
    connect(m_editSlogan, &QPushButton::clicked, this, &DesignsPage::editSelectedSlogan);
    connect(m_export, &QPushButton::clicked, this, &DesignsPage::exportSelected);
    connect(m_delete, &QPushButton::clicked, this, &DesignsPage::deleteSelected);
    connect(m_publish, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedDesignId())
            Q_EMIT publishRequested(id);
    });
    updateActions();
}

void DesignsPage::setBusy(bool busy)
{
    m_busy += busy ? 1 : -1;
    updateActions();
    Q_EMIT busyChanged(m_busy > 0);
}

void DesignsPage::showMessage(const QString &text, bool error)
{
    m_status->setVisible(!text.isEmpty());
    m_status->setText(text);
    m_status->setStyleSheet(error ? errorStyleSheet(palette()) : QString());
    Q_EMIT message(text);
}

void DesignsPage::reload()
{
    auto db = m_workspace->database();
    if (!db)
        return;
    setBusy(true);
    QPointer<DesignsPage> self(this);
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db] {
        Loaded l;
        auto trends = core::TrendRepository(db).list({});
        auto designs = core::DesignRepository(db).list({});
        if (!trends || !designs)
            l.error = trends ? designs.errorMessage() : trends.errorMessage();
        else {
            l.trends = *trends;
            l.designs = *designs;
        }
        return l;
    }), this, [this, self](const Loaded &l) {
        if (!self)
            return;
        setBusy(false);
        if (!l.error.isEmpty()) {
            showMessage(tr("Cannot load designs: %1").arg(l.error), true);
            return;
        }
        const qint64 keepTrend = m_trendFilter->currentData().toLongLong();
        const qint64 keepDesign = m_pendingSelection ? m_pendingSelection : selectedDesignId();
        {
            const QSignalBlocker block(m_trendFilter);
            m_trendFilter->clear();
            m_trendFilter->addItem(tr("All trends"), qint64(0));
            for (const core::Trend &t : l.trends)
                // The opportunity, as the Trends page ranks them (the seed's score is beside it there).
                m_trendFilter->addItem(t.opportunityScore ? tr("%1 (opportunity %2)").arg(t.niche, QLocale().toString(*t.opportunityScore, 'f', 0))
                                                          : tr("%1 (opportunity: no data)").arg(t.niche),
                                       t.id);
            const int idx = m_trendFilter->findData(keepTrend);
            m_trendFilter->setCurrentIndex(idx >= 0 ? idx : 0);
        }
        m_trendCount = int(l.trends.size());
        m_model->setDesigns(l.designs);
        applyFilters();
        m_pendingSelection = 0;
        if (keepDesign)
            selectDesign(keepDesign);
    });
}

void DesignsPage::applyFilters()
{
    auto *proxy = static_cast<DesignFilterProxy *>(m_proxy);
    proxy->trendId = m_trendFilter->currentData().toLongLong();
    proxy->status = m_statusFilter->currentData().toString();
    proxy->refresh();
    if (!m_gallery->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_gallery->setCurrentIndex(m_proxy->index(0, 0));
    updateActions();
}

qint64 DesignsPage::selectedDesignId() const
{
    const QModelIndex i = m_gallery->currentIndex();
    return i.isValid() ? i.data(DesignListModel::IdRole).toLongLong() : 0;
}

void DesignsPage::selectDesign(qint64 id)
{
    const int row = m_model->rowForId(id);
    if (row < 0)
        return;
    const QModelIndex proxied = m_proxy->mapFromSource(m_model->index(row));
    if (proxied.isValid())
        m_gallery->setCurrentIndex(proxied);
}

void DesignsPage::showSelected()
{
    const qint64 id = selectedDesignId();
    const core::Design *d = m_model->designAt(m_model->rowForId(id));
    if (d)
        m_preview->setDesign(*d);
    else
        m_preview->clear();
    updateActions();
}

void DesignsPage::updateActions()
{
    const core::Design *d = m_model->designAt(m_model->rowForId(selectedDesignId()));
    const bool idle = m_busy == 0;
    const bool editable = d && d->status != core::DesignStatus::Published && idle;
    m_regenerate->setEnabled(editable);
    m_editSlogan->setEnabled(editable);
    m_markReady->setEnabled(d && d->status == core::DesignStatus::Draft && idle);
    m_export->setEnabled(d && idle);
    m_delete->setEnabled(d && idle);
    m_publish->setEnabled(d && d->status == core::DesignStatus::Ready && idle);
    // Generate designs says why it cannot run, and the gallery says what to do while empty.
    m_generate->setEnabled(!m_cancel && m_trendCount > 0);
    m_generate->setToolTip(m_trendCount > 0 ? tr("Generate new variants for the trend chosen on the left")
                                            : tr("Nothing to generate from yet: designs are made for a trend, and trends come from "
                                                 "analyzing collected products."));
    if (m_trendCount == 0) {
        m_empty->setText(tr("No trends to design for yet"),
                         tr("Designs are generated for a trend. Import or collect listings and analyze them on the Trends page, "
                            "or try the sample workspace."));
        m_empty->setLinks({{tr("Go to Trends"), links::trends()}, {tr("Try the sample workspace"), links::sampleWorkspace()}});
    } else if (m_model->rowCount() == 0 && !m_cancel) {
        m_empty->setText(tr("No designs yet"), tr("Choose a trend above and press Generate designs: the built-in renderer works "
                                                  "offline and makes print files and mockups for each product type."));
        m_empty->setLinks({});
    }
    m_empty->setActive(m_trendCount == 0 || (m_model->rowCount() == 0 && !m_cancel));
}

void DesignsPage::generateForTrend(qint64 trendId)
{
    if (!m_services->generator() || m_cancel)
        return;
    const int idx = m_trendFilter->findData(trendId);
    if (idx >= 0)
        m_trendFilter->setCurrentIndex(idx);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_cancelButton->setVisible(true);
    showMessage(tr("Generating %n variant(s)…", nullptr, m_variants->value()));
    setBusy(true);

    core::GenerateRequest request;
    request.trendId = trendId;
    request.variants = m_variants->value();
    request.provider = m_provider->currentData().toString();
    request.outputRoot = m_services->current().designsFolder;
    auto cancel = m_cancel;
    QPointer<DesignsPage> self(this);
    QPointer<QProgressBar> bar(m_progress);
    core::whenReady(QtConcurrent::run(m_services->tasks(), [generator = m_services->generator(), request, cancel, bar]() mutable {
        if (request.provider == QLatin1String("openai"))
            request.openai = core::OpenAiSettings::load(); // reads the keychain: off the GUI thread
        return generator->generate(
            request,
            [bar](int done, int total, const QString &) {
                QMetaObject::invokeMethod(bar, [bar, done, total] {
                    if (bar) {
                        bar->setRange(0, total);
                        bar->setValue(done);
                    }
                });
            },
            cancel.get());
    }), this, [this, self](const core::Result<core::GenerateReport> &report) {
        if (!self)
            return;
        m_cancel.reset();
        m_progress->setVisible(false);
        m_cancelButton->setVisible(false);
        setBusy(false);
        if (!report) {
            showMessage(tr("Generation failed: %1").arg(report.errorMessage()), true);
            return;
        }
        QStringList problems;
        for (const core::VariantOutcome &v : report->variants) {
            if (!v.error.isEmpty())
                problems << v.error;
            else if (!v.warning.isEmpty())
                problems << tr("Design %1: %2").arg(v.designId).arg(v.warning);
        }
        const QString summary = report->cancelled ? tr("Generation cancelled; %n design(s) kept.", nullptr, int(report->designs.size()))
                                                  : tr("%n design(s) generated.", nullptr, int(report->designs.size()));
        showMessage((QStringList{summary} + problems).join(QLatin1Char('\n')), !problems.isEmpty() && report->designs.isEmpty());
        if (!report->designs.isEmpty())
            m_pendingSelection = report->designs.first().id;
        m_workspace->dataChanged(QStringLiteral("designs"));
    });
}

void DesignsPage::cancelGeneration()
{
    if (m_cancel) {
        m_cancel->store(true);
        showMessage(tr("Cancelling…"));
    }
}

void DesignsPage::runOnDesign(const QString &what, std::function<QString(qint64)> action)
{
    const qint64 id = selectedDesignId();
    if (!id || !m_services->designs())
        return;
    setBusy(true);
    showMessage(what);
    QPointer<DesignsPage> self(this);
    core::whenReady(QtConcurrent::run(m_services->tasks(), [action, id] { return action(id); }), this, [this, self, id](const QString &error) {
        if (!self)
            return;
        setBusy(false);
        showMessage(error, !error.isEmpty());
        m_pendingSelection = id;
        m_workspace->dataChanged(QStringLiteral("designs"));
    });
}

void DesignsPage::markSelectedReady()
{
    runOnDesign(tr("Checking the design…"), [designs = m_services->designs()](qint64 id) { return designs->markReady(id).errorMessage(); });
}

void DesignsPage::regenerateSelected()
{
    const quint32 seed = QRandomGenerator::global()->generate();
    if (const core::Design *d = m_model->designAt(m_model->rowForId(selectedDesignId())))
        for (const QString &path : d->mockupUrls)
            ImageCache::instance()->invalidate(path);
    runOnDesign(tr("Regenerating the variant…"), [designs = m_services->designs(), seed](qint64 id) {
        return designs->regenerate(id, seed, core::OpenAiSettings::load()).errorMessage();
    });
}

void DesignsPage::editSelectedSlogan()
{
    const core::Design *d = m_model->designAt(m_model->rowForId(selectedDesignId()));
    if (!d)
        return;
    bool ok = false;
    const QString slogan = QInputDialog::getMultiLineText(this, tr("Edit slogan"), tr("Slogan (one line per printed line):"),
                                                          d->designMetadata.brief.slogan, &ok);
    if (!ok || slogan.trimmed().isEmpty())
        return;
    runOnDesign(tr("Re-rendering with the new slogan…"), [designs = m_services->designs(), slogan](qint64 id) {
        auto r = designs->editSlogan(id, slogan);
        if (!r)
            return r.errorMessage();
        return r->designMetadata.safety.warning;
    });
}

void DesignsPage::exportSelected()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export print files and mockups to"),
                                                          QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    if (dir.isEmpty())
        return;
    runOnDesign(tr("Exporting…"), [designs = m_services->designs(), dir](qint64 id) { return designs->exportFiles(id, dir).errorMessage(); });
}

void DesignsPage::deleteSelected()
{
    const qint64 id = selectedDesignId();
    if (!id || QMessageBox::question(this, tr("Delete design"), tr("Delete design %1 and its files?").arg(id)) != QMessageBox::Yes)
        return;
    runOnDesign(tr("Deleting…"), [designs = m_services->designs()](qint64 designId) { return designs->remove(designId).errorMessage(); });
}

} // namespace podtrends::ui
