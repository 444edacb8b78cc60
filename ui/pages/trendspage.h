#pragma once

#include <QWidget>

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

/** Trends page. */
class TrendsPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(TrendsPage)
    explicit TrendsPage(core::Workspace *workspace, QWidget *parent = nullptr);

private:
    core::Workspace *m_workspace;
};

} // namespace podtrends::ui
