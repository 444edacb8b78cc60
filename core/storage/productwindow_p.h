#pragma once

// Internal to core/storage: ProductQueries::windowIds() on SQLite (productwindow.cpp), a planner
// for the first rows of a filtered, sorted view of up to millions of products.

#include <core/storage/productfilter.h>
#include <core/util/result.h>

#include <QList>

#include <atomic>

namespace podtrends::core {
class Database;
}

namespace podtrends::core::productwindow {

/**
 * The ids of `window` (its limit > 0, its offset 0) on a SQLite database, by the faster of an
 * index walk and a sort of the fewest candidates.
 */
Result<QList<qint64>> sqliteIds(const Database &db, const ProductFilter &window);

/**
 * How long the planner first lets the index walk run before it weighs the sort plan. Tests set 0
 * so that the sort plan answers most queries.
 */
extern std::atomic<qint64> firstWalkBudgetNs;
/** Up to how many candidates of an index the planner counts before it considers the sort plan.
 *  Tests set 0 so that the walk goes on in short steps. */
extern std::atomic<qint64> candidateCap;

} // namespace podtrends::core::productwindow
