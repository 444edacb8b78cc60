#include "workspace.h"

#include <QThreadPool>

namespace podtrends::core {

Workspace::Workspace(QObject *parent)
    : QObject(parent)
{
}

Workspace::~Workspace() = default;

void Workspace::setDatabase(std::shared_ptr<Database> database)
{
    m_database = std::move(database);
    Q_EMIT databaseChanged();
}

QThreadPool *Workspace::pool() const
{
    return QThreadPool::globalInstance();
}

} // namespace podtrends::core
