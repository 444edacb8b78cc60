#pragma once

#include <core/domain/trend.h>
#include <core/storage/database.h>

#include <memory>
#include <optional>

namespace podtrends::core {

struct TrendFilter
{
    QString niche;        ///< substring, case-insensitive
    QString category;
    QString marketplace;  ///< trends with at least one product there
    double minScore = -1; ///< on overall_score
    int limit = -1;
    qint64 offset = 0;
};

/** Typed access to trends. Use from one thread (its connection). */
class TrendRepository final
{
public:
    explicit TrendRepository(std::shared_ptr<Database> db);

    /** Ordered by overall_score descending, then id. */
    Result<QList<Trend>> list(const TrendFilter &filter = {});
    Result<qint64> count(const TrendFilter &filter = {});
    Result<std::optional<Trend>> findById(qint64 id);

    static QString trendColumns();
    static Trend fromRecord(const QSqlQuery &query, int firstColumn = 0);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
