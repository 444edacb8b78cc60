#pragma once

#include <QWidget>

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

/** Dashboard page. */
class DashboardPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(DashboardPage)
    explicit DashboardPage(core::Workspace *workspace, QWidget *parent = nullptr);

private:
    core::Workspace *m_workspace;
};

} // namespace podtrends::ui
