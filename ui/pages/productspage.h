#pragma once

#include <QWidget>

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

/** Products page. */
class ProductsPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ProductsPage)
    explicit ProductsPage(core::Workspace *workspace, QWidget *parent = nullptr);

private:
    core::Workspace *m_workspace;
};

} // namespace podtrends::ui
