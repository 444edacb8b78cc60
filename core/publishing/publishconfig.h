#pragma once

#include <core/publishing/printfulclient.h>
#include <core/publishing/shopifyclient.h>

namespace podtrends::core {

/**
 * Everything the publisher needs to reach Printful and Shopify. Non-secret parts are settings
 * ("publishing/…") overridden by environment variables; tokens come from SecretStore only and
 * live in memory.
 *
 * Environment: POD_PRINTFUL_API_BASE, POD_PRINTFUL_STORE_ID, POD_PRINTFUL_TOKEN,
 * POD_SHOPIFY_ADMIN_BASE, POD_SHOPIFY_SHOP, POD_SHOPIFY_API_VERSION, POD_SHOPIFY_CLIENT_ID,
 * POD_SHOPIFY_TOKEN, POD_SHOPIFY_CLIENT_SECRET; for tests and slow links POD_PUBLISH_POLL_MS,
 * POD_PUBLISH_POLL_TIMEOUT_MS, POD_PUBLISH_RETRY_MS, POD_PRINTFUL_LOCKOUT_S.
 */
struct PublishConfig
{
    PrintfulOptions printful;
    ShopifyOptions shopify;
    QString vendor;

    /** Reads settings, environment and the keychain. Blocking: worker thread or CLI. */
    static Result<PublishConfig> load();
    /** The same without secrets (for previews on the GUI thread). */
    static PublishConfig loadWithoutSecrets();

    bool hasPrintful() const { return !printful.token.isEmpty(); }
    bool hasShopify() const { return !shopify.accessToken.isEmpty() || (!shopify.clientId.isEmpty() && !shopify.clientSecret.isEmpty()); }

    // Typed settings (the Publishing settings tab edits them).
    static QString printfulBase();
    static QString printfulStoreId();
    static void setPrintfulStoreId(const QString &id);
    static QString shopifyShop();
    static void setShopifyShop(const QString &shop);
    static QString shopifyApiVersion();
    static void setShopifyApiVersion(const QString &version);
    static QString shopifyClientId();
    static void setShopifyClientId(const QString &id);
    static QString shopVendor();
    static void setShopVendor(const QString &vendor);
};

} // namespace podtrends::core
