// ProductWriter: the PostgreSQL upsert and trend assignment; the SQLite bulk path is in
// productwriter_sqlite.cpp.
#include "productwriter.h"
#include "productwriter_p.h"

#include <core/analysis/productfeatures.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlError>

#include <optional>

namespace podtrends::core {

ProductWriter::ProductWriter(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

ProductWriter::~ProductWriter() = default;

ProductWriter::WriteTransaction::WriteTransaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    if (m_db.driverName() == QLatin1String("QSQLITE")) {
        QSqlQuery begin(m_db);
        m_active = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_active)
            m_beginError = begin.lastError().text();
    } else {
        m_active = m_db.transaction();
        if (!m_active)
            m_beginError = m_db.lastError().text();
    }
}

ProductWriter::WriteTransaction::~WriteTransaction()
{
    if (m_active)
        m_db.rollback();
}

Status ProductWriter::WriteTransaction::commit()
{
    if (!m_active)
        return Status::failure(QCoreApplication::translate("Database", "No transaction is active"), 1);
    m_active = false;
    if (!m_db.commit()) {
        const QString text = m_db.lastError().text();
        m_db.rollback();
        return Status::failure(QCoreApplication::translate("Database", "Saving failed: %1").arg(text), 1);
    }
    return {};
}

Status ProductWriter::beginGroup()
{
    if (m_group)
        return Status::failure(QCoreApplication::translate("Database", "A transaction is already open"), 1);
    QSqlDatabase db = m_db->connection();
    if (!db.isOpen())
        return Status::failure(QCoreApplication::translate("Database", "The database is not open"), 1);
    auto group = std::make_unique<WriteTransaction>(db);
    if (!group->active())
        return Status::failure(QCoreApplication::translate("Database", "Saving products failed: %1").arg(group->beginError()), 1);
    m_group = std::move(group);
    return {};
}

Status ProductWriter::commitGroup()
{
    if (!m_group)
        return Status::failure(QCoreApplication::translate("Database", "No transaction is active"), 1);
    const std::unique_ptr<WriteTransaction> group = std::move(m_group);
    return group->commit();
}

void ProductWriter::rollbackGroup()
{
    m_group.reset(); // the transaction rolls back when destroyed uncommitted
}

static QVariant nullableInt(int value)
{
    return value < 0 ? QVariant(QMetaType(QMetaType::Int)) : QVariant(value);
}

Result<UpsertStats> ProductWriter::upsert(const QList<Product> &products, const UpsertOptions &options)
{
    return upsert(PreparedProducts(products, *m_db), options);
}

Result<UpsertStats> ProductWriter::upsert(const PreparedProducts &batch, const UpsertOptions &options)
{
    if (batch.isEmpty())
        return UpsertStats();
    return m_db->isPostgres() ? upsertPostgres(batch, options) : upsertSqlite(batch, options);
}

Result<UpsertStats> ProductWriter::upsertPostgres(const PreparedProducts &batch, const UpsertOptions &options)
{
    UpsertStats stats;
    const QList<Product> &products = batch.products();
    QSqlDatabase db = m_db->connection();
    if (!db.isOpen())
        return Error{QCoreApplication::translate("Database", "The database is not open"), 1};
    const QDateTime now = options.scrapedAt.isValid() ? options.scrapedAt.toUTC() : QDateTime::currentDateTimeUtc();
    const QVariant nowValue(now);

    // Inside a group the group's transaction holds the batch.
    std::optional<WriteTransaction> tx;
    if (!m_group)
        tx.emplace(db);
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
    // Whether the product's latest snapshot already says the same (onlyChangedSnapshots).
    QSqlQuery sameQuery(db);
    if (options.snapshots && options.onlyChangedSnapshots
        && !sameQuery.prepare(QStringLiteral("SELECT 1 FROM product_snapshots s WHERE s.id = (SELECT l.id FROM product_snapshots l "
                                             "WHERE l.product_id = ? ORDER BY l.scraped_at DESC, l.id DESC LIMIT 1) "
                                             "AND s.price IS NOT DISTINCT FROM ? AND s.rating IS NOT DISTINCT FROM ? "
                                             "AND s.reviews_count IS NOT DISTINCT FROM ? AND s.rank IS NOT DISTINCT FROM ? "
                                             "AND s.favorites IS NOT DISTINCT FROM ? AND s.result_count IS NOT DISTINCT FROM ?")))
        return Error{describeSqlError(sameQuery), 1};

    QSqlQuery featuresQuery(db);
    if (!featuresQuery.prepare(QStringLiteral("INSERT INTO product_features (product_id, version, features) VALUES (?, ?, ?) "
                                              "ON CONFLICT (product_id) DO UPDATE SET version = excluded.version, features = excluded.features")))
        return Error{describeSqlError(featuresQuery), 1};

    const QVariant nullId{QMetaType(QMetaType::LongLong)};
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
        const QByteArray record = p.rawData.isEmpty() ? QByteArrayLiteral("{}") : p.rawData;
        upsertQuery.bindValue(16, QString::fromUtf8(record));
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
        featuresQuery.bindValue(0, id);
        featuresQuery.bindValue(1, ProductFeatures::kVersion);
        featuresQuery.bindValue(2, ProductFeatures::of(p, record).encode());
        if (!featuresQuery.exec())
            return Error{QCoreApplication::translate("Database", "Saving products failed: %1").arg(describeSqlError(featuresQuery)), 1};

        // The snapshot's figures, in the order both statements take them.
        const auto bindFigures = [&](QSqlQuery &query) {
            query.bindValue(0, id);
            query.bindValue(1, p.price);
            query.bindValue(2, p.rating);
            query.bindValue(3, p.reviewsCount);
            query.bindValue(4, nullableInt(p.rank));
            query.bindValue(5, nullableInt(p.favorites));
            query.bindValue(6, resultCount);
        };
        bool unchanged = false;
        if (options.snapshots && options.onlyChangedSnapshots) {
            bindFigures(sameQuery);
            if (!sameQuery.exec())
                return Error{QCoreApplication::translate("Database", "Saving snapshots failed: %1").arg(describeSqlError(sameQuery)), 1};
            unchanged = sameQuery.next();
            sameQuery.finish();
        }
        if (options.snapshots && !unchanged) {
            bindFigures(snapshotQuery);
            snapshotQuery.bindValue(7, nowValue);
            if (!snapshotQuery.exec())
                return Error{QCoreApplication::translate("Database", "Saving snapshots failed: %1").arg(describeSqlError(snapshotQuery)), 1};
            ++stats.snapshots;
        }
    }
    if (tx) {
        if (Status s = tx->commit(); !s)
            return s.error();
    }
    return stats;
}

Status ProductWriter::assignTrends(const QHash<qint64, qint64> &productToTrend)
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
