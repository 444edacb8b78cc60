// ProductSearch: a ProductFilter as SQL on each engine.
#include "productsearch.h"

#include <core/storage/database.h>
#include <core/storage/database_p.h>
#include <core/storage/productsearch_p.h>

#include <QCoreApplication>

#include <limits>

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

ProductSearch::ProductSearch(const Database &db)
    : m_db(db)
{
}

ProductSearch::Where ProductSearch::where(const ProductFilter &f, const QString &drivingColumn, SearchCheck search) const
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
        // A niche holds its refinements' listings too (trends.parent_id).
        clauses << col("trend_id") + QStringLiteral(" IN (SELECT id FROM trends WHERE id = ? OR parent_id = ?)");
        w.binds << *f.trendId << *f.trendId;
    }
    if (f.afterId) {
        clauses << (f.descending ? QStringLiteral("id < ?") : QStringLiteral("id > ?"));
        w.binds << *f.afterId;
    }
    if (!f.search.trimmed().isEmpty()) {
        // The words go to the engine's full-text index as bound text, never as SQL or query syntax.
        if (m_db.isPostgres()) {
            const QString query = productsearch::postgresQuery(f.search);
            if (!query.isEmpty()) {
                clauses << productsearch::postgresDocument() + QStringLiteral(" @@ to_tsquery('simple'::regconfig, ?)");
                w.binds << query;
                w.search = true;
            }
        } else {
            QByteArrayList terms;
            if (!productsearch::sqliteTerms(sqliteHandle(m_db.connection()), f.search, &terms)) {
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

QString ProductSearch::orderColumn(const ProductFilter &f)
{
    return ProductFilter::sortableColumns().contains(f.orderBy) ? f.orderBy : QStringLiteral("id");
}

QString ProductSearch::orderClause(const ProductFilter &f, bool sortMatches)
{
    const QString column = orderColumn(f);
    const QString dir = f.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    // SQLite cannot walk an index for "+column": the matches are found first and then sorted.
    QString order = QStringLiteral(" ORDER BY ") + (sortMatches ? QStringLiteral("+") : QString()) + column + dir;
    if (column != QLatin1String("id"))
        order += QStringLiteral(", id") + dir;
    return order;
}

QString ProductSearch::limitClause(const ProductFilter &f)
{
    if (f.limit < 0 && f.offset <= 0)
        return {};
    return QStringLiteral(" LIMIT %1 OFFSET %2").arg(f.limit < 0 ? std::numeric_limits<qint32>::max() : f.limit).arg(f.offset);
}

} // namespace podtrends::core
