#pragma once

#include <core/storage/productfilter.h>

#include <QVariantList>

namespace podtrends::core {

class Database;

/**
 * How a ProductFilter becomes SQL on one database: the filters as WHERE clauses with bound
 * values, the search words as a query of the engine's full-text index (never as SQL or query
 * syntax), the order and the page. ProductQueries and its SQLite planner (productwindow.cpp) build
 * every product query from these pieces. The search's terms per engine: productsearch_terms.cpp.
 */
class ProductSearch final
{
public:
    /** WHERE text (empty or starting with " WHERE ") with its values. */
    struct Where
    {
        QString sql;
        QVariantList binds;
        QString error;            ///< set when the filter could not be turned into a query
        bool search = false;      ///< the search text held at least one word
        QStringList columns;      ///< the filtered columns besides the search, each once
        /** Nothing but `column` (or nothing at all) is filtered. */
        bool onlyColumn(const QString &column) const { return !search && (columns.isEmpty() || columns == QStringList{column}); }
    };
    enum class SearchCheck {
        Index,  ///< the search is looked up in the full-text index (products_fts, ix_products_search)
        PerRow, ///< SQLite: each row is checked by the index's tokenizer (for a walk over another index)
    };

    explicit ProductSearch(const Database &db);

    /** `drivingColumn` set: the other filter columns are written as +column so that SQLite walks
     *  the ORDER BY column's index instead of sorting everything an equality index matched. */
    Where where(const ProductFilter &filter, const QString &drivingColumn = {}, SearchCheck search = SearchCheck::Index) const;

    /** The filter's ORDER BY column, "id" unless it names a sortable one. */
    static QString orderColumn(const ProductFilter &filter);
    /** `sortMatches`: written so that SQLite sorts the matches instead of walking the column's index. */
    static QString orderClause(const ProductFilter &filter, bool sortMatches = false);
    static QString limitClause(const ProductFilter &filter);

private:
    const Database &m_db;
};

} // namespace podtrends::core
