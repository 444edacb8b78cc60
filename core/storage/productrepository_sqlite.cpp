// The SQLite bulk path of ProductRepository::upsert. It talks to the sqlite3 handle of this
// thread's Qt connection directly: QSqlQuery converts every bound value through QVariant and
// UTF-16, which costs about half the throughput on million-row imports (docs/PERFORMANCE.md).
#include "productrepository.h"

#include <core/storage/productrepository_p.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <sqlite3.h>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};

// Finalizes a statement on every path out of the function.
struct Statement
{
    sqlite3_stmt *stmt = nullptr;
    ~Statement() { sqlite3_finalize(stmt); }
};

class Binder
{
public:
    explicit Binder(sqlite3_stmt *stmt) : m_stmt(stmt) {}
    void text(int col, const QString &s) { utf8(col, s.toUtf8()); }
    void staticText(int col, const QByteArray &b) { sqlite3_bind_text(m_stmt, col, b.constData(), int(b.size()), SQLITE_STATIC); }
    /** UTF-8 bytes that the binder keeps alive until the column is bound again. */
    void utf8(int col, QByteArray b)
    {
        m_buffers[col % kBuffers] = std::move(b);
        staticText(col, m_buffers[col % kBuffers]);
    }
    void optionalInt(int col, qint64 v)
    {
        if (v < 0)
            sqlite3_bind_null(m_stmt, col);
        else
            sqlite3_bind_int64(m_stmt, col, v);
    }

private:
    static constexpr int kBuffers = 32;
    QByteArray m_buffers[kBuffers];
    sqlite3_stmt *m_stmt;
};

QString sqliteError(sqlite3 *db)
{
    const int code = sqlite3_errcode(db);
    if (code == SQLITE_FULL)
        return Tr::tr("the disk is full; nothing was saved");
    return QString::fromUtf8(sqlite3_errmsg(db));
}

} // namespace

Result<UpsertStats> ProductRepository::upsertSqlite(const QList<Product> &products, const UpsertOptions &options)
{
    UpsertStats stats;
    QSqlDatabase qdb = m_db->connection();
    if (!qdb.isOpen())
        return Error{Tr::tr("The database is not open"), 1};
    sqlite3 *db = productsearch::sqliteHandle(qdb);
    if (!db)
        return Error{Tr::tr("The SQLite driver gave no database handle"), 1};

    for (const Product &p : products)
        if (p.marketplace.isEmpty() || p.externalId.isEmpty())
            return Error{Tr::tr("A product without marketplace or external id cannot be stored (\"%1\")").arg(p.title.left(60)), 2};

    const QDateTime now = options.scrapedAt.isValid() ? options.scrapedAt.toUTC() : QDateTime::currentDateTimeUtc();
    const QByteArray nowText = now.toString(Qt::ISODateWithMs).toUtf8();

    Transaction tx(qdb);
    if (!tx.active())
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    const auto run = [db](const char *sql, const QByteArray &now = {}, qint64 resultCount = -1) {
        Statement stmt;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt.stmt, nullptr) != SQLITE_OK)
            return false;
        sqlite3_bind_text(stmt.stmt, 1, now.constData(), int(now.size()), SQLITE_STATIC);
        if (resultCount >= 0)
            sqlite3_bind_int64(stmt.stmt, 2, resultCount);
        return sqlite3_step(stmt.stmt) == SQLITE_DONE;
    };
    // The batch is staged in a table of this connection and written with one statement per table.
    // Row by row, every INSERT would open a statement journal (the search index triggers make it a
    // multi-table write) and FTS5 would flush its pending terms to disk at each one: that halved
    // the insert rate. One statement journals each page once and indexes the batch in one go.
    if (!run("CREATE TEMP TABLE IF NOT EXISTS podtrends_product_batch (marketplace, external_id, title, description, category, "
             "price, currency, rating, reviews_count, favorites, rank, vendor, image_url, product_url, tags, keywords, raw_data, "
             "sponsored, source_id, seq INTEGER PRIMARY KEY)")
        || !run("DELETE FROM temp.podtrends_product_batch"))
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    Statement stage;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO temp.podtrends_product_batch VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                           "?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                           -1, &stage.stmt, nullptr) != SQLITE_OK)
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    static const QByteArray emptyArray("[]");
    Binder b(stage.stmt);
    for (qsizetype seq = 0; seq < products.size(); ++seq) {
        const Product &p = products.at(seq);
        b.text(1, p.marketplace);
        b.text(2, p.externalId);
        b.text(3, p.title);
        b.text(4, p.description);
        b.text(5, p.category);
        sqlite3_bind_double(stage.stmt, 6, p.price);
        b.text(7, p.currency);
        sqlite3_bind_double(stage.stmt, 8, p.rating);
        sqlite3_bind_int(stage.stmt, 9, p.reviewsCount);
        b.optionalInt(10, p.favorites);
        b.optionalInt(11, p.rank);
        b.text(12, p.vendor);
        b.text(13, p.imageUrl);
        b.text(14, p.productUrl);
        // JSON columns go straight from the serializer's UTF-8 to SQLite (no UTF-16 round trip).
        if (p.tags.isEmpty())
            b.staticText(15, emptyArray);
        else
            b.utf8(15, QJsonDocument(QJsonArray::fromStringList(p.tags)).toJson(QJsonDocument::Compact));
        if (p.keywords.isEmpty())
            b.staticText(16, emptyArray);
        else
            b.utf8(16, QJsonDocument(QJsonArray::fromStringList(p.keywords)).toJson(QJsonDocument::Compact));
        b.utf8(17, p.rawDataJson.isEmpty() ? QJsonDocument(p.rawData).toJson(QJsonDocument::Compact) : p.rawDataJson);
        sqlite3_bind_int(stage.stmt, 18, p.sponsored ? 1 : 0);
        b.optionalInt(19, p.sourceId ? *p.sourceId : -1);
        sqlite3_bind_int64(stage.stmt, 20, seq);
        if (sqlite3_step(stage.stmt) != SQLITE_DONE)
            return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
        sqlite3_reset(stage.stmt);
    }

    // Ids only grow (AUTOINCREMENT), and this transaction is the only writer: a row above the
    // highest id before the batch was inserted by it.
    Statement highest;
    if (sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(id), 0) FROM products", -1, &highest.stmt, nullptr) != SQLITE_OK
        || sqlite3_step(highest.stmt) != SQLITE_ROW)
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    const qint64 before = sqlite3_column_int64(highest.stmt, 0);

    // A product's created_at and trend_id survive updates; a batch that names a product twice
    // inserts it and then updates it, as one row after the other would.
    if (!run("INSERT INTO products (marketplace, external_id, title, description, category, price, currency, rating, "
             "reviews_count, favorites, rank, vendor, image_url, product_url, tags, keywords, raw_data, sponsored, "
             "source_id, created_at, updated_at, last_seen_at) "
             "SELECT marketplace, external_id, COALESCE(title, ''), description, COALESCE(category, ''), price, currency, rating, reviews_count, favorites, "
             "rank, vendor, image_url, product_url, tags, keywords, raw_data, sponsored, source_id, ?1, ?1, ?1 "
             "FROM temp.podtrends_product_batch WHERE true ORDER BY seq "
             "ON CONFLICT (marketplace, external_id) DO UPDATE SET title = excluded.title, description = excluded.description, "
             "category = excluded.category, price = excluded.price, currency = excluded.currency, rating = excluded.rating, "
             "reviews_count = excluded.reviews_count, favorites = excluded.favorites, rank = excluded.rank, "
             "vendor = excluded.vendor, image_url = excluded.image_url, product_url = excluded.product_url, "
             "tags = excluded.tags, keywords = excluded.keywords, raw_data = excluded.raw_data, sponsored = excluded.sponsored, "
             "source_id = COALESCE(excluded.source_id, products.source_id), updated_at = excluded.updated_at, "
             "last_seen_at = excluded.last_seen_at",
             nowText))
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};

    Statement ids;
    if (sqlite3_prepare_v2(db,
                           "SELECT p.id FROM temp.podtrends_product_batch b CROSS JOIN products p "
                           "ON p.marketplace = b.marketplace AND p.external_id = b.external_id ORDER BY b.seq",
                           -1, &ids.stmt, nullptr) != SQLITE_OK)
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    stats.ids.reserve(products.size());
    QSet<qint64> seen;
    int rc;
    while ((rc = sqlite3_step(ids.stmt)) == SQLITE_ROW) {
        const qint64 id = sqlite3_column_int64(ids.stmt, 0);
        stats.ids << id;
        // The first time a new row appears it was inserted; any later time, updated.
        if (id > before && !seen.contains(id)) {
            seen.insert(id);
            ++stats.inserted;
        } else {
            ++stats.updated;
        }
    }
    if (rc != SQLITE_DONE || stats.ids.size() != products.size())
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};

    if (options.snapshots) {
        if (!run("INSERT INTO product_snapshots (product_id, price, rating, reviews_count, rank, favorites, result_count, scraped_at) "
                 "SELECT p.id, b.price, b.rating, b.reviews_count, b.rank, b.favorites, ?2, ?1 "
                 "FROM temp.podtrends_product_batch b CROSS JOIN products p "
                 "ON p.marketplace = b.marketplace AND p.external_id = b.external_id ORDER BY b.seq",
                 nowText, options.resultCount))
            return Error{Tr::tr("Saving snapshots failed: %1").arg(sqliteError(db)), 1};
        stats.snapshots = sqlite3_changes(db);
    }
    if (!run("DELETE FROM temp.podtrends_product_batch"))
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    if (Status s = tx.commit(); !s)
        return s.error();
    return stats;
}

} // namespace podtrends::core
