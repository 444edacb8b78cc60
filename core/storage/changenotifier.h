#pragma once

#include <core/storage/database.h>

#include <QObject>

#include <memory>

class QTimer;

namespace podtrends::core {

/**
 * Tells this process when another connection (another thread, another app instance, a worker)
 * changed data, so views and caches can refresh.
 *
 * PostgreSQL: statement-level triggers (installed once per database) call
 * `pg_notify('podtrends_changes', table)`; this object LISTENs through QSqlDriver's notification
 * support and emits changed(table) as soon as the writing transaction commits.
 * SQLite: `PRAGMA data_version` is polled (it changes when another connection commits) and
 * changed() is emitted with an empty table name, meaning "anything may have changed".
 *
 * The object uses the database connection of the thread it lives on; that thread needs an event
 * loop. It does a few cheap queries there, so keep it off the GUI thread (see
 * ChangeNotifier::startInThread).
 */
class ChangeNotifier final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ChangeNotifier)
    static constexpr const char *Channel = "podtrends_changes";

    explicit ChangeNotifier(std::shared_ptr<Database> db, QObject *parent = nullptr);
    ~ChangeNotifier() override;

    /** Starts listening (PostgreSQL) or polling every pollMs (SQLite). */
    Status start(int pollMs = 1000);

    /**
     * Creates a notifier on its own thread for `db`; the returned object forwards changed() to the
     * caller's thread. Deleting the returned object stops the thread.
     */
    static ChangeNotifier *startInThread(std::shared_ptr<Database> db, QObject *parent = nullptr, int pollMs = 1000);

    /** Installs the PostgreSQL triggers (idempotent; a no-op on SQLite). */
    static Status installTriggers(Database &db);
    /** The tables whose changes are announced. */
    static QStringList watchedTables();

Q_SIGNALS:
    /** table: "products", "trends", "designs", "sources", "jobs", "api_keys", …; empty: unknown. */
    void changed(const QString &table);

private:
    void poll();

    std::shared_ptr<Database> m_db;
    QTimer *m_timer = nullptr;
    qint64 m_dataVersion = -1;
    QThread *m_thread = nullptr;     // set on the forwarding object made by startInThread()
    ChangeNotifier *m_inner = nullptr;
};

} // namespace podtrends::core
