#pragma once

#include <QWidget>

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

/** Designs page. */
class DesignsPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(DesignsPage)
    explicit DesignsPage(core::Workspace *workspace, QWidget *parent = nullptr);

private:
    core::Workspace *m_workspace;
};

} // namespace podtrends::ui
