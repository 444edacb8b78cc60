// The SQLite bulk path of ProductRepository::upsert. It talks to the sqlite3 handle of this
// thread's Qt connection directly: QSqlQuery converts every bound value through QVariant and
// UTF-16, which costs about half the throughput on million-row imports (docs/PERFORMANCE.md).
#include "productrepository.h"

#include <core/util/json.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>

#include <sqlite3.h>

Q_DECLARE_OPAQUE_POINTER(sqlite3 *)
Q_DECLARE_METATYPE(sqlite3 *)

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
    void text(int col, const QString &s)
    {
        m_buffers[col % kBuffers] = s.toUtf8();
        const QByteArray &b = m_buffers[col % kBuffers];
        sqlite3_bind_text(m_stmt, col, b.constData(), int(b.size()), SQLITE_STATIC);
    }
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
    const QVariant handle = qdb.driver()->handle();
    sqlite3 *db = handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0 ? *static_cast<sqlite3 *const *>(handle.data()) : nullptr;
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
    // New rows take the plain INSERT path (as fast as a raw insert); rows that exist already
    // are updated by key. ON CONFLICT DO NOTHING tells the two apart through sqlite3_changes().
    Statement insert;
    Statement update;
    Statement snapshot;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO products (marketplace, external_id, title, description, category, price, currency, rating, "
                           "reviews_count, favorites, rank, vendor, image_url, product_url, tags, keywords, raw_data, sponsored, "
                           "source_id, created_at, updated_at, last_seen_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, ?20) "
                           "ON CONFLICT (marketplace, external_id) DO NOTHING",
                           -1, &insert.stmt, nullptr) != SQLITE_OK
        || sqlite3_prepare_v2(db,
                              "UPDATE products SET title = ?3, description = ?4, category = ?5, price = ?6, currency = ?7, rating = ?8, "
                              "reviews_count = ?9, favorites = ?10, rank = ?11, vendor = ?12, image_url = ?13, product_url = ?14, "
                              "tags = ?15, keywords = ?16, raw_data = ?17, sponsored = ?18, source_id = COALESCE(?19, source_id), "
                              "updated_at = ?20, last_seen_at = ?20 WHERE marketplace = ?1 AND external_id = ?2 RETURNING id",
                              -1, &update.stmt, nullptr) != SQLITE_OK)
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    if (options.snapshots
        && sqlite3_prepare_v2(db,
                              "INSERT INTO product_snapshots (product_id, price, rating, reviews_count, rank, favorites, result_count, scraped_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              -1, &snapshot.stmt, nullptr) != SQLITE_OK)
        return Error{Tr::tr("Saving snapshots failed: %1").arg(sqliteError(db)), 1};

    static const QByteArray emptyArray("[]");
    auto bindRow = [&](sqlite3_stmt *stmt, Binder &b, const Product &p) {
        b.text(1, p.marketplace);
        b.text(2, p.externalId);
        b.text(3, p.title);
        b.text(4, p.description);
        b.text(5, p.category);
        sqlite3_bind_double(stmt, 6, p.price);
        b.text(7, p.currency);
        sqlite3_bind_double(stmt, 8, p.rating);
        sqlite3_bind_int(stmt, 9, p.reviewsCount);
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
        sqlite3_bind_int(stmt, 18, p.sponsored ? 1 : 0);
        b.optionalInt(19, p.sourceId ? *p.sourceId : -1);
        b.staticText(20, nowText);
    };
    Binder insertBinder(insert.stmt);
    Binder updateBinder(update.stmt);
    stats.ids.reserve(products.size());
    for (const Product &p : products) {
        bindRow(insert.stmt, insertBinder, p);
        if (sqlite3_step(insert.stmt) != SQLITE_DONE)
            return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
        sqlite3_reset(insert.stmt);
        qint64 id = 0;
        if (sqlite3_changes(db) == 1) {
            id = sqlite3_last_insert_rowid(db);
            ++stats.inserted;
        } else {
            bindRow(update.stmt, updateBinder, p);
            if (sqlite3_step(update.stmt) != SQLITE_ROW)
                return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
            id = sqlite3_column_int64(update.stmt, 0);
            sqlite3_reset(update.stmt);
            ++stats.updated;
        }
        stats.ids << id;

        if (options.snapshots) {
            Binder s(snapshot.stmt);
            sqlite3_bind_int64(snapshot.stmt, 1, id);
            sqlite3_bind_double(snapshot.stmt, 2, p.price);
            sqlite3_bind_double(snapshot.stmt, 3, p.rating);
            sqlite3_bind_int(snapshot.stmt, 4, p.reviewsCount);
            s.optionalInt(5, p.rank);
            s.optionalInt(6, p.favorites);
            s.optionalInt(7, options.resultCount);
            s.staticText(8, nowText);
            if (sqlite3_step(snapshot.stmt) != SQLITE_DONE)
                return Error{Tr::tr("Saving snapshots failed: %1").arg(sqliteError(db)), 1};
            sqlite3_reset(snapshot.stmt);
            ++stats.snapshots;
        }
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return stats;
}

} // namespace podtrends::core
