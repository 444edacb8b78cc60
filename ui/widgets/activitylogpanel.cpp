#include "activitylogpanel.h"

#include <ui/widgets/textcolors.h>

#include <QApplication>
#include <QHeaderView>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace podtrends::ui {

ActivityLogPanel::ActivityLogPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_list = new QTreeWidget(this);
    m_list->setAccessibleName(tr("Activity log"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Time"), tr("Area"), tr("Message")});
    m_list->header()->setStretchLastSection(true);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setColumnWidth(0, 80);
    m_list->setColumnWidth(1, 110);
    layout->addWidget(m_list);
    for (const core::ActivityEntry &e : core::ActivityLog::instance()->entries())
        append(e);
    connect(core::ActivityLog::instance(), &core::ActivityLog::entryAdded, this, &ActivityLogPanel::append, Qt::QueuedConnection);
    setMinimumHeight(90);
}

void ActivityLogPanel::append(const core::ActivityEntry &entry)
{
    auto *item = new QTreeWidgetItem({entry.time.toString(QStringLiteral("HH:mm:ss")), entry.area, entry.message});
    item->setToolTip(2, entry.message);
    if (entry.level == core::ActivityEntry::Level::Error) {
        item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxCritical));
        item->setForeground(2, errorTextColor(palette()));
    } else if (entry.level == core::ActivityEntry::Level::Warning) {
        item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxWarning));
    }
    m_list->addTopLevelItem(item);
    if (m_list->topLevelItemCount() > 2000)
        delete m_list->takeTopLevelItem(0);
    m_list->scrollToItem(item);
}

} // namespace podtrends::ui
