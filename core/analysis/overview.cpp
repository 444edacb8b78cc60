#include "overview.h"

#include <core/storage/jobrepository.h>
#include <core/storage/sourcerepository.h>
#include <core/storage/trendrepository.h>

#include <QSqlQuery>

namespace podtrends::core {

Result<WorkspaceOverview> WorkspaceOverview::load(const std::shared_ptr<Database> &db, int topCount, int jobCount)
{
    WorkspaceOverview o;
    QSqlQuery q(db->connection());
    if (!q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM products), (SELECT COUNT(*) FROM trends WHERE product_count > 0), "
                               "(SELECT COUNT(*) FROM designs), (SELECT COUNT(*) FROM designs WHERE status = 'published')"))
        || !q.next())
        return Error{describeSqlError(q), 1};
    o.products = q.value(0).toLongLong();
    o.trends = q.value(1).toLongLong();
    o.designs = q.value(2).toLongLong();
    o.published = q.value(3).toLongLong();
    q.finish();
    TrendFilter filter;
    filter.limit = topCount;
    filter.minScore = 0;
    filter.sort = TrendSort::Opportunity;
    filter.withoutWarnings = true; // a protected name is no opportunity for a seller
    auto top = TrendRepository(db).list(filter);
    if (!top)
        return top.error();
    o.topTrends = *top;
    auto markets = SourceRepository(db).marketplaces();
    if (!markets)
        return markets.error();
    o.marketplaces = *markets;
    auto jobs = JobRepository(db).recent(jobCount);
    if (!jobs)
        return jobs.error();
    o.recentJobs = *jobs;
    return o;
}

} // namespace podtrends::core
