#pragma once

#include <core/domain/marketplace.h>

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

#include <optional>

namespace podtrends::core {

/** Scrape status shared by marketplaces, sources and runs. Stored as its key ("idle", "ok", …). */
enum class ScrapeStatus : quint8 {
    Idle,      ///< never run, or the last run was cancelled
    Running,
    Ok,        ///< the last run ended normally (possibly with a partial-result warning)
    Error,
    Blocked,   ///< the marketplace refused automated requests (captcha, 503, throttling)
    Cancelled, ///< a run's outcome only: a source shows a cancelled run as idle
};

/** "idle", "running", "ok", "error", "blocked", "cancelled". */
const QString &toKey(ScrapeStatus status);
std::optional<ScrapeStatus> scrapeStatusFromKey(QStringView key);
/** A translated word for the status ("idle", "running", "OK", "error", "blocked", "cancelled"). */
QString displayName(ScrapeStatus status);

/** The seed's marketplaces table: one row per marketplace. */
struct MarketplaceRecord
{
    qint64 id = 0;
    Marketplace marketplace = Marketplace::Shopify;
    QDateTime lastScraped;
    QDateTime nextScrape;
    ScrapeStatus status = ScrapeStatus::Idle;
    QString errorMessage;
    QDateTime createdAt;
    QDateTime updatedAt;

    /** The seed's columns (`name`, `status`, …). */
    QJsonObject toJson() const;
};

/** What to scrape and how often. */
struct Source
{
    qint64 id = 0;
    Marketplace marketplace = Marketplace::Shopify;
    QString target;          ///< store URL (Shopify) or keywords (Etsy, Amazon)
    QString label;
    int intervalMinutes = 360;
    bool enabled = true;
    int maxPages = 0;        ///< 0: the scraper's default
    QDateTime lastScraped;
    QDateTime nextScrape;
    ScrapeStatus status = ScrapeStatus::Idle;
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

Q_DECLARE_METATYPE(podtrends::core::ScrapeStatus)
