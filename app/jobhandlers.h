#pragma once

namespace podtrends::app {

/**
 * Registers the job handlers of every feature (scrape, analyze, generate, publish) with
 * core::JobHandlers, once per process. Called by `podtrends worker`, `podtrends serve` and the app.
 */
void registerJobHandlers();

} // namespace podtrends::app
