#pragma once

#include <core/domain/product.h>
#include <core/storage/database.h>
#include <core/storage/productfilter.h>

#include <QAbstractTableModel>
#include <QCache>
#include <QElapsedTimer>
#include <QPointer>
#include <QSet>

#include <memory>

class QThreadPool;

namespace podtrends::ui {

class ThumbnailCache;

/**
 * The products table for the Products page, lazy enough for millions of rows.
 *
 * A load runs on the pool in two steps: the first window of ids in the requested order (an
 * index walk, so the first rows appear at once), then every id of the filter, which only
 * appends rows. Rows themselves are fetched in blocks of BlockSize on the pool when a view
 * asks for them and kept in a bounded cache; until a block arrives its cells are empty. The
 * GUI thread never runs a query. Sorting and filtering change the ProductFilter and reload
 * (ORDER BY and WHERE run in the database).
 */
class ProductTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ProductTableModel)

    enum Column { Thumbnail, Title, Marketplace, Category, Price, Rating, Reviews, LastSeen, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, ///< the unformatted value (double, int, QDateTime, QString)
        IdRole,                     ///< products.id
        ProductUrlRole,
        ImageUrlRole,
    };
    static constexpr int BlockSize = 200;
    static constexpr int FirstWindow = 200;
    static constexpr int CachedBlocks = 64;

    explicit ProductTableModel(QObject *parent = nullptr);
    ~ProductTableModel() override;

    /** The database to read; a null pointer empties the model. Reloads. */
    void setDatabase(std::shared_ptr<core::Database> database);
    /** The pool for queries (defaults to the global pool). */
    void setPool(QThreadPool *pool);
    /** Thumbnails for the Thumbnail column (optional, not owned). */
    void setThumbnailCache(ThumbnailCache *cache);

    const core::ProductFilter &filter() const { return m_filter; }
    /** Replaces the filter (its order too) and reloads. */
    void setFilter(const core::ProductFilter &filter);
    /** Runs the current filter again (after new products were stored). */
    void reload();

    /** The column's ORDER BY name in ProductFilter ("price", "reviews_count", …). */
    static QString orderColumn(int column);

    bool isLoading() const { return m_loading; }
    /** All ids of the filter are known (rowCount() is final). */
    bool isComplete() const { return m_complete; }
    qint64 productId(int row) const;
    /** The row showing product `id`, or -1. */
    int rowOfProduct(qint64 id) const;
    /** The cached row, or null while its block is still loading. */
    const core::Product *cachedProduct(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /** The first window of a load is shown (elapsed since the load started). */
    void firstRowsReady(qint64 elapsedMs);
    /** Every id of the filter is known. */
    void loadFinished(qint64 total, qint64 elapsedMs);
    void loadFailed(const QString &message);
    /** A block of rows arrived (tests and benchmarks wait on it). */
    void blockLoaded(int firstRow, int lastRow);

private:
    struct Block
    {
        QList<core::Product> rows;
    };
    void requestBlock(int block) const;
    void onBlockLoaded(quint64 generation, int block, core::Result<QList<core::Product>> rows);
    void onThumbnailReady(const QString &url);
    QVariant displayValue(const core::Product &p, int column) const;
    QVariant rawValue(const core::Product &p, int column) const;

    std::shared_ptr<core::Database> m_database;
    QThreadPool *m_pool;
    QPointer<ThumbnailCache> m_thumbnails;
    core::ProductFilter m_filter;
    QList<qint64> m_ids;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_complete = true;
    QElapsedTimer m_loadTimer;
    // Lazily filled from const data(): the cache and the in-flight set are bookkeeping, not state.
    mutable QCache<int, Block> m_blocks;
    mutable QSet<int> m_pendingBlocks;
};

/** "$12.50", "€9.00", "CAD 12.50" in English, "12,50 $" in German: a price in its currency, per locale. */
QString formatPrice(double price, const QString &currency);
/** "just now", "12 min ago", "5 h ago", "3 days ago", "in 4 h"; a short date when further away. */
QString formatWhen(const QDateTime &time, const QDateTime &now = QDateTime::currentDateTimeUtc());
/** "Amazon", "Etsy", "Shopify" for the stored lowercase name. */
QString marketplaceLabel(const QString &name);

} // namespace podtrends::ui
