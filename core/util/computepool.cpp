#include "computepool.h"

#include <QCoreApplication>
#include <QMutex>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <utility>

namespace podtrends::core {

namespace {
QMutex s_mutex;
QThreadPool *s_compute = nullptr;
QThreadPool *s_parse = nullptr;
bool s_destroyRegistered = false; ///< destroyPools() waits for the running application's end

void destroyPools()
{
    QThreadPool *compute = nullptr;
    QThreadPool *parse = nullptr;
    {
        QMutexLocker lock(&s_mutex);
        compute = std::exchange(s_compute, nullptr);
        parse = std::exchange(s_parse, nullptr);
        s_destroyRegistered = false;
    }
    // Each waits for its running tasks, then joins its threads.
    delete parse;
    delete compute;
}

// Called with s_mutex held.
QThreadPool *poolAt(QThreadPool **slot, const QString &name, int threads)
{
    if (!*slot) {
        // Destroyed (its threads joined) by the application's destructor, whichever thread
        // asked first: the first caller may be a job worker's thread.
        auto *pool = new QThreadPool;
        pool->setObjectName(name);
        pool->setMaxThreadCount(std::max(1, threads));
        if (QCoreApplication *app = QCoreApplication::instance()) {
            pool->moveToThread(app->thread());
            if (!std::exchange(s_destroyRegistered, true))
                qAddPostRoutine(&destroyPools);
        }
        *slot = pool;
    }
    return *slot;
}
} // namespace

QThreadPool *computePool()
{
    QMutexLocker lock(&s_mutex);
    return poolAt(&s_compute, QStringLiteral("compute"), QThread::idealThreadCount());
}

QThreadPool *parsePool()
{
    QMutexLocker lock(&s_mutex);
    return poolAt(&s_parse, QStringLiteral("parse"), QThread::idealThreadCount() - 1);
}

} // namespace podtrends::core
