#include "productspage.h"

#include <core/storage/workspace.h>
#include <ui/widgets/pageheader.h>

#include <QLabel>
#include <QVBoxLayout>

namespace podtrends::ui {

ProductsPage::ProductsPage(core::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(new PageHeader(tr("Products"), tr("Every listing collected from Amazon, Etsy and Shopify."), this));
    layout->addStretch(1);
}

} // namespace podtrends::ui
