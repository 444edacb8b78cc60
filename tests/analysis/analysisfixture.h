#pragma once

#include <core/domain/product.h>
#include <core/storage/database.h>

#include <memory>

namespace podtrends::test {

/**
 * A realistic product set for analysis tests, screenshots and the benchmark: about 30 niches on
 * Etsy, Amazon and Shopify (titles, tags, prices, ratings, reviews, favourites) observed on
 * three days two weeks apart. One niche, "fishing grandpa" (T-Shirts), is planted with strong
 * demand, few competitors and reviews rising between observations; "cat dad" and "dad bod"
 * share a word but not a meaning. Deterministic.
 */
struct AnalysisFixture
{
    /** The products as observed `daysAgo` days before `now` (reviews grow over time). */
    static QList<core::Product> products(int observation);
    /** Number of observations products() knows (0 oldest … count-1 newest). */
    static int observations() { return 3; }
    /** Writes every observation with its own scraped_at (history for growth). */
    static core::Status write(const std::shared_ptr<core::Database> &db, const QDateTime &now = QDateTime::currentDateTimeUtc());
};

} // namespace podtrends::test
