#include "sourcetablemodel.h"

#include <ui/widgets/textcolors.h>

#include <QGuiApplication>

#include <ui/models/producttablemodel.h>

#include <QColor>
#include <QLocale>

namespace podtrends::ui {

SourceTableModel::SourceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SourceTableModel::setSources(const QList<core::Source> &sources)
{
    beginResetModel();
    m_sources = sources;
    endResetModel();
}

int SourceTableModel::rowOf(qint64 sourceId) const
{
    for (int i = 0; i < m_sources.size(); ++i)
        if (m_sources.at(i).id == sourceId)
            return i;
    return -1;
}

core::Source SourceTableModel::source(int row) const
{
    return row >= 0 && row < m_sources.size() ? m_sources.at(row) : core::Source{};
}

void SourceTableModel::setProgress(qint64 sourceId, int percent, const QString &text)
{
    m_progress.insert(sourceId, Running{std::clamp(percent, -1, 100), text});
    const int row = rowOf(sourceId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SourceTableModel::clearProgress(qint64 sourceId)
{
    if (!m_progress.remove(sourceId))
        return;
    const int row = rowOf(sourceId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int SourceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sources.size());
}

int SourceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SourceTableModel::intervalText(int minutes)
{
    if (minutes <= 0)
        return tr("manual only");
    if (minutes == 24 * 60)
        return tr("every day");
    if (minutes % (24 * 60) == 0)
        return tr("every %1 days").arg(minutes / (24 * 60));
    if (minutes == 60)
        return tr("every hour");
    if (minutes % 60 == 0)
        return tr("every %1 hours").arg(minutes / 60);
    return tr("every %1 minutes").arg(minutes);
}

QString SourceTableModel::statusText(core::ScrapeStatus status)
{
    switch (status) {
    case core::ScrapeStatus::Idle: return tr("Not run yet");
    case core::ScrapeStatus::Running: return tr("Running");
    case core::ScrapeStatus::Ok: return tr("OK");
    case core::ScrapeStatus::Error: return tr("Error");
    case core::ScrapeStatus::Blocked: return tr("Blocked");
    case core::ScrapeStatus::Cancelled: return tr("Cancelled");
    }
    return {};
}

static QString when(const QDateTime &time)
{
    return formatWhen(time);
}

QVariant SourceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::Source &s = m_sources.at(index.row());
    const auto running = m_progress.constFind(s.id);
    const bool isRunning = running != m_progress.cend();
    switch (role) {
    case IdRole: return s.id;
    case RunningRole: return isRunning;
    case ProgressRole: return isRunning ? QVariant(running->percent) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return s.label.isEmpty() ? s.target : s.label;
        case Marketplace: return core::displayName(s.marketplace);
        case Interval: return intervalText(s.intervalMinutes);
        case Enabled: return s.enabled ? tr("On") : tr("Paused");
        case Status: return isRunning ? statusText(core::ScrapeStatus::Running) : statusText(s.status);
        case LastRun:
            if (s.lastScraped.isValid())
                return when(s.lastScraped);
            // A run that failed before collecting anything still ran.
            if ((s.status == core::ScrapeStatus::Error || s.status == core::ScrapeStatus::Blocked) && s.updatedAt.isValid())
                return tr("failed %1").arg(when(s.updatedAt));
            return tr("never");
        case NextRun:
            if (!s.enabled)
                return tr("paused");
            return s.nextScrape.isValid() && s.nextScrape > QDateTime::currentDateTimeUtc() ? when(s.nextScrape) : tr("due now");
        case Items: return s.lastScraped.isValid() ? QLocale().toString(s.itemsLastRun) : QString();
        case Progress:
            if (isRunning)
                return running->text.isEmpty() ? (running->percent < 0 ? tr("Working\u2026") : QStringLiteral("%1%").arg(running->percent))
                                               : running->text;
            return {};
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == LastRun && s.lastScraped.isValid())
            return QLocale().toString(s.lastScraped.toLocalTime(), QLocale::LongFormat);
        if (index.column() == NextRun && s.nextScrape.isValid())
            return QLocale().toString(s.nextScrape.toLocalTime(), QLocale::LongFormat);
        if (index.column() == Status && !s.errorMessage.isEmpty())
            return s.errorMessage;
        if (index.column() == Name)
            return s.target;
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status && !isRunning) {
            if (s.status == core::ScrapeStatus::Error || s.status == core::ScrapeStatus::Blocked)
                return errorTextColor(QGuiApplication::palette());
            if (s.status == core::ScrapeStatus::Ok)
                return successTextColor(QGuiApplication::palette());
        }
        if (!s.enabled && index.column() != Name)
            return QColor(Qt::gray);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Items)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case RawRole:
        switch (index.column()) {
        case Name: return s.label.isEmpty() ? s.target : s.label;
        case Marketplace: return core::toKey(s.marketplace);
        case Interval: return s.intervalMinutes;
        case Enabled: return s.enabled;
        case Status: return core::toKey(s.status);
        case LastRun: return s.lastScraped;
        case NextRun: return s.nextScrape;
        case Items: return s.itemsLastRun;
        case Progress: return isRunning ? QVariant(running->percent) : QVariant();
        default: return {};
        }
    default: return {};
    }
}

QVariant SourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Store or search");
    case Marketplace: return tr("Marketplace");
    case Interval: return tr("Schedule");
    case Enabled: return tr("Enabled");
    case Status: return tr("Status");
    case LastRun: return tr("Last run");
    case NextRun: return tr("Next run");
    case Items: return tr("Items");
    case Progress: return tr("Progress");
    default: return {};
    }
}

} // namespace podtrends::ui
