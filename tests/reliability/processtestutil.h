#pragma once

// Running the real `podtrends` program from a test: its own home and settings folders, the
// test's event loop kept running (the loopback fakes live in the test process) while it works.

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QTest>

#include <core/storage/database.h>

#include <csignal>
#include <functional>
#include <memory>

namespace podtrends::test {

/** True in a build with AddressSanitizer (./test.sh --asan). Its shadow memory and its quarantine of
 *  freed blocks (256 MB by default) make resident memory meaningless as a measure of the program, so
 *  the memory bounds are checked in the ordinary build and only reported in this one; the work itself
 *  runs in full, which is what the sanitizers check. */
constexpr bool underAddressSanitizer()
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

/** Checks a memory bound, except under AddressSanitizer (see underAddressSanitizer()). */
#define PT_VERIFY_MEMORY_BOUND(condition, message)                                                              \
    do {                                                                                                        \
        if (!podtrends::test::underAddressSanitizer())                                                          \
            QVERIFY2(condition, message);                                                                       \
        else if (!(condition))                                                                                  \
            qInfo("memory bound not checked under AddressSanitizer: %s", static_cast<const char *>(message));   \
    } while (false)

inline QString programPath()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("podtrends"));
}

/** The environment of a program run in `home`: settings, data and cache stay there; no display. */
inline QProcessEnvironment programEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

/** Spins the event loop until `done` holds or `timeoutMs` passes; returns whether it held. */
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs, int stepMs = 10)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(stepMs);
    }
    return true;
}

/** Waits for the process to end with the event loop running (up to `timeoutMs`). */
inline bool waitForExit(QProcess &process, int timeoutMs)
{
    return waitUntil([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs, 20);
}

/** SIGKILL: the program gets no chance to clean up. */
inline void killHard(QProcess &process)
{
    ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
    process.waitForFinished(10000);
}

inline qint64 scalarOf(const std::shared_ptr<core::Database> &db, const QString &sql)
{
    QSqlQuery q(db->connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

inline QString textOf(const std::shared_ptr<core::Database> &db, const QString &sql)
{
    QSqlQuery q(db->connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0).toString();
}

} // namespace podtrends::test
