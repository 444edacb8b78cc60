#pragma once

#include <core/storage/database.h>

#include <memory>

namespace podtrends::app {

/**
 * Registers the job handlers of every feature with core::JobHandlers, once per process:
 * "scrape" (payload {"source_id": N}) runs the source through ScrapeService. Features whose
 * services land later add their line here (analyze, generate, publish).
 */
void registerJobHandlers();

/**
 * Queues a "scrape" job for every enabled source that is due, keyed by its schedule slot
 * ("scrape:source-<id>:<next_scrape>"), so that however many workers and app instances do this,
 * each slot runs once. Returns how many new jobs were queued.
 */
core::Result<int> enqueueDueScrapes(const std::shared_ptr<core::Database> &db);

} // namespace podtrends::app
