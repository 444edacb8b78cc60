#include "marketcounts.h"

namespace podtrends::core::marketcounts {

Status record(const std::shared_ptr<Database> &db, const QString &marketplace, const QString &query, qint64 count,
              const QDateTime &observedAt)
{
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("INSERT INTO market_counts (marketplace, query, result_count, observed_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(marketplace);
    q.addBindValue(query.simplified().toLower());
    q.addBindValue(count);
    q.addBindValue(observedAt.toUTC());
    return exec(q);
}

Result<std::optional<qint64>> latest(const std::shared_ptr<Database> &db, const QString &marketplace, const QString &query)
{
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("SELECT result_count FROM market_counts WHERE marketplace = ? AND query = ? "
                             "ORDER BY observed_at DESC, id DESC LIMIT 1"));
    q.addBindValue(marketplace);
    q.addBindValue(query.simplified().toLower());
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value(0).toLongLong());
}

} // namespace podtrends::core::marketcounts
