#pragma once

#include <core/storage/database.h>

#include <memory>

namespace podtrends::app {

/**
 * Registers the job handlers of every feature with core::JobHandlers, once per process:
 * "scrape" (core::ScrapeJob with a source) runs the source through ScrapeService and, when it
 * stored products, queues an "analyze"; "analyze" (core::AnalyzeJob) runs TrendAnalyzer;
 * "generate" (core::GenerateJob) runs DesignGenerator; "publish" (core::PublishJob) runs the
 * resumable publisher. Each returns its kind's core::JobResult.
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
