#include "publishconfig.h"

#include <core/secrets/secretstore.h>
#include <core/util/settings.h>

namespace podtrends::core {

namespace {
int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v >= 0 ? v : fallback;
}
} // namespace

QString PublishConfig::printfulBase()
{
    return settings::envOrSetting("POD_PRINTFUL_API_BASE", QStringLiteral("publishing/printful_base"), QStringLiteral("https://api.printful.com"));
}

QString PublishConfig::printfulStoreId()
{
    return settings::envOrSetting("POD_PRINTFUL_STORE_ID", QStringLiteral("publishing/printful_store_id"), {});
}

void PublishConfig::setPrintfulStoreId(const QString &id)
{
    settings::setValue(QStringLiteral("publishing/printful_store_id"), id.trimmed());
}

QString PublishConfig::shopifyShop()
{
    return settings::envOrSetting("POD_SHOPIFY_SHOP", QStringLiteral("publishing/shopify_shop"), {});
}

void PublishConfig::setShopifyShop(const QString &shop)
{
    settings::setValue(QStringLiteral("publishing/shopify_shop"), shop.trimmed());
}

QString PublishConfig::shopifyApiVersion()
{
    return settings::envOrSetting("POD_SHOPIFY_API_VERSION", QStringLiteral("publishing/shopify_api_version"), QStringLiteral("2025-01"));
}

void PublishConfig::setShopifyApiVersion(const QString &version)
{
    settings::setValue(QStringLiteral("publishing/shopify_api_version"), version.trimmed());
}

QString PublishConfig::shopifyClientId()
{
    return settings::envOrSetting("POD_SHOPIFY_CLIENT_ID", QStringLiteral("publishing/shopify_client_id"), {});
}

void PublishConfig::setShopifyClientId(const QString &id)
{
    settings::setValue(QStringLiteral("publishing/shopify_client_id"), id.trimmed());
}

QString PublishConfig::shopVendor()
{
    return settings::value(QStringLiteral("publishing/vendor")).toString();
}

void PublishConfig::setShopVendor(const QString &vendor)
{
    settings::setValue(QStringLiteral("publishing/vendor"), vendor.trimmed());
}

PublishConfig PublishConfig::loadWithoutSecrets()
{
    PublishConfig c;
    c.printful.base = QUrl(printfulBase());
    c.printful.storeId = printfulStoreId();
    c.printful.pollIntervalMs = envInt("POD_PUBLISH_POLL_MS", c.printful.pollIntervalMs);
    c.printful.pollTimeoutMs = envInt("POD_PUBLISH_POLL_TIMEOUT_MS", c.printful.pollTimeoutMs);
    c.printful.retryBaseMs = envInt("POD_PUBLISH_RETRY_MS", c.printful.retryBaseMs);
    c.printful.lockoutSeconds = envInt("POD_PRINTFUL_LOCKOUT_S", c.printful.lockoutSeconds);
    c.shopify.shop = shopifyShop();
    c.shopify.apiVersion = shopifyApiVersion();
    c.shopify.clientId = shopifyClientId();
    QString base = qEnvironmentVariable("POD_SHOPIFY_ADMIN_BASE");
    if (base.endsWith(QLatin1String("/admin/api")) || base.endsWith(QLatin1String("/admin/api/")))
        base = base.section(QLatin1String("/admin/api"), 0, 0) + QStringLiteral("/admin/api/") + c.shopify.apiVersion;
    c.shopify.adminBase = base.isEmpty() ? ShopifyOptions::defaultAdminBase(c.shopify.shop, c.shopify.apiVersion) : QUrl(base);
    c.shopify.pollIntervalMs = envInt("POD_PUBLISH_POLL_MS", c.shopify.pollIntervalMs);
    c.shopify.pollTimeoutMs = envInt("POD_PUBLISH_POLL_TIMEOUT_MS", c.shopify.pollTimeoutMs);
    c.shopify.retryBaseMs = envInt("POD_PUBLISH_RETRY_MS", c.shopify.retryBaseMs);
    c.vendor = shopVendor();
    return c;
}

Result<PublishConfig> PublishConfig::load()
{
    PublishConfig c = loadWithoutSecrets();
    auto printful = SecretStore::read(SecretStore::Key::PrintfulToken);
    auto shopify = SecretStore::read(SecretStore::Key::ShopifyToken);
    // A missing keychain is only fatal when no environment variable supplies the secret either.
    if (printful)
        c.printful.token = printful->trimmed();
    if (shopify)
        c.shopify.accessToken = shopify->trimmed();
    if (!c.shopify.clientId.isEmpty())
        if (auto secret = SecretStore::read(SecretStore::Key::ShopifyClientSecret))
            c.shopify.clientSecret = secret->trimmed();
    if (!printful && !shopify)
        return printful.error();
    return c;
}

} // namespace podtrends::core
