// The SQLite bulk path of ProductWriter::upsert. It talks to the sqlite3 handle of this
// thread's Qt connection directly: QSqlQuery converts every bound value through QVariant and
// UTF-16, which costs about half the throughput on million-row imports (docs/PERFORMANCE.md).
#include "productwriter.h"
#include "productwriter_p.h"

#include <core/analysis/productfeatures.h>
#include <core/storage/database_p.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <iterator>
#include <new>
#include <optional>
#include <vector>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcProductWriter, "podtrends.core.storage.writer")

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

// One product as the SQLite writer binds it: every text already UTF-8, JSON lists serialized.
struct EncodedProduct
{
    enum Text { Marketplace, ExternalId, Title, Description, Category, Currency, Vendor, ImageUrl, ProductUrl, Tags, Keywords, RawData, TextCount };
    QByteArray text[TextCount];
    double price = 0;
    double rating = 0;
    int reviewsCount = 0;
    qint64 favorites = -1;
    qint64 rank = -1;
    qint64 sourceId = -1;
    bool sponsored = false;
    qint64 id = 0; ///< the stored row's id, set by the upsert that writes it
    QByteArray features; ///< ProductFeatures, computed here on the parse thread

    explicit EncodedProduct(const Product &p)
    {
        static const QByteArray emptyArray("[]");
        static const QByteArray emptyObject("{}");
        text[Marketplace] = p.marketplace.toUtf8();
        text[ExternalId] = p.externalId.toUtf8();
        text[Title] = p.title.toUtf8();
        text[Description] = p.description.toUtf8();
        text[Category] = p.category.toUtf8();
        text[Currency] = p.currency.toUtf8();
        text[Vendor] = p.vendor.toUtf8();
        text[ImageUrl] = p.imageUrl.toUtf8();
        text[ProductUrl] = p.productUrl.toUtf8();
        // JSON columns go straight from a serializer's UTF-8 to SQLite (no UTF-16 round trip); tags
        // and keywords through json::compactStringArray, a fifth of the cost of building a QJsonArray
        // and writing it.
        text[Tags] = p.tags.isEmpty() ? emptyArray : json::compactStringArray(p.tags);
        text[Keywords] = p.keywords.isEmpty() ? emptyArray : json::compactStringArray(p.keywords);
        text[RawData] = p.rawData.isEmpty() ? emptyObject : p.rawData;
        price = p.price;
        rating = p.rating;
        reviewsCount = p.reviewsCount;
        favorites = p.favorites;
        rank = p.rank;
        sourceId = p.sourceId ? *p.sourceId : -1;
        sponsored = p.sponsored;
        features = ProductFeatures::of(p, text[RawData]).encode();
    }
};

// The batch as a table to SQL: podtrends_product_batch(?) is an eponymous virtual table whose
// argument is a pointer to the batch (sqlite3_bind_pointer), read in place. Writing the batch with
// one statement per table needs the rows in SQL; staging them in a temporary table first cost
// the writer a tenth of its time (docs/PERFORMANCE.md).
namespace batchtable {

constexpr const char *kModule = "podtrends_product_batch";
constexpr const char *kPointerType = "podtrends_product_batch";
// Column order of the declaration below; seq is the product's index in the batch.
enum Column { Marketplace, ExternalId, Title, Description, Category, Price, Currency, Rating, ReviewsCount, Favorites, Rank, Vendor,
              ImageUrl, ProductUrl, Tags, Keywords, RawData, Sponsored, SourceId, Seq, ProductId, Features, Batch };
using Rows = std::vector<EncodedProduct>;

struct Cursor
{
    sqlite3_vtab_cursor base{};
    const Rows *rows = nullptr;
    size_t at = 0;
};

int connect(sqlite3 *db, void *, int, const char *const *, sqlite3_vtab **table, char **)
{
    const int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(marketplace, external_id, title, description, category, price, currency, rating, "
                                            "reviews_count, favorites, rank, vendor, image_url, product_url, tags, keywords, raw_data, "
                                            "sponsored, source_id, seq, product_id, features, batch HIDDEN)");
    if (rc != SQLITE_OK)
        return rc;
    *table = static_cast<sqlite3_vtab *>(sqlite3_malloc(sizeof(sqlite3_vtab)));
    if (!*table)
        return SQLITE_NOMEM;
    **table = sqlite3_vtab{};
    return SQLITE_OK;
}

int disconnect(sqlite3_vtab *table)
{
    sqlite3_free(table);
    return SQLITE_OK;
}

// The batch argument is required; rows come in seq order, so ORDER BY seq costs nothing.
int bestIndex(sqlite3_vtab *, sqlite3_index_info *info)
{
    int batch = -1;
    for (int i = 0; i < info->nConstraint; ++i)
        if (info->aConstraint[i].iColumn == Batch && info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ && info->aConstraint[i].usable)
            batch = i;
    if (batch < 0)
        return SQLITE_CONSTRAINT;
    info->aConstraintUsage[batch].argvIndex = 1;
    info->aConstraintUsage[batch].omit = 1;
    info->estimatedCost = 1;
    if (info->nOrderBy == 1 && info->aOrderBy[0].iColumn == Seq && !info->aOrderBy[0].desc)
        info->orderByConsumed = 1;
    return SQLITE_OK;
}

int open(sqlite3_vtab *, sqlite3_vtab_cursor **cursor)
{
    auto *c = new (std::nothrow) Cursor;
    if (!c)
        return SQLITE_NOMEM;
    *cursor = &c->base;
    return SQLITE_OK;
}

int close(sqlite3_vtab_cursor *cursor)
{
    delete reinterpret_cast<Cursor *>(cursor);
    return SQLITE_OK;
}

int filter(sqlite3_vtab_cursor *cursor, int, const char *, int argc, sqlite3_value **argv)
{
    auto *c = reinterpret_cast<Cursor *>(cursor);
    c->rows = argc > 0 ? static_cast<const Rows *>(sqlite3_value_pointer(argv[0], kPointerType)) : nullptr;
    c->at = 0;
    return SQLITE_OK;
}

int next(sqlite3_vtab_cursor *cursor)
{
    ++reinterpret_cast<Cursor *>(cursor)->at;
    return SQLITE_OK;
}

int eof(sqlite3_vtab_cursor *cursor)
{
    const auto *c = reinterpret_cast<Cursor *>(cursor);
    return !c->rows || c->at >= c->rows->size();
}

void resultText(sqlite3_context *context, const QByteArray &text)
{
    // A null QByteArray (from a null QString) is SQL NULL, as binding it was.
    if (text.isNull())
        sqlite3_result_null(context);
    else
        sqlite3_result_text(context, text.constData(), int(text.size()), SQLITE_STATIC);
}

void resultOptional(sqlite3_context *context, qint64 value)
{
    if (value < 0)
        sqlite3_result_null(context);
    else
        sqlite3_result_int64(context, value);
}

int column(sqlite3_vtab_cursor *cursor, sqlite3_context *context, int column)
{
    const auto *c = reinterpret_cast<Cursor *>(cursor);
    const EncodedProduct &p = (*c->rows)[c->at];
    using T = EncodedProduct::Text;
    switch (column) {
    case Marketplace: resultText(context, p.text[T::Marketplace]); break;
    case ExternalId: resultText(context, p.text[T::ExternalId]); break;
    case Title: resultText(context, p.text[T::Title]); break;
    case Description: resultText(context, p.text[T::Description]); break;
    case Category: resultText(context, p.text[T::Category]); break;
    case Price: sqlite3_result_double(context, p.price); break;
    case Currency: resultText(context, p.text[T::Currency]); break;
    case Rating: sqlite3_result_double(context, p.rating); break;
    case ReviewsCount: sqlite3_result_int(context, p.reviewsCount); break;
    case Favorites: resultOptional(context, p.favorites); break;
    case Rank: resultOptional(context, p.rank); break;
    case Vendor: resultText(context, p.text[T::Vendor]); break;
    case ImageUrl: resultText(context, p.text[T::ImageUrl]); break;
    case ProductUrl: resultText(context, p.text[T::ProductUrl]); break;
    case Tags: resultText(context, p.text[T::Tags]); break;
    case Keywords: resultText(context, p.text[T::Keywords]); break;
    case RawData: resultText(context, p.text[T::RawData]); break;
    case Sponsored: sqlite3_result_int(context, p.sponsored ? 1 : 0); break;
    case SourceId: resultOptional(context, p.sourceId); break;
    case Seq: sqlite3_result_int64(context, qint64(c->at)); break;
    case ProductId: sqlite3_result_int64(context, p.id); break;
    case Features: sqlite3_result_blob(context, p.features.constData(), int(p.features.size()), SQLITE_STATIC); break;
    default: sqlite3_result_null(context); break;
    }
    return SQLITE_OK;
}

int rowid(sqlite3_vtab_cursor *cursor, sqlite3_int64 *id)
{
    *id = sqlite3_int64(reinterpret_cast<Cursor *>(cursor)->at);
    return SQLITE_OK;
}

// Read-only and eponymous only (no xCreate): it exists on a connection once registered, needs no
// schema entry, and nothing can write through it.
const sqlite3_module kModuleMethods = {
    /* iVersion */ 0, /* xCreate */ nullptr, connect, bestIndex, disconnect, /* xDestroy */ nullptr, open, close, filter, next, eof,
    column, rowid, /* xUpdate */ nullptr, /* xBegin */ nullptr, /* xSync */ nullptr, /* xCommit */ nullptr, /* xRollback */ nullptr,
    /* xFindFunction */ nullptr, /* xRename */ nullptr, /* xSavepoint */ nullptr, /* xRelease */ nullptr, /* xRollbackTo */ nullptr,
    /* xShadowName */ nullptr};

// Registers the module on this connection the first time; a statement that names the table then
// tells whether it is there (the same sqlite3 handle lives as long as the thread's connection).
bool ensureRegistered(sqlite3 *db)
{
    sqlite3_stmt *probe = nullptr;
    const bool present = sqlite3_prepare_v2(db, "SELECT 1 FROM podtrends_product_batch(NULL)", -1, &probe, nullptr) == SQLITE_OK;
    sqlite3_finalize(probe);
    return present || sqlite3_create_module_v2(db, kModule, &kModuleMethods, nullptr, nullptr) == SQLITE_OK;
}

} // namespace batchtable

} // namespace

struct PreparedProducts::SqliteRows
{
    batchtable::Rows rows;
};

PreparedProducts::PreparedProducts(QList<Product> products, const Database &target)
    : m_products(std::move(products))
{
    for (const Product &p : std::as_const(m_products)) {
        m_textSize += p.title.size() + p.description.size() + p.rawData.size();
        for (const QString &tag : p.tags)
            m_textSize += tag.size();
    }
    if (target.isPostgres())
        return;
    m_sqlite = std::make_shared<SqliteRows>();
    m_sqlite->rows.reserve(size_t(m_products.size()));
    for (const Product &p : std::as_const(m_products))
        m_sqlite->rows.emplace_back(p);
}

void PreparedProducts::append(PreparedProducts other)
{
    if (isEmpty()) {
        *this = std::move(other);
        return;
    }
    m_products.append(std::move(other.m_products));
    m_textSize += other.m_textSize;
    if (!m_sqlite || !other.m_sqlite) {
        m_sqlite.reset(); // one half unconverted (for another engine): convert all when writing
        return;
    }
    if (m_sqlite.use_count() > 1) // shared with a copy: append to a copy of its own
        m_sqlite = std::make_shared<SqliteRows>(*m_sqlite);
    auto &rows = m_sqlite->rows;
    if (other.m_sqlite.use_count() == 1)
        std::move(other.m_sqlite->rows.begin(), other.m_sqlite->rows.end(), std::back_inserter(rows));
    else
        rows.insert(rows.end(), other.m_sqlite->rows.begin(), other.m_sqlite->rows.end());
}

namespace {

QString sqliteError(sqlite3 *db)
{
    const int code = sqlite3_errcode(db);
    if (code == SQLITE_FULL)
        return Tr::tr("the disk is full; nothing was saved");
    return QString::fromUtf8(sqlite3_errmsg(db));
}

} // namespace

Result<UpsertStats> ProductWriter::upsertSqlite(const PreparedProducts &batch, const UpsertOptions &options)
{
    const QList<Product> &products = batch.products();
    UpsertStats stats;
    QSqlDatabase qdb = m_db->connection();
    if (!qdb.isOpen())
        return Error{Tr::tr("The database is not open"), 1};
    sqlite3 *db = sqliteHandle(qdb);
    if (!db)
        return Error{Tr::tr("The SQLite driver gave no database handle"), 1};

    for (const Product &p : products)
        if (p.marketplace.isEmpty() || p.externalId.isEmpty())
            return Error{Tr::tr("A product without marketplace or external id cannot be stored (\"%1\")").arg(p.title.left(60)), 2};

    const QDateTime now = options.scrapedAt.isValid() ? options.scrapedAt.toUTC() : QDateTime::currentDateTimeUtc();
    const QByteArray nowText = now.toString(Qt::ISODateWithMs).toUtf8();

    // Converted ahead (PreparedProducts) or now. The rows are this call's to use: it writes their ids.
    const std::shared_ptr<PreparedProducts::SqliteRows> prepared
        = batch.m_sqlite ? batch.m_sqlite : PreparedProducts(products, *m_db).m_sqlite;
    batchtable::Rows &rows = prepared->rows;
    if (!batchtable::ensureRegistered(db))
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};

    // Inside a group (beginGroup()) the group's transaction holds the batch.
    std::optional<WriteTransaction> tx;
    if (!m_group) {
        tx.emplace(qdb); // BEGIN IMMEDIATE: waits for another writer instead of failing at once
        if (!tx->active())
            return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    }
    // Each statement reads the batch through podtrends_product_batch(?3); ?1 is the time, ?2 the
    // marketplace's result count. One statement per table: row by row, every INSERT would open a
    // statement journal (the search index triggers make it a multi-table write) and FTS5 would
    // flush its pending terms to disk at each one, which halved the insert rate. One statement
    // journals each page once and indexes the batch in one go.
    const auto prepare = [&](const char *sql, Statement *stmt) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt->stmt, nullptr) != SQLITE_OK)
            return false;
        sqlite3_bind_text(stmt->stmt, 1, nowText.constData(), int(nowText.size()), SQLITE_STATIC);
        if (options.resultCount >= 0)
            sqlite3_bind_int64(stmt->stmt, 2, options.resultCount);
        sqlite3_bind_pointer(stmt->stmt, 3, &rows, batchtable::kPointerType, nullptr);
        return true;
    };
    const auto run = [&](const char *sql) {
        Statement stmt;
        return prepare(sql, &stmt) && sqlite3_step(stmt.stmt) == SQLITE_DONE;
    };

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
             "FROM podtrends_product_batch(?3) WHERE true ORDER BY seq "
             "ON CONFLICT (marketplace, external_id) DO UPDATE SET title = excluded.title, description = excluded.description, "
             "category = excluded.category, price = excluded.price, currency = excluded.currency, rating = excluded.rating, "
             "reviews_count = excluded.reviews_count, favorites = excluded.favorites, rank = excluded.rank, "
             "vendor = excluded.vendor, image_url = excluded.image_url, product_url = excluded.product_url, "
             "tags = excluded.tags, keywords = excluded.keywords, raw_data = excluded.raw_data, sponsored = excluded.sponsored, "
             "source_id = COALESCE(excluded.source_id, products.source_id), updated_at = excluded.updated_at, "
             "last_seen_at = excluded.last_seen_at"))
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};

    Statement ids;
    if (!prepare("SELECT p.id FROM podtrends_product_batch(?3) b CROSS JOIN products p "
                 "ON p.marketplace = b.marketplace AND p.external_id = b.external_id ORDER BY b.seq",
                 &ids))
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};
    stats.ids.reserve(products.size());
    QSet<qint64> seen;
    int rc;
    while ((rc = sqlite3_step(ids.stmt)) == SQLITE_ROW) {
        const qint64 id = sqlite3_column_int64(ids.stmt, 0);
        if (size_t(stats.ids.size()) < rows.size())
            rows[size_t(stats.ids.size())].id = id;
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

    // Each product's analysis features, replacing what the row had (issue 14), one statement for
    // the batch like the tables above.
    static const QByteArray storeFeatures = "INSERT OR REPLACE INTO product_features (product_id, version, features) SELECT product_id, "
        + QByteArray::number(ProductFeatures::kVersion) + ", features FROM podtrends_product_batch(?3) ORDER BY seq";
    if (!run(storeFeatures.constData()))
        return Error{Tr::tr("Saving products failed: %1").arg(sqliteError(db)), 1};

    // The rows' ids are in the batch by now: each snapshot takes its product's id from there instead
    // of looking the product up again.
    if (options.snapshots) {
        const char *every = "INSERT INTO product_snapshots (product_id, price, rating, reviews_count, rank, favorites, result_count, scraped_at) "
                            "SELECT product_id, price, rating, reviews_count, rank, favorites, ?2, ?1 FROM podtrends_product_batch(?3) ORDER BY seq";
        const char *changed = "INSERT INTO product_snapshots (product_id, price, rating, reviews_count, rank, favorites, result_count, scraped_at) "
                              "SELECT b.product_id, b.price, b.rating, b.reviews_count, b.rank, b.favorites, ?2, ?1 FROM podtrends_product_batch(?3) b "
                              "WHERE NOT EXISTS (SELECT 1 FROM product_snapshots s WHERE s.id = (SELECT l.id FROM product_snapshots l "
                              "WHERE l.product_id = b.product_id ORDER BY l.scraped_at DESC, l.id DESC LIMIT 1) AND s.price IS b.price "
                              "AND s.rating IS b.rating AND s.reviews_count IS b.reviews_count AND s.rank IS b.rank "
                              "AND s.favorites IS b.favorites AND s.result_count IS ?2) ORDER BY b.seq";
        if (!run(options.onlyChangedSnapshots ? changed : every))
            return Error{Tr::tr("Saving snapshots failed: %1").arg(sqliteError(db)), 1};
        stats.snapshots = sqlite3_changes(db);
    }
    if (tx) {
        if (Status s = tx->commit(); !s)
            return s.error();
    }
    return stats;
}

} // namespace podtrends::core

namespace podtrends::core {

void ProductWriter::limitWal()
{
    if (m_db->isPostgres())
        return;
    const QFileInfo wal(m_db->config().sqlitePath + QStringLiteral("-wal"));
    if (!wal.exists() || wal.size() <= kWalLimitBytes)
        return;
    sqlite3 *db = sqliteHandle(m_db->connection());
    if (!db || !sqlite3_get_autocommit(db))
        return; // no connection, or inside a transaction: the next call does it
    // The automatic checkpoint after a commit is passive and copies the log into the file, but
    // during an import the log never started over: it grew to about the database's size (3.37 GB
    // for a 900 MB database; 225 MB for 195 MB in docs/RELIABILITY.md). TRUNCATE starts it over and
    // cuts the file to zero; it waits for readers of older snapshots through the busy handler,
    // here briefly.
    sqlite3_busy_timeout(db, 250);
    int logFrames = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logFrames, &copied);
    sqlite3_busy_timeout(db, kSqliteBusyTimeoutMs);
    if (rc != SQLITE_OK)
        qCInfo(lcProductWriter) << "WAL checkpoint deferred:" << sqlite3_errstr(rc) << logFrames << "frames," << copied << "copied";
}

} // namespace podtrends::core
