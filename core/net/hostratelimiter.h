#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace podtrends::core {

/**
 * Per-host token buckets shared by every HttpClient in the process, so two scrapers of the same
 * store can never exceed its limit together. Keys are "host:port". Thread-safe.
 *
 * reserve() hands out the next free slot (it never blocks): the caller waits the returned delay
 * and then sends. This is the "virtual scheduling" form of a token bucket (GCRA).
 */
class HostRateLimiter final
{
public:
    Q_DISABLE_COPY_MOVE(HostRateLimiter)
    HostRateLimiter() = default;

    static HostRateLimiter &instance();

    /**
     * Takes one token for `key` and returns how many milliseconds to wait before sending.
     * `defaultRate` (requests per second) applies unless setRate() set one for this key.
     * A rate <= 0 means unlimited.
     */
    qint64 reserve(const QString &key, double defaultRate, int burst = 1);
    /** Sets the rate learned for a host (e.g. from Etsy's x-limit-per-second). */
    void setRate(const QString &key, double requestsPerSecond);
    /** Makes the next slot for `key` no earlier than `msFromNow` (a server said "slow down"). */
    void pushBack(const QString &key, qint64 msFromNow);
    /** The rate in effect for a key, or `defaultRate`. */
    double rate(const QString &key, double defaultRate) const;
    /** Forgets every host (tests). */
    void reset();

private:
    struct Bucket
    {
        double rate = -1;        ///< < 0: use the caller's default
        qint64 theoreticalArrivalMs = 0;
    };
    mutable QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
};

} // namespace podtrends::core
