#pragma once

#include <core/storage/database.h>

#include <QDateTime>

#include <memory>
#include <optional>

namespace podtrends::core::marketcounts {

/**
 * Appends one observation of a query's total hits (Etsy `count`, Amazon "over N results") to the
 * market_counts table: the competition count the analysis reads. Uses this thread's connection.
 */
Status record(const std::shared_ptr<Database> &db, const QString &marketplace, const QString &query, qint64 count,
              const QDateTime &observedAt = QDateTime::currentDateTimeUtc());
/** The newest count for a query, if any. */
Result<std::optional<qint64>> latest(const std::shared_ptr<Database> &db, const QString &marketplace, const QString &query);

} // namespace podtrends::core::marketcounts
