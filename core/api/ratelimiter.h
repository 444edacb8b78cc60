#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <optional>

namespace podtrends::core {

/**
 * A token bucket per client (an API key or an address): `burst` requests at once, refilled at
 * `perSecond`. Not thread-safe; the REST server uses it from its own thread.
 */
class RateLimiter final
{
public:
    /** perSecond ≤ 0 disables limiting. */
    RateLimiter(double perSecond, int burst);

    /** Takes one request for `client`; returns nullopt when allowed, else the seconds to wait. */
    std::optional<int> take(const QString &client);
    bool enabled() const { return m_perSecond > 0; }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    double m_perSecond;
    double m_burst;
    QElapsedTimer m_clock;
    QHash<QString, Bucket> m_buckets;
    qint64 m_lastPruneMs = 0;
};

} // namespace podtrends::core
