#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace podtrends::ui {

/**
 * Settings → Publishing: the Shopify shop, API version and client id, the Printful store id,
 * the catalog blank per product type, and the pricing rule per product type (base cost + markup
 * or fixed prices with per-size overrides). Tokens stay in Settings → Accounts (keychain).
 */
class PublishingSettingsWidget final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(PublishingSettingsWidget)
    explicit PublishingSettingsWidget(QWidget *parent = nullptr);

    /** Writes every field to the settings; false (with the reason shown) on invalid input. */
    bool save();

private:
    void load();

    QLineEdit *m_shop = nullptr;
    QLineEdit *m_version = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_vendor = nullptr;
    QLineEdit *m_storeId = nullptr;
    QTableWidget *m_pricing = nullptr;
    QLabel *m_state = nullptr;
};

} // namespace podtrends::ui
