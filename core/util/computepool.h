#pragma once

class QThreadPool;

namespace podtrends::core {

/**
 * The process's one pool for CPU work that fans out: parsing fetched pages, the analysis's
 * map/reduce slices, a generation's variants. One thread per core, created on first use and
 * owned by the application object, which joins its threads on the way out.
 *
 * The rule that keeps it free of deadlocks: a task on this pool never waits for another task
 * of this pool and never runs an event loop. Whoever waits for its results (a GUI task on the
 * global pool, a job worker's thread, the command line's main thread) is not one of its threads;
 * such a waiter may run a still-queued task itself (QFuture takes it over), never the reverse.
 */
QThreadPool *computePool();

} // namespace podtrends::core
