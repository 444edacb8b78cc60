#include "source.h"

#include "keytable.h"

#include <core/util/json.h>

#include <QCoreApplication>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ScrapeStatus)
};

const detail::KeyTable<ScrapeStatus, 6> &statusKeys()
{
    static const detail::KeyTable<ScrapeStatus, 6> table({"idle", "running", "ok", "error", "blocked", "cancelled"});
    return table;
}
} // namespace

const QString &toKey(ScrapeStatus status)
{
    return statusKeys().key(status);
}

std::optional<ScrapeStatus> scrapeStatusFromKey(QStringView key)
{
    return statusKeys().find(key);
}

QString displayName(ScrapeStatus status)
{
    switch (status) {
    case ScrapeStatus::Idle: return Tr::tr("idle");
    case ScrapeStatus::Running: return Tr::tr("running");
    case ScrapeStatus::Ok: return Tr::tr("OK");
    case ScrapeStatus::Error: return Tr::tr("error");
    case ScrapeStatus::Blocked: return Tr::tr("blocked");
    case ScrapeStatus::Cancelled: return Tr::tr("cancelled");
    }
    return {};
}

QJsonObject MarketplaceRecord::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), toKey(marketplace));
    o.insert(QStringLiteral("last_scraped"), json::fromDateTime(lastScraped));
    o.insert(QStringLiteral("next_scrape"), json::fromDateTime(nextScrape));
    o.insert(QStringLiteral("status"), toKey(status));
    o.insert(QStringLiteral("error_message"), errorMessage.isEmpty() ? QJsonValue() : QJsonValue(errorMessage));
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("updated_at"), json::fromDateTime(updatedAt));
    return o;
}

QString Source::scheduleKey() const
{
    // A schedule compressed for a soak run (PODTRENDS_SCHEDULE_MINUTE_MS, Scheduler::minuteMs())
    // has slots less than a second apart: their keys keep the milliseconds.
    static const bool compressed = qEnvironmentVariableIsSet("PODTRENDS_SCHEDULE_MINUTE_MS");
    const QString slot = nextScrape.isValid() ? nextScrape.toUTC().toString(compressed ? Qt::ISODateWithMs : Qt::ISODate) : QStringLiteral("first");
    return QStringLiteral("scrape:source-%1:%2").arg(id).arg(slot);
}

QJsonObject Source::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("marketplace"), toKey(marketplace));
    o.insert(QStringLiteral("target"), target);
    o.insert(QStringLiteral("label"), label);
    o.insert(QStringLiteral("interval_minutes"), intervalMinutes);
    o.insert(QStringLiteral("enabled"), enabled);
    o.insert(QStringLiteral("max_pages"), maxPages);
    o.insert(QStringLiteral("last_scraped"), json::fromDateTime(lastScraped));
    o.insert(QStringLiteral("next_scrape"), json::fromDateTime(nextScrape));
    o.insert(QStringLiteral("status"), toKey(status));
    o.insert(QStringLiteral("error_message"), errorMessage.isEmpty() ? QJsonValue() : QJsonValue(errorMessage));
    o.insert(QStringLiteral("items_last_run"), itemsLastRun);
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("updated_at"), json::fromDateTime(updatedAt));
    return o;
}

} // namespace podtrends::core
