#pragma once

#include <core/net/blockinghttp.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace podtrends::core {

/** Where and how PrintfulClient talks to Printful (API v1). */
struct PrintfulOptions
{
    QUrl base = QUrl(QStringLiteral("https://api.printful.com"));
    QString token;            ///< private or OAuth token; never logged
    QString storeId;          ///< sent as X-PF-Store-Id when set (account-level tokens)
    int lockoutSeconds = 60;  ///< wait after a 429 without Retry-After
    int maxRetries = 3;       ///< for 5xx, network errors and 429 (each)
    int retryBaseMs = 1000;   ///< backoff base for 5xx and network errors
    int pollIntervalMs = 2000;
    int pollTimeoutMs = 120000;
    int timeoutMs = 60000;    ///< no byte for this long ends an attempt
};

/** One catalog variant (a colour × size of a blank). */
struct CatalogVariant
{
    qint64 id = 0;
    QString color;
    QString colorCode;
    QString size;
    qint64 priceCents = 0; ///< Printful's base cost
    bool inStock = true;
};

/** A catalog product with its variants, in catalog order. */
struct CatalogProduct
{
    qint64 id = 0;
    QString title;
    QString typeName;
    QString currency;
    QList<CatalogVariant> variants;
    bool bundled = false; ///< from the catalogue bundled with the program, not from Printful

    QStringList colors() const;
    /** True when the variants have no colour (posters): the offer is by size alone. */
    bool colourless() const;
    /** True when every variant has its catalog id and base price (false for most bundled products). */
    bool knowsVariants() const;
    QStringList sizes() const; ///< in the catalog's order (S, M, L, …)
    std::optional<CatalogVariant> find(const QString &color, const QString &size) const;
};

/** A file in the Printful file library. */
struct PrintfulFile
{
    qint64 id = 0;
    QString status; ///< waiting, ok, failed
    QString url;
    QString previewUrl;
    QString message;
};

/** The print area of one placement (pixels at dpi). */
struct PrintArea
{
    int width = 0;
    int height = 0;
    int dpi = 0;
    QString fillMode;
};

struct SyncVariantInput
{
    qint64 variantId = 0;   ///< catalog variant id, never a product id
    QString retailPrice;    ///< decimal string, "24.00"
    QString sku;
    QString externalId;
    qint64 fileId = 0;      ///< library file (preferred) …
    QString fileUrl;        ///< … or a public URL
};

struct SyncProductInput
{
    QString name;
    QString externalId;
    QString thumbnail;
    QList<SyncVariantInput> variants;
};

struct SyncProduct
{
    qint64 id = 0;
    QString externalId;
    QString name;
    int variantCount = 0;
    struct Variant
    {
        qint64 id = 0;
        qint64 variantId = 0;
        QString externalId;
        QString sku;
        QString retailPrice;
    };
    QList<Variant> variants; ///< filled by findSyncProduct()
};

/**
 * Printful API v1: catalog, print areas, file library and store ("sync") products, as request
 * builders and reply parsers over the one network stack (BlockingHttp). Errors from the
 * {code, result, error{reason, message}} envelope become one-line messages. The transport
 * policy is Printful's: 429 waits out Retry-After or the lockout, X-Ratelimit-* headers pace the
 * next call, 5xx and resets are retried for calls that are safe to repeat.
 * Blocking: use from a worker thread or the command line.
 */
class PrintfulClient final
{
public:
    Q_DISABLE_COPY_MOVE(PrintfulClient)
    PrintfulClient(PrintfulOptions options, BlockingHttp *http);

    /** Called with a translated note when the client waits (rate limit, retry). */
    void setWaitNotifier(std::function<void(const QString &)> notify) { m_notify = std::move(notify); }

    Result<CatalogProduct> catalogProduct(qint64 productId);
    /** The front (or default) print area of a catalog product's variants, by variant id. */
    Result<QHash<qint64, PrintArea>> frontPrintAreas(qint64 productId);
    /** POST /files by URL; Printful returns the existing file for a URL it already has. */
    Result<PrintfulFile> addFile(const QString &url, const QString &filename);
    Result<PrintfulFile> file(qint64 id);
    /** Polls until the file is ok; failed or still waiting after pollTimeoutMs is an error. */
    Result<PrintfulFile> waitForFile(qint64 id);
    /** GET /store/products/@{external_id}; empty when Printful has none. */
    Result<std::optional<SyncProduct>> findSyncProduct(const QString &externalId);
    /** POST /store/products; after a transient failure it looks the product up before trying again. */
    Result<SyncProduct> createSyncProduct(const SyncProductInput &input);

    /** The exact JSON body createSyncProduct() sends. */
    static QJsonObject syncProductBody(const SyncProductInput &input);
    static CatalogProduct parseCatalogProduct(const QJsonObject &result);
    /** A /mockup-generator/printfiles result → the front (or default) print area by variant id. */
    static QHash<qint64, PrintArea> parsePrintAreas(const QJsonObject &result);
    /** A /files result. */
    static PrintfulFile parseFile(const QJsonObject &result);
    /** A /store/products/@{external_id} result; empty when it names no product (id ≤ 0). */
    static std::optional<SyncProduct> parseSyncProduct(const QJsonObject &result);
    /**
     * An answer to `path` → its "result", or the error its status, a {code ≥ 400, error} envelope
     * or a body that is not a JSON object stands for.
     */
    static Result<QJsonValue> readReply(const HttpReply &reply, const QString &path);
    /** The Printful dashboard page of a store product. */
    static QString dashboardUrl(qint64 syncProductId);
    /** Printful's transport policy (timeouts, retries, lockout) for these options. */
    static HttpSettings httpSettings(const PrintfulOptions &options, HttpSettings base = HttpSettings::defaults());

private:
    Result<QJsonValue> call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, bool retryTransient = true);
    static QString describeError(const HttpReply &response, const QString &path);
    void noteRetry(const RetryNotice &notice) const;

    PrintfulOptions m_options;
    BlockingHttp *m_http;
    HttpSettings m_httpSettings;
    std::function<void(const QString &)> m_notify;
};

} // namespace podtrends::core
