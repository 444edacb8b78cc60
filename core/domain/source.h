#pragma once

#include <QDateTime>
#include <QJsonObject>

namespace podtrends::core {

/** Scrape status shared by marketplaces and sources. */
namespace ScrapeStatus {
inline const QString Idle = QStringLiteral("idle");
inline const QString Running = QStringLiteral("running");
inline const QString Ok = QStringLiteral("ok");
inline const QString Error = QStringLiteral("error");
inline const QString Blocked = QStringLiteral("blocked");
} // namespace ScrapeStatus

/** The seed's marketplaces table: one row per marketplace name. */
struct Marketplace
{
    qint64 id = 0;
    QString name;
    QDateTime lastScraped;
    QDateTime nextScrape;
    QString status = ScrapeStatus::Idle;
    QString errorMessage;
    QDateTime createdAt;
    QDateTime updatedAt;

    QJsonObject toJson() const;
};

/** What to scrape and how often. */
struct Source
{
    qint64 id = 0;
    QString marketplace;     ///< "shopify", "etsy", "amazon"
    QString target;          ///< store URL (Shopify) or keywords (Etsy, Amazon)
    QString label;
    int intervalMinutes = 360;
    bool enabled = true;
    int maxPages = 0;        ///< 0: the scraper's default
    QDateTime lastScraped;
    QDateTime nextScrape;
    QString status = ScrapeStatus::Idle;
    QString errorMessage;
    int itemsLastRun = 0;
    QDateTime createdAt;
    QDateTime updatedAt;

    QJsonObject toJson() const;
    /** The jobs.schedule_key of this source's due slot, "scrape:source-ID:NEXT" ("first" before its
     *  first run): whoever runs the slot, a worker or an open app, claims this key once. */
    QString scheduleKey() const;
};

} // namespace podtrends::core
