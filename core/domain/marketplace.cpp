#include "marketplace.h"

#include "keytable.h"

namespace podtrends::core {

namespace {
const detail::KeyTable<Marketplace, 3> &keys()
{
    static const detail::KeyTable<Marketplace, 3> table({"amazon", "etsy", "shopify"});
    return table;
}
} // namespace

const QString &toKey(Marketplace marketplace)
{
    return keys().key(marketplace);
}

std::optional<Marketplace> marketplaceFromKey(QStringView key)
{
    return keys().find(key);
}

QString displayName(Marketplace marketplace)
{
    // Brand names: the same in every language.
    switch (marketplace) {
    case Marketplace::Amazon: return QStringLiteral("Amazon");
    case Marketplace::Etsy: return QStringLiteral("Etsy");
    case Marketplace::Shopify: return QStringLiteral("Shopify");
    }
    return {};
}

const QList<Marketplace> &allMarketplaces()
{
    static const QList<Marketplace> all{Marketplace::Amazon, Marketplace::Etsy, Marketplace::Shopify};
    return all;
}

int MarketplaceCounts::total() const
{
    int sum = 0;
    for (int n : m_counts)
        sum += n;
    return sum;
}

QJsonObject MarketplaceCounts::toJson() const
{
    QJsonObject o;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        o.insert(toKey(it.key()), it.value());
    return o;
}

MarketplaceCounts MarketplaceCounts::fromJson(const QJsonObject &o)
{
    MarketplaceCounts c;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (const auto m = marketplaceFromKey(it.key()); m && it.value().toInt() > 0)
            c.add(*m, it.value().toInt());
    return c;
}

} // namespace podtrends::core
