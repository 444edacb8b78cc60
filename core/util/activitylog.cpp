#include "activitylog.h"

#include <core/util/logging.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcActivity, "podtrends.activity")

namespace podtrends::core {

ActivityLog *ActivityLog::instance()
{
    static ActivityLog *log = [] {
        qRegisterMetaType<ActivityEntry>();
        return new ActivityLog;
    }();
    return log;
}

void ActivityLog::add(ActivityEntry::Level level, const QString &area, const QString &message)
{
    ActivityEntry entry{QDateTime::currentDateTime(), level, area, redact(message)};
    {
        QMutexLocker lock(&m_mutex);
        m_entries << entry;
        if (m_entries.size() > 5000)
            m_entries.remove(0, 1000);
    }
    if (level == ActivityEntry::Level::Error)
        qCWarning(lcActivity).noquote() << area << entry.message;
    else
        qCInfo(lcActivity).noquote() << area << entry.message;
    Q_EMIT entryAdded(entry);
}

QList<ActivityEntry> ActivityLog::entries() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries;
}

} // namespace podtrends::core
