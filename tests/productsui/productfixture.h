#pragma once

#include <core/storage/productwriter.h>

#include <QJsonArray>
#include <QStringList>
#include <QTest>

namespace podtrends::test {

/**
 * Stores `count` realistic products (a third each on Amazon, Etsy and Shopify) with two
 * snapshots each, a day apart, prices rising by 1.00 and reviews by 10 between them.
 */
inline void storeProducts(const std::shared_ptr<core::Database> &db, int count)
{
    static const QStringList words{QStringLiteral("Retro"), QStringLiteral("Cat"), QStringLiteral("Mama"),
                                   QStringLiteral("Camping"), QStringLiteral("Teacher"), QStringLiteral("Floral"),
                                   QStringLiteral("Halloween"), QStringLiteral("Fishing")};
    static const QStringList items{QStringLiteral("T-Shirt"), QStringLiteral("Mug"), QStringLiteral("Hoodie"),
                                   QStringLiteral("Poster"), QStringLiteral("Tote Bag")};
    static const QStringList markets{QStringLiteral("amazon"), QStringLiteral("etsy"), QStringLiteral("shopify")};
    QList<core::Product> batch;
    for (int i = 0; i < count; ++i) {
        core::Product p;
        p.marketplace = markets.at(i % 3);
        p.externalId = QStringLiteral("ext-%1").arg(i);
        p.title = QStringLiteral("%1 %2 %3 #%4").arg(words.at(i % words.size()), words.at((i / 8) % words.size()), items.at(i % items.size())).arg(i);
        p.category = items.at(i % items.size());
        p.price = 5.0 + (i * 37 % 4000) / 100.0;
        p.currency = QStringLiteral("USD");
        p.rating = (i % 5 == 0) ? 0.0 : 3.0 + (i % 21) / 10.0;
        p.reviewsCount = i * 13 % 5000;
        p.vendor = QStringLiteral("Shop %1").arg(i % 17);
        p.productUrl = QStringLiteral("https://example.com/products/%1").arg(i);
        p.tags = {words.at(i % words.size()).toLower(), QStringLiteral("gift")};
        p.rawData = podtrends::core::rawRecord(QJsonObject{{QStringLiteral("id"), QStringLiteral("ext-%1").arg(i)},
                                {QStringLiteral("handle"), QStringLiteral("item-%1").arg(i)},
                                {QStringLiteral("variants"), QJsonArray{QJsonObject{{QStringLiteral("price"), QString::number(p.price, 'f', 2)}}}}});
        batch << p;
    }
    core::ProductWriter writer(db);
    core::UpsertOptions first;
    first.scrapedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);
    QVERIFY2(writer.upsert(batch, first).ok(), "first upsert failed");
    for (core::Product &p : batch) {
        p.price += 1.0;
        p.reviewsCount += 10;
    }
    core::UpsertOptions second;
    second.scrapedAt = first.scrapedAt.addDays(1);
    QVERIFY2(writer.upsert(batch, second).ok(), "second upsert failed");
}

} // namespace podtrends::test
