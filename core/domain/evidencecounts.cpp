#include "evidencecounts.h"

#include <algorithm>

namespace podtrends::core {

EvidenceCounts::EvidenceCounts(QList<EvidenceCount> counts)
{
    counts.removeIf([](const EvidenceCount &c) { return c.count <= 0 || c.label.isEmpty(); });
    std::sort(counts.begin(), counts.end(),
              [](const EvidenceCount &a, const EvidenceCount &b) { return a.count != b.count ? a.count > b.count : a.label < b.label; });
    m_items = std::move(counts);
}

int EvidenceCounts::count(const QString &label) const
{
    for (const EvidenceCount &c : m_items)
        if (c.label == label)
            return c.count;
    return 0;
}

QStringList EvidenceCounts::labels(int max) const
{
    QStringList out;
    for (const EvidenceCount &c : m_items) {
        if (max >= 0 && out.size() >= max)
            break;
        out << c.label;
    }
    return out;
}

QJsonObject EvidenceCounts::toJson() const
{
    QJsonObject o;
    for (const EvidenceCount &c : m_items)
        o.insert(c.label, c.count);
    return o;
}

EvidenceCounts EvidenceCounts::fromJson(const QJsonObject &o)
{
    QList<EvidenceCount> counts;
    for (auto it = o.begin(); it != o.end(); ++it)
        counts << EvidenceCount{it.key(), it.value().toInt()};
    return EvidenceCounts(std::move(counts));
}

} // namespace podtrends::core
