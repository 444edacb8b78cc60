#include "hostratelimiter.h"

#include <QDateTime>
#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace podtrends::core {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

HostRateLimiter &HostRateLimiter::instance()
{
    static HostRateLimiter limiter;
    return limiter;
}

qint64 HostRateLimiter::reserve(const QString &key, double defaultRate, int burst)
{
    QMutexLocker lock(&m_mutex);
    Bucket &b = m_buckets[key];
    const double rate = b.rate > 0 ? b.rate : defaultRate;
    const qint64 now = nowMs();
    if (rate <= 0) // unlimited, but a server's "slow down" (pushBack) still applies
        return std::max<qint64>(0, b.theoreticalArrivalMs - now);
    const auto interval = qint64(std::ceil(1000.0 / rate));
    // GCRA: a request may go when its theoretical arrival time minus the burst tolerance has passed.
    const qint64 tat = std::max(b.theoreticalArrivalMs, now);
    const qint64 allowedAt = tat - qint64(std::max(burst, 1) - 1) * interval;
    const qint64 wait = std::max<qint64>(0, allowedAt - now);
    b.theoreticalArrivalMs = tat + interval;
    return wait;
}

void HostRateLimiter::setRate(const QString &key, double requestsPerSecond)
{
    QMutexLocker lock(&m_mutex);
    m_buckets[key].rate = requestsPerSecond;
}

void HostRateLimiter::pushBack(const QString &key, qint64 msFromNow)
{
    QMutexLocker lock(&m_mutex);
    Bucket &b = m_buckets[key];
    b.theoreticalArrivalMs = std::max(b.theoreticalArrivalMs, nowMs() + msFromNow);
}

double HostRateLimiter::rate(const QString &key, double defaultRate) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_buckets.constFind(key);
    return it != m_buckets.cend() && it->rate > 0 ? it->rate : defaultRate;
}

void HostRateLimiter::reset()
{
    QMutexLocker lock(&m_mutex);
    m_buckets.clear();
}

} // namespace podtrends::core
