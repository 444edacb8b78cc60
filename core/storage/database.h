#pragma once

#include <core/storage/databaseconfig.h>
#include <core/util/result.h>

#include <QSqlDatabase>
#include <QSqlQuery>

#include <atomic>
#include <memory>

namespace podtrends::core {

namespace databasecheck {
class Health;
}

/**
 * The application's database: a SQLite file or a PostgreSQL server.
 *
 * One Database object is shared by all threads; each thread that calls connection() gets its
 * own named QSqlDatabase, opened on first use and closed when the thread ends. A connection is
 * never used from a thread other than the one that opened it.
 */
class Database final
{
public:
    Q_DISABLE_COPY_MOVE(Database)
    ~Database();

    /**
     * Opens (creating a new SQLite file when none exists), checks and migrates. Refuses a file
     * that is not SQLite, a corrupt file, and a schema newer than this program, without
     * touching them. Error codes: 2 for bad input (malformed URL), 1 otherwise.
     *
     * A SQLite file up to 128 MB (or one that migrations will write to) is checked whole before it
     * opens; a larger one gets a light check (schema, every table's first pages) and the whole check
     * on a pool thread afterwards, damage going to the activity log; writing waits for it
     * (readyForWriting). That check stops when the application quits. Another program's SQLite
     * file is refused (code 2), and a file POD Trends cannot write to is named as read-only.
     */
    static Result<std::shared_ptr<Database>> open(const DatabaseConfig &config);

    /** Tries a connection and the schema version without migrating (Settings' "Test connection"). */
    static Status testConnection(const DatabaseConfig &config);

    const DatabaseConfig &config() const { return m_config; }
    Dialect dialect() const { return m_config.dialect; }
    bool isPostgres() const { return m_config.dialect == Dialect::PostgreSQL; }

    /** This thread's open connection (opened on first use). */
    QSqlDatabase connection() const;
    /** Opens this thread's connection and reports why it failed, if it did. */
    Status ensureConnection() const;
    /** Closes this thread's connection (a thread that outlives its use of the database). */
    void closeConnection() const;

    /**
     * Whether this database may be written: blocks until the whole check of a large SQLite file has
     * ended (at once for others) and fails with the message a damaged file gets at open. Every
     * command and run that writes asks first. Blocks: never call it on the GUI thread. Once damage
     * is known every connection is also made read-only (PRAGMA query_only).
     */
    Status readyForWriting() const;

    /** The highest migration applied. */
    Result<int> schemaVersion() const;

private:
    explicit Database(DatabaseConfig config);
    Status migrate();

    DatabaseConfig m_config;
    QString m_connectionPrefix;
    std::shared_ptr<databasecheck::Health> m_health;
};

/** A transaction on this thread's connection that rolls back unless committed. */
class Transaction final
{
public:
    Q_DISABLE_COPY_MOVE(Transaction)
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    bool active() const { return m_active; }
    Status commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

/** Runs a prepared query and turns a driver error into a readable Error. */
Status exec(QSqlQuery &query);
Status execSql(QSqlDatabase db, const QString &sql);
QString describeSqlError(const QSqlQuery &query);

} // namespace podtrends::core
