#include "trendrepository.h"

#include <core/util/json.h>

namespace podtrends::core {

TrendRepository::TrendRepository(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QString TrendRepository::trendColumns()
{
    return QStringLiteral("id, niche, category, demand_score, competition_score, growth_score, profitability_score, "
                          "overall_score, marketplace_counts, avg_price, price_range, target_audience, style_patterns, "
                          "score_inputs, season, summary, insights, product_count, created_at, updated_at");
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
    t.marketplaceCounts = json::objectFrom(q.value(c + 8));
    t.avgPrice = q.value(c + 9).toDouble();
    t.priceRange = json::objectFrom(q.value(c + 10));
    t.targetAudience = json::objectFrom(q.value(c + 11));
    t.stylePatterns = json::objectFrom(q.value(c + 12));
    t.scoreInputs = json::objectFrom(q.value(c + 13));
    t.season = json::objectFrom(q.value(c + 14));
    t.summary = q.value(c + 15).toString();
    t.insights = json::arrayFrom(q.value(c + 16));
    t.productCount = q.value(c + 17).toInt();
    t.createdAt = json::dateTimeFrom(q.value(c + 18));
    t.updatedAt = json::dateTimeFrom(q.value(c + 19));
    return t;
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
        + whereFor(filter, m_db->isPostgres(), &binds) + QStringLiteral(" ORDER BY overall_score DESC, id");
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

} // namespace podtrends::core
