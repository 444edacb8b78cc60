#pragma once

#include <core/storage/database.h>

#include <QObject>

#include <memory>

class QThreadPool;

namespace podtrends::core {

/**
 * The database the running program works on, shared by pages, services and commands.
 * Lives on the GUI (or main) thread; switching the database (Settings) emits databaseChanged.
 */
class Workspace final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(Workspace)
    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    std::shared_ptr<Database> database() const { return m_database; }
    void setDatabase(std::shared_ptr<Database> database);
    /** The pool for database, parsing and rendering work started from the GUI. */
    QThreadPool *pool() const;

Q_SIGNALS:
    void databaseChanged();
    /** Emitted after writes that other pages show (products, trends, designs, sources). */
    void dataChanged(const QString &table);

private:
    std::shared_ptr<Database> m_database;
};

} // namespace podtrends::core
