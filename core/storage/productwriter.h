#pragma once

#include <core/domain/product.h>
#include <core/storage/database.h>

#include <QDateTime>
#include <QHash>
#include <QList>

#include <memory>

namespace podtrends::core {

/** How a batch is written. */
struct UpsertOptions
{
    bool snapshots = true;        ///< append one product_snapshots row per product
    qint64 resultCount = -1;      ///< the marketplace's total hits for the query, stored on each snapshot
    QDateTime scrapedAt;          ///< defaults to now
    /** Only where the product's latest snapshot says something else (price, rating, reviews, rank,
     *  favourites, result count): an import of a file already imported observes nothing new. */
    bool onlyChangedSnapshots = false;
};

struct UpsertStats
{
    int inserted = 0;
    int updated = 0;
    int snapshots = 0;
    QList<qint64> ids;            ///< the rows' ids, in batch order
};

/**
 * A batch made ready for ProductWriter::upsert() on any thread, so that the database writer
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
    /** The products' text in characters (titles, descriptions, tags, records): about what storing them writes. */
    qint64 textSize() const { return m_textSize; }

private:
    friend class ProductWriter;
    struct SqliteRows; // productwriter_sqlite.cpp
    QList<Product> m_products;
    qint64 m_textSize = 0;
    std::shared_ptr<SqliteRows> m_sqlite; ///< null for PostgreSQL
};

/**
 * Every write to products and their snapshots. Use from one thread (its connection); reads are
 * ProductQueries', the filters and search ProductSearch's.
 */
class ProductWriter final
{
public:
    explicit ProductWriter(std::shared_ptr<Database> db);
    ~ProductWriter();
    Q_DISABLE_COPY_MOVE(ProductWriter)

    /**
     * Inserts or updates a batch by (marketplace, external_id) in one transaction. A product's
     * created_at and trend_id survive updates. Either the whole batch is stored or nothing is.
     * SQLite writes the batch with one statement per table through the connection's sqlite3
     * handle (productwriter_sqlite.cpp); PostgreSQL with prepared statements.
     */
    Result<UpsertStats> upsert(const QList<Product> &products, const UpsertOptions &options = {});
    /** The same for a batch prepared ahead (for this writer's database). */
    Result<UpsertStats> upsert(const PreparedProducts &batch, const UpsertOptions &options = {});

    /**
     * Makes the upserts until commitGroup() one transaction, so a caller can store one input
     * in several batches and still store all of it or nothing (an import streams a file so).
     * rollbackGroup(), or destroying the writer, discards the group.
     */
    Status beginGroup();
    Status commitGroup();
    void rollbackGroup();
    bool inGroup() const { return m_group != nullptr; }

    /** Sets products.trend_id for the given product ids (one transaction). */
    Status assignTrends(const QHash<qint64, qint64> &productToTrend);

    /**
     * SQLite: once the write-ahead log is over kWalLimitBytes, checkpoints it into the database
     * and truncates it, from this writer's connection between two transactions (an import calls
     * it after each file). A reader that holds an older snapshot is waited for a quarter of a
     * second at most; the log then stays for the next call. Nothing for PostgreSQL.
     */
    void limitWal();
    /** Where limitWal() checkpoints, and what SQLite trims a restarted log to (journal_size_limit). */
    static constexpr qint64 kWalLimitBytes = 32ll * 1024 * 1024;

private:
    Result<UpsertStats> upsertSqlite(const PreparedProducts &batch, const UpsertOptions &options);
    Result<UpsertStats> upsertPostgres(const PreparedProducts &batch, const UpsertOptions &options);

    std::shared_ptr<Database> m_db;
    class WriteTransaction; // productwriter_p.h
    std::unique_ptr<WriteTransaction> m_group; ///< the open group of beginGroup(), if any
};

} // namespace podtrends::core
