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
    /** The source record as received, as JSON text (one object), or empty. The program stores it and
     *  shows it but never reads fields out of it: Shopify's parse threads keep the record's bytes as they
     *  arrived, the other parsers write the fields they read (rawRecord()). */
    QByteArray rawData;
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

/** Compact JSON text of a source record, for Product::rawData (an empty object gives empty text). */
QByteArray rawRecord(const QJsonObject &record);
/** Product::rawData as an object (empty when it is empty or not a JSON object). */
QJsonObject rawRecordObject(const QByteArray &rawData);

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
