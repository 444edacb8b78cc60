// What POD Trends knows of a SQLite file it found whole: after the last connection to a verified
// file closes, the file's state (size, times, inode) is recorded in the cache folder, and the next
// open of a file still in exactly that state skips the whole check (database_p.h).
#include <core/storage/database_p.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSaveFile>
#include <QStandardPaths>

#include <optional>

#include <sys/stat.h>
#include <fcntl.h>
#include <time.h>

namespace podtrends::core::databasecheck {

namespace {

struct FileState
{
    qint64 size = -1;
    qint64 mtimeSec = 0, mtimeNsec = 0;
    qint64 ctimeSec = 0, ctimeNsec = 0;
    quint64 inode = 0, device = 0;

    QByteArray text() const
    {
        return QStringLiteral("podtrends-verified 1 %1 %2.%3 %4.%5 %6 %7\n")
            .arg(size).arg(mtimeSec).arg(mtimeNsec).arg(ctimeSec).arg(ctimeNsec).arg(inode).arg(device)
            .toLatin1();
    }
};

std::optional<FileState> stateOf(const QString &path)
{
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return FileState{qint64(st.st_size), qint64(st.st_mtim.tv_sec), qint64(st.st_mtim.tv_nsec),
                     qint64(st.st_ctim.tv_sec), qint64(st.st_ctim.tv_nsec), quint64(st.st_ino), quint64(st.st_dev)};
}

QString canonical(const QString &path)
{
    const QFileInfo info(path);
    const QString resolved = info.canonicalFilePath();
    return resolved.isEmpty() ? info.absoluteFilePath() : resolved;
}

QString stampFolder()
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return cache.isEmpty() ? QString() : cache + QStringLiteral("/verified");
}

QString stampName(const QString &canonicalPath)
{
    return QString::fromLatin1(QCryptographicHash::hash(QFile::encodeName(canonicalPath), QCryptographicHash::Sha1).toHex())
        + QStringLiteral(".state");
}

bool hasLog(const QString &path)
{
    return QFileInfo::exists(path + QStringLiteral("-wal")) || QFileInfo::exists(path + QStringLiteral("-journal"));
}

// Files found whole in this process: canonical path → where their state is recorded. The folder is
// resolved when the file is verified, because the last connection may close while the process
// ends (a pool thread's connections close when the pool is destroyed), after the application
// object that names the cache folder is gone; for the same reason neither is ever destroyed.
QMutex &registryMutex()
{
    static auto *mutex = new QMutex;
    return *mutex;
}

QHash<QString, QString> &verified()
{
    static auto *files = new QHash<QString, QString>;
    return *files;
}

QByteArray recorded(const QString &stampPath)
{
    QFile stamp(stampPath);
    return stamp.open(QIODevice::ReadOnly) ? stamp.read(256) : QByteArray();
}

} // namespace

std::atomic<int> wholeChecksRun{0};

bool unchangedSinceVerified(const QString &path)
{
    const QString folder = stampFolder();
    if (folder.isEmpty() || hasLog(path))
        return false; // a log beside it: a connection is open or a process ended without closing
    const QByteArray stamp = recorded(folder + QLatin1Char('/') + stampName(canonical(path)));
    const auto now = stateOf(path);
    return !stamp.isEmpty() && now && stamp == now->text();
}

void markVerified(const QString &path)
{
    const QString folder = stampFolder();
    if (folder.isEmpty())
        return;
    const QString file = canonical(path);
    QMutexLocker lock(&registryMutex());
    verified().insert(file, folder + QLatin1Char('/') + stampName(file));
}

void forgetVerified(const QString &path)
{
    const QString file = canonical(path);
    QMutexLocker lock(&registryMutex());
    const QString stamp = verified().take(file);
    QFile::remove(stamp.isEmpty() ? stampFolder() + QLatin1Char('/') + stampName(file) : stamp);
}

void recordStateAfterClose(const QString &path)
{
    const QString file = canonical(path);
    QMutexLocker lock(&registryMutex());
    const auto it = verified().constFind(file);
    if (it == verified().cend() || hasLog(file))
        return; // not found whole in this process, or a connection (ours or another's) is still open
    if (const auto before = stateOf(file); !before || recorded(*it) == before->text())
        return; // gone, or exactly as recorded (nothing was written)
    // The file's modification time is set to this moment at full precision: the kernel stamps a
    // later write with its coarse clock (a tick of several milliseconds), so even a write in the
    // same tick as this close leaves a time that differs from the recorded one.
    timespec times[2];
    times[0].tv_sec = 0;
    times[0].tv_nsec = UTIME_OMIT;
    clock_gettime(CLOCK_REALTIME, &times[1]);
    if (::utimensat(AT_FDCWD, QFile::encodeName(file).constData(), times, 0) != 0)
        return;
    const auto state = stateOf(file);
    if (!state || !QDir().mkpath(QFileInfo(*it).absolutePath()))
        return;
    // Not recorded (a full cache folder, say): the next open checks the file whole.
    QSaveFile stamp(*it);
    if (stamp.open(QIODevice::WriteOnly) && stamp.write(state->text()) >= 0)
        stamp.commit();
}

} // namespace podtrends::core::databasecheck
