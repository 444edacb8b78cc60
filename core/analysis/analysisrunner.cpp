#include "analysisrunner.h"

#include <core/util/whenready.h>

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Analysis)
};
} // namespace

AnalysisRunner::AnalysisRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<podtrends::core::AnalysisStats>();
}

AnalysisRunner::~AnalysisRunner()
{
    if (m_cancel)
        m_cancel->store(true);
}

void AnalysisRunner::start(std::shared_ptr<Database> db, QThreadPool *pool, const AnalysisOptions &options)
{
    if (m_running || !db)
        return;
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    Q_EMIT started();
    QPointer<AnalysisRunner> self(this);
    auto cancel = m_cancel;
    auto running = QtConcurrent::run(pool, [db, options, cancel, self]() {
        TrendAnalyzer analyzer(db, options);
        return analyzer.run(cancel.get(), [self](double fraction, const QString &text) {
            // Progress comes from pool threads: hop to the runner's thread.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(), [self, fraction, text] {
                    if (self)
                        Q_EMIT self->progress(fraction, text);
                },
                Qt::QueuedConnection);
        });
    });
    // whenReady, not then(this, …): the service layer deletes the runner when another database
    // opens, possibly while a run is still finishing its last slice.
    whenReady(running, this, [self](const Result<AnalysisStats> &result) {
        if (!self)
            return;
        self->m_running = false;
        if (!result) {
            Q_EMIT self->finished(false, result.errorMessage(), {});
            return;
        }
        Q_EMIT self->finished(true, Tr::tr("%n trend(s) from %1 products", nullptr, result->trends).arg(result->products), *result);
    });
}

void AnalysisRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace podtrends::core
