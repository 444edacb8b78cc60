#pragma once

#include <core/domain/design.h>
#include <core/storage/database.h>

#include <memory>
#include <optional>

namespace podtrends::core {

struct DesignFilter
{
    std::optional<qint64> trendId;
    std::optional<DesignStatus> status;
    int limit = -1;
    qint64 offset = 0;
};

/** Typed access to designs. Use from one thread (its connection). */
class DesignRepository final
{
public:
    explicit DesignRepository(std::shared_ptr<Database> db);

    /** Newest first. */
    Result<QList<Design>> list(const DesignFilter &filter = {});
    Result<std::optional<Design>> findById(qint64 id);
    /** Inserts and returns the new id (created_at/updated_at set to now). */
    Result<qint64> insert(const Design &design);
    /** Writes every column of an existing design. */
    Status update(const Design &design);
    Status remove(qint64 id);
    /**
     * Writes only publish_state (and status when given), so the publisher's step results
     * never overwrite edits made meanwhile to other columns.
     */
    Status updatePublishState(qint64 id, const PublishState &publishState, std::optional<DesignStatus> status = std::nullopt);

    static QString designColumns();
    static Design fromRecord(const QSqlQuery &query, int firstColumn = 0);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
