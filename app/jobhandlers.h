#pragma once

#include <core/storage/database.h>

#include <memory>

namespace podtrends::app {

/**
 * Registers the job handlers of every feature with core::JobHandlers, once per process:
 * "scrape" (payload {"source_id": N}) runs the source through ScrapeService and, when it stored
 * products, queues an "analyze"; "analyze" (payload {} or {"min_products": N}) runs TrendAnalyzer;
 * "generate" (payload {"trend_id": N, "variants": N, "provider": …}) runs DesignGenerator;
 * "publish" runs the resumable publisher.
 */
void registerJobHandlers();

/**
 * Queues a "scrape" job for every enabled source that is due, keyed by its schedule slot
 * ("scrape:source-<id>:<next_scrape>"), so that however many workers and app instances do this,
 * each slot runs once. Returns how many new jobs were queued.
 */
/** Queues one "analyze" job unless one is already waiting. Returns whether it queued one. */
core::Result<bool> enqueueAnalysis(const std::shared_ptr<core::Database> &db);

core::Result<int> enqueueDueScrapes(const std::shared_ptr<core::Database> &db);

} // namespace podtrends::app
