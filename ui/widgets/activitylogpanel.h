#pragma once

#include <core/util/activitylog.h>

#include <QWidget>

class QTreeWidget;

namespace podtrends::ui {

/** The user-facing activity log: time, area and message, errors highlighted. */
class ActivityLogPanel final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ActivityLogPanel)
    explicit ActivityLogPanel(QWidget *parent = nullptr);

private:
    void append(const core::ActivityEntry &entry);
    QTreeWidget *m_list;
};

} // namespace podtrends::ui
