#pragma once

class QThreadPool;

namespace podtrends::core {

/**
 * The process's pool for CPU work that fans out: the analysis's map/reduce slices, a
 * generation's variants. One thread per core, created on first use and
 * owned by the application object, which joins its threads on the way out.
 *
 * The rule that keeps it free of deadlocks: a task on this pool never waits for another task
 * of this pool and never runs an event loop. Whoever waits for its results (a GUI task on the
 * global pool, a job worker's thread, the command line's main thread) is not one of its threads;
 * such a waiter may run a still-queued task itself (QFuture takes it over), never the reverse.
 */
QThreadPool *computePool();

/**
 * The process's pool for collected pages: parsing them and preparing their products for the
 * database (scrapes and imports). One thread fewer than cores (at least one), so that the one
 * writer thread that stores what it parses keeps a core: on two cores, parsing on both slowed
 * a Shopify collection from about 85,000 to 73,000 products/s (docs/PERFORMANCE.md). The same
 * rule as the compute pool: its tasks never wait for each other and never run an event loop.
 */
QThreadPool *parsePool();

} // namespace podtrends::core
