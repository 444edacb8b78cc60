#pragma once

#include <core/net/blockinghttp.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace podtrends::core {

/** Where and how ShopifyClient talks to the Shopify Admin GraphQL API. */
struct ShopifyOptions
{
    QUrl adminBase;           ///< https://{shop}/admin/api/{version}
    QString shop;             ///< my-store.myshopify.com (gives the admin URL's store handle)
    QString apiVersion = QStringLiteral("2025-01");
    QString accessToken;      ///< X-Shopify-Access-Token; never logged
    QString clientId;         ///< with clientSecret: exchanged for a token, refreshed on 401
    QString clientSecret;
    int maxRetries = 3;
    int retryBaseMs = 1000;
    int maxThrottleWaits = 6;
    int pollIntervalMs = 1000;
    int pollTimeoutMs = 60000;
    int timeoutMs = 60000;    ///< no byte for this long ends an attempt

    /** https://{shop}/admin/api/{version} for a shop name or domain. */
    static QUrl defaultAdminBase(const QString &shop, const QString &version);
};

/** A staged upload target returned by stagedUploadsCreate. */
struct StagedTarget
{
    QString url;
    QString resourceUrl;
    HttpHeaders parameters;
};

struct ShopifyVariantInput
{
    QString size;
    QString colour;
    QString price; ///< Money as a decimal string
    QString sku;
};

struct ShopifyFileInput
{
    QString originalSource;
    QString alt;
};

struct ShopifyProductInput
{
    QString title;
    QString descriptionHtml;
    QString vendor;
    QString productType;
    QString handle;
    QStringList tags;
    QStringList sizes;
    QStringList colours;
    QList<ShopifyVariantInput> variants;
    QList<ShopifyFileInput> files;
};

struct ShopifyProduct
{
    QString id;     ///< gid://shopify/Product/…
    QString handle;
    QString status;
    QStringList skus;
};

/**
 * Shopify Admin GraphQL: staged uploads, Files, and draft products through productSet, as
 * request builders and reply parsers over the one network stack (BlockingHttp). HTTP-200
 * failures are handled: THROTTLED is handed to the transport as a wait (throttleDelayMs),
 * userErrors become a field-by-field message. A 401 with a client id/secret pair exchanges them
 * for a fresh token. Blocking: use from a worker thread or the command line.
 */
class ShopifyClient final
{
public:
    Q_DISABLE_COPY_MOVE(ShopifyClient)
    ShopifyClient(ShopifyOptions options, BlockingHttp *http);

    void setWaitNotifier(std::function<void(const QString &)> notify) { m_notify = std::move(notify); }

    /** Runs a query or mutation and returns its "data" object. */
    Result<QJsonObject> graphql(const QString &query, const QJsonObject &variables, bool retryTransient = true);

    /** stagedUploadsCreate + the multipart POST; returns the resourceUrl. */
    Result<QString> uploadLocalFile(const QString &path, const QString &mimeType);
    /** fileCreate; returns the file's gid. */
    Result<QString> createFile(const QString &originalSource, const QString &alt);
    /** Polls the file until READY and returns its CDN URL. */
    Result<QString> waitForFileUrl(const QString &fileId);
    /** The product with this handle, if any. */
    Result<std::optional<ShopifyProduct>> productByHandle(const QString &handle);
    /** productSet with status DRAFT; updates existingId when given. */
    Result<ShopifyProduct> productSet(const ShopifyProductInput &input, const QString &existingId = {});

    /** The exact variables productSet() sends. */
    static QJsonObject productSetVariables(const ShopifyProductInput &input, const QString &existingId = {});
    /** https://admin.shopify.com/store/{handle}/products/{numeric id}. */
    QString adminUrl(const QString &productGid) const;
    static QString storeHandle(const QString &shop);
    /** "variants.0.price: Price must be positive; title: can't be blank". */
    static QString describeUserErrors(const QJsonArray &userErrors);
    /**
     * For a GraphQL answer that says THROTTLED (HTTP 200): the wait its throttleStatus asks for,
     * (requested − available) / restoreRate, in ms; -1 for any other answer.
     */
    static qint64 throttleDelayMs(const HttpReply &reply);
    /**
     * A GraphQL answer (other than 401, which graphql() handles) → its "data" object, or the
     * error its status, a body that is not JSON or its "errors" array stand for. `url` names the
     * endpoint in the 404 message.
     */
    static Result<QJsonObject> readGraphqlReply(const HttpReply &reply, const QUrl &url);
    /** A Product node (id, handle, status, variants.nodes[].sku). */
    static ShopifyProduct parseProduct(const QJsonObject &product);
    /** Shopify's transport policy (timeouts, retries, throttle waits) for these options. */
    static HttpSettings httpSettings(const ShopifyOptions &options, HttpSettings base = HttpSettings::defaults());

private:
    Status exchangeToken();
    Result<StagedTarget> stagedUpload(const QString &filename, const QString &mimeType, qint64 size);

    void noteRetry(const RetryNotice &notice) const;

    ShopifyOptions m_options;
    BlockingHttp *m_http;
    HttpSettings m_httpSettings;
    std::function<void(const QString &)> m_notify;
    QString m_token;
};

} // namespace podtrends::core
