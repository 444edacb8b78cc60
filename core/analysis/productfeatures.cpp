#include "productfeatures.h"

#include "textnormalizer.h"

#include <core/domain/marketplace.h>
#include <core/storage/database_p.h>
#include <core/util/computepool.h>
#include <core/util/hugepages.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QSqlError>
#include <QtConcurrent>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <numeric>

#include <sqlite3.h>

namespace podtrends::core {

namespace {

// Encoded layout (little endian): version u8, product type i8, flags u8 (1: Best Sellers Rank),
// marketplace bytes u8, keys u16, terms u16, store u64, published i64, listed i64, variants i32,
// sold out i32, discounted i32, views i32, price cents i64, rating centi i32, reviews i32,
// favourites i32, rank i32, category bytes u16, reserved u16; then the marketplace and category
// (UTF-8), the keys (u64 each) and the terms (u16 each).
using productfeatures_detail::kHeader;
constexpr int kBackfillPage = 20000;

template<typename T>
void put(char *at, T value)
{
    qToLittleEndian(value, at);
}

template<typename T>
T get(const char *at)
{
    return qFromLittleEndian<T>(at);
}

QString cancelledText()
{
    return QCoreApplication::translate("Analysis", "Analysis cancelled");
}

} // namespace

QByteArray ProductFeatures::encode() const
{
    const QByteArray market = marketplace.toUtf8().left(0xff);
    const QByteArray cat = category.toUtf8().left(0xffff);
    const qsizetype nKeys = std::min<qsizetype>(qsizetype(keys.size()), 0xffff);
    const qsizetype nTerms = std::min<qsizetype>(qsizetype(terms.size()), 0xffff);
    QByteArray out(kHeader + market.size() + cat.size() + nKeys * 8 + nTerms * 2, Qt::Uninitialized);
    char *p = out.data();
    p[0] = char(kVersion);
    p[1] = char(productType);
    p[2] = char(rankIsBestSellers ? 1 : 0);
    p[3] = char(quint8(market.size()));
    put<quint16>(p + 4, quint16(nKeys));
    put<quint16>(p + 6, quint16(nTerms));
    put<quint64>(p + 8, storeKey);
    put<qint64>(p + 16, publishedMs);
    put<qint64>(p + 24, listedMs);
    put<qint32>(p + 32, variants);
    put<qint32>(p + 36, variantsSoldOut);
    put<qint32>(p + 40, variantsDiscounted);
    put<qint32>(p + 44, views);
    put<qint64>(p + 48, priceCents);
    put<qint32>(p + 56, ratingCenti);
    put<qint32>(p + 60, reviews);
    put<qint32>(p + 64, favorites);
    put<qint32>(p + 68, rank);
    put<quint16>(p + 72, quint16(cat.size()));
    put<quint16>(p + 74, 0);
    put<quint32>(p + 76, 0);
    char *at = p + kHeader;
    std::memcpy(at, market.constData(), size_t(market.size()));
    at += market.size();
    std::memcpy(at, cat.constData(), size_t(cat.size()));
    at += cat.size();
    for (qsizetype i = 0; i < nKeys; ++i, at += 8)
        put<quint64>(at, keys[size_t(i)]);
    for (qsizetype i = 0; i < nTerms; ++i, at += 2)
        put<quint16>(at, terms[size_t(i)]);
    return out;
}

bool productfeatures_detail::decodeFixed(QByteArrayView bytes, NicheExtractor::Chunk *chunk, AnalysisRow *row, QByteArrayView *market,
                                         QByteArrayView *category)
{
    if (bytes.size() < kHeader || quint8(bytes[0]) != ProductFeatures::kVersion)
        return false;
    const char *p = bytes.data();
    const int marketBytes = quint8(p[3]);
    const int nKeys = get<quint16>(p + 4);
    const int nTerms = get<quint16>(p + 6);
    const int categoryBytes = get<quint16>(p + 72);
    if (bytes.size() != kHeader + marketBytes + categoryBytes + nKeys * 8 + nTerms * 2)
        return false;
    chunk->productTypes.push_back(qint8(p[1]));
    row->rankIsBestSellers = (p[2] & 1) != 0;
    row->storeKey = get<quint64>(p + 8);
    row->publishedMs = get<qint64>(p + 16);
    row->listedMs = get<qint64>(p + 24);
    row->variants = get<qint32>(p + 32);
    row->variantsSoldOut = get<qint32>(p + 36);
    row->variantsDiscounted = get<qint32>(p + 40);
    row->views = get<qint32>(p + 44);
    row->priceCents = get<qint64>(p + 48);
    row->ratingCenti = get<qint32>(p + 56);
    row->reviews = get<qint32>(p + 60);
    row->favorites = get<qint32>(p + 64);
    row->rank = get<qint32>(p + 68);
    const char *at = p + kHeader;
    *market = QByteArrayView(at, marketBytes);
    at += marketBytes;
    *category = QByteArrayView(at, categoryBytes);
    at += categoryBytes;
    const size_t keyStart = chunk->keys.size();
    chunk->keys.resize(keyStart + size_t(nKeys));
    for (int i = 0; i < nKeys; ++i, at += 8)
        chunk->keys[keyStart + size_t(i)] = get<quint64>(at);
    const size_t termStart = chunk->terms.size();
    chunk->terms.resize(termStart + size_t(nTerms));
    for (int i = 0; i < nTerms; ++i, at += 2)
        chunk->terms[termStart + size_t(i)] = get<quint16>(at);
    return true;
}

ProductFeatures ProductFeatures::of(const AnalysisRow &row)
{
    ProductFeatures f;
    NicheExtractor::extractOne(row, &f.keys, &f.terms, &f.productType);
    f.marketplace = row.marketplace;
    f.category = row.category;
    f.priceCents = row.priceCents;
    f.ratingCenti = row.ratingCenti;
    f.reviews = row.reviews;
    f.favorites = row.favorites;
    f.rank = row.rank;
    f.rankIsBestSellers = row.rankIsBestSellers;
    f.storeKey = row.storeKey;
    f.publishedMs = row.publishedMs;
    f.variants = row.variants;
    f.variantsSoldOut = row.variantsSoldOut;
    f.variantsDiscounted = row.variantsDiscounted;
    f.views = row.views;
    f.listedMs = row.listedMs;
    return f;
}

ProductFeatures ProductFeatures::of(const Product &product, QByteArrayView record)
{
    // The row exactly as AnalysisInput would read it back: tags as stored JSON, the description's head.
    AnalysisRow row;
    row.marketplace = product.marketplace;
    row.title = product.title;
    row.category = product.category;
    row.priceCents = std::llround(product.price * 100.0);
    row.ratingCenti = int(std::lround(product.rating * 100.0));
    row.reviews = product.reviewsCount;
    row.favorites = product.favorites < 0 ? -1 : product.favorites;
    row.rank = product.rank < 0 ? -1 : product.rank;
    if (!product.tags.isEmpty())
        row.tagsJson = QString::fromUtf8(json::compactStringArray(product.tags));
    row.descriptionHead = head(product.description, AnalysisInput::DescriptionHead);
    if (product.marketplace == toKey(Marketplace::Shopify)) {
        const QString store = product.productUrl.isEmpty() ? QStringLiteral("vendor:") + product.vendor : product.productUrl;
        row.storeKey = storeKeyOf(store);
        if (!record.isEmpty()) {
            const ShopifyRecordFacts facts = AnalysisInput::shopifyFacts(record);
            row.publishedMs = facts.publishedMs;
            row.variants = facts.variants;
            row.variantsSoldOut = facts.variantsSoldOut;
            row.variantsDiscounted = facts.variantsDiscounted;
        }
    } else if (product.marketplace == toKey(Marketplace::Etsy)) {
        if (!record.isEmpty()) {
            const EtsyRecordFacts facts = AnalysisInput::etsyFacts(record);
            row.views = facts.views;
            row.listedMs = facts.listedMs;
        }
    } else if (product.marketplace == toKey(Marketplace::Amazon)) {
        // As SQLite's LIKE '%"best_sellers_rank"%' (ASCII case-insensitive) over the stored record.
        row.rankIsBestSellers = QLatin1String(record.data(), record.size()).contains(QLatin1String("\"best_sellers_rank\""), Qt::CaseInsensitive);
    }
    return of(row);
}

quint64 ProductFeatures::storeKeyOf(QStringView productUrlOrVendor)
{
    QStringView store = AnalysisInput::storeOf(productUrlOrVendor);
    if (store.isEmpty() && productUrlOrVendor.startsWith(QLatin1String("vendor:")) && productUrlOrVendor.size() > 7)
        store = productUrlOrVendor;
    if (store.isEmpty())
        return 0;
    const quint64 h = TextNormalizer::stableHash(store);
    return h == 0 ? 1 : h;
}

QString ProductFeatures::head(const QString &text, int count)
{
    qsizetype i = 0;
    for (int n = 0; n < count && i < text.size(); ++n)
        i += (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) ? 2 : 1;
    return i >= text.size() ? text : text.left(i);
}

namespace {

Status writeFeatures(const std::shared_ptr<Database> &db, const QList<qint64> &ids, const std::vector<QByteArray> &encoded)
{
    // A product deleted since it was read is skipped (the foreign key would refuse it).
    // PostgreSQL types the selected parameters only when told.
    static const char sql[] = "INSERT INTO product_features (product_id, version, features) "
                              "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM products WHERE id = ?) "
                              "ON CONFLICT (product_id) DO UPDATE SET version = excluded.version, features = excluded.features";
    static const char postgresSql[] = "INSERT INTO product_features (product_id, version, features) "
                                      "SELECT CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS BYTEA) "
                                      "WHERE EXISTS (SELECT 1 FROM products WHERE id = CAST(? AS BIGINT)) "
                                      "ON CONFLICT (product_id) DO UPDATE SET version = excluded.version, features = excluded.features";
    QSqlDatabase connection = db->connection();
    Transaction tx(connection);
    if (!db->isPostgres()) {
        if (sqlite3 *raw = sqliteHandle(connection)) {
            sqlite3_stmt *st = nullptr;
            if (sqlite3_prepare_v2(raw, sql, -1, &st, nullptr) != SQLITE_OK)
                return Status::failure(QString::fromUtf8(sqlite3_errmsg(raw)), 1);
            for (qsizetype i = 0; i < ids.size(); ++i) {
                sqlite3_bind_int64(st, 1, ids[i]);
                sqlite3_bind_int(st, 2, ProductFeatures::kVersion);
                sqlite3_bind_blob(st, 3, encoded[size_t(i)].constData(), int(encoded[size_t(i)].size()), SQLITE_STATIC);
                sqlite3_bind_int64(st, 4, ids[i]);
                if (sqlite3_step(st) != SQLITE_DONE) {
                    const QString error = QString::fromUtf8(sqlite3_errmsg(raw));
                    sqlite3_finalize(st);
                    return Status::failure(error, 1);
                }
                sqlite3_reset(st);
            }
            sqlite3_finalize(st);
            return tx.commit();
        }
    }
    QSqlQuery q(connection);
    if (!q.prepare(QString::fromLatin1(postgresSql)))
        return Status::failure(describeSqlError(q), 1);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        q.bindValue(0, ids[i]);
        q.bindValue(1, ProductFeatures::kVersion);
        q.bindValue(2, encoded[size_t(i)]);
        q.bindValue(3, ids[i]);
        if (Status s = exec(q); !s)
            return s;
    }
    return tx.commit();
}

} // namespace

Result<qint64> ProductFeatureStore::backfill(const std::shared_ptr<Database> &db, const std::atomic_bool *cancel)
{
    qint64 after = 0;
    qint64 total = 0;
    for (;;) {
        auto rows = AnalysisInput::readWithoutFeatures(db, after, kBackfillPage, cancel);
        if (!rows)
            return rows.error();
        if (rows->isEmpty())
            return total;
        if (cancel && cancel->load())
            return Error{cancelledText(), 1};
        QList<qsizetype> indexes(rows->size());
        std::iota(indexes.begin(), indexes.end(), qsizetype(0));
        const QList<AnalysisRow> &r = *rows;
        const QList<QByteArray> encoded = QtConcurrent::blockingMapped<QList<QByteArray>>(
            computePool(), indexes, [&r](qsizetype i) { return ProductFeatures::of(r.at(i)).encode(); });
        QList<qint64> ids;
        ids.reserve(rows->size());
        for (const AnalysisRow &row : r)
            ids << row.id;
        if (Status s = writeFeatures(db, ids, std::vector<QByteArray>(encoded.cbegin(), encoded.cend())); !s)
            return s.error();
        total += rows->size();
        after = rows->last().id;
    }
}

namespace {

// Each value met (marketplaces, categories) shared by one QString.
class Interner
{
public:
    const QString &operator()(QByteArrayView bytes)
    {
        if (m_last >= 0 && m_items[m_last].first == bytes)
            return m_items[m_last].second;
        for (qsizetype i = 0; i < m_items.size(); ++i)
            if (m_items[i].first == bytes) {
                m_last = i;
                return m_items[i].second;
            }
        m_items.append({bytes.toByteArray(), QString::fromUtf8(bytes)});
        m_last = m_items.size() - 1;
        return m_items[m_last].second;
    }

private:
    QList<std::pair<QByteArray, QString>> m_items;
    qsizetype m_last = -1;
};

// Runs `sql` and calls row(values) per row; SQLite through its handle, PostgreSQL through QSqlQuery.
// The callback gets (int64 column 0, int64 column 1 or bytes of column 1).
template<typename Row>
Status scan(const std::shared_ptr<Database> &db, const QByteArray &sql, bool blob, Row &&row, const std::atomic_bool *cancel)
{
    QSqlDatabase connection = db->connection();
    sqlite3 *raw = db->isPostgres() ? nullptr : sqliteHandle(connection);
    qint64 n = 0;
    if (raw) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(raw, sql.constData(), -1, &st, nullptr) != SQLITE_OK)
            return Status::failure(QString::fromUtf8(sqlite3_errmsg(raw)), 1);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (blob)
                row(sqlite3_column_int64(st, 0), 0,
                    QByteArrayView(static_cast<const char *>(sqlite3_column_blob(st, 1)), sqlite3_column_bytes(st, 1)));
            else
                row(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), QByteArrayView());
            if ((++n & 0x3fff) == 0 && cancel && cancel->load()) {
                sqlite3_finalize(st);
                return Status::failure(cancelledText(), 1);
            }
        }
        const QString error = rc == SQLITE_DONE ? QString() : QString::fromUtf8(sqlite3_errmsg(raw));
        sqlite3_finalize(st);
        if (!error.isEmpty())
            return Status::failure(QCoreApplication::translate("Analysis", "Reading products failed: %1").arg(error), 1);
        return {};
    }
    QSqlQuery q(connection);
    q.setForwardOnly(true);
    if (!q.prepare(QString::fromLatin1(sql)))
        return Status::failure(describeSqlError(q), 1);
    if (Status s = exec(q); !s)
        return s;
    while (q.next()) {
        if (blob) {
            const QByteArray bytes = q.value(1).toByteArray();
            row(q.value(0).toLongLong(), 0, QByteArrayView(bytes));
        } else {
            row(q.value(0).toLongLong(), q.value(1).toLongLong(), QByteArrayView());
        }
        if ((++n & 0x3fff) == 0 && cancel && cancel->load())
            return Status::failure(cancelledText(), 1);
    }
    return {};
}

Result<qint64> countOf(const std::shared_ptr<Database> &db, const char *sql)
{
    qint64 value = 0;
    if (Status s = scan(db, QByteArray(sql), false, [&](qint64, qint64 v, QByteArrayView) { value = v; }, nullptr); !s)
        return s.error();
    return value;
}

} // namespace

Result<StoredAnalysisInput> ProductFeatureStore::read(const std::shared_ptr<Database> &db, qsizetype chunkSize, const std::atomic_bool *cancel)
{
    // Neither query reads the products table's rows: its trend ids come from their index, the rest
    // from product_features (the smaller table of the two by far).
    const QByteArray trendsSql = db->isPostgres()
        ? QByteArray("SELECT id, trend_id FROM products WHERE trend_id IS NOT NULL")
        : QByteArray("SELECT id, trend_id FROM products INDEXED BY ix_products_trend_id WHERE trend_id > 0");
    const QByteArray featuresSql("SELECT product_id, features FROM product_features ORDER BY product_id");
    bool forceBackfill = false;
    qint64 computedBefore = 0;
    for (int attempt = 0;; ++attempt) {
        StoredAnalysisInput in;
        // Counting products reads their smallest index; product_features is counted by the scan
        // below (counting it apart would read all of it once more).
        auto products = countOf(db, "SELECT 0, COUNT(*) FROM products");
        if (!products)
            return products.error();
        if (forceBackfill) {
            auto computed = backfill(db, cancel);
            if (!computed)
                return computed.error();
            in.computed = computed.value() + computedBefore;
        }

        std::vector<std::pair<qint64, qint64>> trendOf;
        trendOf.reserve(size_t(*products));
        adviseHugePages(trendOf.data(), trendOf.capacity() * sizeof(trendOf[0]));
        if (Status s = scan(db, trendsSql, false, [&](qint64 id, qint64 trend, QByteArrayView) { trendOf.emplace_back(id, trend); }, cancel); !s)
            return s.error();
        std::sort(trendOf.begin(), trendOf.end());

        in.rows.reserve(*products);
        adviseHugePages(in.rows.data(), size_t(in.rows.capacity()) * sizeof(AnalysisRow));
        Interner intern;
        QHash<quint64, quint64> categoryHashes;
        QHash<quint64, int> stores;
        bool missing = false;
        std::shared_ptr<NicheExtractor::Chunk> chunk;
        size_t nextTrend = 0;
        const auto add = [&](qint64 id, qint64, QByteArrayView features) {
            if (!chunk || qsizetype(chunk->productTypes.size()) == chunkSize) {
                size_t keys = 0, terms = 0;
                if (chunk) { // a full slice: give back what its growing lists over-allocated
                    chunk->keys.shrink_to_fit();
                    chunk->terms.shrink_to_fit();
                    keys = chunk->keys.size();
                    terms = chunk->terms.size();
                }
                chunk = std::make_shared<NicheExtractor::Chunk>();
                // The next slice holds about as many phrase keys and terms as this one: room for
                // them at once spares copying the lists each time they double.
                chunk->keys.reserve(keys + keys / 8);
                chunk->terms.reserve(terms + terms / 8);
                chunk->first = in.rows.size();
                chunk->keyOffsets.reserve(size_t(chunkSize) + 1);
                chunk->termOffsets.reserve(size_t(chunkSize) + 1);
                chunk->keyOffsets.push_back(0);
                chunk->termOffsets.push_back(0);
                in.chunks.push_back(chunk);
            }
            AnalysisRow row;
            row.id = id;
            while (nextTrend < trendOf.size() && trendOf[nextTrend].first < id)
                ++nextTrend;
            if (nextTrend < trendOf.size() && trendOf[nextTrend].first == id)
                row.trendId = trendOf[nextTrend].second;
            if (!ProductFeatures::decodeInto(features, chunk.get(), &row, intern)) {
                missing = true;
                chunk->productTypes.push_back(-1);
            }
            if (row.storeKey != 0) {
                auto s = stores.constFind(row.storeKey);
                row.store = s != stores.cend() ? *s : int(stores.size());
                if (s == stores.cend())
                    stores.insert(row.storeKey, row.store);
            }
            // Category hashes by the interned string's data pointer: few distinct values.
            const quint64 ptr = quint64(quintptr(row.category.constData()));
            auto cat = categoryHashes.constFind(ptr);
            if (cat == categoryHashes.cend())
                cat = categoryHashes.insert(ptr, NicheExtractor::categoryHash(row.category));
            chunk->categories.push_back(*cat);
            chunk->keyOffsets.push_back(quint32(chunk->keys.size()));
            chunk->termOffsets.push_back(quint32(chunk->terms.size()));
            in.rows.append(std::move(row));
        };
        // The scan passes every page once: a small page cache for it keeps a million rows' pages
        // from filling the connection's 64 MB cache (memory the analysis needs itself).
        sqlite3 *raw = db->isPostgres() ? nullptr : sqliteHandle(db->connection());
        int cacheSize = 0;
        if (raw) {
            sqlite3_stmt *st = nullptr;
            if (sqlite3_prepare_v2(raw, "PRAGMA cache_size", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
                cacheSize = sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
            sqlite3_exec(raw, "PRAGMA cache_size = -4096", nullptr, nullptr, nullptr);
        }
        const Status scanned = scan(db, featuresSql, true, add, cancel);
        if (raw && cacheSize != 0)
            sqlite3_exec(raw, QByteArray("PRAGMA cache_size = " + QByteArray::number(cacheSize)).constData(), nullptr, nullptr, nullptr);
        if (!scanned)
            return scanned.error();
        if (chunk) {
            chunk->keys.shrink_to_fit();
            chunk->terms.shrink_to_fit();
        }
        // Products without features (a database from before, rows edited outside the writer) or
        // with an older version: compute them and read again.
        if ((!missing && in.rows.size() == *products) || attempt >= 2)
            return in;
        forceBackfill = true;
        computedBefore = in.computed;
    }
}

Result<QHash<qint64, AnalysisRow>> ProductFeatureStore::texts(const std::shared_ptr<Database> &db, const QList<qint64> &ids)
{
    QHash<qint64, AnalysisRow> out;
    QSqlDatabase connection = db->connection();
    constexpr qsizetype kPerStatement = 500;
    for (qsizetype from = 0; from < ids.size(); from += kPerStatement) {
        QStringList list;
        for (qsizetype i = from; i < std::min(ids.size(), from + kPerStatement); ++i)
            list << QString::number(ids[i]);
        QSqlQuery q(connection);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, title, CAST(tags AS TEXT) FROM products WHERE id IN (") + list.join(QLatin1Char(','))
                    + QLatin1Char(')')))
            return Error{describeSqlError(q), 1};
        while (q.next()) {
            AnalysisRow r;
            r.id = q.value(0).toLongLong();
            r.title = q.value(1).toString();
            r.tagsJson = q.value(2).toString();
            out.insert(r.id, std::move(r));
        }
    }
    return out;
}

} // namespace podtrends::core
