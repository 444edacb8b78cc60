#pragma once

#include <core/domain/job.h>
#include <core/domain/source.h>
#include <core/domain/trend.h>
#include <core/storage/database.h>

#include <memory>

namespace podtrends::core {

/** What the Dashboard shows: totals, the best niches, scrape status and recent work. */
struct WorkspaceOverview
{
    qint64 products = 0;
    qint64 trends = 0;
    qint64 designs = 0;
    qint64 published = 0;
    QList<Trend> topTrends;             ///< best opportunity first (none last), without warnings
    QList<MarketplaceRecord> marketplaces; ///< last scrape per marketplace
    QList<Job> recentJobs;              ///< newest first

    /** Reads everything in a few queries; call it on a pool thread. */
    static Result<WorkspaceOverview> load(const std::shared_ptr<Database> &db, int topCount = 8, int jobCount = 8);
};

} // namespace podtrends::core
