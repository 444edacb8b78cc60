#include "product.h"

#include <core/util/json.h>

#include <QJsonArray>

namespace podtrends::core {

QJsonObject Product::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("marketplace"), marketplace);
    o.insert(QStringLiteral("external_id"), externalId);
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("description"), description);
    o.insert(QStringLiteral("category"), category);
    o.insert(QStringLiteral("price"), price);
    o.insert(QStringLiteral("currency"), currency);
    o.insert(QStringLiteral("rating"), rating);
    o.insert(QStringLiteral("reviews_count"), reviewsCount);
    o.insert(QStringLiteral("favorites"), favorites < 0 ? QJsonValue() : QJsonValue(favorites));
    o.insert(QStringLiteral("rank"), rank < 0 ? QJsonValue() : QJsonValue(rank));
    o.insert(QStringLiteral("vendor"), vendor);
    o.insert(QStringLiteral("image_url"), imageUrl);
    o.insert(QStringLiteral("product_url"), productUrl);
    o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
    o.insert(QStringLiteral("keywords"), QJsonArray::fromStringList(keywords));
    o.insert(QStringLiteral("raw_data"), rawRecordObject(rawData));
    o.insert(QStringLiteral("trend_id"), trendId ? QJsonValue(*trendId) : QJsonValue());
    o.insert(QStringLiteral("source_id"), sourceId ? QJsonValue(*sourceId) : QJsonValue());
    o.insert(QStringLiteral("sponsored"), sponsored);
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("updated_at"), json::fromDateTime(updatedAt));
    o.insert(QStringLiteral("last_seen_at"), json::fromDateTime(lastSeenAt));
    return o;
}

QByteArray rawRecord(const QJsonObject &record)
{
    return record.isEmpty() ? QByteArray() : QJsonDocument(record).toJson(QJsonDocument::Compact);
}

QJsonObject rawRecordObject(const QByteArray &rawData)
{
    return rawData.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(rawData).object();
}

Product Product::fromJson(const QJsonObject &o)
{
    Product p;
    p.id = o.value(QStringLiteral("id")).toInteger();
    p.marketplace = o.value(QStringLiteral("marketplace")).toString();
    p.externalId = o.value(QStringLiteral("external_id")).toString();
    p.title = o.value(QStringLiteral("title")).toString();
    p.description = o.value(QStringLiteral("description")).toString();
    p.category = o.value(QStringLiteral("category")).toString();
    p.price = o.value(QStringLiteral("price")).toDouble();
    p.currency = o.value(QStringLiteral("currency")).toString();
    p.rating = o.value(QStringLiteral("rating")).toDouble();
    p.reviewsCount = o.value(QStringLiteral("reviews_count")).toInt();
    p.favorites = o.value(QStringLiteral("favorites")).toInt(-1);
    p.rank = o.value(QStringLiteral("rank")).toInt(-1);
    p.vendor = o.value(QStringLiteral("vendor")).toString();
    p.imageUrl = o.value(QStringLiteral("image_url")).toString();
    p.productUrl = o.value(QStringLiteral("product_url")).toString();
    p.tags = json::toStringList(o.value(QStringLiteral("tags")).toArray());
    p.keywords = json::toStringList(o.value(QStringLiteral("keywords")).toArray());
    p.rawData = rawRecord(o.value(QStringLiteral("raw_data")).toObject());
    if (o.value(QStringLiteral("trend_id")).isDouble())
        p.trendId = o.value(QStringLiteral("trend_id")).toInteger();
    if (o.value(QStringLiteral("source_id")).isDouble())
        p.sourceId = o.value(QStringLiteral("source_id")).toInteger();
    p.sponsored = o.value(QStringLiteral("sponsored")).toBool();
    p.createdAt = json::dateTimeFrom(o.value(QStringLiteral("created_at")).toString());
    p.updatedAt = json::dateTimeFrom(o.value(QStringLiteral("updated_at")).toString());
    p.lastSeenAt = json::dateTimeFrom(o.value(QStringLiteral("last_seen_at")).toString());
    return p;
}

QJsonObject ProductSnapshot::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("product_id"), productId);
    o.insert(QStringLiteral("price"), price);
    o.insert(QStringLiteral("rating"), rating);
    o.insert(QStringLiteral("reviews_count"), reviewsCount);
    o.insert(QStringLiteral("rank"), rank < 0 ? QJsonValue() : QJsonValue(rank));
    o.insert(QStringLiteral("favorites"), favorites < 0 ? QJsonValue() : QJsonValue(favorites));
    o.insert(QStringLiteral("result_count"), resultCount < 0 ? QJsonValue() : QJsonValue(resultCount));
    o.insert(QStringLiteral("scraped_at"), json::fromDateTime(scrapedAt));
    return o;
}

} // namespace podtrends::core
