#pragma once

// Internal to core: the sqlite3 handle behind a connection, and how much of an existing
// SQLite file is checked before it is opened.

#include <QtGlobal>

#include <atomic>

class QSqlDatabase;
struct sqlite3;

namespace podtrends::core {

/** The sqlite3 handle behind a Qt SQLite connection, or null (another driver, or closed). */
sqlite3 *sqliteHandle(const QSqlDatabase &db);

} // namespace podtrends::core

namespace podtrends::core::databasecheck {

/**
 * Files up to this size are checked whole (PRAGMA quick_check) before they are opened. A larger
 * one opens after a light check (header, schema, every table's first pages) and is checked whole
 * in the background, damage going to the activity log: the whole check reads every page, 1.4 s
 * for 1 GB with a warm cache and 16 s cold, which every CLI command and worker start would pay.
 * Tests lower it to reach the large-file path with a small file.
 */
extern std::atomic<qint64> fullCheckBeforeOpenMaxBytes;

} // namespace podtrends::core::databasecheck
