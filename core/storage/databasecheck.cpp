// The checks of an existing SQLite file before Database opens it, and the whole check of a large
// file in the background (database_p.h).
#include <core/storage/database_p.h>

#include <core/storage/database.h>
#include <core/storage/migrations.h>
#include <core/util/activitylog.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QThread>
#include <QThreadPool>
#include <QUuid>

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace podtrends::core::databasecheck {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};

// What a check found: nothing, damage, or that the file could not be read at all (which is not
// evidence of damage: a lock, a permission, an I/O error).
struct Finding
{
    QString what;
    bool damage = false;
    bool ok() const { return what.isEmpty(); }
};

Finding fromQuery(const QSqlQuery &query)
{
    // QSQLITE reports SQLite's result code; the low byte is the primary code.
    const int code = query.lastError().nativeErrorCode().toInt() & 0xff;
    return Finding{describeSqlError(query), code == SQLITE_CORRUPT || code == SQLITE_NOTADB};
}

// A read-only connection to the file under a name of its own, opened if it can be (the caller
// closes it and removes the name).
QSqlDatabase openReadOnly(const QString &name, const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
    db.open();
    return db;
}

// Every page of the file.
Finding checkWhole(QSqlDatabase &db)
{
    ++wholeChecksRun;
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check")))
        return fromQuery(check);
    if (!check.next())
        return check.lastError().isValid() ? fromQuery(check) : Finding{Tr::tr("the check gave no answer"), false};
    if (const QString answer = check.value(0).toString(); answer != QLatin1String("ok"))
        return Finding{answer, true};
    return {};
}

// The header and schema (read by opening and listing the tables) and each table's root and first
// leaf pages: what every query of the program needs first, read in milliseconds at any size.
Finding checkStructure(QSqlDatabase &db)
{
    QSqlQuery tables(db);
    QStringList names;
    if (!tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0")))
        return fromQuery(tables);
    while (tables.next())
        names << tables.value(0).toString();
    if (tables.lastError().isValid())
        return fromQuery(tables);
    for (QString table : std::as_const(names)) {
        QSqlQuery first(db);
        if (!first.exec(QStringLiteral("SELECT * FROM \"%1\" LIMIT 1").arg(table.replace(QLatin1Char('"'), QLatin1String("\"\"")))))
            return fromQuery(first);
    }
    return {};
}

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

std::atomic<qint64> fullCheckBeforeOpenMaxBytes{128 * 1024 * 1024};

void Health::settle(State state, const QString &message)
{
    QMutexLocker lock(&m_mutex);
    if (m_state != State::Checking)
        return;
    m_state = state;
    m_message = message;
    m_damaged.store(state == State::Damaged, std::memory_order_release);
    m_settled.wakeAll();
}

Status Health::waitForResult() const
{
    QMutexLocker lock(&m_mutex);
    while (m_state == State::Checking)
        m_settled.wait(&m_mutex);
    if (m_state == State::Healthy)
        return {};
    return Status::failure(m_message, 1);
}

QString damagedMessage(const QString &path, const QString &what)
{
    return Tr::tr("%1 is damaged (%2); it was left untouched").arg(path, what);
}

QString readOnlyReason(const QString &path)
{
    // access() answers for this process: the file's mode, the folder's, and a read-only mount
    // (EROFS), where root may write anything else.
    const auto denied = [](const QString &file) {
        return ::access(QFile::encodeName(file).constData(), W_OK) != 0 ? errno : 0;
    };
    const QFileInfo info(path);
    int error = 0;
    // SQLite writes the file, and beside it its write-ahead log and shared-memory index.
    for (const QString &file : QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")})
        if (!error && QFileInfo::exists(file))
            error = denied(file);
    if (!error)
        error = denied(info.absolutePath());
    if (!error || error == ENOENT)
        return {};
    const QString why = error == EROFS ? Tr::tr("the disk or folder is mounted read-only") : Tr::tr("no permission to write there");
    return info.exists()
        ? Tr::tr("%1 is in a read-only location (%2). POD Trends writes to the file and beside it, so it was left untouched; copy it to a folder you can write to and open the copy").arg(path, why)
        : Tr::tr("%1 cannot be created: its folder is read-only (%2)").arg(path, why);
}

// inspect() on the open read-only connection.
static Status inspectOpen(QSqlDatabase &db, const QString &path, bool unchanged, bool *checkLater, bool *verified)
{
    const auto refuse = [&path](const Finding &found) {
        return Status::failure(found.damage ? damagedMessage(path, found.what) : Tr::tr("Cannot read %1: %2").arg(path, found.what), 1);
    };
    QSqlQuery tables(db);
    if (!tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")))
        return refuse(fromQuery(tables));
    QStringList names;
    while (tables.next())
        names << tables.value(0).toString();
    if (!names.isEmpty() && !names.contains(QLatin1String("schema_version"))) {
        // Every database of ours has the version table from its first moment on.
        const QString shown = names.size() > 4 ? names.mid(0, 4).join(QLatin1String(", ")) + QStringLiteral(", …") : names.join(QLatin1String(", "));
        return Status::failure(Tr::tr("%1 is another program's SQLite database (its tables: %2); it was left untouched. Choose a new file or one POD Trends created")
                                   .arg(path, shown),
                               2);
    }
    int version = 0;
    QSqlQuery highest(db);
    if (!names.isEmpty() && highest.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && highest.next())
        version = highest.value(0).toInt();
    if (version > latestSchemaVersion())
        return Status::failure(Tr::tr("The database %1 was written by a newer version of POD Trends (schema %2, this program knows up to %3); it was left untouched")
                                   .arg(path)
                                   .arg(version)
                                   .arg(latestSchemaVersion()),
                               1);
    // A file that migrations are about to write to is checked whole first, whatever its size; one
    // exactly as POD Trends left it after finding it whole is not checked whole again.
    const bool current = version == latestSchemaVersion();
    const bool trusted = unchanged && current;
    const bool whole = !trusted && (QFileInfo(path).size() <= fullCheckBeforeOpenMaxBytes.load() || !current);
    *checkLater = !whole && !trusted;
    if (const Finding found = whole ? checkWhole(db) : checkStructure(db); !found.ok()) {
        if (found.damage)
            forgetVerified(path);
        return refuse(found);
    }
    *verified = whole || trusted;
    return {};
}

Status inspect(const DatabaseConfig &config, bool *checkLater, bool *verified)
{
    const QString path = config.sqlitePath;
    if (const QString readOnly = readOnlyReason(path); !readOnly.isEmpty())
        return Status::failure(readOnly, 1);
    // Before the read-only connection below opens (it may leave a log beside the file).
    const bool unchanged = unchangedSinceVerified(path);
    const QString name = QStringLiteral("podtrends-inspect-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Status result;
    {
        QSqlDatabase db = openReadOnly(name, path);
        result = db.isOpen() ? inspectOpen(db, path, unchanged, checkLater, verified)
                             : Status::failure(Tr::tr("Cannot open %1: %2").arg(path, db.lastError().text().simplified()), 1);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

void checkWholeInBackground(const DatabaseConfig &config, std::shared_ptr<Health> health)
{
    static const bool registered = [] {
        qAddPostRoutine(backgroundcheck::interruptAll);
        return true;
    }();
    Q_UNUSED(registered);
    QThreadPool::globalInstance()->start([path = config.sqlitePath, health] {
        const QString name = QStringLiteral("podtrends-check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        Finding found{Tr::tr("POD Trends is closing"), false};
        {
            QSqlDatabase db = openReadOnly(name, path);
            if (!db.isOpen()) {
                found = Finding{Tr::tr("Cannot open %1: %2").arg(path, db.lastError().text().simplified()), false};
            } else {
                sqlite3 *handle = sqliteHandle(db);
                bool quitting = false;
                {
                    QMutexLocker lock(&backgroundcheck::mutex);
                    quitting = backgroundcheck::quitting;
                    if (handle && !quitting)
                        backgroundcheck::running.insert(handle);
                }
                if (!quitting)
                    found = checkWhole(db);
                QMutexLocker lock(&backgroundcheck::mutex);
                backgroundcheck::running.remove(handle);
                if (backgroundcheck::quitting)
                    found = Finding{Tr::tr("POD Trends is closing"), false}; // interrupted, not damaged
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        if (found.ok()) {
            markVerified(path);
            health->settle(Health::State::Healthy);
        } else if (!found.damage) {
            health->settle(Health::State::Stopped, found.what);
        } else {
            forgetVerified(path);
            // Writing is refused from now on with the message a small damaged file gets at once.
            health->settle(Health::State::Damaged, damagedMessage(path, found.what));
            const QString message = Tr::tr("%1 is damaged (%2). Close POD Trends and make a copy of the file before anything else writes to it.")
                                        .arg(path, found.what);
            qCWarning(lcStorage).noquote() << message;
            ActivityLog::instance()->error(Tr::tr("Database"), message);
        }
    });
}

} // namespace podtrends::core::databasecheck
