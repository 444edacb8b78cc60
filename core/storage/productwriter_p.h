#pragma once

// ProductWriter's transactions (internal to productwriter*.cpp).

#include "productwriter.h"

namespace podtrends::core {

/**
 * A write transaction. On SQLite it begins IMMEDIATE, so it waits (the busy timeout) for another
 * writer before it reads anything: a deferred one reads (the highest id) and then writes, and
 * when another connection holds the write lock at that moment SQLite answers "database is
 * locked" at once instead of waiting, since the snapshot it read could be stale. A scrape then
 * failed while the app's analysis or a second process wrote for a moment. PostgreSQL: BEGIN.
 */
class ProductWriter::WriteTransaction final
{
public:
    Q_DISABLE_COPY_MOVE(WriteTransaction)
    explicit WriteTransaction(QSqlDatabase db);
    ~WriteTransaction();
    bool active() const { return m_active; }
    QString beginError() const { return m_beginError; }
    Status commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QString m_beginError;
};

} // namespace podtrends::core
