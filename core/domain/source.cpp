#include "source.h"

#include <core/util/json.h>

namespace podtrends::core {

QJsonObject Marketplace::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("last_scraped"), json::fromDateTime(lastScraped));
    o.insert(QStringLiteral("next_scrape"), json::fromDateTime(nextScrape));
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("error_message"), errorMessage.isEmpty() ? QJsonValue() : QJsonValue(errorMessage));
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("updated_at"), json::fromDateTime(updatedAt));
    return o;
}

QString Source::scheduleKey() const
{
    const QString slot = nextScrape.isValid() ? nextScrape.toUTC().toString(Qt::ISODate) : QStringLiteral("first");
    return QStringLiteral("scrape:source-%1:%2").arg(id).arg(slot);
}

QJsonObject Source::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("marketplace"), marketplace);
    o.insert(QStringLiteral("target"), target);
    o.insert(QStringLiteral("label"), label);
    o.insert(QStringLiteral("interval_minutes"), intervalMinutes);
    o.insert(QStringLiteral("enabled"), enabled);
    o.insert(QStringLiteral("max_pages"), maxPages);
    o.insert(QStringLiteral("last_scraped"), json::fromDateTime(lastScraped));
    o.insert(QStringLiteral("next_scrape"), json::fromDateTime(nextScrape));
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("error_message"), errorMessage.isEmpty() ? QJsonValue() : QJsonValue(errorMessage));
    o.insert(QStringLiteral("items_last_run"), itemsLastRun);
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("updated_at"), json::fromDateTime(updatedAt));
    return o;
}

} // namespace podtrends::core
