#include "jobhandlers.h"

#include <core/storage/jobrepository.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QMutex>
#include <QThread>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(JobHandlers)
};

struct Registry
{
    QMutex mutex;
    QMap<JobKind, JobHandler> handlers;
};

Registry &registry()
{
    static Registry r;
    return r;
}

Result<JobResult> sleepHandler(JobContext &context)
{
    const SleepJob params = context.payloadAs<SleepJob>();
    const int ms = params.ms;
    const bool record = params.record;
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        if (context.isCancelled())
            return JobContext::cancelled();
        QThread::msleep(static_cast<unsigned long>(std::clamp<qint64>(ms - timer.elapsed(), 1, 20)));
    }
    if (record) {
        // The test's own table: one row per run, so a test can prove no job ran twice at once.
        QSqlQuery q(context.database()->connection());
        q.prepare(QStringLiteral("INSERT INTO job_runs (job_id, owner, started_at, finished_at) VALUES (?, ?, ?, ?)"));
        q.addBindValue(context.job().id);
        q.addBindValue(JobRepository::processOwnerName());
        q.addBindValue(started.toMSecsSinceEpoch());
        q.addBindValue(QDateTime::currentDateTimeUtc().toMSecsSinceEpoch());
        if (Status s = exec(q); !s)
            return s.error();
    }
    context.reportProgress(1.0, Tr::tr("Slept %1 ms").arg(ms), 1);
    return JobResult(SleepJobResult{ms});
}

} // namespace

JobContext::JobContext(Job job, std::shared_ptr<Database> db, const std::atomic<bool> *cancel,
                       std::function<void(double, const QString &, int)> progress)
    : m_job(std::move(job))
    , m_db(std::move(db))
    , m_cancel(cancel)
    , m_progress(std::move(progress))
{
}

void JobContext::reportProgress(double fraction, const QString &text, int items)
{
    if (m_progress)
        m_progress(std::clamp(fraction, 0.0, 1.0), text, items);
}

Error JobContext::cancelled()
{
    return Error{Tr::tr("Stopped before it finished"), CancelledCode};
}

namespace JobHandlers {

void registerHandler(JobKind kind, JobHandler handler)
{
    QMutexLocker lock(&registry().mutex);
    registry().handlers.insert(kind, std::move(handler));
}

void unregisterHandler(JobKind kind)
{
    QMutexLocker lock(&registry().mutex);
    registry().handlers.remove(kind);
}

JobHandler handler(JobKind kind)
{
    QMutexLocker lock(&registry().mutex);
    return registry().handlers.value(kind);
}

QList<JobKind> kinds()
{
    QMutexLocker lock(&registry().mutex);
    return registry().handlers.keys();
}

void registerBuiltinTestKinds()
{
    registerHandler(JobKind::Noop, [](JobContext &) -> Result<JobResult> { return JobResult(NoopJobResult{}); });
    registerHandler(JobKind::Sleep, &sleepHandler);
}

} // namespace JobHandlers

} // namespace podtrends::core
