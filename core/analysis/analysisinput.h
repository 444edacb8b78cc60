#pragma once

#include <core/storage/database.h>

#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace podtrends::core {

/** The columns of one product that analysis needs, read lean (no raw_data). */
struct AnalysisRow
{
    qint64 id = 0;
    qint64 trendId = 0;       ///< current trend, 0 when none
    QString marketplace;
    QString title;
    QString category;
    QString tagsJson;         ///< the stored JSON array text
    QString descriptionHead;  ///< the first characters of the description
    qint64 priceCents = 0;
    int ratingCenti = 0;      ///< rating × 100, 0 when unknown
    int reviews = 0;
    int favorites = -1;
    int rank = -1;
    bool rankIsBestSellers = false; ///< Amazon: `rank` is the Best Sellers Rank (read on the product page), not a search position
    // Etsy, from the stored listing record.
    int views = -1;             ///< `views`, where the listing record has them (0 is "unknown" on Etsy)
    qint64 listedMs = -1;       ///< `original_creation_timestamp` (else `creation_timestamp`), msecs UTC
    // Shopify, from the stored storefront record and the product URL.
    int store = -1;             ///< the store's index (0, 1, …; one per site), -1 when not Shopify
    quint64 storeKey = 0;       ///< ProductFeatures::storeKeyOf() the store, 0 when none
    qint64 publishedMs = -1;    ///< published_at, msecs since epoch UTC, -1 when unknown
    int variants = 0;
    int variantsSoldOut = 0;    ///< variants with "available": false
    int variantsDiscounted = 0; ///< variants with compare_at_price above price
};

/** What a Shopify storefront record says beyond the normalized columns. */
struct ShopifyRecordFacts
{
    qint64 publishedMs = -1;
    int variants = 0;
    int variantsSoldOut = 0;
    int variantsDiscounted = 0;
};

/** What an Etsy listing record says beyond the normalized columns. */
struct EtsyRecordFacts
{
    int views = -1;
    qint64 listedMs = -1;
};

/** Reads the products to analyse. */
class AnalysisInput final
{
public:
    /** How much of a description is read: audience cues sit at its start. */
    static constexpr int DescriptionHead = 160;

    /** Every product ordered by id; checks `cancel` every few thousand rows. */
    static Result<QList<AnalysisRow>> readProducts(const std::shared_ptr<Database> &db, const std::atomic_bool *cancel = nullptr);
    /** Up to `limit` products above `afterId` that have no current stored features, ordered by id. */
    static Result<QList<AnalysisRow>> readWithoutFeatures(const std::shared_ptr<Database> &db, qint64 afterId, int limit,
                                                          const std::atomic_bool *cancel = nullptr);
    /** published_at and the variants' available and compare_at_price of a products.json record. */
    static ShopifyRecordFacts shopifyFacts(QByteArrayView recordJson);
    /** `views` and the listing's first creation time of an Etsy listing record. */
    static EtsyRecordFacts etsyFacts(QByteArrayView recordJson);
    /** The store a product URL belongs to: its scheme, host and port ("https://shop.example"). */
    static QStringView storeOf(QStringView productUrl);
    /** Splits a stored tags JSON array (["a","b"]) without a full JSON parse. */
    static QStringList parseTags(QStringView json);

private:
    static Result<QList<AnalysisRow>> read(const std::shared_ptr<Database> &db, const QString &select, bool countFirst,
                                           const std::atomic_bool *cancel);
};

} // namespace podtrends::core
