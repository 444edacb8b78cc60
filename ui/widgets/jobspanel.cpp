#include "jobspanel.h"

#include <core/jobs/jobqueue.h>
#include <core/storage/workspace.h>
#include <core/util/whenready.h>
#include <ui/widgets/wording.h>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace podtrends::ui {

JobsModel::JobsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

std::pair<QString, QString> JobsModel::splitOwner(const QString &owner)
{
    const qsizetype colon = owner.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return {owner, QString()};
    return {owner.left(colon), owner.mid(colon + 1)};
}

void JobsModel::setJobs(const QList<core::Job> &jobs)
{
    bool sameRows = jobs.size() == m_jobs.size();
    for (qsizetype i = 0; sameRows && i < jobs.size(); ++i)
        sameRows = jobs.at(i).id == m_jobs.at(i).id;
    if (sameRows) {
        m_jobs = jobs;
        if (!m_jobs.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_jobs = jobs;
    endResetModel();
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_jobs.size())
        return {};
    const core::Job &j = m_jobs.at(index.row());
    const auto [machine, process] = splitOwner(j.leaseOwner);
    if (role == RawRole) {
        switch (index.column()) {
        case IdColumn: return j.id;
        case KindColumn: return core::toKey(j.kind);
        case StatusColumn: return core::toKey(j.status);
        case ProgressColumn: return j.progress;
        case MachineColumn: return machine;
        case ProcessColumn: return process;
        case AttemptsColumn: return j.attempts;
        case StartedColumn: return j.startedAt;
        case FinishedColumn: return j.finishedAt;
        case DetailColumn: return j.error.isEmpty() ? j.progressText : j.error;
        default: return {};
        }
    }
    if (role == Qt::DisplayRole) {
        auto when = [](const QDateTime &t) { return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString(); };
        switch (index.column()) {
        case IdColumn: return j.id;
        case KindColumn: return capitalised(core::displayName(j.kind));
        case StatusColumn: return capitalised(core::displayName(j.status));
        case ProgressColumn: return QStringLiteral("%1 %").arg(qRound(j.progress * 100));
        case MachineColumn: return machine.isEmpty() ? QStringLiteral("—") : machine;
        case ProcessColumn: return process;
        case AttemptsColumn: return j.attempts;
        case StartedColumn: return when(j.startedAt);
        case FinishedColumn: return when(j.finishedAt);
        case DetailColumn: return j.error.isEmpty() ? j.progressText : j.error;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == DetailColumn && !j.error.isEmpty())
        return j.error;
    if (role == Qt::TextAlignmentRole && (index.column() == IdColumn || index.column() == ProgressColumn || index.column() == AttemptsColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("Job");
    case KindColumn: return tr("Kind");
    case StatusColumn: return tr("Status");
    case ProgressColumn: return tr("Progress");
    case MachineColumn: return tr("Machine");
    case ProcessColumn: return tr("Process");
    case AttemptsColumn: return tr("Attempts");
    case StartedColumn: return tr("Started");
    case FinishedColumn: return tr("Finished");
    case DetailColumn: return tr("Details");
    default: return {};
    }
}

JobsPanel::JobsPanel(core::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new JobsModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_timer(new QTimer(this))
{
    m_view->setAccessibleName(tr("Jobs"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->setWordWrap(false); // one line per job: dates and details elide instead of doubling the row
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(JobsModel::DetailColumn, QHeaderView::Stretch);
    m_view->setAlternatingRowColors(true);
    m_summary->setText(tr("No jobs yet."));
    m_timer->setInterval(5000);
    connect(m_timer, &QTimer::timeout, this, &JobsPanel::refresh);
    connect(workspace, &core::Workspace::databaseChanged, this, &JobsPanel::refresh);
    connect(workspace, &core::Workspace::dataChanged, this, [this](const QString &table) {
        if (table.isEmpty() || table == QLatin1String("jobs"))
            refresh();
    });
    refresh();
}

void JobsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_timer->start();
    refresh();
}

void JobsPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

void JobsPanel::refresh()
{
    const auto db = m_workspace->database();
    if (!db)
        return;
    if (m_loading) {
        m_again = true; // one reload after the running one, however many requests came in
        return;
    }
    m_loading = true;
    QPointer<JobsPanel> self(this);
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db] { return core::JobQueue(db).overview(200); }), this, [self](core::Result<QList<core::Job>> jobs) {
            if (!self)
                return;
            self->m_loading = false;
            if (jobs) {
                self->m_model->setJobs(*jobs);
                int running = 0;
                QSet<QString> machines;
                for (const core::Job &j : std::as_const(*jobs)) {
                    if (j.status == core::JobStatus::Running) {
                        ++running;
                        machines.insert(JobsModel::splitOwner(j.leaseOwner).first);
                    }
                }
                self->m_summary->setText(jobs->isEmpty() ? tr("No jobs yet.")
                                                         : tr("%n job(s) running", nullptr, running) + QStringLiteral(" · ")
                                                               + tr("%n machine(s) busy", nullptr, int(machines.size())));
            } else {
                self->m_summary->setText(tr("Cannot read the jobs: %1").arg(jobs.errorMessage()));
            }
            if (self->m_again) {
                self->m_again = false;
                self->refresh();
            }
            Q_EMIT self->refreshed();
        });
}

} // namespace podtrends::ui
