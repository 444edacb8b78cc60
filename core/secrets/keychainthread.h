#pragma once

#include <QFuture>

#include <functional>
#include <optional>
#include <QString>

namespace podtrends::core::keychain {

/** What one keychain job ended with. */
struct Answer
{
    enum Kind { Value, NotFound, Unavailable, Failed };
    Kind kind = Unavailable;
    QString value;  ///< the secret, for Value
    QString detail; ///< QtKeychain's error text, for Unavailable and Failed (never shown alone)
};

enum class Op { Read, Write, Remove };

/**
 * Runs one QtKeychain job on the keychain thread: a QThread whose own event loop drives every
 * job, so no caller ever spins a nested event loop. The job belongs to the thread's worker
 * and is deleted only once finished (never mid-call, when its backend could still call back); the future is finished exactly once, by the job's answer or
 * by a timer (timeoutMs) that reports Unavailable when no keychain answers. An answer that
 * arrives after its timer is dropped. Safe to call from any thread.
 */
/** first, when given, runs on the keychain thread before the job (the fallback file, so the
 *  GUI thread never reads the disk); an answer from it is final and no job starts. */
QFuture<Answer> run(Op op, const QString &key, const QString &value, int timeoutMs,
                    std::function<std::optional<Answer>()> first = {});

/** Runs fn on the keychain thread. */
QFuture<Answer> post(std::function<Answer()> fn);

/** Stops the thread's event loop at application exit (unfinished jobs are left, never deleted mid-call). */
void shutdown();

} // namespace podtrends::core::keychain
