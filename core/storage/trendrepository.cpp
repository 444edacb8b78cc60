#include "trendrepository.h"

#include <core/util/json.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMap>
#include <QSet>
#include <QtConcurrent>

#include <algorithm>
#include <atomic>
#include <vector>

namespace podtrends::core {

TrendRepository::TrendRepository(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QString TrendRepository::trendColumns()
{
    return QStringLiteral("id, niche, category, demand_score, competition_score, growth_score, profitability_score, "
                          "overall_score, marketplace_counts, avg_price, price_range, target_audience, style_patterns, "
                          "score_inputs, season, summary, insights, product_count, created_at, updated_at, opportunity_score, opportunity, "
                          "warnings, parent_id, product_types, (SELECT p.niche FROM trends p WHERE p.id = trends.parent_id)");
}

Trend TrendRepository::fromRecord(const QSqlQuery &q, int c)
{
    Trend t;
    t.id = q.value(c + 0).toLongLong();
    t.niche = q.value(c + 1).toString();
    t.category = q.value(c + 2).toString();
    t.demandScore = q.value(c + 3).toDouble();
    t.competitionScore = q.value(c + 4).toDouble();
    t.growthScore = q.value(c + 5).toDouble();
    t.profitabilityScore = q.value(c + 6).toDouble();
    t.overallScore = q.value(c + 7).toDouble();
    // The evidence columns keep the JSON text they always had, so every database still loads.
    t.marketplaceCounts = MarketplaceCounts::fromJson(json::objectFrom(q.value(c + 8)));
    t.avgPrice = q.value(c + 9).toDouble();
    t.priceRange = PriceRange::fromJson(json::objectFrom(q.value(c + 10)));
    t.targetAudience = Audience::fromJson(json::objectFrom(q.value(c + 11)));
    t.stylePatterns = StylePatterns::fromJson(json::objectFrom(q.value(c + 12)));
    t.scoreInputs = ScoreBreakdown::fromJson(json::objectFrom(q.value(c + 13)));
    t.season = Season::fromJson(json::objectFrom(q.value(c + 14)));
    t.summary = q.value(c + 15).toString();
    t.insights = json::toStringList(json::arrayFrom(q.value(c + 16)));
    t.productCount = q.value(c + 17).toInt();
    t.createdAt = json::dateTimeFrom(q.value(c + 18));
    t.updatedAt = json::dateTimeFrom(q.value(c + 19));
    if (!q.value(c + 20).isNull())
        t.opportunityScore = q.value(c + 20).toDouble();
    t.opportunity = ScoreBreakdown::fromJson(json::objectFrom(q.value(c + 21)));
    t.warnings = json::toStringList(json::arrayFrom(q.value(c + 22)));
    if (!q.value(c + 23).isNull())
        t.parentId = q.value(c + 23).toLongLong();
    t.productTypes = productTypesFromJson(json::arrayFrom(q.value(c + 24)));
    t.parentNiche = q.value(c + 25).toString();
    return t;
}

static QString orderBy(TrendSort sort)
{
    // Trends without an opportunity score (no demand signal) come last, in the seed's order.
    return sort == TrendSort::Overall ? QStringLiteral(" ORDER BY overall_score DESC, id")
                                      : QStringLiteral(" ORDER BY opportunity_score IS NULL, opportunity_score DESC, overall_score DESC, id");
}

static QString whereFor(const TrendFilter &f, bool pg, QVariantList *binds)
{
    QStringList clauses;
    if (!f.niche.isEmpty()) {
        clauses << (pg ? QStringLiteral("niche ILIKE ?") : QStringLiteral("niche LIKE ?"));
        *binds << QString(QLatin1Char('%') + f.niche + QLatin1Char('%'));
    }
    if (!f.category.isEmpty()) {
        clauses << QStringLiteral("category = ?");
        *binds << f.category;
    }
    if (f.minScore >= 0) {
        clauses << QStringLiteral("overall_score >= ?");
        *binds << f.minScore;
    }
    if (f.minOpportunity >= 0) {
        clauses << QStringLiteral("opportunity_score >= ?");
        *binds << f.minOpportunity;
    }
    if (f.withoutWarnings)
        clauses << QStringLiteral("(warnings IS NULL OR CAST(warnings AS TEXT) = '[]')");
    if (!f.marketplace.isEmpty()) {
        clauses << QStringLiteral("EXISTS (SELECT 1 FROM products p WHERE p.trend_id = trends.id AND p.marketplace = ?)");
        *binds << f.marketplace;
    }
    return clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
}

Result<QList<Trend>> TrendRepository::list(const TrendFilter &filter)
{
    QVariantList binds;
    QString sql = QStringLiteral("SELECT ") + trendColumns() + QStringLiteral(" FROM trends")
        + whereFor(filter, m_db->isPostgres(), &binds) + orderBy(filter.sort);
    if (filter.limit >= 0 || filter.offset > 0)
        sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(filter.limit < 0 ? std::numeric_limits<qint32>::max() : filter.limit).arg(filter.offset);
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    if (Status s = exec(q); !s)
        return s.error();
    QList<Trend> out;
    while (q.next())
        out << fromRecord(q);
    return out;
}

Result<qint64> TrendRepository::count(const TrendFilter &filter)
{
    QVariantList binds;
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM trends") + whereFor(filter, m_db->isPostgres(), &binds));
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    if (Status s = exec(q); !s)
        return s.error();
    q.next();
    return q.value(0).toLongLong();
}

Result<std::optional<Trend>> TrendRepository::findById(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT ") + trendColumns() + QStringLiteral(" FROM trends WHERE id = ?"));
    q.addBindValue(id);
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<Trend>();
    return std::optional<Trend>(fromRecord(q));
}

namespace {

// Integer ids are written into the statement text: one statement updates thousands of rows,
// which is what keeps re-assigning a million products fast on both engines.
QString idList(const QList<qint64> &ids, qsizetype from, qsizetype count)
{
    QString text;
    text.reserve(count * 8);
    for (qsizetype i = from; i < from + count; ++i) {
        if (i > from)
            text += QLatin1Char(',');
        text += QString::number(ids.at(i));
    }
    return text;
}

constexpr qsizetype kIdsPerStatement = 5000;

// What saveAnalysis() writes into a trend row's columns, timestamps aside, in the statement's order;
// the parent's id (kParentColumn) is set once the parent has been written.
constexpr int kParentColumn = 20;
QVariantList columnValues(const Trend &t)
{
    return {t.niche,
            t.category,
            t.demandScore,
            t.competitionScore,
            t.growthScore,
            t.profitabilityScore,
            t.overallScore,
            json::toText(t.marketplaceCounts.toJson()),
            t.avgPrice,
            json::toText(t.priceRange.toJson()),
            json::toText(t.targetAudience.toJson()),
            json::toText(t.stylePatterns.toJson()),
            json::toText(t.scoreInputs.toJson()),
            json::toText(t.season.toJson()),
            t.summary,
            json::toText(json::fromStringList(t.insights)),
            t.productCount,
            t.opportunityScore ? QVariant(*t.opportunityScore) : QVariant(QMetaType(QMetaType::Double)),
            json::toText(t.opportunity.toJson()),
            json::toText(json::fromStringList(t.warnings)),
            QVariant(QMetaType(QMetaType::LongLong)),
            json::toText(productTypesToJson(t.productTypes))};
}

// A fingerprint of everything saveAnalysis() writes into a trend row but its timestamps.
QByteArray contentHash(const QVariantList &values)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const QVariant &v : values) {
        const QByteArray text = v.isNull() ? QByteArrayLiteral("\x01null") : v.toString().toUtf8();
        const qint64 size = text.size();
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&size), sizeof size));
        hash.addData(text);
    }
    return hash.result().toHex();
}
std::atomic<size_t> g_bulkAssignThreshold{20000};

Status updateTrendOf(QSqlDatabase db, const QString &value, const QList<qint64> &ids)
{
    for (qsizetype from = 0; from < ids.size(); from += kIdsPerStatement) {
        const qsizetype n = std::min(kIdsPerStatement, ids.size() - from);
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("UPDATE products SET trend_id = ") + value + QStringLiteral(" WHERE id IN (") + idList(ids, from, n) + QLatin1Char(')')))
            return Status::failure(QCoreApplication::translate("Database", "Assigning products to trends failed: %1").arg(describeSqlError(q)), 1);
    }
    return {};
}

// Sets products.trend_id (0 → NULL). Small sets: one UPDATE … IN (…) per trend. Large sets
// (a first analysis of a big catalogue): a temporary table of (id, trend) sorted by id and one
// UPDATE … FROM, so every products page is rewritten once, in order.
Status assignProducts(QSqlDatabase db, std::vector<std::pair<qint64, qint64>> &changes, bool postgres)
{
    if (changes.empty())
        return {};
    std::sort(changes.begin(), changes.end());
    if (changes.size() < g_bulkAssignThreshold.load()) {
        QMap<qint64, QList<qint64>> byTrend;
        for (const auto &[product, trend] : changes)
            byTrend[trend] << product;
        for (auto it = byTrend.cbegin(); it != byTrend.cend(); ++it)
            if (Status s = updateTrendOf(db, it.key() == 0 ? QStringLiteral("NULL") : QString::number(it.key()), it.value()); !s)
                return s;
        return {};
    }
    QSqlQuery q(db);
    const QString create = postgres ? QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS pt_trend_assign (id BIGINT PRIMARY KEY, trend BIGINT NOT NULL)")
                                    : QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS pt_trend_assign (id INTEGER PRIMARY KEY, trend INTEGER NOT NULL)");
    if (!q.exec(create) || !q.exec(QStringLiteral("DELETE FROM pt_trend_assign")))
        return Status::failure(describeSqlError(q), 1);
    constexpr size_t kRowsPerInsert = 1000;
    QString sql;
    for (size_t from = 0; from < changes.size(); from += kRowsPerInsert) {
        sql = QStringLiteral("INSERT INTO pt_trend_assign (id, trend) VALUES ");
        const size_t to = std::min(changes.size(), from + kRowsPerInsert);
        for (size_t i = from; i < to; ++i) {
            if (i > from)
                sql += QLatin1Char(',');
            sql += QLatin1Char('(') + QString::number(changes[i].first) + QLatin1Char(',') + QString::number(changes[i].second) + QLatin1Char(')');
        }
        if (!q.exec(sql))
            return Status::failure(QCoreApplication::translate("Database", "Assigning products to trends failed: %1").arg(describeSqlError(q)), 1);
    }
    if (!q.exec(QStringLiteral("UPDATE products SET trend_id = NULLIF(a.trend, 0) FROM pt_trend_assign a WHERE products.id = a.id"))
        || !q.exec(QStringLiteral("DELETE FROM pt_trend_assign")))
        return Status::failure(QCoreApplication::translate("Database", "Assigning products to trends failed: %1").arg(describeSqlError(q)), 1);
    return {};
}

} // namespace

void TrendRepository::setBulkAssignThreshold(size_t changes)
{
    g_bulkAssignThreshold.store(changes);
}

Result<TrendSaveStats> TrendRepository::saveAnalysis(QList<Trend> *trends, const QList<TrendMembers> &members,
                                                     const QList<qint64> &clearProductIds)
{
    TrendSaveStats stats;
    QSqlDatabase db = m_db->connection();
    if (!db.isOpen())
        return Error{QCoreApplication::translate("Database", "The database is not open"), 1};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The columns' values (the JSON texts are most of the work) are made on the pool's threads.
    QList<QVariantList> columns = QtConcurrent::blockingMapped<QList<QVariantList>>(*trends, columnValues);
    Transaction tx(db);

    // What each trend row holds now: a row whose content would not change is left as it is (a
    // re-analysis of an unchanged market rewrites nothing; updated_at says when the trend last changed).
    struct Stored
    {
        qint64 id = 0;
        QByteArray hash;
        QDateTime createdAt;
        QDateTime updatedAt;
    };
    QHash<std::pair<QString, QString>, Stored> stored;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, niche, category, content_hash, created_at, updated_at FROM trends")))
            return Error{QCoreApplication::translate("Database", "Saving trends failed: %1").arg(describeSqlError(q)), 1};
        while (q.next())
            stored.insert({q.value(1).toString(), q.value(2).toString()},
                          Stored{q.value(0).toLongLong(), q.value(3).toByteArray(), json::dateTimeFrom(q.value(4)), json::dateTimeFrom(q.value(5))});
    }

    QSqlQuery upsert(db);
    if (!upsert.prepare(QStringLiteral(
            "INSERT INTO trends (niche, category, demand_score, competition_score, growth_score, profitability_score, "
            "overall_score, marketplace_counts, avg_price, price_range, target_audience, style_patterns, score_inputs, "
            "season, summary, insights, product_count, opportunity_score, opportunity, warnings, "
            "parent_id, product_types, content_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (niche, category) DO UPDATE SET demand_score = excluded.demand_score, "
            "competition_score = excluded.competition_score, growth_score = excluded.growth_score, "
            "profitability_score = excluded.profitability_score, overall_score = excluded.overall_score, "
            "marketplace_counts = excluded.marketplace_counts, avg_price = excluded.avg_price, "
            "price_range = excluded.price_range, target_audience = excluded.target_audience, "
            "style_patterns = excluded.style_patterns, score_inputs = excluded.score_inputs, season = excluded.season, "
            "summary = excluded.summary, insights = excluded.insights, product_count = excluded.product_count, "
            "updated_at = excluded.updated_at, opportunity_score = excluded.opportunity_score, "
            "opportunity = excluded.opportunity, warnings = excluded.warnings, parent_id = excluded.parent_id, "
            "product_types = excluded.product_types, content_hash = excluded.content_hash RETURNING id, created_at")))
        return Error{describeSqlError(upsert), 1};

    // Roots first, so that a refinement's parent has its id when the refinement is written.
    QList<qsizetype> order;
    order.reserve(trends->size());
    for (qsizetype i = 0; i < trends->size(); ++i)
        if (trends->at(i).parentNiche.isEmpty())
            order << i;
    for (qsizetype i = 0; i < trends->size(); ++i)
        if (!trends->at(i).parentNiche.isEmpty())
            order << i;
    QHash<QString, qint64> idOfNiche;
    QSet<qint64> keep;
    for (qsizetype i : std::as_const(order)) {
        Trend &t = (*trends)[i];
        t.parentId.reset();
        if (!t.parentNiche.isEmpty()) {
            if (auto parent = idOfNiche.constFind(t.parentNiche); parent != idOfNiche.cend())
                t.parentId = *parent;
        }
        QVariantList &values = columns[i];
        values[kParentColumn] = t.parentId ? QVariant(*t.parentId) : QVariant(QMetaType(QMetaType::LongLong));
        const QByteArray hash = contentHash(values);
        if (auto it = stored.constFind({t.niche, t.category}); it != stored.cend() && it->hash == hash) {
            t.id = it->id;
            t.createdAt = it->createdAt;
            t.updatedAt = it->updatedAt;
            ++stats.unchanged;
        } else {
            for (int v = 0; v < values.size(); ++v)
                upsert.bindValue(v, values.at(v));
            upsert.bindValue(22, QString::fromLatin1(hash));
            upsert.bindValue(23, now);
            upsert.bindValue(24, now);
            if (!upsert.exec() || !upsert.next())
                return Error{QCoreApplication::translate("Database", "Saving trends failed: %1").arg(describeSqlError(upsert)), 1};
            t.id = upsert.value(0).toLongLong();
            t.createdAt = json::dateTimeFrom(upsert.value(1));
            t.updatedAt = now;
            if (t.createdAt == now)
                ++stats.inserted;
            else
                ++stats.updated;
            upsert.finish();
        }
        keep.insert(t.id);
        if (t.parentNiche.isEmpty())
            idOfNiche.insert(t.niche, t.id);
    }

    // Products whose trend changes (0 = none).
    std::vector<std::pair<qint64, qint64>> changes;
    for (qsizetype i = 0; i < trends->size() && i < members.size(); ++i) {
        const qint64 id = trends->at(i).id;
        const TrendMembers &m = members.at(i);
        for (qsizetype k = 0; k < m.productIds.size(); ++k)
            if (k >= m.previousTrendIds.size() || m.previousTrendIds.at(k) != id)
                changes.emplace_back(m.productIds.at(k), id);
    }
    stats.productsAssigned = qint64(changes.size());
    for (qint64 productId : clearProductIds)
        changes.emplace_back(productId, 0);
    stats.productsCleared = clearProductIds.size();
    if (Status s = assignProducts(db, changes, m_db->isPostgres()); !s)
        return s.error();

    // Stale trends: gone from this result. Designs keep theirs (with no products) so that a
    // design never loses its trend because the market moved.
    QList<qint64> stale;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT t.id, EXISTS (SELECT 1 FROM designs d WHERE d.trend_id = t.id) FROM trends t ORDER BY t.id")))
            return Error{describeSqlError(q), 1};
        QList<qint64> withDesigns;
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            if (keep.contains(id))
                continue;
            if (q.value(1).toBool())
                withDesigns << id;
            else
                stale << id;
        }
        q.finish();
        for (qsizetype from = 0; from < withDesigns.size(); from += kIdsPerStatement) {
            QSqlQuery u(db);
            if (!u.exec(QStringLiteral("UPDATE products SET trend_id = NULL WHERE trend_id IN (") + idList(withDesigns, from, std::min(kIdsPerStatement, withDesigns.size() - from)) + QLatin1Char(')'))
                || !u.exec(QStringLiteral("UPDATE trends SET product_count = 0, parent_id = NULL, content_hash = NULL WHERE id IN (") + idList(withDesigns, from, std::min(kIdsPerStatement, withDesigns.size() - from)) + QLatin1Char(')')))
                return Error{describeSqlError(u), 1};
        }
        stats.keptForDesigns = int(withDesigns.size());
    }
    for (qsizetype from = 0; from < stale.size(); from += kIdsPerStatement) {
        const QString list = idList(stale, from, std::min(kIdsPerStatement, stale.size() - from));
        QSqlQuery d(db);
        if (!d.exec(QStringLiteral("UPDATE products SET trend_id = NULL WHERE trend_id IN (") + list + QLatin1Char(')'))
            || !d.exec(QStringLiteral("UPDATE trends SET parent_id = NULL, content_hash = NULL WHERE parent_id IN (") + list + QLatin1Char(')'))
            || !d.exec(QStringLiteral("DELETE FROM trends WHERE id IN (") + list + QLatin1Char(')')))
            return Error{QCoreApplication::translate("Database", "Removing old trends failed: %1").arg(describeSqlError(d)), 1};
    }
    stats.deleted = int(stale.size());
    if (Status s = tx.commit(); !s)
        return s.error();
    return stats;
}

Result<QList<SnapshotSpan>> TrendRepository::snapshotSpans()
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT s.product_id, s.scraped_at, s.reviews_count, s.favorites, s.rank, s.result_count FROM product_snapshots s "
        "WHERE s.result_count IS NOT NULL OR s.product_id IN "
        "(SELECT product_id FROM product_snapshots GROUP BY product_id HAVING COUNT(*) > 1) "
        "ORDER BY s.product_id, s.scraped_at, s.id"));
    if (Status s = exec(q); !s)
        return s.error();
    QList<SnapshotSpan> out;
    while (q.next()) {
        const qint64 productId = q.value(0).toLongLong();
        const qint64 ms = json::dateTimeFrom(q.value(1)).toMSecsSinceEpoch();
        const int reviews = q.value(2).toInt();
        const int favorites = q.value(3).isNull() ? -1 : q.value(3).toInt();
        const int rank = q.value(4).isNull() ? -1 : q.value(4).toInt();
        if (out.isEmpty() || out.last().productId != productId) {
            SnapshotSpan span;
            span.productId = productId;
            span.firstMs = ms;
            span.firstReviews = reviews;
            span.firstFavorites = favorites;
            span.firstRank = rank;
            out << span;
        }
        SnapshotSpan &span = out.last();
        ++span.snapshots;
        span.lastMs = ms;
        span.lastReviews = reviews;
        span.lastFavorites = favorites;
        span.lastRank = rank;
        if (!q.value(5).isNull())
            span.resultCount = q.value(5).toLongLong();
    }
    return out;
}

Result<QList<MarketCount>> TrendRepository::latestMarketCounts()
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT marketplace, query, result_count, observed_at FROM market_counts ORDER BY observed_at, id")))
        return Error{describeSqlError(q), 1};
    QMap<std::pair<QString, QString>, MarketCount> latest;
    while (q.next()) {
        MarketCount c{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), json::dateTimeFrom(q.value(3))};
        latest.insert({c.marketplace, c.query}, c);
    }
    return latest.values();
}

Result<QList<TrendHistoryPoint>> TrendRepository::history(qint64 trendId)
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT s.product_id, s.scraped_at, s.reviews_count, s.price FROM product_snapshots s "
                             "JOIN products p ON p.id = s.product_id "
                             "WHERE p.trend_id IN (SELECT id FROM trends WHERE id = ? OR parent_id = ?) "
                             "ORDER BY s.scraped_at, s.id"));
    q.addBindValue(trendId);
    q.addBindValue(trendId);
    if (Status s = exec(q); !s)
        return s.error();
    // Per day, each product's last observation that day; days without an observation of a
    // product carry its previous value forward so the line does not dip when a scrape is partial.
    QMap<QDate, QHash<qint64, std::pair<qint64, double>>> perDay;
    while (q.next()) {
        const QDate day = json::dateTimeFrom(q.value(1)).date();
        perDay[day].insert(q.value(0).toLongLong(), {q.value(2).toLongLong(), q.value(3).toDouble()});
    }
    QList<TrendHistoryPoint> out;
    QHash<qint64, std::pair<qint64, double>> carried;
    for (auto it = perDay.cbegin(); it != perDay.cend(); ++it) {
        for (auto p = it.value().cbegin(); p != it.value().cend(); ++p)
            carried.insert(p.key(), p.value());
        TrendHistoryPoint point;
        point.day = it.key();
        double priceSum = 0.0;
        for (auto p = carried.cbegin(); p != carried.cend(); ++p) {
            point.reviews += p.value().first;
            priceSum += p.value().second;
        }
        point.products = int(carried.size());
        point.avgPrice = point.products > 0 ? priceSum / point.products : 0.0;
        out << point;
    }
    return out;
}

} // namespace podtrends::core
