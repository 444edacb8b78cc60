#include "database.h"

#include <core/storage/database_p.h>
#include <core/storage/migrations.h>
#include <core/util/redaction.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QThreadStorage>
#include <QUuid>

#include <sqlite3.h>

Q_DECLARE_OPAQUE_POINTER(sqlite3 *)
Q_DECLARE_METATYPE(sqlite3 *)

Q_LOGGING_CATEGORY(lcStorage, "podtrends.core.storage")

namespace podtrends::core {

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    return handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0 ? *static_cast<sqlite3 *const *>(handle.data()) : nullptr;
}

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};

// Removes this thread's connections when the thread finishes.
struct ThreadConnections
{
    QStringList names;
    QSet<QString> queryOnly; ///< connections made read-only after their file was found damaged
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(names))
            closeAndRemove(name);
    }

    // Closes a connection of ours; a SQLite file whose last connection that was gets its state
    // recorded (databasecheck::recordStateAfterClose).
    static void closeAndRemove(const QString &name)
    {
        QString sqlitePath;
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid()) {
                if (db.driverName() == QLatin1String("QSQLITE") && db.isOpen())
                    sqlitePath = db.databaseName();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(name);
        if (!sqlitePath.isEmpty())
            databasecheck::recordStateAfterClose(sqlitePath);
    }
};

QThreadStorage<ThreadConnections *> &threadConnections()
{
    static QThreadStorage<ThreadConnections *> storage;
    return storage;
}

std::atomic<int> g_instanceCounter{0};

bool looksLikeSqlite(const QString &path, QString *reason)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *reason = Tr::tr("cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    if (f.size() == 0)
        return true; // an empty file is a new database
    const QByteArray header = f.read(16);
    if (header != QByteArray("SQLite format 3\0", 16)) {
        *reason = Tr::tr("%1 is not a SQLite database; it was left untouched").arg(path);
        return false;
    }
    return true;
}

QString connectError(const QSqlDatabase &db, const DatabaseConfig &config)
{
    const QString driverText = db.lastError().text().trimmed().replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (config.dialect == Dialect::PostgreSQL) {
        if (driverText.contains(QLatin1String("password authentication failed")) || driverText.contains(QLatin1String("no password supplied")))
            return Tr::tr("PostgreSQL at %1 refused the user name or password").arg(config.displayName());
        if (driverText.contains(QLatin1String("does not exist")))
            return Tr::tr("PostgreSQL at %1: %2").arg(config.displayName(), driverText);
        return Tr::tr("Cannot connect to PostgreSQL at %1: %2").arg(config.displayName(), driverText);
    }
    return Tr::tr("Cannot open %1: %2").arg(config.sqlitePath, driverText);
}

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_connectionPrefix(QStringLiteral("podtrends-%1-").arg(++g_instanceCounter))
    , m_health(std::make_shared<databasecheck::Health>())
{
}

Database::~Database()
{
    // Connections on other threads are closed when those threads end.
    auto *local = threadConnections().hasLocalData() ? threadConnections().localData() : nullptr;
    if (!local)
        return;
    for (auto it = local->names.begin(); it != local->names.end();) {
        if (it->startsWith(m_connectionPrefix)) {
            ThreadConnections::closeAndRemove(*it);
            it = local->names.erase(it);
        } else {
            ++it;
        }
    }
}

static QSqlDatabase createConnection(const DatabaseConfig &config, const QString &name)
{
    QSqlDatabase db;
    if (config.dialect == Dialect::SQLite) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kSqliteBusyTimeoutMs));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setUserName(config.user);
        db.setPassword(config.password);
        db.setDatabaseName(config.databaseName);
        db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=podtrends"));
    }
    return db;
}

static Status configureConnection(QSqlDatabase db, Dialect dialect)
{
    if (dialect == Dialect::SQLite) {
        // wal_autocheckpoint: a checkpoint (with its fsync) runs on the committing thread; every
        // 32 MB instead of SQLite's 4 MB keeps bulk writes (a scrape's writer thread, an
        // analysis) from stopping for one every few thousand rows. journal_size_limit: a log that
        // starts over is trimmed back to 32 MB (ProductWriter::kWalLimitBytes) instead of keeping its
        // largest size on disk.
        for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                                   "PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY",
                                   "PRAGMA cache_size = -65536", "PRAGMA wal_autocheckpoint = 8192",
                                   "PRAGMA journal_size_limit = 33554432"}) {
            if (Status s = execSql(db, QString::fromLatin1(pragma)); !s)
                return s;
        }
    } else {
        if (Status s = execSql(db, QStringLiteral("SET client_min_messages TO WARNING")); !s)
            return s;
    }
    return {};
}

QSqlDatabase Database::connection() const
{
    const QString name = m_connectionPrefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (!db.isValid()) {
        if (!threadConnections().hasLocalData())
            threadConnections().setLocalData(new ThreadConnections);
        threadConnections().localData()->names << name;
        db = createConnection(m_config, name);
        if (db.open()) {
            if (Status s = configureConnection(db, m_config.dialect); !s)
                qCWarning(lcStorage) << "configuring connection failed:" << s.errorMessage();
        } else {
            qCDebug(lcStorage).noquote() << connectError(db, m_config);
        }
    } else if (!db.isOpen() && db.open()) {
        (void)configureConnection(db, m_config.dialect);
        threadConnections().localData()->queryOnly.remove(name);
    }
    // Once the whole check of a large file found damage, nothing writes to it any more, whatever
    // the caller (the write paths also ask readyForWriting() first, for the message).
    if (m_health->damaged() && db.isOpen() && !threadConnections().localData()->queryOnly.contains(name)) {
        if (execSql(db, QStringLiteral("PRAGMA query_only = ON")))
            threadConnections().localData()->queryOnly.insert(name);
    }
    return db;
}

void Database::closeConnection() const
{
    const QString name = m_connectionPrefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    if (!QSqlDatabase::contains(name))
        return;
    ThreadConnections::closeAndRemove(name);
    if (threadConnections().hasLocalData()) {
        threadConnections().localData()->names.removeAll(name);
        threadConnections().localData()->queryOnly.remove(name);
    }
}

Status Database::ensureConnection() const
{
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return Status::failure(connectError(db, m_config), 1);
    return {};
}

Result<int> Database::schemaVersion() const
{
    QSqlDatabase db = connection();
    const QStringList tables = db.tables();
    if (!tables.contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")))
        return Error{Tr::tr("Cannot read the schema version: %1").arg(describeSqlError(q)), 1};
    q.next();
    return q.value(0).toInt();
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseConfig &config)
{
    registerSecret(config.password); // a server error may quote the connection string
    bool checkLater = false;
    bool verified = false;
    if (config.dialect == Dialect::SQLite) {
        if (config.sqlitePath.isEmpty())
            return Error{Tr::tr("No database file given"), 2};
        const QFileInfo info(config.sqlitePath);
        if (info.exists()) {
            if (info.isDir())
                return Error{Tr::tr("%1 is a folder, not a database file").arg(config.sqlitePath), 2};
            QString reason;
            if (!looksLikeSqlite(config.sqlitePath, &reason))
                return Error{reason, 2};
        } else if (!QDir().mkpath(info.absolutePath())) {
            return Error{Tr::tr("Cannot create the folder %1").arg(info.absolutePath()), 1};
        }
        if (info.size() > 0) {
            if (Status s = databasecheck::inspect(config, &checkLater, &verified); !s)
                return s.error();
        } else if (const QString readOnly = databasecheck::readOnlyReason(config.sqlitePath); !readOnly.isEmpty()) {
            return Error{readOnly, 1};
        } else {
            verified = true; // a new file: nothing in it to check
        }
    }
    std::shared_ptr<Database> db(new Database(config));
    if (Status s = db->ensureConnection(); !s)
        return s.error();
    if (Status s = db->migrate(); !s)
        return s.error();
    if (config.dialect == Dialect::SQLite && verified)
        databasecheck::markVerified(config.sqlitePath);
    if (checkLater) {
        db->m_health = std::make_shared<databasecheck::Health>(databasecheck::Health::State::Checking);
        databasecheck::checkWholeInBackground(config, db->m_health);
    }
    return db;
}

Status Database::readyForWriting() const
{
    return m_health->waitForResult();
}

Status Database::testConnection(const DatabaseConfig &config)
{
    if (config.dialect == Dialect::SQLite) {
        // Testing must not create a file: a missing one is fine, it is created on first use.
        if (!QFileInfo::exists(config.sqlitePath))
            return QFileInfo(QFileInfo(config.sqlitePath).absolutePath()).isWritable() || !QFileInfo::exists(QFileInfo(config.sqlitePath).absolutePath())
                ? Status()
                : Status::failure(Tr::tr("The folder of %1 is not writable").arg(config.sqlitePath), 1);
        QString reason;
        if (!looksLikeSqlite(config.sqlitePath, &reason))
            return Status::failure(reason, 2);
    }
    const QString name = QStringLiteral("podtrends-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Status result;
    {
        QSqlDatabase db = createConnection(config, name);
        if (!db.open()) {
            result = Status::failure(connectError(db, config), 1);
        } else {
            QSqlQuery q(db);
            if (db.tables().contains(QStringLiteral("schema_version")) && q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next()
                && q.value(0).toInt() > latestSchemaVersion())
                result = Status::failure(Tr::tr("The database was written by a newer version of POD Trends (schema %1, this program knows %2)")
                                             .arg(q.value(0).toInt()).arg(latestSchemaVersion()), 1);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Status Database::migrate()
{
    QSqlDatabase db = connection();
    if (!db.tables().contains(QStringLiteral("schema_version"))) {
        const QString create = sqlForDialect(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at ${TS} NOT NULL)"),
            m_config.dialect);
        if (Status s = execSql(db, create); !s)
            return s;
    }
    if (m_config.dialect == Dialect::PostgreSQL) {
        // Several processes may start at once against one server: migrate one at a time.
        if (Status s = execSql(db, QStringLiteral("SELECT pg_advisory_lock(720417)")); !s)
            return s;
    }
    auto unlock = qScopeGuard([&] {
        if (m_config.dialect == Dialect::PostgreSQL)
            (void)execSql(db, QStringLiteral("SELECT pg_advisory_unlock(720417)"));
    });

    QSet<int> applied;
    int highest = 0;
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT version FROM schema_version")))
            return Status::failure(Tr::tr("Cannot read the schema version: %1").arg(describeSqlError(q)), 1);
        while (q.next()) {
            applied.insert(q.value(0).toInt());
            highest = std::max(highest, q.value(0).toInt());
        }
    }
    if (highest > latestSchemaVersion())
        return Status::failure(Tr::tr("The database %1 was written by a newer version of POD Trends (schema %2, this program knows up to %3); it was left untouched")
                                   .arg(m_config.displayName()).arg(highest).arg(latestSchemaVersion()), 1);

    for (const Migration &m : allMigrations()) {
        if (applied.contains(m.version))
            continue;
        Transaction tx(db);
        for (const QString &statement : m.statements) {
            if (Status s = execSql(db, sqlForDialect(statement, m_config.dialect)); !s) {
                const QString why = s.errorMessage();
                const bool alreadyThere = why.contains(QLatin1String("already exists")) || why.contains(QLatin1String("duplicate column"));
                if (applied.isEmpty() || !alreadyThere)
                    return Status::failure(Tr::tr("Migration %1 (%2) failed: %3").arg(m.version).arg(m.description, s.errorMessage()), 1);
                // A database whose recorded version says a step is missing although its tables
                // have it (a hand-edited schema_version): a sentence, the statement only in the log.
                qCInfo(lcStorage) << "migration" << m.version << "failed:" << s.errorMessage();
                return Status::failure(Tr::tr("The database %1 cannot be updated: its recorded version does not match its tables "
                                              "(was it edited by hand?). It was left as it was; restore a backup or use a new database file.")
                                           .arg(m_config.displayName()), 1);
            }
        }
        QSqlQuery mark(db);
        mark.prepare(QStringLiteral("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"));
        mark.addBindValue(m.version);
        mark.addBindValue(m.description);
        mark.addBindValue(QDateTime::currentDateTimeUtc());
        if (Status s = exec(mark); !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
        qCInfo(lcStorage) << "applied migration" << m.version << m.description;
    }
    return {};
}

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    m_active = m_db.transaction();
    if (!m_active)
        qCWarning(lcStorage) << "could not begin a transaction:" << m_db.lastError().text();
}

Transaction::~Transaction()
{
    if (m_active)
        m_db.rollback();
}

Status Transaction::commit()
{
    if (!m_active)
        return Status::failure(Tr::tr("No transaction is active"), 1);
    m_active = false;
    if (!m_db.commit()) {
        const QString text = m_db.lastError().text();
        m_db.rollback();
        return Status::failure(Tr::tr("Saving failed: %1").arg(text), 1);
    }
    return {};
}

QString describeSqlError(const QSqlQuery &query)
{
    QString text = query.lastError().text().trimmed();
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (text.contains(QLatin1String("disk is full")) || text.contains(QLatin1String("No space left")))
        return Tr::tr("the disk is full; nothing was saved");
    return text;
}

Status exec(QSqlQuery &query)
{
    if (!query.exec())
        return Status::failure(describeSqlError(query), 1);
    return {};
}

Status execSql(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Status::failure(describeSqlError(q) + QStringLiteral(" [") + sql.left(80).simplified() + QLatin1Char(']'), 1);
    return {};
}

} // namespace podtrends::core
