#pragma once

#include <core/storage/database.h>

#include <QSqlQuery>
#include <QTest>

#include <memory>

namespace podtrends::test {

/** Inserts a trend and a few best-selling products for it with SQL; returns the trend id. */
inline qint64 insertCampingTrend(const std::shared_ptr<core::Database> &db, const QString &niche = QStringLiteral("retro camping"))
{
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("INSERT INTO trends (niche, category, overall_score, target_audience, style_patterns, season, product_count, "
                             "created_at, updated_at) VALUES (?, 'apparel', 78.5, ?, ?, ?, 3, ?, ?) RETURNING id"));
    q.addBindValue(niche);
    q.addBindValue(QStringLiteral("{\"claims\":{\"outdoor lovers\":12,\"dads\":5}}"));
    q.addBindValue(QStringLiteral("{\"styles\":{\"retro\":14,\"vintage\":9},\"colors\":{\"orange\":7}}"));
    q.addBindValue(QStringLiteral("{\"peak_months\":[6,7]}"));
    q.addBindValue(QDateTime::currentDateTimeUtc());
    q.addBindValue(QDateTime::currentDateTimeUtc());
    if (!q.exec() || !q.next())
        qFatal("cannot insert the test trend");
    const qint64 trendId = q.value(0).toLongLong();
    const char *titles[] = {"Retro Camping Shirt Vintage Mountain Sunset Tee", "Camping Crew Funny Camper Gift T-Shirt",
                            "Happy Camper Retro 70s Outdoor Adventure Shirt"};
    int n = 0;
    for (const char *t : titles) {
        QSqlQuery p(db->connection());
        p.prepare(QStringLiteral("INSERT INTO products (marketplace, external_id, title, reviews_count, trend_id, created_at, updated_at) "
                                 "VALUES ('etsy', ?, ?, ?, ?, ?, ?)"));
        p.addBindValue(QStringLiteral("camp-%1-%2").arg(trendId).arg(++n));
        p.addBindValue(QString::fromUtf8(t));
        p.addBindValue(100 * n);
        p.addBindValue(trendId);
        p.addBindValue(QDateTime::currentDateTimeUtc());
        p.addBindValue(QDateTime::currentDateTimeUtc());
        if (!p.exec())
            qFatal("cannot insert the test products");
    }
    return trendId;
}

} // namespace podtrends::test
