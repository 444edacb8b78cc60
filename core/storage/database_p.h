#pragma once

// Internal to core: the sqlite3 handle behind a connection; what is checked of an existing SQLite
// file before it is opened, and what is known of its health while a large file is checked in the
// background (databasecheck.cpp).

#include <core/storage/databaseconfig.h>
#include <core/util/result.h>

#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <memory>

class QSqlDatabase;
struct sqlite3;

namespace podtrends::core {

/** The sqlite3 handle behind a Qt SQLite connection, or null (another driver, or closed). */
sqlite3 *sqliteHandle(const QSqlDatabase &db);

/** How long a SQLite connection waits for a lock before it reports the database busy. */
constexpr int kSqliteBusyTimeoutMs = 10000;

} // namespace podtrends::core

namespace podtrends::core::databasecheck {

/**
 * Files up to this size are checked whole (PRAGMA quick_check) before they are opened. A larger
 * one opens after a light check (header, schema, every table's first pages) and is checked whole
 * in the background, damage going to the activity log: the whole check reads every page, 1.4 s
 * for 1 GB with a warm cache and 16 s cold, which every read-only CLI command would pay. Writing
 * waits for it (Database::readyForWriting). Tests lower it to reach the large-file path with a
 * small file.
 */
extern std::atomic<qint64> fullCheckBeforeOpenMaxBytes;

/** The integrity of one opened file: settled once by its check, read by any thread. */
class Health final
{
public:
    enum class State { Checking, Healthy, Damaged, Stopped };

    explicit Health(State state = State::Healthy) : m_state(state) {}

    /** Records the outcome of the check (once) and wakes the threads waiting for it. */
    void settle(State state, const QString &message = {});
    /** Blocks until the check has ended; fails with the message of a damaged file. */
    Status waitForResult() const;
    /** True once the check found damage (cheap: no lock). */
    bool damaged() const { return m_damaged.load(std::memory_order_acquire); }

private:
    mutable QMutex m_mutex;
    mutable QWaitCondition m_settled;
    State m_state;
    QString m_message;
    std::atomic_bool m_damaged{false};
};

/** "FILE is damaged (WHAT); it was left untouched": the one message for a damaged file. */
QString damagedMessage(const QString &path, const QString &what);

/**
 * Checks an existing SQLite file through a read-only connection, so that a damaged file, another
 * program's database or one from a newer program is refused before anything (WAL mode,
 * migrations) could write to it, and a file POD Trends cannot write is named as read-only.
 * `checkLater` is set for a large file that got only the light check.
 */
Status inspect(const DatabaseConfig &config, bool *checkLater);

/** The whole check of a large file on a pool thread; its outcome settles `health`. */
void checkWholeInBackground(const DatabaseConfig &config, std::shared_ptr<Health> health);

/** Why POD Trends cannot write where `path` is (a new or existing database file), or empty. */
QString readOnlyReason(const QString &path);

} // namespace podtrends::core::databasecheck
