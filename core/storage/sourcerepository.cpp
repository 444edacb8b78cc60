#include "sourcerepository.h"
#include <core/util/redaction.h>

#include <core/util/json.h>

#include <QLoggingCategory>

namespace podtrends::core {

Q_LOGGING_CATEGORY(lcSources, "podtrends.storage.sources")

namespace {

const QString kSourceColumns = QStringLiteral(
    "id, marketplace, target, label, interval_minutes, enabled, max_pages, last_scraped, next_scrape, status, "
    "error_message, items_last_run, created_at, updated_at");

// A row whose marketplace this version does not know (written by hand or by a newer version) is
// left out of the lists, with a warning, and stays in the table untouched.
std::optional<Source> sourceFrom(const QSqlQuery &q)
{
    Source s;
    s.id = q.value(0).toLongLong();
    const auto marketplace = marketplaceFromKey(q.value(1).toString());
    if (!marketplace) {
        qCWarning(lcSources) << "source" << s.id << "names an unknown marketplace" << q.value(1).toString() << "- skipped";
        return std::nullopt;
    }
    s.marketplace = *marketplace;
    s.target = q.value(2).toString();
    s.label = q.value(3).toString();
    s.intervalMinutes = q.value(4).toInt();
    s.enabled = q.value(5).toBool();
    s.maxPages = q.value(6).toInt();
    s.lastScraped = json::dateTimeFrom(q.value(7));
    s.nextScrape = json::dateTimeFrom(q.value(8));
    s.status = scrapeStatusFromKey(q.value(9).toString()).value_or(ScrapeStatus::Idle);
    s.errorMessage = q.value(10).toString();
    s.itemsLastRun = q.value(11).toInt();
    s.createdAt = json::dateTimeFrom(q.value(12));
    s.updatedAt = json::dateTimeFrom(q.value(13));
    return s;
}

QVariant nullableTime(const QDateTime &dt)
{
    return dt.isValid() ? QVariant(dt.toUTC()) : QVariant(QMetaType(QMetaType::QDateTime));
}

} // namespace

SourceRepository::SourceRepository(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

Result<QList<Source>> SourceRepository::list()
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT ") + kSourceColumns + QStringLiteral(" FROM sources ORDER BY id")))
        return Error{describeSqlError(q), 1};
    QList<Source> out;
    while (q.next())
        if (auto s = sourceFrom(q))
            out << *s;
    return out;
}

Result<std::optional<Source>> SourceRepository::findById(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT ") + kSourceColumns + QStringLiteral(" FROM sources WHERE id = ?"));
    q.addBindValue(id);
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<Source>();
    return sourceFrom(q);
}

Result<QList<Source>> SourceRepository::due(const QDateTime &now)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT ") + kSourceColumns
              + QStringLiteral(" FROM sources WHERE enabled = ? AND (next_scrape IS NULL OR next_scrape <= ?) ORDER BY next_scrape, id"));
    q.addBindValue(true);
    q.addBindValue(now.toUTC());
    if (Status s = exec(q); !s)
        return s.error();
    QList<Source> out;
    while (q.next())
        if (auto s = sourceFrom(q))
            out << *s;
    return out;
}

Result<qint64> SourceRepository::insert(const Source &s)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO sources (marketplace, target, label, interval_minutes, enabled, max_pages, next_scrape, "
                             "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(toKey(s.marketplace));
    q.addBindValue(s.target);
    q.addBindValue(s.label);
    q.addBindValue(s.intervalMinutes);
    q.addBindValue(s.enabled);
    q.addBindValue(s.maxPages);
    q.addBindValue(nullableTime(s.nextScrape));
    q.addBindValue(toKey(s.status));
    q.addBindValue(now);
    q.addBindValue(now);
    if (Status st = exec(q); !st)
        return st.error();
    q.next();
    return q.value(0).toLongLong();
}

Status SourceRepository::update(const Source &s)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE sources SET marketplace = ?, target = ?, label = ?, interval_minutes = ?, enabled = ?, "
                             "max_pages = ?, next_scrape = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(toKey(s.marketplace));
    q.addBindValue(s.target);
    q.addBindValue(s.label);
    q.addBindValue(s.intervalMinutes);
    q.addBindValue(s.enabled);
    q.addBindValue(s.maxPages);
    q.addBindValue(nullableTime(s.nextScrape));
    q.addBindValue(QDateTime::currentDateTimeUtc());
    q.addBindValue(s.id);
    return exec(q);
}

Status SourceRepository::remove(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("DELETE FROM sources WHERE id = ?"));
    q.addBindValue(id);
    return exec(q);
}

Status SourceRepository::recordStatus(qint64 sourceId, ScrapeStatus status, const QString &errorMessage,
                                      const QDateTime &lastScraped, const QDateTime &nextScrape, int items)
{
    QSqlDatabase db = m_db->connection();
    Transaction tx(db);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE sources SET status = ?, error_message = ?, last_scraped = COALESCE(?, last_scraped), "
                             "next_scrape = COALESCE(?, next_scrape), items_last_run = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(toKey(status));
    q.addBindValue(errorMessage.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(redact(errorMessage)));
    q.addBindValue(nullableTime(lastScraped));
    q.addBindValue(nullableTime(nextScrape));
    q.addBindValue(items);
    q.addBindValue(QDateTime::currentDateTimeUtc());
    q.addBindValue(sourceId);
    if (Status s = exec(q); !s)
        return s;
    QSqlQuery m(db);
    m.prepare(QStringLiteral("SELECT marketplace FROM sources WHERE id = ?"));
    m.addBindValue(sourceId);
    if (Status s = exec(m); !s)
        return s;
    if (m.next()) {
        const auto marketplace = marketplaceFromKey(m.value(0).toString());
        m.finish();
        if (marketplace)
            if (Status s = setMarketplaceStatus(*marketplace, status, errorMessage, lastScraped, nextScrape); !s)
                return s;
    }
    return tx.commit();
}

Result<QList<MarketplaceRecord>> SourceRepository::marketplaces()
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT id, name, last_scraped, next_scrape, status, error_message, created_at, updated_at "
                               "FROM marketplaces ORDER BY name")))
        return Error{describeSqlError(q), 1};
    QList<MarketplaceRecord> out;
    while (q.next()) {
        MarketplaceRecord m;
        m.id = q.value(0).toLongLong();
        const auto marketplace = marketplaceFromKey(q.value(1).toString());
        if (!marketplace) {
            qCWarning(lcSources) << "the marketplaces table names an unknown marketplace" << q.value(1).toString() << "- skipped";
            continue;
        }
        m.marketplace = *marketplace;
        m.lastScraped = json::dateTimeFrom(q.value(2));
        m.nextScrape = json::dateTimeFrom(q.value(3));
        m.status = scrapeStatusFromKey(q.value(4).toString()).value_or(ScrapeStatus::Idle);
        m.errorMessage = q.value(5).toString();
        m.createdAt = json::dateTimeFrom(q.value(6));
        m.updatedAt = json::dateTimeFrom(q.value(7));
        out << m;
    }
    return out;
}

Status SourceRepository::setMarketplaceStatus(Marketplace marketplace, ScrapeStatus status, const QString &errorMessage,
                                              const QDateTime &lastScraped, const QDateTime &nextScrape)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO marketplaces (name, last_scraped, next_scrape, status, error_message, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                             "last_scraped = COALESCE(excluded.last_scraped, marketplaces.last_scraped), "
                             "next_scrape = COALESCE(excluded.next_scrape, marketplaces.next_scrape), "
                             "status = excluded.status, error_message = excluded.error_message, updated_at = excluded.updated_at"));
    q.addBindValue(toKey(marketplace));
    q.addBindValue(nullableTime(lastScraped));
    q.addBindValue(nullableTime(nextScrape));
    q.addBindValue(toKey(status));
    q.addBindValue(errorMessage.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(redact(errorMessage)));
    q.addBindValue(now);
    q.addBindValue(now);
    return exec(q);
}

} // namespace podtrends::core
