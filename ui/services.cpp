#include "services.h"

#include <core/storage/workspace.h>

namespace podtrends::ui {

Services::Services(core::Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
}

Services::~Services() = default;

QThreadPool *Services::tasks() const
{
    return m_workspace->pool();
}

void Services::setCurrent(ServiceSet services)
{
    if (m_current.database || m_current.scraping)
        Q_EMIT aboutToChange();
    m_current = std::move(services);
    Q_EMIT changed();
}

} // namespace podtrends::ui
