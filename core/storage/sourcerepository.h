#pragma once

#include <core/domain/source.h>
#include <core/storage/database.h>

#include <memory>
#include <optional>

namespace podtrends::core {

/** Typed access to sources (what to scrape) and the seed's marketplaces table. */
class SourceRepository final
{
public:
    explicit SourceRepository(std::shared_ptr<Database> db);

    Result<QList<Source>> list();
    Result<std::optional<Source>> findById(qint64 id);
    /** Enabled sources whose next_scrape is null or not after `now`. */
    Result<QList<Source>> due(const QDateTime &now);
    Result<qint64> insert(const Source &source);
    Status update(const Source &source);
    Status remove(qint64 id);
    /** Records a run's outcome on the source and its marketplace row. */
    Status recordStatus(qint64 sourceId, ScrapeStatus status, const QString &errorMessage,
                        const QDateTime &lastScraped, const QDateTime &nextScrape, int items);

    Result<QList<MarketplaceRecord>> marketplaces();
    /** Creates the marketplace row when missing and sets its status. */
    Status setMarketplaceStatus(Marketplace marketplace, ScrapeStatus status, const QString &errorMessage,
                                const QDateTime &lastScraped = {}, const QDateTime &nextScrape = {});

private:
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
