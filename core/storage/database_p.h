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
 * `checkLater` is set for a large file that got only the light check; `verified` when the file was
 * found whole (checked whole now, or unchanged since it was last found whole).
 */
Status inspect(const DatabaseConfig &config, bool *checkLater, bool *verified);

/** The whole check of a large file on a pool thread; its outcome settles `health`. */
void checkWholeInBackground(const DatabaseConfig &config, std::shared_ptr<Health> health);

/**
 * A file found whole needs no second whole check while it stays exactly as POD Trends left it.
 * markVerified() remembers a file found whole in this process (checked at open, by the background
 * check, created new, or unchanged since its recorded state); once its last connection has closed
 * (no write-ahead log left beside it), recordStateAfterClose() records its size, times and inode in
 * the cache folder. unchangedSinceVerified() is true at the next open only when the file is still in
 * exactly that state: any write by another program, a copy or a restore changes it.
 * forgetVerified() drops both (the file was found damaged, or its check could not finish).
 */
bool unchangedSinceVerified(const QString &path);
void markVerified(const QString &path);
void forgetVerified(const QString &path);
void recordStateAfterClose(const QString &path);
/** How many whole checks (PRAGMA quick_check) this process has run (tests). */
extern std::atomic<int> wholeChecksRun;

/** Why POD Trends cannot write where `path` is (a new or existing database file), or empty. */
QString readOnlyReason(const QString &path);

} // namespace podtrends::core::databasecheck
