#include "sourcedialog.h"

#include <ui/widgets/textcolors.h>

#include <core/net/httppolicy.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace podtrends::ui {

namespace {
constexpr int DefaultIntervalHours = 6;
constexpr int MaxKeywordLength = 200;
} // namespace

SourceDialog::SourceDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Add source"));
    setMinimumWidth(480);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_marketplace = new QComboBox(this);
    m_marketplace->addItem(tr("Shopify store"), QVariant::fromValue(core::Marketplace::Shopify));
    m_marketplace->addItem(tr("Etsy search"), QVariant::fromValue(core::Marketplace::Etsy));
    m_marketplace->addItem(tr("Amazon search"), QVariant::fromValue(core::Marketplace::Amazon));
    form->addRow(tr("&Marketplace:"), m_marketplace);

    m_target = new QLineEdit(this);
    m_targetLabel = new QLabel(this);
    m_targetLabel->setBuddy(m_target);
    form->addRow(m_targetLabel, m_target);

    m_label = new QLineEdit(this);
    m_label->setPlaceholderText(tr("Optional, e.g. \"Competitor: Cat mugs\""));
    form->addRow(tr("&Name:"), m_label);

    m_intervalHours = new QSpinBox(this);
    m_intervalHours->setRange(1, 24 * 14);
    m_intervalHours->setValue(DefaultIntervalHours);
    m_intervalHours->setSuffix(tr(" hours"));
    m_intervalHours->setToolTip(tr("How often the app collects this source while it is open (it catches up after a restart)"));
    form->addRow(tr("Scrape &every:"), m_intervalHours);

    m_maxPages = new QSpinBox(this);
    m_maxPages->setRange(0, 1000);
    m_maxPages->setSpecialValueText(tr("Default"));
    m_maxPages->setToolTip(tr("Upper bound on result pages per run; Default lets the marketplace's scraper decide"));
    form->addRow(tr("Max &pages:"), m_maxPages);

    m_enabled = new QCheckBox(tr("Scrape on schedule"), this);
    m_enabled->setChecked(true);
    form->addRow(QString(), m_enabled);

    auto *keyRow = new QHBoxLayout;
    m_testKey = new QPushButton(tr("Test Etsy API key"), this);
    m_keyResult = new QLabel(this);
    m_keyResult->setWordWrap(true);
    keyRow->addWidget(m_testKey);
    keyRow->addWidget(m_keyResult, 1);
    form->addRow(QString(), keyRow);
    connect(m_testKey, &QPushButton::clicked, this, [this] {
        m_testKey->setEnabled(false);
        m_keyResult->setText(tr("Testing\u2026"));
        Q_EMIT keyTestRequested();
    });
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(errorStyleSheet(palette()));
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isAcceptable())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_marketplace, &QComboBox::currentIndexChanged, this, &SourceDialog::updateForMarketplace);
    connect(m_target, &QLineEdit::textChanged, this, &SourceDialog::validate);
    connect(m_intervalHours, &QSpinBox::valueChanged, this, &SourceDialog::validate);
    updateForMarketplace();
}

void SourceDialog::updateForMarketplace()
{
    const auto market = m_marketplace->currentData().value<core::Marketplace>();
    const bool shopify = market == core::Marketplace::Shopify;
    m_targetLabel->setText(shopify ? tr("Store &URL:") : tr("&Keywords:"));
    m_target->setPlaceholderText(shopify ? tr("https://store.example.com") : tr("e.g. funny cat mug"));
    m_testKey->setVisible(market == core::Marketplace::Etsy);
    m_keyResult->setVisible(market == core::Marketplace::Etsy);
    validate();
}

void SourceDialog::setSource(const core::Source &source)
{
    m_original = source;
    setWindowTitle(source.id ? tr("Edit source") : tr("Add source"));
    const int index = m_marketplace->findData(QVariant::fromValue(source.marketplace));
    m_marketplace->setCurrentIndex(index < 0 ? 0 : index);
    m_target->setText(source.target);
    m_label->setText(source.label);
    m_intervalHours->setValue(std::max(1, (source.intervalMinutes + 59) / 60));
    m_maxPages->setValue(source.maxPages);
    m_enabled->setChecked(source.enabled);
    validate();
}

core::Source SourceDialog::source() const
{
    core::Source s = m_original;
    s.marketplace = m_marketplace->currentData().value<core::Marketplace>();
    const QString target = m_target->text().trimmed();
    if (s.marketplace == core::Marketplace::Shopify) {
        const QString normalized = normalizedStoreUrl(target);
        s.target = normalized.isEmpty() ? target : normalized;
    } else {
        s.target = target.simplified();
    }
    s.label = m_label->text().trimmed();
    s.intervalMinutes = m_intervalHours->value() * 60;
    s.maxPages = m_maxPages->value();
    s.enabled = m_enabled->isChecked();
    return s;
}

QString SourceDialog::normalizedStoreUrl(const QString &text)
{
    QString input = text.trimmed();
    if (input.isEmpty() || input.contains(QLatin1Char(' ')))
        return {};
    if (!input.contains(QLatin1String("://")))
        input.prepend(QLatin1String("https://"));
    const QUrl url(input, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    const QString host = url.host().toLower();
    // Plain http only to this computer (local test stores); everything else must be https.
    if (!core::HttpPolicy::checkUrlAllowed(url))
        return {};
    if (!core::HttpPolicy::isLoopbackHost(host) && (!host.contains(QLatin1Char('.')) || host.startsWith(QLatin1Char('.')) || host.endsWith(QLatin1Char('.'))))
        return {};
    QUrl store;
    store.setScheme(scheme);
    store.setHost(host);
    if (url.port() > 0)
        store.setPort(url.port());
    return store.toString();
}

QString SourceDialog::validationError(const core::Source &source)
{
    const QString target = source.target.trimmed();
    if (source.marketplace == core::Marketplace::Shopify) {
        if (target.isEmpty())
            return tr("Enter the store's address, e.g. https://store.example.com.");
        if (normalizedStoreUrl(target).isEmpty())
            return tr("\"%1\" is not a store address: use https://store-name.com (plain http only for this computer).").arg(target.left(80));
    } else {
        if (target.isEmpty())
            return tr("Enter the search keywords, e.g. funny cat mug.");
        if (target.size() > MaxKeywordLength)
            return tr("Keywords are limited to %1 characters.").arg(MaxKeywordLength);
        if (target.startsWith(QLatin1String("http://")) || target.startsWith(QLatin1String("https://")))
            return tr("Enter search keywords here, not an address.");
    }
    if (source.intervalMinutes < 15)
        return tr("Scrape at most every 15 minutes.");
    return {};
}

void SourceDialog::validate()
{
    const bool touched = !m_target->text().isEmpty() || m_original.id != 0;
    const QString error = validationError(source());
    // An empty new form is not an error yet: say nothing until the user types.
    m_error->setText(touched ? error : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

QString SourceDialog::errorText() const
{
    return validationError(source());
}

bool SourceDialog::isAcceptable() const
{
    return errorText().isEmpty();
}

void SourceDialog::showKeyTestResult(bool ok, const QString &message)
{
    m_testKey->setEnabled(true);
    m_keyResult->setStyleSheet(ok ? successStyleSheet(palette()) : errorStyleSheet(palette()));
    m_keyResult->setText(message);
}

} // namespace podtrends::ui
