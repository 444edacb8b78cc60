#pragma once

#include <core/domain/marketplace.h>

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QStringList>

#include <optional>

namespace podtrends::core {

/** A normalized marketplace listing (the seed's products table). */
struct Product
{
    qint64 id = 0;
    QString marketplace;  ///< the key of a Marketplace ("amazon", "etsy", "shopify")
    QString externalId;   ///< ASIN, listing id, Shopify product id (per store)
    QString title;
    QString description;
    QString category;
    double price = 0.0;
    QString currency;
    double rating = 0.0;      ///< 0–5, 0 when unknown
    int reviewsCount = 0;
    int favorites = -1;       ///< Etsy num_favorers, -1 when unknown
    int rank = -1;            ///< Best Sellers Rank or search position, -1 when unknown
    QString vendor;           ///< Shopify vendor / Etsy shop / Amazon brand
    QString imageUrl;
    QString productUrl;
    QStringList tags;
    QStringList keywords;
    QJsonObject rawData;      ///< the source record as received (empty when only rawDataJson holds it)
    /** The source record as JSON text, when a parse thread made it ahead of the database writer: rawData
     *  serialized, or the record's bytes as received (Shopify, whose parser then leaves rawData empty).
     *  Empty means the writer serializes rawData itself. Where both are set they hold the same record. */
    QByteArray rawDataJson;
    std::optional<qint64> trendId;
    std::optional<qint64> sourceId;
    bool sponsored = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastSeenAt;

    /** JSON with the seed's snake_case names. */
    QJsonObject toJson() const;
    static Product fromJson(const QJsonObject &object);
};

/** One observation of a product, appended on every scrape or import. */
struct ProductSnapshot
{
    qint64 id = 0;
    qint64 productId = 0;
    double price = 0.0;
    double rating = 0.0;
    int reviewsCount = 0;
    int rank = -1;
    int favorites = -1;
    qint64 resultCount = -1; ///< the marketplace's total hits for the query, -1 when unknown
    QDateTime scrapedAt;

    QJsonObject toJson() const;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::Product)
