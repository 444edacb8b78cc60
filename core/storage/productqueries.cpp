// ProductQueries: lookups, listings, windows and CSV export of products. The SQLite planner of
// windowIds() is in productwindow.cpp.
#include "productqueries.h"

#include <core/storage/productsearch.h>
#include <core/storage/productwindow_p.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QIODevice>

#include <algorithm>
#include <limits>

namespace podtrends::core {

ProductQueries::ProductQueries(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QString ProductQueries::productColumns()
{
    return QStringLiteral("id, marketplace, external_id, title, description, category, price, currency, rating, "
                          "reviews_count, favorites, rank, vendor, image_url, product_url, tags, keywords, raw_data, "
                          "sponsored, trend_id, source_id, created_at, updated_at, last_seen_at");
}

Product ProductQueries::fromRecord(const QSqlQuery &q, int c)
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
    p.rawData = q.value(c + 17).toByteArray();
    if (p.rawData == "{}") // stored for "no record"
        p.rawData.clear();
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

Result<QList<Product>> ProductQueries::list(const ProductFilter &filter)
{
    const ProductSearch::Where w = ProductSearch(*m_db).where(filter);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + productColumns() + QStringLiteral(" FROM products") + w.sql + ProductSearch::orderClause(filter) + ProductSearch::limitClause(filter));
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

Result<QList<qint64>> ProductQueries::ids(const ProductFilter &filter)
{
    const ProductSearch::Where w = ProductSearch(*m_db).where(filter);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    return selectIds(m_db->connection(), QStringLiteral("SELECT id FROM products") + w.sql + ProductSearch::orderClause(filter) + ProductSearch::limitClause(filter), w.binds);
}

Result<QList<qint64>> ProductQueries::windowIds(const ProductFilter &filter, int limit)
{
    ProductFilter window = filter;
    window.limit = std::max(0, limit);
    window.offset = 0;
    if (window.limit == 0)
        return QList<qint64>();
    if (!m_db->isPostgres())
        return productwindow::sqliteIds(*m_db, window);
    // PostgreSQL weighs the ORDER BY index against the filters' and the search's from its statistics.
    const ProductSearch::Where w = ProductSearch(*m_db).where(window);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    return selectIds(m_db->connection(),
                     QStringLiteral("SELECT id FROM products") + w.sql + ProductSearch::orderClause(window) + ProductSearch::limitClause(window),
                     w.binds);
}

Result<QList<Product>> ProductQueries::findByIds(const QList<qint64> &ids, bool full)
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

Result<qint64> ProductQueries::exportCsv(const ProductFilter &filter, QIODevice *out,
                                            const std::function<void(qint64, qint64)> &progress,
                                            const std::atomic_bool *cancel)
{
    ProductFilter unlimited = filter;
    unlimited.limit = -1;
    unlimited.offset = 0;
    const auto total = count(unlimited);
    if (!total)
        return total.error();
    const ProductSearch::Where w = ProductSearch(*m_db).where(unlimited);
    if (!w.error.isEmpty())
        return Error{w.error, 1};
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, marketplace, external_id, title, category, price, currency, rating, reviews_count, "
                             "favorites, rank, vendor, product_url, image_url, tags, last_seen_at FROM products")
              + w.sql + ProductSearch::orderClause(unlimited));
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

Result<qint64> ProductQueries::count(const ProductFilter &filter)
{
    const ProductSearch::Where w = ProductSearch(*m_db).where(filter);
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

Result<std::optional<Product>> ProductQueries::findById(qint64 id)
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

Result<std::optional<Product>> ProductQueries::findByExternalId(const QString &marketplace, const QString &externalId)
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

Result<QList<ProductSnapshot>> ProductQueries::snapshots(qint64 productId)
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

Result<QStringList> ProductQueries::categories()
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT DISTINCT category FROM products WHERE category <> '' ORDER BY category")))
        return Error{describeSqlError(q), 1};
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace podtrends::core
