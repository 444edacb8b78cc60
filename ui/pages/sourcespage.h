#pragma once

#include <QWidget>

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

/** Sources page. */
class SourcesPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(SourcesPage)
    explicit SourcesPage(core::Workspace *workspace, QWidget *parent = nullptr);

private:
    core::Workspace *m_workspace;
};

} // namespace podtrends::ui
