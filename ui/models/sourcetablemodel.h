#pragma once

#include <core/domain/source.h>

#include <QAbstractTableModel>
#include <QHash>

namespace podtrends::ui {

/**
 * The sources (what to scrape and how often) with their last run, next run and status, plus
 * the live progress of running scrapes. Filled by the Sources page from SourceRepository rows
 * loaded on the pool.
 */
class SourceTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(SourceTableModel)
    enum Column { Name, Marketplace, Interval, Enabled, Status, LastRun, NextRun, Items, Progress, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, ///< unformatted value
        IdRole,
        ProgressRole,               ///< 0–100, -1 busy without a known total, null when not running
        RunningRole,
    };

    explicit SourceTableModel(QObject *parent = nullptr);

    /** Replaces the rows, keeping progress of sources that are still running. */
    void setSources(const QList<core::Source> &sources);
    const QList<core::Source> &sources() const { return m_sources; }
    int rowOf(qint64 sourceId) const;
    core::Source source(int row) const;

    /** Shows a running scrape's progress (percent 0–100, or -1 when the total is unknown). */
    void setProgress(qint64 sourceId, int percent, const QString &text = {});
    /** The scrape ended: the row shows its stored status again. */
    void clearProgress(qint64 sourceId);
    bool isRunning(qint64 sourceId) const { return m_progress.contains(sourceId); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** "every 6 hours", "every 30 minutes" */
    static QString intervalText(int minutes);
    /** Translated status name ("Running", "OK", "Blocked", …). */
    static QString statusText(core::ScrapeStatus status);

private:
    struct Running
    {
        int percent = -1;
        QString text;
    };
    QList<core::Source> m_sources;
    QHash<qint64, Running> m_progress;
};

} // namespace podtrends::ui
