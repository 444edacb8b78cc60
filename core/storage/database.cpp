#include "database.h"
#include <core/util/redaction.h>

#include <core/storage/database_p.h>
#include <core/storage/migrations.h>
#include <core/util/activitylog.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QThreadPool>
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
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(names)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                if (db.isValid())
                    db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
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
            {
                QSqlDatabase db = QSqlDatabase::database(*it, false);
                if (db.isValid())
                    db.close();
            }
            QSqlDatabase::removeDatabase(*it);
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
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
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
        // analysis) from stopping for one every few thousand rows.
        for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                                   "PRAGMA synchronous = NORMAL", "PRAGMA temp_store = MEMORY",
                                   "PRAGMA cache_size = -65536", "PRAGMA wal_autocheckpoint = 8192"}) {
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
    if (db.isValid()) {
        if (!db.isOpen() && db.open())
            (void)configureConnection(db, m_config.dialect);
        return db;
    }
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
    return db;
}

void Database::closeConnection() const
{
    const QString name = m_connectionPrefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (!db.isValid())
            return;
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (threadConnections().hasLocalData())
        threadConnections().localData()->names.removeAll(name);
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

std::atomic<qint64> databasecheck::fullCheckBeforeOpenMaxBytes{128 * 1024 * 1024};

// A read-only connection to the file under a name of its own, opened if it can be (the caller
// closes it and removes the name).
static QSqlDatabase openReadOnly(const QString &name, const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
    db.open();
    return db;
}

// Every page of the file: empty when all is well, else what is damaged.
static QString checkWhole(QSqlDatabase &db)
{
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check")) || !check.next() || check.value(0).toString() != QLatin1String("ok"))
        return check.lastError().isValid() ? describeSqlError(check) : check.value(0).toString();
    return {};
}

// The header and schema (read by opening and listing the tables) and each table's root and first
// leaf pages: what every query of the program needs first, read in milliseconds at any size.
// Empty when all is well, else what is damaged.
static QString checkStructure(QSqlDatabase &db)
{
    QSqlQuery tables(db);
    QStringList names;
    if (tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0")))
        while (tables.next())
            names << tables.value(0).toString();
    if (tables.lastError().isValid())
        return describeSqlError(tables);
    for (QString table : std::as_const(names)) {
        QSqlQuery first(db);
        if (!first.exec(QStringLiteral("SELECT * FROM \"%1\" LIMIT 1").arg(table.replace(QLatin1Char('"'), QLatin1String("\"\"")))))
            return describeSqlError(first);
    }
    return {};
}

namespace {
// Whole checks running in the background, interrupted when the application quits (Qt waits for
// its pool's threads on the way out, and the check of a large file reads for seconds).
namespace backgroundcheck {
QMutex mutex;
QSet<sqlite3 *> running;
bool quitting = false;

// SQLite forgets an interrupt that comes before the statement has started, so it is repeated
// until every check has ended (a check notices it within a page read).
void interruptAll()
{
    QDeadlineTimer deadline(2000);
    QMutexLocker lock(&mutex);
    quitting = true;
    while (!running.isEmpty() && !deadline.hasExpired()) {
        for (sqlite3 *handle : std::as_const(running))
            sqlite3_interrupt(handle);
        lock.unlock();
        QThread::msleep(1);
        lock.relock();
    }
}
} // namespace backgroundcheck
} // namespace

// The whole check of a large file, on a pool thread after it was opened: damage is reported, not
// repaired (the seller decides, with a copy of the file).
static void checkWholeInBackground(const DatabaseConfig &config)
{
    static const bool registered = [] {
        qAddPostRoutine(backgroundcheck::interruptAll);
        return true;
    }();
    Q_UNUSED(registered);
    QThreadPool::globalInstance()->start([config] {
        const QString name = QStringLiteral("podtrends-check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QString damage;
        {
            QSqlDatabase db = openReadOnly(name, config.sqlitePath);
            if (db.isOpen()) {
                sqlite3 *handle = sqliteHandle(db);
                bool quitting = false;
                {
                    QMutexLocker lock(&backgroundcheck::mutex);
                    quitting = backgroundcheck::quitting;
                    if (handle && !quitting)
                        backgroundcheck::running.insert(handle);
                }
                if (!quitting)
                    damage = checkWhole(db);
                QMutexLocker lock(&backgroundcheck::mutex);
                backgroundcheck::running.remove(handle);
                if (backgroundcheck::quitting)
                    damage.clear(); // interrupted, not damaged
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        if (!damage.isEmpty()) {
            const QString message = Tr::tr("%1 is damaged (%2). Close POD Trends and make a copy of the file before anything else writes to it.")
                                        .arg(config.sqlitePath, damage);
            qCWarning(lcStorage).noquote() << message;
            ActivityLog::instance()->error(Tr::tr("Database"), message);
        }
    });
}

// Checks an existing SQLite file through a read-only connection, so that a damaged file or one
// from a newer program is refused before anything (WAL mode, migrations) could write to it. A
// large file gets the structural check now and the whole check in the background (database_p.h).
static Status inspectReadOnly(const DatabaseConfig &config, bool *checkLater)
{
    const QString name = QStringLiteral("podtrends-inspect-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool whole = QFileInfo(config.sqlitePath).size() <= databasecheck::fullCheckBeforeOpenMaxBytes.load();
    *checkLater = !whole;
    Status result;
    {
        QSqlDatabase db = openReadOnly(name, config.sqlitePath);
        if (!db.isOpen()) {
            result = Status::failure(connectError(db, config), 1);
        } else {
            if (const QString damage = whole ? checkWhole(db) : checkStructure(db); !damage.isEmpty())
                result = Status::failure(Tr::tr("%1 is damaged (%2); it was left untouched").arg(config.sqlitePath, damage), 1);
            if (result) {
                QSqlQuery version(db);
                if (version.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && version.next()
                    && version.value(0).toInt() > latestSchemaVersion())
                    result = Status::failure(Tr::tr("The database %1 was written by a newer version of POD Trends (schema %2, this program knows up to %3); it was left untouched")
                                                 .arg(config.sqlitePath).arg(version.value(0).toInt()).arg(latestSchemaVersion()), 1);
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseConfig &config)
{
    registerSecret(config.password); // a server error may quote the connection string
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
    }
    bool checkLater = false;
    if (config.dialect == Dialect::SQLite && QFileInfo(config.sqlitePath).size() > 0) {
        if (Status s = inspectReadOnly(config, &checkLater); !s)
            return s.error();
    }
    std::shared_ptr<Database> db(new Database(config));
    if (Status s = db->ensureConnection(); !s)
        return s.error();
    if (Status s = db->migrate(); !s)
        return s.error();
    if (checkLater)
        checkWholeInBackground(config);
    return db;
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
            if (Status s = execSql(db, sqlForDialect(statement, m_config.dialect)); !s)
                return Status::failure(Tr::tr("Migration %1 (%2) failed: %3").arg(m.version).arg(m.description, s.errorMessage()), 1);
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
