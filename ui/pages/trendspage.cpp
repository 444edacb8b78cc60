#include "trendspage.h"

#include <core/storage/workspace.h>
#include <ui/widgets/pageheader.h>

#include <QLabel>
#include <QVBoxLayout>

namespace podtrends::ui {

TrendsPage::TrendsPage(core::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(new PageHeader(tr("Trends"), tr("Niches ranked by opportunity."), this));
    layout->addStretch(1);
}

} // namespace podtrends::ui
