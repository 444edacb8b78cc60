#include "publishdialog.h"

#include <ui/widgets/textcolors.h>

#include <core/publishing/publishqueue.h>
#include <core/storage/designrepository.h>
#include <core/storage/workspace.h>
#include <core/util/whenready.h>
#include <ui/services.h>
#include <ui/widgets/accountslink.h>
#include <ui/widgets/publishstepswidget.h>

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace podtrends::ui {

struct PublishDialog::Loaded
{
    std::optional<core::Design> design;
    std::optional<core::PublishConfig> config;
    std::optional<core::CatalogProduct> catalog;
    QImage thumbnail;
    QString error;
};

namespace {
// The picture beside the heading: the chosen product's first mockup, else the print file.
// Decoded off the GUI thread: print files are several megapixels.
QImage productThumbnail(const core::Design &design, const QString &productType)
{
    QImageReader reader(design.mockupsOf(productType).value(0, design.imageUrl));
    const QSize full = reader.size();
    if (full.isValid())
        reader.setScaledSize(full.scaled(96, 96, Qt::KeepAspectRatio));
    return reader.read();
}

QIcon swatch(const QString &colourCode)
{
    QPixmap pm(14, 14);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QColor(0x90, 0x90, 0x90));
    p.setBrush(QColor(colourCode.isEmpty() ? QStringLiteral("#cccccc") : colourCode));
    p.drawRoundedRect(QRectF(0.5, 0.5, 13, 13), 3, 3);
    return QIcon(pm);
}

QStringList checkedItems(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            out << list->item(i)->text();
    return out;
}
} // namespace

PublishDialog::PublishDialog(Services *services, qint64 designId, QWidget *parent)
    : QDialog(parent)
    , m_workspace(services->workspace())
    , m_designId(designId)
    , m_queue(services->publishing())
{
    setWindowTitle(tr("Publish design"));
    // Roomy where there is room, never larger than the window it belongs to (at 1024 × 700 the
    // fixed 1240 × 720 put Publish and Close off the screen).
    QSize size(1240, 720);
    if (parent)
        size = size.boundedTo(parent->window()->size());
    resize(size);
    auto *root = new QVBoxLayout(this);
    m_heading = new QLabel(tr("Publish design"), this); // the design's title once it has loaded
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.35);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_status = new QLabel(tr("Loading the design and Printful's catalog…"), this);
    m_status->setWordWrap(true);
    m_thumbnail = new QLabel(this);
    m_thumbnail->setObjectName(QStringLiteral("productPicture"));
    m_thumbnail->setFixedSize(96, 96);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_heading);
    titles->addWidget(m_status);
    titles->addStretch(1);
    header->addWidget(m_thumbnail);
    header->addLayout(titles, 1);
    root->addLayout(header);

    auto *columns = new QHBoxLayout;
    root->addLayout(columns, 1);

    auto *offer = new QGroupBox(tr("Offer"), this);
    auto *offerForm = new QFormLayout(offer);
    m_offerForm = offerForm;
    m_type = new QComboBox(offer);
    for (const core::ProductType &t : core::producttypes::all())
        m_type->addItem(t.label, t.key);
    m_printful = new QCheckBox(tr("Printful product (fulfilment)"), offer);
    m_shopify = new QCheckBox(tr("Shopify draft product"), offer);
    m_printful->setChecked(true);
    m_shopify->setChecked(true);
    auto *targets = new QVBoxLayout;
    targets->addWidget(m_printful);
    targets->addWidget(m_shopify);
    m_colours = new QListWidget(offer);
    m_colours->setAccessibleName(tr("Colours"));
    m_colours->setMinimumHeight(220);
    m_sizes = new QListWidget(offer);
    m_sizes->setAccessibleName(tr("Sizes"));
    m_sizes->setFlow(QListView::LeftToRight);
    m_sizes->setWrapping(true);
    m_sizes->setMaximumHeight(64);
    m_sizes->setSpacing(4);
    offerForm->addRow(tr("Product:"), m_type);
    offerForm->addRow(tr("Publish to:"), targets);
    offerForm->addRow(tr("Colours:"), m_colours);
    offerForm->addRow(tr("Sizes:"), m_sizes);
    columns->addWidget(offer, 3);

    auto *middle = new QVBoxLayout;
    auto *pricesBox = new QGroupBox(tr("Prices"), this);
    auto *pricesLayout = new QVBoxLayout(pricesBox);
    m_prices = new QTableWidget(0, 5, pricesBox);
    m_prices->setAccessibleName(tr("Prices"));
    m_prices->setHorizontalHeaderLabels({tr("Size"), tr("Printful cost"), tr("Retail price"), tr("Margin"), tr("Margin %")});
    m_prices->verticalHeader()->hide();
    // Each column as wide as its heading and values need (five equal columns cut the German
    // headings in a 1024-pixel window); the last takes what is left.
    m_prices->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_prices->horizontalHeader()->setStretchLastSection(true);
    auto *pricesNote = new QLabel(tr("Cost is Printful's base price (the highest of the chosen colours). Edit a retail price to override the rule from Settings → Publishing."), pricesBox);
    pricesNote->setWordWrap(true);
    pricesNote->setStyleSheet(QStringLiteral("color: palette(mid)"));
    pricesLayout->addWidget(m_prices);
    pricesLayout->addWidget(pricesNote);
    middle->addWidget(pricesBox, 2);
    auto *previewBox = new QGroupBox(tr("What will be sent"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_preview = new QPlainTextEdit(previewBox);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    previewLayout->addWidget(m_preview);
    middle->addWidget(previewBox, 3);
    columns->addLayout(middle, 4);

    auto *progressBox = new QGroupBox(tr("Progress"), this);
    auto *progressLayout = new QVBoxLayout(progressBox);
    m_steps = new PublishStepsWidget(progressBox);
    m_links = new QLabel(progressBox);
    m_links->setOpenExternalLinks(true);
    m_links->setWordWrap(true);
    m_links->setTextInteractionFlags(Qt::TextBrowserInteraction);
    progressLayout->addWidget(m_steps);
    progressLayout->addSpacing(12);
    progressLayout->addWidget(m_links);
    progressLayout->addStretch(1);
    columns->addWidget(progressBox, 3);

    auto *buttons = new QHBoxLayout;
    m_publishButton = new QPushButton(tr("&Publish"), this);
    m_publishButton->setDefault(true);
    m_publishButton->setEnabled(false);
    m_retryButton = new QPushButton(tr("&Retry"), this);
    m_retryButton->hide();
    m_cancelButton = new QPushButton(tr("Cancel publishing"), this);
    m_cancelButton->hide();
    m_closeButton = new QPushButton(tr("Close"), this);
    buttons->addStretch(1);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_retryButton);
    buttons->addWidget(m_publishButton);
    buttons->addWidget(m_closeButton);
    root->addLayout(buttons);

    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::close);
    connect(m_publishButton, &QPushButton::clicked, this, &PublishDialog::publish);
    connect(m_retryButton, &QPushButton::clicked, this, &PublishDialog::publish);
    if (m_queue) {
        connect(m_queue, &core::PublishQueue::progress, this, [this](const core::PublishProgress &p) {
            if (p.designId == m_designId)
                m_steps->apply(p);
        });
        connect(m_queue, &core::PublishQueue::designFinished, this, &PublishDialog::onFinished);
    }
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_queue && m_publishing)
            m_queue->cancel();
        m_status->setText(tr("Cancelling after the current request… finished steps stay saved."));
    });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        m_priceOverrides.clear();
        loadCatalog(m_type->currentData().toString());
        showThumbnail(m_type->currentData().toString());
    });
    connect(m_colours, &QListWidget::itemChanged, this, [this] { updatePrices(); });
    connect(m_sizes, &QListWidget::itemChanged, this, [this] { updatePrices(); });
    connect(m_printful, &QCheckBox::toggled, this, &PublishDialog::updatePreview);
    connect(m_shopify, &QCheckBox::toggled, this, &PublishDialog::updatePreview);
    connect(m_prices, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling || item->column() != 2)
            return;
        qint64 cents = 0;
        const QString size = m_prices->item(item->row(), 0)->text();
        if (core::pricing::parseCents(item->text(), &cents) && cents > 0)
            m_priceOverrides.insert(size, cents);
        else
            m_priceOverrides.remove(size);
        updatePrices();
    });
    load();
}

PublishDialog::~PublishDialog() = default;

void PublishDialog::load()
{
    const auto db = m_workspace->database();
    const qint64 id = m_designId;
    const QString type = m_type->currentData().toString();
    QPointer<PublishDialog> self(this);
    auto loading = QtConcurrent::run(m_workspace->pool(), [db, id, type]() -> Loaded {
        Loaded l;
        if (!db) {
            l.error = tr("No database is open.");
            return l;
        }
        core::DesignRepository repo(db);
        auto d = repo.findById(id);
        if (!d || !d->has_value()) {
            l.error = d ? tr("There is no design %1.").arg(id) : d.errorMessage();
            return l;
        }
        l.design = **d;
        l.thumbnail = productThumbnail(*l.design, type);
        auto config = core::PublishConfig::load();
        l.config = config ? *config : core::PublishConfig::loadWithoutSecrets();
        if (!config)
            l.error = config.errorMessage();
        const core::Publisher::Offer offer = core::Publisher::fetchOffer(*l.config, type);
        l.catalog = offer.catalog;
        if (l.error.isEmpty())
            l.error = offer.error;
        return l;
    });
    core::whenReady(loading, this, [self, type](Loaded l) {
        if (!self)
            return;
        if (!l.design) {
            setAccountsMessage(self->m_status, l.error);
            return;
        }
        self->m_design = std::make_unique<core::Design>(*l.design);
        self->m_config = std::make_unique<core::PublishConfig>(*l.config);
        self->m_heading->setText(tr("Publish “%1”").arg(self->m_design->title));
        self->m_thumbnails.insert(type, l.thumbnail);
        if (!l.thumbnail.isNull() && self->m_type->currentData().toString() == type)
            self->m_thumbnail->setPixmap(QPixmap::fromImage(l.thumbnail));
        if (l.catalog)
            self->m_catalogs.insert(type, *l.catalog);
        const core::PublishState &state = self->m_design->publishState;
        bool started = false;
        for (core::PublishStep step : core::allPublishSteps())
            started = started || state.record(step).status != core::PublishStepStatus::NotStarted;
        self->m_resuming = (started || state.anyCreated()) && state.plan;
        self->fillOffer();
        if (self->m_resuming)
            self->m_steps->showSavedState(state);
        if (self->m_design->status == core::DesignStatus::Published) {
            self->m_status->setText(tr("This design is already published."));
            self->showLinks(core::PublishOutcome{self->m_designId, self->m_design->status, state});
            self->m_publishButton->setEnabled(false);
        } else if (self->m_resuming) {
            const std::optional<core::PublishError> &last = state.lastError;
            self->m_status->setText(tr("An earlier attempt stopped%1. Resuming continues with the same products, SKUs and prices and creates nothing twice.")
                                        .arg(!last ? QString() : tr(" at “%1”: %2").arg(core::publishStepLabel(last->step), last->message)));
            self->m_publishButton->setText(tr("&Resume"));
        } else if (!l.error.isEmpty()) {
            self->showCatalogProblem(l.error);
        } else {
            self->m_status->setText(tr("Choose what to offer, check the prices and the preview, then publish. Shopify products are created as drafts."));
        }
        Q_EMIT self->ready();
    });
}

void PublishDialog::showThumbnail(const QString &productType)
{
    if (!m_design)
        return; // load() shows the first one
    if (const auto known = m_thumbnails.constFind(productType); known != m_thumbnails.cend()) {
        if (!known->isNull())
            m_thumbnail->setPixmap(QPixmap::fromImage(*known));
        return;
    }
    auto decoding = QtConcurrent::run(m_workspace->pool(), [design = *m_design, productType] { return productThumbnail(design, productType); });
    core::whenReady(decoding, this, [this, productType](QImage image) {
        m_thumbnails.insert(productType, image);
        if (!image.isNull() && m_type->currentData().toString() == productType)
            m_thumbnail->setPixmap(QPixmap::fromImage(image));
    });
}

void PublishDialog::loadCatalog(const QString &productType)
{
    if (m_catalogs.contains(productType) || !m_config) {
        fillOffer();
        return;
    }
    m_status->setText(tr("Loading Printful's catalog…"));
    const core::PublishConfig config = *m_config;
    QPointer<PublishDialog> self(this);
    auto catalogLoading = QtConcurrent::run(m_workspace->pool(), [config, productType] {
        return core::Publisher::fetchOffer(config, productType);
    });
    core::whenReady(catalogLoading, this, [self, productType](core::Publisher::Offer offer) {
        if (!self)
            return;
        if (offer.catalog)
            self->m_catalogs.insert(productType, *offer.catalog);
        if (offer.error.isEmpty())
            self->m_status->setText(tr("Choose what to offer, check the prices and the preview, then publish. Shopify products are created as drafts."));
        else
            self->showCatalogProblem(offer.error);
        self->fillOffer();
    });
}

void PublishDialog::showCatalogProblem(const QString &error)
{
    const QString typeKey = m_type->currentData().toString();
    const bool bundled = m_catalogs.contains(typeKey) && m_catalogs.value(typeKey).bundled;
    setAccountsMessage(m_status, bundled ? tr("%1 The colours and sizes shown are from the catalogue that comes with POD Trends.").arg(error) : error);
}

void PublishDialog::fillOffer()
{
    m_filling = true;
    const QString typeKey = m_type->currentData().toString();
    const core::ProductType type = core::producttypes::find(typeKey);
    std::optional<core::PublishPlan> saved;
    if (m_resuming && m_design)
        saved = m_design->publishState.plan;
    if (saved && saved->productType != typeKey) {
        m_type->setCurrentIndex(m_type->findData(saved->productType));
        m_filling = false;
        return; // the type change loads that catalog and comes back here
    }
    const QStringList wantColours = saved ? saved->colours : type.defaultColours;
    const QStringList wantSizes = saved ? saved->sizes : type.defaultSizes;
    m_colours->clear();
    m_sizes->clear();
    const auto catalog = m_catalogs.value(typeKey);
    QStringList colourOrder = catalog.colors();
    std::stable_sort(colourOrder.begin(), colourOrder.end(), [&](const QString &a, const QString &b) {
        return wantColours.contains(a, Qt::CaseInsensitive) && !wantColours.contains(b, Qt::CaseInsensitive);
    });
    for (const QString &colour : std::as_const(colourOrder)) {
        auto *item = new QListWidgetItem(colour, m_colours);
        const auto v = std::find_if(catalog.variants.begin(), catalog.variants.end(), [&](const core::CatalogVariant &cv) { return cv.color == colour; });
        item->setIcon(swatch(v != catalog.variants.end() ? v->colorCode : QString()));
        item->setCheckState(wantColours.contains(colour, Qt::CaseInsensitive) ? Qt::Checked : Qt::Unchecked);
    }
    // Posters have sizes only: the colour list would hold one nameless entry.
    const bool colourless = catalog.colourless();
    m_colours->setVisible(!colourless);
    if (QWidget *label = m_offerForm->labelForField(m_colours))
        label->setVisible(!colourless);
    for (const QString &size : catalog.sizes()) {
        auto *item = new QListWidgetItem(size, m_sizes);
        item->setCheckState(wantSizes.contains(size, Qt::CaseInsensitive) ? Qt::Checked : Qt::Unchecked);
    }
    if (saved) {
        m_printful->setChecked(saved->toPrintful);
        m_shopify->setChecked(saved->toShopify);
        for (const core::PlannedVariant &v : saved->variants)
            m_priceOverrides.insert(v.size, v.price.retailCents);
    }
    // A resumed publish keeps its plan: the offer is shown but not editable.
    for (QWidget *w : {static_cast<QWidget *>(m_type), static_cast<QWidget *>(m_colours), static_cast<QWidget *>(m_sizes),
                       static_cast<QWidget *>(m_printful), static_cast<QWidget *>(m_shopify)})
        w->setEnabled(!m_resuming);
    m_prices->setEditTriggers(m_resuming ? QAbstractItemView::NoEditTriggers : QAbstractItemView::AllEditTriggers);
    m_filling = false;
    updatePrices();
}

void PublishDialog::updatePrices()
{
    if (m_filling)
        return;
    m_filling = true;
    const QString typeKey = m_type->currentData().toString();
    const auto catalog = m_catalogs.value(typeKey);
    const core::PriceRule rule = core::pricing::rule(typeKey);
    const QStringList colours = checkedItems(m_colours);
    const QStringList sizes = checkedItems(m_sizes);
    m_prices->setRowCount(int(sizes.size()));
    for (int r = 0; r < sizes.size(); ++r) {
        qint64 base = 0;
        for (const QString &c : colours)
            if (const auto v = catalog.find(c, sizes.at(r)))
                base = std::max(base, v->priceCents);
        core::PriceQuote q = core::pricing::quote(rule, base, sizes.at(r));
        const bool overridden = m_priceOverrides.contains(sizes.at(r));
        if (overridden)
            q.retailCents = m_priceOverrides.value(sizes.at(r));
        // Without Printful's cost (the bundled catalogue of a mug, poster or tote) only a fixed
        // or typed price is known, and no margin.
        const bool retailKnown = base > 0 || overridden || rule.mode == core::PriceRule::Mode::Fixed;
        const QString dash = QStringLiteral("—");
        const QStringList cells{sizes.at(r), base ? core::pricing::formatCents(base) : tr("not known yet"),
                                retailKnown ? core::pricing::formatCents(q.retailCents) : dash,
                                base ? core::pricing::formatCents(q.marginCents()) : dash,
                                base ? QStringLiteral("%1 %").arg(q.marginPercent(), 0, 'f', 0) : dash};
        for (int c = 0; c < 5; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setTextAlignment(c == 0 ? (Qt::AlignLeft | Qt::AlignVCenter) : (Qt::AlignRight | Qt::AlignVCenter));
            if (c != 2)
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            if (c >= 3 && base > 0 && q.marginCents() <= 0)
                item->setForeground(errorTextColor(m_prices->palette()));
            m_prices->setItem(r, c, item);
        }
    }
    m_filling = false;
    updatePreview();
}

core::PublishChoice PublishDialog::choice() const
{
    core::PublishChoice c;
    c.productType = m_type->currentData().toString();
    c.colours = checkedItems(m_colours);
    c.sizes = checkedItems(m_sizes);
    c.toPrintful = m_printful->isChecked();
    c.toShopify = m_shopify->isChecked();
    c.priceOverrides = m_priceOverrides;
    return c;
}

QString PublishDialog::previewText() const
{
    return m_preview->toPlainText();
}

void PublishDialog::updatePreview()
{
    if (m_filling || !m_design || !m_config)
        return;
    const QString typeKey = m_type->currentData().toString();
    if (!m_catalogs.contains(typeKey)) {
        m_plan.reset();
        m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        m_preview->setPlainText(tr("Printful's catalog is not loaded, so variant ids and costs are unknown."));
        m_publishButton->setEnabled(false);
        return;
    }
    auto plan = core::publishplan::build(*m_design, choice(), m_catalogs.value(typeKey), core::pricing::rule(typeKey), m_config->vendor);
    if (m_resuming && m_design->publishState.plan)
        plan = *m_design->publishState.plan;
    if (!plan) {
        m_plan.reset();
        const core::CatalogProduct &catalog = m_catalogs[typeKey];
        m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth); // a sentence, not JSON
        m_preview->setPlainText(catalog.bundled && !catalog.knowsVariants()
                                    ? tr("Printful's catalog has not answered, so the costs and Printful's variant numbers of the %1 are not known yet. "
                                         "The colours and sizes above come from the catalogue that comes with POD Trends. "
                                         "Once Printful answers (add your Printful token in Settings → Accounts, or check the connection and open this dialog again), "
                                         "the prices and the exact request appear here.")
                                          .arg(core::displayName(core::producttypes::find(typeKey).kind))
                                    : plan.errorMessage());
        m_publishButton->setEnabled(false);
        return;
    }
    m_plan = *plan;
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setPlainText(QString::fromUtf8(QJsonDocument(core::publishplan::preview(*plan)).toJson(QJsonDocument::Indented)));
    m_publishButton->setEnabled(m_design->status != core::DesignStatus::Published && !m_publishing);
}

void PublishDialog::publish()
{
    if (!m_plan || !m_config)
        return;
    if (!m_queue) {
        m_status->setText(tr("No database is open."));
        return;
    }
    m_queue->setConfig(*m_config);
    m_steps->reset();
    m_links->clear();
    setBusy(true);
    m_status->setText(tr("Publishing… each step is saved as it finishes, so closing or a failure loses nothing."));
    m_publishing = true;
    m_queue->enqueue(m_designId, choice());
}

void PublishDialog::setBusy(bool busy)
{
    m_publishButton->setVisible(!busy && !m_retryButton->isVisible());
    m_publishButton->setEnabled(!busy);
    m_cancelButton->setVisible(busy);
    if (busy)
        m_retryButton->hide();
    for (QWidget *w : {static_cast<QWidget *>(m_type), static_cast<QWidget *>(m_colours), static_cast<QWidget *>(m_sizes),
                       static_cast<QWidget *>(m_printful), static_cast<QWidget *>(m_shopify)})
        w->setEnabled(!busy && !m_resuming && !(m_design && m_design->status == core::DesignStatus::Published));
}

void PublishDialog::onFinished(qint64 designId, bool ok, const QString &error, const core::PublishOutcome &outcome)
{
    if (designId != m_designId)
        return;
    m_publishing = false;
    m_resuming = !ok;
    if (ok) {
        m_design->status = core::DesignStatus::Published;
        m_status->setText(tr("Published. The Shopify product is a draft: review it and make it active when you are ready."));
        showLinks(outcome);
        m_retryButton->hide();
        setBusy(false);
        m_publishButton->hide();
        m_workspace->dataChanged(QStringLiteral("designs"));
    } else {
        setAccountsMessage(m_status, tr("Publishing stopped: %1").arg(error));
        m_retryButton->show();
        setBusy(false);
        m_workspace->dataChanged(QStringLiteral("designs"));
    }
    Q_EMIT finished(ok);
}

void PublishDialog::showLinks(const core::PublishOutcome &outcome)
{
    QStringList links;
    const QString printful = outcome.printfulUrl();
    const QString shopify = outcome.shopifyAdminUrl();
    if (!printful.isEmpty())
        links << tr("<a href=\"%1\">Open the Printful product</a> (id %2)").arg(printful.toHtmlEscaped()).arg(outcome.state.printfulProduct.id);
    if (!shopify.isEmpty())
        links << tr("<a href=\"%1\">Open the Shopify draft</a> (%2)").arg(shopify.toHtmlEscaped(), outcome.state.shopifyProduct.handle.toHtmlEscaped());
    m_links->setText(links.join(QStringLiteral("<br>")));
}

void PublishDialog::closeEvent(QCloseEvent *event)
{
    if (m_queue && m_publishing)
        m_queue->cancel(); // the finished steps are saved; the next attempt resumes
    event->accept();
}

} // namespace podtrends::ui
