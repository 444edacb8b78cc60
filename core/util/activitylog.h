#pragma once

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>

namespace podtrends::core {

/** One line the user should see: what happened, and whether they must act on it. */
struct ActivityEntry
{
    enum class Level { Info, Warning, Error };
    QDateTime time;
    Level level = Level::Info;
    QString area;     ///< "Scraping", "Analysis", "Designs", "Publishing", …
    QString message;  ///< already translated, no secrets
};

/**
 * The user-facing activity log (separate from developer logging). Thread-safe: any thread may
 * add(); the signal is delivered to receivers in their own threads.
 */
class ActivityLog final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ActivityLog)
    static ActivityLog *instance();

    void add(ActivityEntry::Level level, const QString &area, const QString &message);
    void info(const QString &area, const QString &message) { add(ActivityEntry::Level::Info, area, message); }
    void warning(const QString &area, const QString &message) { add(ActivityEntry::Level::Warning, area, message); }
    void error(const QString &area, const QString &message) { add(ActivityEntry::Level::Error, area, message); }
    QList<ActivityEntry> entries() const;

Q_SIGNALS:
    void entryAdded(const podtrends::core::ActivityEntry &entry);

private:
    ActivityLog() = default;
    mutable QMutex m_mutex;
    QList<ActivityEntry> m_entries;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::ActivityEntry)
