#include "productrepository.h"

#include <core/storage/productrepository_p.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QIODevice>
#include <QSqlRecord>

namespace podtrends::core {

const QStringList &ProductFilter::sortableColumns()
{
    static const QStringList columns{
        QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("marketplace"), QStringLiteral("category"),
        QStringLiteral("price"), QStringLiteral("rating"), QStringLiteral("reviews_count"),
        QStringLiteral("favorites"), QStringLiteral("rank"), QStringLiteral("last_seen_at"),
        QStringLiteral("created_at"), QStringLiteral("updated_at")};
    return columns;
}

ProductRepository::ProductRepository(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QString ProductRepository::productColumns()
{
    return QStringLiteral("id, marketplace, external_id, title, description, category, price, currency, rating, "
                          "reviews_count, favorites, rank, vendor, image_url, product_url, tags, keywords, raw_data, "
                          "sponsored, trend_id, source_id, created_at, updated_at, last_seen_at");
}

Product ProductRepository::fromRecord(const QSqlQuery &q, int c)
{
    Product p;
    p.id = q.value(c + 0).toLongLong();
    p.marketplace = q.value(c + 1).toString();
    p.externalId = q.value(c + 2).toString();
    p.title = q.value(c + 3).toString();
    p.description = q.value(c + 4).toString();
    p.category = q.value(c + 5).toString();
    p.price = q.value(c + 6).toDouble();
    p.currency = q.value(c + 7).toString();
    p.rating = q.value(c + 8).toDouble();
    p.reviewsCount = q.value(c + 9).toInt();
    p.favorites = q.value(c + 10).isNull() ? -1 : q.value(c + 10).toInt();
    p.rank = q.value(c + 11).isNull() ? -1 : q.value(c + 11).toInt();
    p.vendor = q.value(c + 12).toString();
    p.imageUrl = q.value(c + 13).toString();
    p.productUrl = q.value(c + 14).toString();
    p.tags = json::toStringList(json::arrayFrom(q.value(c + 15)));
    p.keywords = json::toStringList(json::arrayFrom(q.value(c + 16)));
    p.rawData = json::objectFrom(q.value(c + 17));
    p.sponsored = q.value(c + 18).toBool();
    if (!q.value(c + 19).isNull())
        p.trendId = q.value(c + 19).toLongLong();
    if (!q.value(c + 20).isNull())
        p.sourceId = q.value(c + 20).toLongLong();
    p.createdAt = json::dateTimeFrom(q.value(c + 21));
    p.updatedAt = json::dateTimeFrom(q.value(c + 22));
    p.lastSeenAt = json::dateTimeFrom(q.value(c + 23));
    return p;
}

static QVariant nullableInt(int value)
{
    return value < 0 ? QVariant(QMetaType(QMetaType::Int)) : QVariant(value);
}

Result<UpsertStats> ProductRepository::upsert(const QList<Product> &products, const UpsertOptions &options)
{
    return upsert(PreparedProducts(products, *m_db), options);
}

Result<UpsertStats> ProductRepository::upsert(const PreparedProducts &batch, const UpsertOptions &options)
{
    UpsertStats stats;
    const QList<Product> &products = batch.products();
    if (products.isEmpty())
        return stats;
    if (!m_db->isPostgres())
        return upsertSqlite(batch, options);
    QSqlDatabase db = m_db->connection();
    if (!db.isOpen())
        return Error{QCoreApplication::translate("Database", "The database is not open"), 1};
    const QDateTime now = options.scrapedAt.isValid() ? options.scrapedAt.toUTC() : QDateTime::currentDateTimeUtc();
    // SQLite stores timestamps as ISO text: format once per batch, not three times per row.
    const QVariant nowValue = m_db->isPostgres() ? QVariant(now) : QVariant(now.toString(Qt::ISODateWithMs));

    Transaction tx(db);
    // RETURNING tells us the row id for the snapshot in the same round trip; the xmax/changes
    // trick is not portable, so "inserted" is derived from created_at == the batch time.
    QSqlQuery upsertQuery(db);
    upsertQuery.setForwardOnly(true);
    const bool prepared = upsertQuery.prepare(QStringLiteral(
        "INSERT INTO products (marketplace, external_id, title, description, category, price, currency, rating, "
        "reviews_count, favorites, rank, vendor, image_url, product_url, tags, keywords, raw_data, sponsored, "
        "source_id, created_at, updated_at, last_seen_at) "
        // title and category are NOT NULL: a source that left them out stores "".
        "VALUES (?, ?, COALESCE(?, ''), ?, COALESCE(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (marketplace, external_id) DO UPDATE SET "
        "title = excluded.title, description = excluded.description, category = excluded.category, "
        "price = excluded.price, currency = excluded.currency, rating = excluded.rating, "
        "reviews_count = excluded.reviews_count, favorites = excluded.favorites, rank = excluded.rank, "
        "vendor = excluded.vendor, image_url = excluded.image_url, product_url = excluded.product_url, "
        "tags = excluded.tags, keywords = excluded.keywords, raw_data = excluded.raw_data, "
        "sponsored = excluded.sponsored, source_id = COALESCE(excluded.source_id, products.source_id), "
        "updated_at = excluded.updated_at, last_seen_at = excluded.last_seen_at "
        "RETURNING id, created_at = updated_at"));
    if (!prepared)
        return Error{describeSqlError(upsertQuery), 1};

    QSqlQuery snapshotQuery(db);
    if (options.snapshots
        && !snapshotQuery.prepare(QStringLiteral("INSERT INTO product_snapshots (product_id, price, rating, reviews_count, rank, "
                                                 "favorites, result_count, scraped_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")))
        return Error{describeSqlError(snapshotQuery), 1};

    const QVariant nullId(QMetaType(QMetaType::LongLong));
    const QVariant resultCount = options.resultCount < 0 ? nullId : QVariant(options.resultCount);
    stats.ids.reserve(products.size());
    for (const Product &p : products) {
        if (p.marketplace.isEmpty() || p.externalId.isEmpty())
            return Error{QCoreApplication::translate("Database", "A product without marketplace or external id cannot be stored (\"%1\")").arg(p.title.left(60)), 2};
        upsertQuery.bindValue(0, p.marketplace);
        upsertQuery.bindValue(1, p.externalId);
        upsertQuery.bindValue(2, p.title);
        upsertQuery.bindValue(3, p.description);
        upsertQuery.bindValue(4, p.category);
        upsertQuery.bindValue(5, p.price);
        upsertQuery.bindValue(6, p.currency);
        upsertQuery.bindValue(7, p.rating);
        upsertQuery.bindValue(8, p.reviewsCount);
        upsertQuery.bindValue(9, nullableInt(p.favorites));
        upsertQuery.bindValue(10, nullableInt(p.rank));
        upsertQuery.bindValue(11, p.vendor);
        upsertQuery.bindValue(12, p.imageUrl);
        upsertQuery.bindValue(13, p.productUrl);
        upsertQuery.bindValue(14, json::toText(QJsonArray::fromStringList(p.tags)));
        upsertQuery.bindValue(15, json::toText(QJsonArray::fromStringList(p.keywords)));
        // A parse thread may have kept the record as received (rawDataJson) and left rawData empty.
        upsertQuery.bindValue(16, p.rawDataJson.isEmpty() ? json::toText(p.rawData) : QString::fromUtf8(p.rawDataJson));
        upsertQuery.bindValue(17, p.sponsored);
        upsertQuery.bindValue(18, p.sourceId ? QVariant(*p.sourceId) : nullId);
        upsertQuery.bindValue(19, nowValue);
        upsertQuery.bindValue(20, nowValue);
        upsertQuery.bindValue(21, nowValue);
        if (!upsertQuery.exec() || !upsertQuery.next())
            return Error{QCoreApplication::translate("Database", "Saving products failed: %1").arg(describeSqlError(upsertQuery)), 1};
        const qint64 id = upsertQuery.value(0).toLongLong();
        if (upsertQuery.value(1).toBool())
            ++stats.inserted;
        else
            ++stats.updated;
        upsertQuery.finish();
        stats.ids << id;

        if (options.snapshots) {
            snapshotQuery.bindValue(0, id);
            snapshotQuery.bindValue(1, p.price);
            snapshotQuery.bindValue(2, p.rating);
            snapshotQuery.bindValue(3, p.reviewsCount);
            snapshotQuery.bindValue(4, nullableInt(p.rank));
            snapshotQuery.bindValue(5, nullableInt(p.favorites));
            snapshotQuery.bindValue(6, resultCount);
            snapshotQuery.bindValue(7, nowValue);
            if (!snapshotQuery.exec())
                return Error{QCoreApplication::translate("Database", "Saving snapshots failed: %1").arg(describeSqlError(snapshotQuery)), 1};
            ++stats.snapshots;
        }
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return stats;
}

ProductRepository::Where ProductRepository::buildWhere(const ProductFilter &f, const QString &drivingColumn, SearchCheck search) const
{
    QStringList clauses;
    Where w;
    // SQLite's unary + keeps a column's index out of the plan without changing the result.
    const auto col = [&drivingColumn, &w](const char *name) {
        const QString column = QString::fromLatin1(name);
        if (!w.columns.contains(column))
            w.columns << column;
        return drivingColumn.isEmpty() || column == drivingColumn ? column : QString(QLatin1Char('+') + column);
    };
    if (!f.marketplace.isEmpty()) {
        clauses << col("marketplace") + QStringLiteral(" = ?");
        w.binds << f.marketplace;
    }
    if (!f.category.isEmpty()) {
        clauses << col("category") + QStringLiteral(" = ?");
        w.binds << f.category;
    }
    if (f.minPrice >= 0) {
        clauses << col("price") + QStringLiteral(" >= ?");
        w.binds << f.minPrice;
    }
    if (f.maxPrice >= 0) {
        clauses << col("price") + QStringLiteral(" <= ?");
        w.binds << f.maxPrice;
    }
    if (f.minRating >= 0) {
        clauses << col("rating") + QStringLiteral(" >= ?");
        w.binds << f.minRating;
    }
    if (f.maxRating >= 0) {
        clauses << col("rating") + QStringLiteral(" <= ?");
        w.binds << f.maxRating;
    }
    if (f.trendId) {
        clauses << col("trend_id") + QStringLiteral(" = ?");
        w.binds << *f.trendId;
    }
    if (!f.search.trimmed().isEmpty()) {
        // The words go to the engine's full-text index as bound text, never as SQL or query syntax.
        if (m_db->isPostgres()) {
            const QString query = productsearch::postgresQuery(f.search);
            if (!query.isEmpty()) {
                clauses << productsearch::postgresDocument() + QStringLiteral(" @@ to_tsquery('simple'::regconfig, ?)");
                w.binds << query;
                w.search = true;
            }
        } else {
            QByteArrayList terms;
            if (!productsearch::sqliteTerms(productsearch::sqliteHandle(m_db->connection()), f.search, &terms)) {
                w.error = QCoreApplication::translate("Database", "Searching needs SQLite's full-text search (FTS5), which this SQLite lacks");
            } else if (!terms.isEmpty()) {
                if (search == SearchCheck::PerRow) {
                    clauses << QString::fromLatin1(productsearch::RowCheckFunction) + QStringLiteral("(title, tags, vendor, ?)");
                    w.binds << QString::fromUtf8(productsearch::rowCheckArgument(terms));
                } else {
                    clauses << QStringLiteral("id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?)");
                    w.binds << productsearch::ftsMatchExpression(terms);
                }
                w.search = true;
            }
        }
    }
    if (!clauses.isEmpty())
        w.sql = QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    return w;
}

QString ProductRepository::orderColumn(const ProductFilter &f)
{
    return ProductFilter::sortableColumns().contains(f.orderBy) ? f.orderBy : QStringLiteral("id");
}

QString ProductRepository::orderClause(const ProductFilter &f, bool sortMatches)
{
    const QString column = orderColumn(f);
    const QString dir = f.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    // SQLite cannot walk an index for "+column": the matches are found first and then sorted.
    QString order = QStringLiteral(" ORDER BY ") + (sortMatches ? QStringLiteral("+") : QString()) + column + dir;
    if (column != QLatin1String("id"))
        order += QStringLiteral(", id") + dir;
    return order;
}

QString ProductRepository::limitClause(const ProductFilter &f)
{
    if (f.limit < 0 && f.offset <= 0)
        return {};
    return QStringLiteral(" LIMIT %1 OFFSET %2").arg(f.limit < 0 ? std::numeric_limits<qint32>::max() : f.limit).arg(f.offset);
}

Result<QList<Product>> ProductRepository::list(const ProductFilter &filter)
{
    const Where w = buildWhere(filter);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + productColumns() + QStringLiteral(" FROM products") + w.sql + orderClause(filter) + limitClause(filter));
    for (const QVariant &b : w.binds)
        q.addBindValue(b);
    if (Status s = exec(q); !s)
        return s.error();
    QList<Product> out;
    while (q.next())
        out << fromRecord(q);
    return out;
}

// Runs a SELECT of one id column with positional binds.
static Result<QList<qint64>> selectIds(QSqlDatabase db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (Status s = exec(q); !s)
        return s.error();
    QList<qint64> out;
    while (q.next())
        out << q.value(0).toLongLong();
    return out;
}

Result<QList<qint64>> ProductRepository::ids(const ProductFilter &filter)
{
    const Where w = buildWhere(filter);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    return selectIds(m_db->connection(), QStringLiteral("SELECT id FROM products") + w.sql + orderClause(filter) + limitClause(filter), w.binds);
}

Result<QList<qint64>> ProductRepository::windowIds(const ProductFilter &filter, int limit)
{
    ProductFilter window = filter;
    window.limit = std::max(0, limit);
    window.offset = 0;
    if (window.limit == 0)
        return QList<qint64>();
    if (!m_db->isPostgres())
        return windowIdsSqlite(window);
    // PostgreSQL weighs the ORDER BY index against the filters' and the search's from its statistics.
    const Where w = buildWhere(window);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    return selectIds(m_db->connection(), QStringLiteral("SELECT id FROM products") + w.sql + orderClause(window) + limitClause(window), w.binds);
}

Result<QList<Product>> ProductRepository::findByIds(const QList<qint64> &ids, bool full)
{
    QList<Product> out;
    if (ids.isEmpty())
        return out;
    // Light rows leave out the two big text columns; fromRecord() reads them as empty.
    QString columns = productColumns();
    if (!full)
        columns.replace(QLatin1String("description,"), QLatin1String("NULL,")).replace(QLatin1String("raw_data,"), QLatin1String("NULL,"));
    QHash<qint64, Product> byId;
    byId.reserve(ids.size());
    // Chunks stay far below SQLite's bound-parameter limit; ids are integers, so they are inlined.
    constexpr int Chunk = 500;
    for (qsizetype start = 0; start < ids.size(); start += Chunk) {
        QStringList list;
        for (qsizetype i = start; i < std::min<qsizetype>(ids.size(), start + Chunk); ++i)
            list << QString::number(ids.at(i));
        QSqlQuery q(m_db->connection());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM products WHERE id IN (") + list.join(QLatin1Char(','))
                  + QLatin1Char(')'));
        if (Status s = exec(q); !s)
            return s.error();
        while (q.next()) {
            Product p = fromRecord(q);
            byId.insert(p.id, std::move(p));
        }
    }
    out.reserve(byId.size());
    for (qint64 id : ids) {
        auto it = byId.find(id);
        if (it != byId.end())
            out << *it;
    }
    return out;
}

static QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
        && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

Result<qint64> ProductRepository::exportCsv(const ProductFilter &filter, QIODevice *out,
                                            const std::function<void(qint64, qint64)> &progress,
                                            const std::atomic_bool *cancel)
{
    ProductFilter unlimited = filter;
    unlimited.limit = -1;
    unlimited.offset = 0;
    const auto total = count(unlimited);
    if (!total)
        return total.error();
    const Where w = buildWhere(unlimited);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, marketplace, external_id, title, category, price, currency, rating, reviews_count, "
                             "favorites, rank, vendor, product_url, image_url, tags, last_seen_at FROM products")
              + w.sql + orderClause(unlimited));
    for (const QVariant &b : w.binds)
        q.addBindValue(b);
    if (Status s = exec(q); !s)
        return s.error();
    const QString header = QStringLiteral("id,marketplace,external_id,title,category,price,currency,rating,reviews_count,"
                                          "favorites,rank,vendor,product_url,image_url,tags,last_seen_at\n");
    const auto writeFailed = [out] {
        return Error{QCoreApplication::translate("Database", "Writing the CSV file failed: %1").arg(out->errorString()), 1};
    };
    if (out->write(header.toUtf8()) < 0)
        return writeFailed();
    qint64 written = 0;
    QString line;
    while (q.next()) {
        if (cancel && cancel->load())
            return Error{QCoreApplication::translate("Database", "The export was cancelled"), 3};
        line.clear();
        line += QString::number(q.value(0).toLongLong()) + QLatin1Char(',') + csvField(q.value(1).toString()) + QLatin1Char(',')
            + csvField(q.value(2).toString()) + QLatin1Char(',') + csvField(q.value(3).toString()) + QLatin1Char(',')
            + csvField(q.value(4).toString()) + QLatin1Char(',') + QString::number(q.value(5).toDouble(), 'f', 2) + QLatin1Char(',')
            + csvField(q.value(6).toString()) + QLatin1Char(',') + QString::number(q.value(7).toDouble(), 'f', 1) + QLatin1Char(',')
            + QString::number(q.value(8).toLongLong()) + QLatin1Char(',') + (q.value(9).isNull() ? QString() : q.value(9).toString())
            + QLatin1Char(',') + (q.value(10).isNull() ? QString() : q.value(10).toString()) + QLatin1Char(',')
            + csvField(q.value(11).toString()) + QLatin1Char(',') + csvField(q.value(12).toString()) + QLatin1Char(',')
            + csvField(q.value(13).toString()) + QLatin1Char(',')
            + csvField(json::toStringList(json::arrayFrom(q.value(14))).join(QLatin1Char(';'))) + QLatin1Char(',')
            + json::dateTimeFrom(q.value(15)).toString(Qt::ISODate) + QLatin1Char('\n');
        if (out->write(line.toUtf8()) < 0)
            return writeFailed();
        ++written;
        if (progress && written % 500 == 0)
            progress(written, *total);
    }
    if (progress)
        progress(written, *total);
    return written;
}

Result<qint64> ProductRepository::count(const ProductFilter &filter)
{
    const Where w = buildWhere(filter);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM products") + w.sql);
    for (const QVariant &b : w.binds)
        q.addBindValue(b);
    if (Status s = exec(q); !s)
        return s.error();
    q.next();
    return q.value(0).toLongLong();
}

Result<std::optional<Product>> ProductRepository::findById(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT ") + productColumns() + QStringLiteral(" FROM products WHERE id = ?"));
    q.addBindValue(id);
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<Product>();
    return std::optional<Product>(fromRecord(q));
}

Result<std::optional<Product>> ProductRepository::findByExternalId(const QString &marketplace, const QString &externalId)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT ") + productColumns() + QStringLiteral(" FROM products WHERE marketplace = ? AND external_id = ?"));
    q.addBindValue(marketplace);
    q.addBindValue(externalId);
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<Product>();
    return std::optional<Product>(fromRecord(q));
}

Result<QList<ProductSnapshot>> ProductRepository::snapshots(qint64 productId)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT id, product_id, price, rating, reviews_count, rank, favorites, result_count, scraped_at "
                             "FROM product_snapshots WHERE product_id = ? ORDER BY scraped_at, id"));
    q.addBindValue(productId);
    if (Status s = exec(q); !s)
        return s.error();
    QList<ProductSnapshot> out;
    while (q.next()) {
        ProductSnapshot s;
        s.id = q.value(0).toLongLong();
        s.productId = q.value(1).toLongLong();
        s.price = q.value(2).toDouble();
        s.rating = q.value(3).toDouble();
        s.reviewsCount = q.value(4).toInt();
        s.rank = q.value(5).isNull() ? -1 : q.value(5).toInt();
        s.favorites = q.value(6).isNull() ? -1 : q.value(6).toInt();
        s.resultCount = q.value(7).isNull() ? -1 : q.value(7).toLongLong();
        s.scrapedAt = json::dateTimeFrom(q.value(8));
        out << s;
    }
    return out;
}

Result<QStringList> ProductRepository::categories()
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT DISTINCT category FROM products WHERE category <> '' ORDER BY category")))
        return Error{describeSqlError(q), 1};
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Status ProductRepository::assignTrends(const QHash<qint64, qint64> &productToTrend)
{
    QSqlDatabase db = m_db->connection();
    Transaction tx(db);
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral("UPDATE products SET trend_id = ? WHERE id = ?")))
        return Status::failure(describeSqlError(q), 1);
    for (auto it = productToTrend.cbegin(); it != productToTrend.cend(); ++it) {
        q.bindValue(0, it.value());
        q.bindValue(1, it.key());
        if (Status s = exec(q); !s)
            return s;
    }
    return tx.commit();
}

} // namespace podtrends::core
