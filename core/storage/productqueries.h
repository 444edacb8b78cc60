#pragma once

#include <core/domain/product.h>
#include <core/storage/database.h>
#include <core/storage/productfilter.h>

#include <QList>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace podtrends::core {

/**
 * Every read of products and their snapshots: lookups, filtered and sorted listings, the lazy
 * table's windows, CSV export. Use from one thread (its connection). The filters and the search
 * become SQL in ProductSearch; writes are ProductWriter's.
 */
class ProductQueries final
{
public:
    explicit ProductQueries(std::shared_ptr<Database> db);

    Result<std::optional<Product>> findById(qint64 id);
    Result<std::optional<Product>> findByExternalId(const QString &marketplace, const QString &externalId);
    Result<QList<Product>> list(const ProductFilter &filter);
    Result<qint64> count(const ProductFilter &filter = {});
    /** Ids only, for lazy models: cheap even for a million rows. */
    Result<QList<qint64>> ids(const ProductFilter &filter);
    /**
     * The first `limit` ids of the filter in its order, planned for a short answer (the Products
     * page's first visible rows). On SQLite, which keeps no
     * statistics, it weighs walking the ORDER BY column's index and checking each row (best when
     * many rows match) against reading the candidates from the full-text or a filter index and
     * sorting them (best when few do), by counting index entries and timing the walk
     * (productwindow.cpp). On PostgreSQL, and in ids(), the query planner chooses.
     */
    Result<QList<qint64>> windowIds(const ProductFilter &filter, int limit);
    Result<QList<ProductSnapshot>> snapshots(qint64 productId);
    /** Distinct non-empty categories, sorted. */
    Result<QStringList> categories();

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
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
