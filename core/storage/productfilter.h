#pragma once

#include <QString>
#include <QStringList>

#include <optional>

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
    /** Keyset paging: only products whose id comes after this one in the id order (descending: before
     *  it). Meant for the id order, where it replaces a deep offset: the next page starts at the index
     *  entry of the last id seen instead of stepping over every row before it. */
    std::optional<qint64> afterId;

    static const QStringList &sortableColumns();
};

} // namespace podtrends::core
