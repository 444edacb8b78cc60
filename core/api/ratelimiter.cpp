#include "ratelimiter.h"

#include <cmath>

namespace podtrends::core {

RateLimiter::RateLimiter(double perSecond, int burst)
    : m_perSecond(perSecond)
    , m_burst(std::max(1, burst))
{
    m_clock.start();
}

std::optional<int> RateLimiter::take(const QString &client)
{
    if (m_perSecond <= 0)
        return std::nullopt;
    const qint64 now = m_clock.elapsed();
    if (now - m_lastPruneMs > 60000) {
        // Forget clients whose bucket is full again, so the table does not grow without bound.
        m_lastPruneMs = now;
        for (auto it = m_buckets.begin(); it != m_buckets.end();) {
            if (it->tokens + (now - it->updatedMs) / 1000.0 * m_perSecond >= m_burst)
                it = m_buckets.erase(it);
            else
                ++it;
        }
    }
    auto it = m_buckets.find(client);
    if (it == m_buckets.end())
        it = m_buckets.insert(client, Bucket{m_burst, now});
    Bucket &b = *it;
    b.tokens = std::min(m_burst, b.tokens + (now - b.updatedMs) / 1000.0 * m_perSecond);
    b.updatedMs = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return std::nullopt;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / m_perSecond)));
}

} // namespace podtrends::core
