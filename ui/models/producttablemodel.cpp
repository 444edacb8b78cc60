#include "producttablemodel.h"

#include <core/storage/productqueries.h>
#include <core/util/whenready.h>

#include <ui/widgets/thumbnailcache.h>
#include <ui/widgets/wording.h>

#include <QColor>
#include <QFont>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QtConcurrent>

namespace podtrends::ui {

Q_LOGGING_CATEGORY(lcProductModel, "podtrends.ui.products")

QString formatPrice(double price, const QString &currency)
{
    // The symbol goes where the app's language puts it: "$12.50" in English, "12,50 $" in German.
    if (currency.isEmpty() || currency == QLatin1String("USD"))
        return formatMoney(price);
    if (currency == QLatin1String("EUR"))
        return formatMoney(price, QString(QChar(0x20AC)));
    if (currency == QLatin1String("GBP"))
        return formatMoney(price, QString(QChar(0x00A3)));
    return formatMoney(price, currency);
}

QString formatWhen(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return {};
    const qint64 seconds = now.secsTo(time);
    const qint64 magnitude = std::abs(seconds);
    const bool future = seconds > 0;
    QString amount;
    if (magnitude < 60)
        return future ? ProductTableModel::tr("in a moment") : ProductTableModel::tr("just now");
    if (magnitude < 3600)
        amount = ProductTableModel::tr("%1 min").arg(magnitude / 60);
    else if (magnitude < 48 * 3600)
        amount = ProductTableModel::tr("%1 h").arg(magnitude / 3600);
    else if (magnitude < 14 * 86400)
        amount = ProductTableModel::tr("%1 days").arg(magnitude / 86400);
    else
        return QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat);
    return future ? ProductTableModel::tr("in %1").arg(amount) : ProductTableModel::tr("%1 ago").arg(amount);
}

QString marketplaceLabel(const QString &name)
{
    const auto marketplace = core::marketplaceFromKey(name);
    return marketplace ? core::displayName(*marketplace) : name;
}

/** Shown until (or instead of) a thumbnail: the marketplace's initial on its colour. */
static QPixmap placeholderThumbnail(const QString &marketplace)
{
    static QHash<QString, QPixmap> cache;
    if (const auto it = cache.constFind(marketplace); it != cache.cend())
        return *it;
    QColor color(0x8a, 0x8f, 0x98);
    switch (core::marketplaceFromKey(marketplace).value_or(core::Marketplace(0xff))) {
    case core::Marketplace::Amazon: color = QColor(0xe4, 0x8a, 0x00); break;
    case core::Marketplace::Etsy: color = QColor(0xd9, 0x5a, 0x1a); break;
    case core::Marketplace::Shopify: color = QColor(0x5e, 0x8e, 0x3e); break;
    }
    constexpr int Edge = 72; // drawn at 2x for high-DPI screens
    QPixmap pixmap(Edge, Edge);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor fill = color;
    fill.setAlpha(40);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(2, 2, Edge - 4, Edge - 4), 12, 12);
    QFont font;
    font.setBold(true);
    font.setPixelSize(Edge / 2);
    painter.setFont(font);
    painter.setPen(color);
    painter.drawText(QRect(0, 0, Edge, Edge), Qt::AlignCenter, marketplace.isEmpty() ? QStringLiteral("?") : marketplace.left(1).toUpper());
    painter.end();
    pixmap.setDevicePixelRatio(2.0);
    cache.insert(marketplace, pixmap);
    return pixmap;
}

ProductTableModel::ProductTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_pool(QThreadPool::globalInstance())
{
    m_blocks.setMaxCost(CachedBlocks);
    m_filter.orderBy = QStringLiteral("reviews_count");
    m_filter.descending = true;
}

ProductTableModel::~ProductTableModel() = default;

void ProductTableModel::setDatabase(std::shared_ptr<core::Database> database)
{
    m_database = std::move(database);
    reload();
}

void ProductTableModel::setPool(QThreadPool *pool)
{
    m_pool = pool ? pool : QThreadPool::globalInstance();
}

void ProductTableModel::setThumbnailCache(ThumbnailCache *cache)
{
    if (m_thumbnails)
        disconnect(m_thumbnails, nullptr, this, nullptr);
    m_thumbnails = cache;
    if (cache)
        connect(cache, &ThumbnailCache::thumbnailReady, this, &ProductTableModel::onThumbnailReady);
}

void ProductTableModel::setFilter(const core::ProductFilter &filter)
{
    m_filter = filter;
    m_filter.limit = -1;
    m_filter.offset = 0;
    reload();
}

QString ProductTableModel::orderColumn(int column)
{
    switch (column) {
    case Title: return QStringLiteral("title");
    case Marketplace: return QStringLiteral("marketplace");
    case Category: return QStringLiteral("category");
    case Price: return QStringLiteral("price");
    case Rating: return QStringLiteral("rating");
    case Reviews: return QStringLiteral("reviews_count");
    case LastSeen: return QStringLiteral("last_seen_at");
    default: return QStringLiteral("id");
    }
}

void ProductTableModel::sort(int column, Qt::SortOrder order)
{
    const QString orderBy = orderColumn(column);
    const bool descending = order == Qt::DescendingOrder;
    if (orderBy == m_filter.orderBy && descending == m_filter.descending && !m_ids.isEmpty())
        return;
    m_filter.orderBy = orderBy;
    m_filter.descending = descending;
    reload();
}

namespace {
struct FirstWindowResult
{
    QList<qint64> ids;
    QList<core::Product> rows;
};

/** Rows aligned with `ids`; a row deleted meanwhile stays a default Product (id 0). */
QList<core::Product> alignedRows(const QList<qint64> &ids, QList<core::Product> found)
{
    QHash<qint64, qsizetype> position;
    position.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i)
        position.insert(ids.at(i), i);
    QList<core::Product> rows(ids.size());
    for (core::Product &p : found) {
        const auto it = position.constFind(p.id);
        if (it != position.cend())
            rows[*it] = std::move(p);
    }
    return rows;
}
} // namespace

void ProductTableModel::reload()
{
    const quint64 generation = ++m_generation;
    m_pendingBlocks.clear();
    m_loadTimer.start();
    if (!m_database) {
        beginResetModel();
        m_ids.clear();
        m_blocks.clear();
        endResetModel();
        m_loading = false;
        m_complete = true;
        Q_EMIT loadFinished(0, 0);
        return;
    }
    m_loading = true;
    m_complete = false;
    const auto db = m_database;
    const core::ProductFilter filter = m_filter;
    // Step 1: the first window in order plus its rows, so the view fills in one round trip.
    core::whenReady(QtConcurrent::run(m_pool, [db, filter]() -> core::Result<FirstWindowResult> {
        core::ProductQueries repo(db);
        auto ids = repo.windowIds(filter, FirstWindow);
        if (!ids)
            return ids.error();
        auto rows = repo.findByIds(*ids);
        if (!rows)
            return rows.error();
        return FirstWindowResult{*ids, alignedRows(*ids, std::move(*rows))};
    }), this, [this, generation, db, filter](core::Result<FirstWindowResult> result) {
        if (generation != m_generation)
            return;
        if (!result) {
            m_loading = false;
            m_complete = true;
            Q_EMIT loadFailed(result.errorMessage());
            return;
        }
        beginResetModel();
        m_blocks.clear();
        m_pendingBlocks.clear();
        m_ids = result->ids;
        if (!m_ids.isEmpty())
            m_blocks.insert(0, new Block{result->rows.mid(0, BlockSize)});
        endResetModel();
        Q_EMIT firstRowsReady(m_loadTimer.elapsed());
        if (m_ids.size() < FirstWindow) {
            m_loading = false;
            m_complete = true;
            Q_EMIT loadFinished(m_ids.size(), m_loadTimer.elapsed());
            return;
        }
        // Step 2: every id of the filter; the first window is its prefix, so rows are only appended.
        core::whenReady(QtConcurrent::run(m_pool, [db, filter] { return core::ProductQueries(db).ids(filter); }), this, [this, generation](core::Result<QList<qint64>> all) {
                if (generation != m_generation)
                    return;
                m_loading = false;
                m_complete = true;
                if (!all) {
                    Q_EMIT loadFailed(all.errorMessage());
                    return;
                }
                const bool prefix = all->size() >= m_ids.size() && std::equal(m_ids.cbegin(), m_ids.cend(), all->cbegin());
                if (!prefix) {
                    // Products changed between the two steps: start over from the full list.
                    beginResetModel();
                    m_blocks.clear();
                    m_pendingBlocks.clear();
                    m_ids = *all;
                    endResetModel();
                } else if (all->size() > m_ids.size()) {
                    beginInsertRows({}, int(m_ids.size()), int(all->size() - 1));
                    m_ids = *all;
                    endInsertRows();
                }
                Q_EMIT loadFinished(m_ids.size(), m_loadTimer.elapsed());
            });
    });
}

void ProductTableModel::requestBlock(int block) const
{
    if (m_pendingBlocks.contains(block) || !m_database)
        return;
    m_pendingBlocks.insert(block);
    const QList<qint64> slice = m_ids.mid(qsizetype(block) * BlockSize, BlockSize);
    const auto db = m_database;
    const quint64 generation = m_generation;
    auto *self = const_cast<ProductTableModel *>(this);
    core::whenReady(QtConcurrent::run(m_pool, [db, slice]() -> core::Result<QList<core::Product>> {
        auto rows = core::ProductQueries(db).findByIds(slice);
        if (!rows)
            return rows.error();
        return alignedRows(slice, std::move(*rows));
    }), self, [self, generation, block](core::Result<QList<core::Product>> rows) {
        // whenReady answers from the event loop, never inside this call: views never see
        // dataChanged from within data().
        self->onBlockLoaded(generation, block, std::move(rows));
    });
}

void ProductTableModel::onBlockLoaded(quint64 generation, int block, core::Result<QList<core::Product>> rows)
{
    if (generation != m_generation)
        return;
    m_pendingBlocks.remove(block);
    if (!rows) {
        qCWarning(lcProductModel) << "loading products failed:" << rows.errorMessage();
        Q_EMIT loadFailed(rows.errorMessage());
        return;
    }
    const int first = block * BlockSize;
    const int last = std::min<int>(first + int(rows->size()), int(m_ids.size())) - 1;
    m_blocks.insert(block, new Block{std::move(*rows)});
    if (last >= first) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
        Q_EMIT blockLoaded(first, last);
    }
}

void ProductTableModel::onThumbnailReady(const QString &url)
{
    const QList<int> keys = m_blocks.keys();
    for (int key : keys) {
        const Block *block = m_blocks.object(key);
        for (int i = 0; block && i < block->rows.size(); ++i) {
            if (block->rows.at(i).imageUrl == url) {
                const QModelIndex cell = index(key * BlockSize + i, Thumbnail);
                if (cell.isValid())
                    Q_EMIT dataChanged(cell, cell, {Qt::DecorationRole});
            }
        }
    }
}

qint64 ProductTableModel::productId(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int ProductTableModel::rowOfProduct(qint64 id) const
{
    return id > 0 ? int(m_ids.indexOf(id)) : -1;
}

const core::Product *ProductTableModel::cachedProduct(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return nullptr;
    const Block *block = m_blocks.object(row / BlockSize);
    if (!block || row % BlockSize >= block->rows.size())
        return nullptr;
    const core::Product &p = block->rows.at(row % BlockSize);
    return p.id ? &p : nullptr;
}

int ProductTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int ProductTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductTableModel::displayValue(const core::Product &p, int column) const
{
    const QLocale locale;
    switch (column) {
    case Title: return p.title;
    case Marketplace: return marketplaceLabel(p.marketplace);
    case Category: return p.category;
    case Price: return formatPrice(p.price, p.currency);
    case Rating: return p.rating > 0 ? locale.toString(p.rating, 'f', 1) + QStringLiteral(" \u2605") : QStringLiteral("\u2014");
    case Reviews: return locale.toString(p.reviewsCount);
    case LastSeen: return formatWhen(p.lastSeenAt);
    default: return {};
    }
}

QVariant ProductTableModel::rawValue(const core::Product &p, int column) const
{
    switch (column) {
    case Thumbnail: return p.imageUrl;
    case Title: return p.title;
    case Marketplace: return p.marketplace;
    case Category: return p.category;
    case Price: return p.price;
    case Rating: return p.rating;
    case Reviews: return p.reviewsCount;
    case LastSeen: return p.lastSeenAt;
    default: return {};
    }
}

QVariant ProductTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    if (role == IdRole)
        return m_ids.at(row);
    if (role == Qt::TextAlignmentRole) {
        const bool number = column == Price || column == Rating || column == Reviews;
        return QVariant::fromValue(Qt::Alignment((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    }
    const core::Product *p = cachedProduct(row);
    if (!p) {
        const bool cached = m_blocks.contains(row / BlockSize);
        if (!cached)
            requestBlock(row / BlockSize);
        if (role == Qt::DisplayRole && column == Title)
            return cached ? tr("(removed)") : QString();
        return {};
    }
    switch (role) {
    case Qt::DisplayRole: return displayValue(*p, column);
    case Qt::ToolTipRole:
        if (column == Title)
            return p->title;
        if (column == LastSeen && p->lastSeenAt.isValid())
            return QLocale().toString(p->lastSeenAt.toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::DecorationRole:
        if (column == Thumbnail) {
            const QPixmap pixmap = m_thumbnails ? m_thumbnails->thumbnail(p->imageUrl) : QPixmap();
            return pixmap.isNull() ? placeholderThumbnail(p->marketplace) : pixmap;
        }
        return {};
    case Qt::ForegroundRole:
        if (column == Rating && p->rating <= 0)
            return QColor(Qt::gray);
        return {};
    case RawRole: return rawValue(*p, column);
    case ProductUrlRole: return p->productUrl;
    case ImageUrlRole: return p->imageUrl;
    default: return {};
    }
}

QVariant ProductTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(
            (section == Price || section == Rating || section == Reviews ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Thumbnail: return QString();
    case Title: return tr("Title");
    case Marketplace: return tr("Marketplace");
    case Category: return tr("Category");
    case Price: return tr("Price");
    case Rating: return tr("Rating");
    case Reviews: return tr("Reviews");
    case LastSeen: return tr("Last seen");
    default: return {};
    }
}

} // namespace podtrends::ui
