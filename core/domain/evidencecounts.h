#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/** A word of the analysis vocabulary ("mom", "vintage", "christmas") and how many products name it. */
struct EvidenceCount
{
    QString label;
    int count = 0;

    friend bool operator==(const EvidenceCount &a, const EvidenceCount &b) { return a.label == b.label && a.count == b.count; }
};

/**
 * Labels with the number of a niche's products that mention each, most mentioned first (ties by
 * label), so every reader sees the same order. JSON: {"mom": 3, "dad": 2}.
 */
class EvidenceCounts final
{
public:
    EvidenceCounts() = default;
    /** Keeps the entries with a positive count, sorted. */
    explicit EvidenceCounts(QList<EvidenceCount> counts);

    const QList<EvidenceCount> &items() const { return m_items; }
    bool isEmpty() const { return m_items.isEmpty(); }
    int count(const QString &label) const;
    /** The first `max` labels. */
    QStringList labels(int max = -1) const;

    QJsonObject toJson() const;
    static EvidenceCounts fromJson(const QJsonObject &object);

    friend bool operator==(const EvidenceCounts &a, const EvidenceCounts &b) { return a.m_items == b.m_items; }

private:
    QList<EvidenceCount> m_items;
};

} // namespace podtrends::core
