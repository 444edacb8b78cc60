#pragma once

// Shared by the REST test and the REST benchmark's data generator: plain SQL rows that look like
// the analysis would write them.
#include <core/storage/database.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace podtrends::test {

/** Inserts a trend row and returns its id (-1 on failure). */
inline qint64 insertTrend(core::Database &db, const QString &niche, const QString &category, double score)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO trends (niche, category, demand_score, competition_score, growth_score, profitability_score, "
                             "overall_score, marketplace_counts, avg_price, price_range, target_audience, style_patterns, product_count, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    q.addBindValue(niche);
    q.addBindValue(category);
    q.addBindValue(score * 0.9);
    q.addBindValue(100 - score);
    q.addBindValue(score * 0.8);
    q.addBindValue(score * 0.7);
    q.addBindValue(score);
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("etsy"), 12}, {QStringLiteral("amazon"), 30}}).toJson(QJsonDocument::Compact)));
    q.addBindValue(21.5);
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("min"), 12.99}, {QStringLiteral("max"), 34.5}}).toJson(QJsonDocument::Compact)));
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("age_group"), QStringLiteral("25-34")},
                                                               {QStringLiteral("interests"), QStringLiteral("outdoors, coffee")}}).toJson(QJsonDocument::Compact)));
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("vintage"), 14}, {QStringLiteral("retro"), 9}}).toJson(QJsonDocument::Compact)));
    q.addBindValue(42);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace podtrends::test
