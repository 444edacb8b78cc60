#include "analysisinput.h"
#include "productfeatures.h"

#include <core/storage/database_p.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

#include <simdjson.h>
#include <sqlite3.h>

#include <limits>
#include <optional>

namespace podtrends::core {

namespace {

// An Amazon listing's rank is its Best Sellers Rank when a product page was read: the scraper
// merges it into the search card, an imported saved product page carries it itself (both keep
// "best_sellers_rank" in the record); otherwise it is the search position.
const char kSelect[] = "SELECT id, trend_id, marketplace, title, category, CAST(tags AS TEXT), "
                       "SUBSTR(COALESCE(description, ''), 1, %1), price, rating, reviews_count, favorites, rank, "
                       "CASE WHEN marketplace = 'shopify' THEN COALESCE(NULLIF(product_url, ''), 'vendor:' || COALESCE(vendor, '')) END, "
                       "CASE WHEN marketplace IN ('shopify', 'etsy') THEN CAST(raw_data AS TEXT) END, "
                       "CASE WHEN marketplace = 'amazon' AND CAST(raw_data AS TEXT) LIKE '%\"best_sellers_rank\"%' THEN 1 ELSE 0 END "
                       "FROM products%2 ORDER BY id%3";

// Products without current features (ProductFeatureStore::backfill), a page at a time.
const char kMissingFeatures[] = " WHERE id > %1 AND NOT EXISTS (SELECT 1 FROM product_features f "
                                "WHERE f.product_id = products.id AND f.version = %2)";

// Shopify stores by site, numbered in the order met. An imported products.json has no store
// address; its vendor ("vendor:Name") stands in for the store.
class Stores
{
public:
    int id(QStringView productUrl)
    {
        QStringView store = AnalysisInput::storeOf(productUrl);
        if (store.isEmpty() && productUrl.startsWith(QLatin1String("vendor:")) && productUrl.size() > 7)
            store = productUrl;
        if (store.isEmpty())
            return -1;
        auto it = m_ids.constFind(store.toString());
        if (it != m_ids.cend())
            return *it;
        const int next = int(m_ids.size());
        m_ids.insert(store.toString(), next);
        return next;
    }

private:
    QHash<QString, int> m_ids;
};

void addEtsyFacts(AnalysisRow *r, QByteArrayView record)
{
    if (record.isEmpty())
        return;
    const EtsyRecordFacts facts = AnalysisInput::etsyFacts(record);
    r->views = facts.views;
    r->listedMs = facts.listedMs;
}

void addShopifyFacts(AnalysisRow *r, Stores *stores, QStringView productUrl, QByteArrayView record)
{
    r->store = stores->id(productUrl);
    r->storeKey = ProductFeatures::storeKeyOf(productUrl);
    if (record.isEmpty())
        return;
    const ShopifyRecordFacts facts = AnalysisInput::shopifyFacts(record);
    r->publishedMs = facts.publishedMs;
    r->variants = facts.variants;
    r->variantsSoldOut = facts.variantsSoldOut;
    r->variantsDiscounted = facts.variantsDiscounted;
}

// Few distinct values (marketplaces, categories): share one QString per value.
class Interner
{
public:
    QString get(const unsigned char *text, int bytes)
    {
        const QByteArrayView key(reinterpret_cast<const char *>(text), bytes);
        for (const auto &[k, v] : std::as_const(m_items))
            if (k == key)
                return v;
        QString value = QString::fromUtf8(key);
        if (m_items.size() < 256)
            m_items.append({key.toByteArray(), value});
        return value;
    }

private:
    QList<std::pair<QByteArray, QString>> m_items;
};

QString text(sqlite3_stmt *st, int column)
{
    const auto *p = sqlite3_column_text(st, column);
    return p ? QString::fromUtf8(reinterpret_cast<const char *>(p), sqlite3_column_bytes(st, column)) : QString();
}

// SQLite: straight through the C API. A million rows through QSqlQuery cost seconds in QVariant
// conversions alone; this reads them in a fraction of that.
Result<QList<AnalysisRow>> readSqlite(sqlite3 *db, const QByteArray &sql, bool countFirst, const std::atomic_bool *cancel)
{
    QList<AnalysisRow> rows;
    sqlite3_stmt *count = nullptr;
    if (countFirst && sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM products", -1, &count, nullptr) == SQLITE_OK
        && sqlite3_step(count) == SQLITE_ROW)
        rows.reserve(sqlite3_column_int64(count, 0));
    sqlite3_finalize(count);
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr) != SQLITE_OK)
        return Error{QString::fromUtf8(sqlite3_errmsg(db)), 1};
    Interner markets;
    Interner categories;
    Stores stores;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        AnalysisRow r;
        r.id = sqlite3_column_int64(st, 0);
        r.trendId = sqlite3_column_int64(st, 1);
        r.marketplace = markets.get(sqlite3_column_text(st, 2), sqlite3_column_bytes(st, 2));
        r.title = text(st, 3);
        r.category = categories.get(sqlite3_column_text(st, 4), sqlite3_column_bytes(st, 4));
        r.tagsJson = text(st, 5);
        r.descriptionHead = text(st, 6);
        r.priceCents = std::llround(sqlite3_column_double(st, 7) * 100.0);
        r.ratingCenti = int(std::lround(sqlite3_column_double(st, 8) * 100.0));
        r.reviews = sqlite3_column_int(st, 9);
        r.favorites = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 10);
        r.rank = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 11);
        const QByteArrayView record(reinterpret_cast<const char *>(sqlite3_column_text(st, 13)), sqlite3_column_bytes(st, 13));
        if (sqlite3_column_type(st, 12) != SQLITE_NULL)
            addShopifyFacts(&r, &stores, text(st, 12), record);
        else if (sqlite3_column_type(st, 13) != SQLITE_NULL)
            addEtsyFacts(&r, record);
        r.rankIsBestSellers = sqlite3_column_int(st, 14) != 0;
        rows.append(std::move(r));
        if ((rows.size() & 0x3fff) == 0 && cancel && cancel->load()) {
            sqlite3_finalize(st);
            return Error{QCoreApplication::translate("Analysis", "Analysis cancelled"), 1};
        }
    }
    const bool ok = rc == SQLITE_DONE;
    const QString error = ok ? QString() : QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (!ok)
        return Error{QCoreApplication::translate("Analysis", "Reading products failed: %1").arg(error), 1};
    return rows;
}

} // namespace

Result<QList<AnalysisRow>> AnalysisInput::readProducts(const std::shared_ptr<Database> &db, const std::atomic_bool *cancel)
{
    return read(db, QString::fromLatin1(kSelect).arg(DescriptionHead).arg(QString(), QString()), true, cancel);
}

Result<QList<AnalysisRow>> AnalysisInput::readWithoutFeatures(const std::shared_ptr<Database> &db, qint64 afterId, int limit,
                                                              const std::atomic_bool *cancel)
{
    const QString where = QString::fromLatin1(kMissingFeatures).arg(afterId).arg(ProductFeatures::kVersion);
    return read(db, QString::fromLatin1(kSelect).arg(DescriptionHead).arg(where, QStringLiteral(" LIMIT %1").arg(limit)), false, cancel);
}

Result<QList<AnalysisRow>> AnalysisInput::read(const std::shared_ptr<Database> &db, const QString &select, bool countFirst,
                                               const std::atomic_bool *cancel)
{
    if (!db->isPostgres()) {
        if (sqlite3 *raw = sqliteHandle(db->connection()))
            return readSqlite(raw, select.toLatin1(), countFirst, cancel);
    }
    QSqlDatabase connection = db->connection();
    qint64 expected = 0;
    if (countFirst) {
        QSqlQuery count(connection);
        if (count.exec(QStringLiteral("SELECT COUNT(*) FROM products")) && count.next())
            expected = count.value(0).toLongLong();
        count.finish();
    }

    QSqlQuery q(connection);
    q.setForwardOnly(true);
    q.prepare(select);
    if (Status s = exec(q); !s)
        return s.error();
    QList<AnalysisRow> rows;
    rows.reserve(expected);
    Stores stores;
    while (q.next()) {
        AnalysisRow r;
        r.id = q.value(0).toLongLong();
        r.trendId = q.value(1).toLongLong();
        r.marketplace = q.value(2).toString();
        r.title = q.value(3).toString();
        r.category = q.value(4).toString();
        r.tagsJson = q.value(5).toString();
        r.descriptionHead = q.value(6).toString();
        r.priceCents = std::llround(q.value(7).toDouble() * 100.0);
        r.ratingCenti = int(std::lround(q.value(8).toDouble() * 100.0));
        r.reviews = q.value(9).toInt();
        const QVariant fav = q.value(10);
        r.favorites = fav.isNull() ? -1 : fav.toInt();
        const QVariant rank = q.value(11);
        r.rank = rank.isNull() ? -1 : rank.toInt();
        if (!q.value(12).isNull())
            addShopifyFacts(&r, &stores, q.value(12).toString(), q.value(13).toByteArray());
        else if (!q.value(13).isNull())
            addEtsyFacts(&r, q.value(13).toByteArray());
        r.rankIsBestSellers = q.value(14).toInt() != 0;
        rows.append(std::move(r));
        if ((rows.size() & 0x3fff) == 0 && cancel && cancel->load())
            return Error{QCoreApplication::translate("Analysis", "Analysis cancelled"), 1};
    }
    return rows;
}

QStringView AnalysisInput::storeOf(QStringView productUrl)
{
    const qsizetype scheme = productUrl.indexOf(QLatin1String("://"));
    if (scheme < 0)
        return {};
    const qsizetype path = productUrl.indexOf(QLatin1Char('/'), scheme + 3);
    return path < 0 ? productUrl : productUrl.left(path);
}

EtsyRecordFacts AnalysisInput::etsyFacts(QByteArrayView recordJson)
{
    EtsyRecordFacts facts;
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(recordJson.data(), size_t(recordJson.size())).get(doc) != simdjson::SUCCESS)
        return facts;
    simdjson::dom::object record;
    if (doc.get_object().get(record) != simdjson::SUCCESS)
        return facts;
    // Etsy reports views only on single listings, and 0 when it does not know them.
    int64_t views = 0;
    if (record.at_key("views").get_int64().get(views) == simdjson::SUCCESS && views > 0)
        facts.views = int(std::min<int64_t>(views, std::numeric_limits<int>::max()));
    for (const char *key : {"original_creation_timestamp", "creation_timestamp", "created_timestamp"}) {
        int64_t seconds = 0;
        if (record.at_key(key).get_int64().get(seconds) == simdjson::SUCCESS && seconds > 0) {
            facts.listedMs = seconds * 1000;
            break;
        }
    }
    return facts;
}

ShopifyRecordFacts AnalysisInput::shopifyFacts(QByteArrayView recordJson)
{
    ShopifyRecordFacts facts;
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(recordJson.data(), size_t(recordJson.size())).get(doc) != simdjson::SUCCESS)
        return facts;
    simdjson::dom::object record;
    if (doc.get_object().get(record) != simdjson::SUCCESS)
        return facts;
    std::string_view published;
    if (record.at_key("published_at").get_string().get(published) == simdjson::SUCCESS) {
        const QDateTime at = QDateTime::fromString(QString::fromUtf8(published.data(), qsizetype(published.size())), Qt::ISODate);
        if (at.isValid())
            facts.publishedMs = at.toMSecsSinceEpoch();
    }
    // Prices are decimal strings on products.json and numbers (cents) on .js: compare like with like.
    auto number = [](simdjson::dom::element e) -> std::optional<double> {
        double d = 0;
        if (e.is_number() && e.get_double().get(d) == simdjson::SUCCESS)
            return d;
        std::string_view text;
        if (e.get_string().get(text) == simdjson::SUCCESS) {
            bool ok = false;
            d = QString::fromUtf8(text.data(), qsizetype(text.size())).toDouble(&ok);
            if (ok)
                return d;
        }
        return std::nullopt;
    };
    simdjson::dom::array variants;
    if (record.at_key("variants").get_array().get(variants) != simdjson::SUCCESS)
        return facts;
    for (simdjson::dom::element v : variants) {
        simdjson::dom::object variant;
        if (v.get_object().get(variant) != simdjson::SUCCESS)
            continue;
        ++facts.variants;
        bool available = true;
        if (variant.at_key("available").get_bool().get(available) == simdjson::SUCCESS && !available)
            ++facts.variantsSoldOut;
        simdjson::dom::element price, compare;
        if (variant.at_key("price").get(price) == simdjson::SUCCESS && variant.at_key("compare_at_price").get(compare) == simdjson::SUCCESS) {
            const auto p = number(price);
            const auto c = number(compare);
            if (p && c && *c > *p)
                ++facts.variantsDiscounted;
        }
    }
    return facts;
}

QStringList AnalysisInput::parseTags(QStringView json)
{
    QStringList out;
    if (json.isEmpty())
        return out;
    // Stored tags are compact JSON written by json::toText; escapes are rare, so fall back to the
    // real parser only when a backslash appears.
    if (json.contains(QLatin1Char('\\'))) {
        const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
        for (const QJsonValue &v : array)
            out << v.toString();
        return out;
    }
    qsizetype i = 0;
    const qsizetype n = json.size();
    while (i < n) {
        const qsizetype open = json.indexOf(QLatin1Char('"'), i);
        if (open < 0)
            break;
        const qsizetype close = json.indexOf(QLatin1Char('"'), open + 1);
        if (close < 0)
            break;
        out << json.mid(open + 1, close - open - 1).toString();
        i = close + 1;
    }
    return out;
}

} // namespace podtrends::core
