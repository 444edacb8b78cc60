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
QThreadPool *s_pool = nullptr;

void destroyPool()
{
    QThreadPool *pool = nullptr;
    {
        QMutexLocker lock(&s_mutex);
        pool = std::exchange(s_pool, nullptr);
    }
    delete pool; // waits for its running tasks, then joins its threads
}
} // namespace

QThreadPool *computePool()
{
    QMutexLocker lock(&s_mutex);
    if (!s_pool) {
        // Destroyed (its threads joined) by the application's destructor, whichever thread
        // asked first: the first caller may be a job worker's thread.
        auto *pool = new QThreadPool;
        pool->setObjectName(QStringLiteral("compute"));
        pool->setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        if (QCoreApplication *app = QCoreApplication::instance()) {
            pool->moveToThread(app->thread());
            qAddPostRoutine(&destroyPool);
        }
        s_pool = pool;
    }
    return s_pool;
}

} // namespace podtrends::core
