#include "publishingsettingswidget.h"

#include <core/publishing/pricing.h>
#include <core/publishing/producttypes.h>
#include <core/publishing/publishconfig.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace podtrends::ui {

namespace {
enum Column { TypeColumn, CatalogColumn, ModeColumn, MarkupColumn, RoundColumn, FixedColumn, SizesColumn, ColumnCount };
}

PublishingSettingsWidget::PublishingSettingsWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *accounts = new QGroupBox(tr("Stores"), this);
    auto *form = new QFormLayout(accounts);
    m_shop = new QLineEdit(accounts);
    m_shop->setPlaceholderText(tr("my-store.myshopify.com (or POD_SHOPIFY_SHOP)"));
    m_version = new QLineEdit(accounts);
    m_version->setPlaceholderText(QStringLiteral("2025-01"));
    m_clientId = new QLineEdit(accounts);
    m_clientId->setPlaceholderText(tr("only for Dev Dashboard apps (client credentials); the secret goes to Accounts"));
    m_vendor = new QLineEdit(accounts);
    m_vendor->setPlaceholderText(tr("the brand shown as vendor on Shopify"));
    m_storeId = new QLineEdit(accounts);
    m_storeId->setPlaceholderText(tr("needed for account-level Printful tokens (or POD_PRINTFUL_STORE_ID)"));
    form->addRow(tr("Shopify shop:"), m_shop);
    form->addRow(tr("Admin API version:"), m_version);
    form->addRow(tr("Shopify client id:"), m_clientId);
    form->addRow(tr("Vendor:"), m_vendor);
    form->addRow(tr("Printful store id:"), m_storeId);
    // The scopes are Shopify's own names, which the seller ticks in the Shopify admin: shown as code.
    auto *hosting = new QLabel(tr("Printful downloads print files by URL. POD Trends uploads each print file to your Shopify Files "
                                  "(the app needs the <code>write_products</code> and <code>write_files</code> permissions) and gives "
                                  "Printful that address. Tokens are kept in the keychain: see Settings → Accounts."),
                               accounts);
    hosting->setTextFormat(Qt::RichText);
    hosting->setWordWrap(true);
    form->addRow(hosting);
    layout->addWidget(accounts);

    auto *pricing = new QGroupBox(tr("Products and prices"), this);
    auto *pricingLayout = new QVBoxLayout(pricing);
    const QList<core::ProductType> types = core::producttypes::all();
    m_pricing = new QTableWidget(int(types.size()), ColumnCount, pricing);
    m_pricing->setAccessibleName(tr("Prices per product type"));
    m_pricing->setHorizontalHeaderLabels({tr("Product"), tr("Made on"), tr("Price from"), tr("Markup %"), tr("Round to .99"),
                                          tr("Fixed price"), tr("Per-size prices")});
    m_pricing->verticalHeader()->hide();
    m_pricing->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_pricing->horizontalHeader()->setSectionResizeMode(SizesColumn, QHeaderView::Stretch);
    for (int r = 0; r < types.size(); ++r) {
        auto *name = new QTableWidgetItem(types.at(r).label);
        name->setData(Qt::UserRole, types.at(r).key);
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        m_pricing->setItem(r, TypeColumn, name);
        // The Printful blank by its name; another blank is chosen in the settings file
        // (publishing/catalog/<product>), which is rare enough not to need a field.
        auto *blank = new QTableWidgetItem;
        blank->setFlags(blank->flags() & ~Qt::ItemIsEditable);
        m_pricing->setItem(r, CatalogColumn, blank);
        auto *mode = new QComboBox(m_pricing);
        mode->addItem(tr("cost + markup"), QStringLiteral("markup"));
        mode->addItem(tr("fixed price"), QStringLiteral("fixed"));
        m_pricing->setCellWidget(r, ModeColumn, mode);
        auto *markup = new QDoubleSpinBox(m_pricing);
        markup->setRange(0, 1000);
        markup->setAccessibleName(tr("Markup for %1").arg(types.at(r).label));
        markup->setSuffix(QStringLiteral(" %"));
        m_pricing->setCellWidget(r, MarkupColumn, markup);
        auto *round = new QTableWidgetItem;
        round->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        m_pricing->setItem(r, RoundColumn, round);
        m_pricing->setItem(r, FixedColumn, new QTableWidgetItem);
        m_pricing->setItem(r, SizesColumn, new QTableWidgetItem);
    }
    auto *note = new QLabel(tr("Per-size prices override the fixed price, e.g. “2XL=27.99, 3XL=29.99”. The publish dialog shows the margin of every size before anything is sent."), pricing);
    note->setWordWrap(true);
    pricingLayout->addWidget(m_pricing);
    pricingLayout->addWidget(note);
    layout->addWidget(pricing, 1);

    auto *buttons = new QHBoxLayout;
    auto *saveButton = new QPushButton(tr("&Save publishing settings"), this);
    m_state = new QLabel(this);
    buttons->addWidget(saveButton);
    buttons->addWidget(m_state, 1);
    layout->addLayout(buttons);
    connect(saveButton, &QPushButton::clicked, this, [this] { save(); });
    load();
}

void PublishingSettingsWidget::load()
{
    m_shop->setText(core::PublishConfig::shopifyShop());
    m_version->setText(core::PublishConfig::shopifyApiVersion());
    m_clientId->setText(core::PublishConfig::shopifyClientId());
    m_vendor->setText(core::PublishConfig::shopVendor());
    m_storeId->setText(core::PublishConfig::printfulStoreId());
    const QList<core::ProductType> types = core::producttypes::all();
    for (int r = 0; r < types.size(); ++r) {
        const core::PriceRule rule = core::pricing::rule(types.at(r).key);
        const QString blank = core::producttypes::blankName(types.at(r));
        m_pricing->item(r, CatalogColumn)->setText(blank.isEmpty() ? tr("Printful product %1").arg(types.at(r).catalogProductId) : blank);
        qobject_cast<QComboBox *>(m_pricing->cellWidget(r, ModeColumn))->setCurrentIndex(rule.mode == core::PriceRule::Mode::Fixed ? 1 : 0);
        qobject_cast<QDoubleSpinBox *>(m_pricing->cellWidget(r, MarkupColumn))->setValue(rule.markupPercent);
        m_pricing->item(r, RoundColumn)->setCheckState(rule.roundToNinetyNine ? Qt::Checked : Qt::Unchecked);
        m_pricing->item(r, FixedColumn)->setText(core::pricing::formatCents(rule.fixedCents));
        m_pricing->item(r, SizesColumn)->setText(rule.sizeOverridesText());
    }
}

bool PublishingSettingsWidget::save()
{
    QList<core::PriceRule> rules;
    for (int r = 0; r < m_pricing->rowCount(); ++r) {
        core::PriceRule rule;
        rule.mode = qobject_cast<QComboBox *>(m_pricing->cellWidget(r, ModeColumn))->currentIndex() == 1 ? core::PriceRule::Mode::Fixed
                                                                                                         : core::PriceRule::Mode::Markup;
        rule.markupPercent = qobject_cast<QDoubleSpinBox *>(m_pricing->cellWidget(r, MarkupColumn))->value();
        rule.roundToNinetyNine = m_pricing->item(r, RoundColumn)->checkState() == Qt::Checked;
        const QString product = m_pricing->item(r, TypeColumn)->text();
        if (!core::pricing::parseCents(m_pricing->item(r, FixedColumn)->text(), &rule.fixedCents)) {
            m_state->setText(tr("The fixed price of %1 is not an amount like 24.99.").arg(product));
            return false;
        }
        bool ok = false;
        rule.fixedBySize = core::PriceRule::parseSizeOverrides(m_pricing->item(r, SizesColumn)->text(), &ok);
        if (!ok) {
            m_state->setText(tr("The per-size prices of %1 should look like “2XL=27.99, 3XL=29.99”.").arg(product));
            return false;
        }
        rules << rule;
    }
    core::PublishConfig::setShopifyShop(m_shop->text());
    core::PublishConfig::setShopifyApiVersion(m_version->text().isEmpty() ? QStringLiteral("2025-01") : m_version->text());
    core::PublishConfig::setShopifyClientId(m_clientId->text());
    core::PublishConfig::setShopVendor(m_vendor->text());
    core::PublishConfig::setPrintfulStoreId(m_storeId->text());
    for (int r = 0; r < m_pricing->rowCount(); ++r) {
        const QString key = m_pricing->item(r, TypeColumn)->data(Qt::UserRole).toString();
        core::pricing::setRule(key, rules.at(r));
    }
    m_state->setText(tr("Saved."));
    return true;
}

} // namespace podtrends::ui
