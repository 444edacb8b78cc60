#pragma once

#include <core/domain/product.h>
#include <core/storage/database.h>

#include <QHash>
#include <QList>

#include <atomic>
#include <functional>
#include <memory>

class QIODevice;

namespace podtrends::core {

/** Filter and order for product listings (the Products page, the CLI, the REST API). */
struct ProductFilter
{
    QString marketplace;
    QString category;
    QString search;           ///< words that must each start a word of the title, tags or vendor (punctuation is ignored)
    double minPrice = -1;     ///< < 0: no bound
    double maxPrice = -1;
    double minRating = -1;
    double maxRating = -1;    ///< < 0: no bound
    std::optional<qint64> trendId;
    QString orderBy = QStringLiteral("id"); ///< a column name from sortableColumns()
    bool descending = false;
    int limit = -1;           ///< < 0: no limit
    qint64 offset = 0;

    static const QStringList &sortableColumns();
};

/** How a batch is written. */
struct UpsertOptions
{
    bool snapshots = true;        ///< append one product_snapshots row per product
    qint64 resultCount = -1;      ///< the marketplace's total hits for the query, stored on each snapshot
    QDateTime scrapedAt;          ///< defaults to now
};

struct UpsertStats
{
    int inserted = 0;
    int updated = 0;
    int snapshots = 0;
    QList<qint64> ids;            ///< the rows' ids, in batch order
};

/**
 * A batch made ready for ProductRepository::upsert() on any thread, so that the database writer
 * only writes: for a SQLite database every text is converted to UTF-8 and the JSON lists are
 * serialized here, which was a tenth of the writer's work (docs/PERFORMANCE.md). Batches append in
 * order; copies share the converted rows.
 */
class PreparedProducts
{
public:
    PreparedProducts() = default;
    PreparedProducts(QList<Product> products, const Database &target);
    /** Appends `other` after this batch's products. */
    void append(PreparedProducts other);
    const QList<Product> &products() const { return m_products; }
    qsizetype size() const { return m_products.size(); }
    bool isEmpty() const { return m_products.isEmpty(); }

private:
    friend class ProductRepository;
    struct SqliteRows; // productrepository_sqlite.cpp
    QList<Product> m_products;
    std::shared_ptr<SqliteRows> m_sqlite; ///< null for PostgreSQL
};

/** Typed access to products and their snapshots. Use from one thread (its connection). */
class ProductRepository final
{
public:
    explicit ProductRepository(std::shared_ptr<Database> db);

    /**
     * Inserts or updates a batch by (marketplace, external_id) in one transaction with prepared
     * statements. A product's created_at and trend_id survive updates. Either the whole batch is
     * stored or nothing is.
     */
    Result<UpsertStats> upsert(const QList<Product> &products, const UpsertOptions &options = {});
    /** The same for a batch prepared ahead (for this repository's database). */
    Result<UpsertStats> upsert(const PreparedProducts &batch, const UpsertOptions &options = {});

    Result<std::optional<Product>> findById(qint64 id);
    Result<std::optional<Product>> findByExternalId(const QString &marketplace, const QString &externalId);
    Result<QList<Product>> list(const ProductFilter &filter);
    Result<qint64> count(const ProductFilter &filter = {});
    /** Ids only, for lazy models: cheap even for a million rows. */
    Result<QList<qint64>> ids(const ProductFilter &filter);
    /**
     * The first `limit` ids of the filter in its order, planned for a short answer (the Products
     * page's first visible rows). On SQLite, which keeps no statistics, it weighs walking the ORDER
     * BY column's index and checking each row (best when many rows match) against reading the
     * candidates from the full-text or a filter index and sorting them (best when few do), by
     * counting index entries and timing the walk (productrepository_window.cpp). On PostgreSQL,
     * and in ids(), the query planner chooses.
     */
    Result<QList<qint64>> windowIds(const ProductFilter &filter, int limit);
    Result<QList<ProductSnapshot>> snapshots(qint64 productId);
    /** Distinct non-empty categories, sorted. */
    Result<QStringList> categories();
    /** Sets products.trend_id for the given product ids (one transaction). */
    Status assignTrends(const QHash<qint64, qint64> &productToTrend);

    /**
     * The products with the given ids, in the order given (ids that no longer exist are left
     * out). Without `full`, description and raw_data are not read: the lazy table model fetches
     * its row blocks this way.
     */
    Result<QList<Product>> findByIds(const QList<qint64> &ids, bool full = false);

    /**
     * Writes the products matching `filter` (its order, no limit) as CSV with a header row,
     * streaming from a forward-only query. `progress(done, total)` is called every few hundred
     * rows; setting `*cancel` stops the export with an error. Returns the number of rows written.
     */
    Result<qint64> exportCsv(const ProductFilter &filter, QIODevice *out,
                             const std::function<void(qint64, qint64)> &progress = {},
                             const std::atomic_bool *cancel = nullptr);

    /** Builds a Product from a SELECT of productColumns(). */
    static Product fromRecord(const QSqlQuery &query, int firstColumn = 0);
    static QString productColumns();

private:
    struct Where
    {
        QString sql;
        QVariantList binds;
        QString error;            ///< set when the search could not be turned into a query
        bool search = false;      ///< the search text held at least one word
        QStringList columns;      ///< the filtered columns besides the search, each once
        /** Nothing but `column` (or nothing at all) is filtered. */
        bool onlyColumn(const QString &column) const { return !search && (columns.isEmpty() || columns == QStringList{column}); }
    };
    enum class SearchCheck {
        Index,  ///< the search is looked up in the full-text index (products_fts, ix_products_search)
        PerRow, ///< SQLite: each row is checked by the index's tokenizer (for a walk over another index)
    };
    /** `drivingColumn` set: the other filter columns are written as +column so that SQLite walks
     *  the ORDER BY column's index instead of sorting everything an equality index matched. */
    Where buildWhere(const ProductFilter &filter, const QString &drivingColumn = {}, SearchCheck search = SearchCheck::Index) const;
    Result<UpsertStats> upsertSqlite(const PreparedProducts &batch, const UpsertOptions &options);
    Result<QList<qint64>> windowIdsSqlite(const ProductFilter &window);
    static QString orderColumn(const ProductFilter &filter);
    /** `sortMatches`: written so that SQLite sorts the matches instead of walking the column's index. */
    static QString orderClause(const ProductFilter &filter, bool sortMatches = false);
    static QString limitClause(const ProductFilter &filter);

    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
