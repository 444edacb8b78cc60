#pragma once

#include <core/domain/job.h>

#include <QAbstractTableModel>
#include <QWidget>

class QLabel;
class QTableView;
class QTimer;

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

/** Running, queued and recent jobs with the machine and process that runs each. */
class JobsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(JobsModel)
    enum Column { IdColumn, KindColumn, StatusColumn, ProgressColumn, MachineColumn, ProcessColumn, AttemptsColumn,
                  StartedColumn, FinishedColumn, DetailColumn, ColumnCount };
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit JobsModel(QObject *parent = nullptr);

    /** Replaces the rows; keeps the view's selection when the same jobs are shown in the same order. */
    void setJobs(const QList<core::Job> &jobs);
    const core::Job &jobAt(int row) const { return m_jobs.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** "host" and "pid#slot" from a lease owner "host:pid#slot". */
    static std::pair<QString, QString> splitOwner(const QString &owner);

private:
    QList<core::Job> m_jobs;
};

/**
 * The jobs table of the shared database: which machine runs which job, its progress and result.
 * Refreshes off the GUI thread when the workspace reports that jobs changed (another instance or
 * a worker wrote them) and every few seconds while visible.
 */
class JobsPanel final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(JobsPanel)
    explicit JobsPanel(core::Workspace *workspace, QWidget *parent = nullptr);

    JobsModel *model() const { return m_model; }
    /** Reloads now (asynchronously); refreshed() follows. */
    void refresh();

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    core::Workspace *m_workspace;
    JobsModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QTimer *m_timer;
    bool m_loading = false;
    bool m_again = false;
};

} // namespace podtrends::ui
