#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace podtrends::core {

/** Where products come from. Stored and sent as its key ("amazon", "etsy", "shopify"). */
enum class Marketplace : quint8 { Amazon, Etsy, Shopify };

/** "amazon", "etsy", "shopify". */
const QString &toKey(Marketplace marketplace);
/** The marketplace of a key, or nothing for anything else (case-sensitive; keys are lower case). */
std::optional<Marketplace> marketplaceFromKey(QStringView key);
/** The name a seller knows: "Amazon", "Etsy", "Shopify". */
QString displayName(Marketplace marketplace);
/** Every marketplace, in key order. */
const QList<Marketplace> &allMarketplaces();

/** How many of a niche's products come from each marketplace. JSON: {"amazon": 12, "etsy": 30}. */
class MarketplaceCounts final
{
public:
    int count(Marketplace marketplace) const { return m_counts.value(marketplace); }
    void add(Marketplace marketplace, int count = 1) { m_counts[marketplace] += count; }
    int total() const;
    bool isEmpty() const { return m_counts.isEmpty(); }
    /** The marketplaces with at least one product, in key order. */
    QList<Marketplace> marketplaces() const { return m_counts.keys(); }

    QJsonObject toJson() const;
    /** Keys that name no marketplace are dropped. */
    static MarketplaceCounts fromJson(const QJsonObject &object);

    friend bool operator==(const MarketplaceCounts &a, const MarketplaceCounts &b) { return a.m_counts == b.m_counts; }

private:
    QMap<Marketplace, int> m_counts;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::Marketplace)
