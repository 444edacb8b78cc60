#pragma once

#include <core/analysis/analysisinput.h>
#include <core/analysis/nicheextractor.h>
#include <core/domain/product.h>

#include <QByteArray>

#include <atomic>
#include <memory>
#include <vector>

namespace podtrends::core {

/**
 * What analysis needs of one product's text and source record, computed once when the product is
 * stored (on the parse threads) and kept in `product_features`: its candidate niche phrase keys,
 * lexicon terms, product type and the record's facts. An analysis then reads these few bytes and
 * the product's numbers instead of re-reading and re-tokenizing titles, tags, descriptions and
 * records. A row is dropped by a trigger when the product's text changes and with the product
 * (ON DELETE CASCADE); an analysis computes missing rows (a database from before) once.
 */
struct ProductFeatures
{
    /** Bumped whenever extraction changes (normalizer, lexicon, phrase rules): older rows are recomputed. */
    static constexpr int kVersion = 1;

    // The product's figures, as AnalysisInput reads them.
    QString marketplace;
    QString category;
    qint64 priceCents = 0;
    int ratingCenti = 0;
    int reviews = 0;
    int favorites = -1;
    int rank = -1;

    std::vector<quint64> keys;  ///< candidate phrase keys, de-duplicated, title first
    std::vector<quint16> terms; ///< lexicon term ids, sorted, unique
    qint8 productType = -1;
    bool rankIsBestSellers = false;
    quint64 storeKey = 0;       ///< Shopify: stable hash of the store's address (or vendor), 0 none
    qint64 publishedMs = -1;
    int variants = 0;
    int variantsSoldOut = 0;
    int variantsDiscounted = 0;
    int views = -1;
    qint64 listedMs = -1;

    QByteArray encode() const;
    /**
     * Appends a decoded row's keys, terms and type to `chunk` and sets `row`'s figures and facts
     * (marketplace and category through the caller's `intern`); false when malformed or older.
     */
    template<typename Intern>
    static bool decodeInto(QByteArrayView bytes, NicheExtractor::Chunk *chunk, AnalysisRow *row, Intern &&intern);

    /** From a row read with its text (AnalysisInput's columns). */
    static ProductFeatures of(const AnalysisRow &row);
    /** From a product about to be stored, `record` its source record as stored (JSON text). */
    static ProductFeatures of(const Product &product, QByteArrayView record);

    /** The store key of a Shopify product (its URL's site, else "vendor:Name"), 0 when none. */
    static quint64 storeKeyOf(QStringView productUrlOrVendor);
    /** The first `count` characters (code points, as SQL's SUBSTR counts them) of `text`. */
    static QString head(const QString &text, int count);
};

namespace productfeatures_detail {
constexpr int kHeader = 80;
bool decodeFixed(QByteArrayView bytes, NicheExtractor::Chunk *chunk, AnalysisRow *row, QByteArrayView *market, QByteArrayView *category);
} // namespace productfeatures_detail

template<typename Intern>
bool ProductFeatures::decodeInto(QByteArrayView bytes, NicheExtractor::Chunk *chunk, AnalysisRow *row, Intern &&intern)
{
    QByteArrayView market, category;
    if (!productfeatures_detail::decodeFixed(bytes, chunk, row, &market, &category))
        return false;
    row->marketplace = intern(market);
    row->category = intern(category);
    return true;
}

/** The analysis input read from stored features: numbers per product and its features in slices. */
struct StoredAnalysisInput
{
    QList<AnalysisRow> rows;                                      ///< no text; store numbered in order met
    std::vector<std::shared_ptr<NicheExtractor::Chunk>> chunks;   ///< `chunkSize` rows each, counts not filled
    qint64 computed = 0;                                          ///< products whose features were missing and computed now
};

/** Reads and maintains `product_features`. */
class ProductFeatureStore final
{
public:
    /** Computes and stores the features of products that have none (or an older version), streaming. */
    static Result<qint64> backfill(const std::shared_ptr<Database> &db, const std::atomic_bool *cancel = nullptr);
    /** Backfills, then reads every product's numbers and features ordered by id. */
    static Result<StoredAnalysisInput> read(const std::shared_ptr<Database> &db, qsizetype chunkSize,
                                            const std::atomic_bool *cancel = nullptr);
    /** Titles and tags (JSON text) of the given products, for phrase texts and protected-name checks. */
    static Result<QHash<qint64, AnalysisRow>> texts(const std::shared_ptr<Database> &db, const QList<qint64> &ids);
};

} // namespace podtrends::core
