// The thread map's rules for design generation (docs/ARCHITECTURE.md), checked the way the Designs
// page runs it: the generation waits on a GUI task thread (the global pool) while its variants run
// on the process's one compute pool, which no run creates, and no thread of either pool runs an
// event loop while it waits for the AI provider's answers.
#include "designtestutil.h"
#include "fakeopenai.h"

#include <core/design/designgenerator.h>
#include <core/util/computepool.h>
#include <testenv.h>

#include <QAbstractEventDispatcher>
#include <QMutex>
#include <QScopeGuard>
#include <QSemaphore>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent>

#include <atomic>

using namespace podtrends;
using namespace podtrends::core;

class TestGenerationThreads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void variantsRunOnTheComputePoolAndNoPoolThreadWaitsInAnEventLoop()
    {
        // Every compute thread reports when its event dispatcher is about to block, i.e. when an
        // event loop (QEventLoop::exec, processEvents with WaitForMoreEvents) waits on it.
        QThreadPool *pool = computePool();
        pool->setExpiryTimeout(-1); // the threads watched here are the threads that run the variants
        const int threads = pool->maxThreadCount();
        std::atomic_int eventLoopWaits{0};
        QMutex mutex;
        QList<QThread *> watched;
        QList<QMetaObject::Connection> watches;
        const auto unwatch = qScopeGuard([&] {
            QMutexLocker lock(&mutex);
            for (const QMetaObject::Connection &watch : std::as_const(watches))
                QObject::disconnect(watch);
        });
        QSemaphore arrived;
        QSemaphore go;
        QList<QFuture<void>> holders;
        for (int i = 0; i < threads; ++i) {
            holders << QtConcurrent::run(pool, [&] {
                QThread *self = QThread::currentThread();
                QMetaObject::Connection watch;
                if (QAbstractEventDispatcher *d = self->eventDispatcher())
                    watch = QObject::connect(d, &QAbstractEventDispatcher::aboutToBlock, [&eventLoopWaits] { ++eventLoopWaits; });
                {
                    QMutexLocker lock(&mutex);
                    watched << self;
                    watches << watch;
                }
                arrived.release();
                go.acquire(); // holds the thread until every one of them is watched
            });
        }
        QVERIFY(arrived.tryAcquire(threads, 30000));
        go.release(threads);
        for (QFuture<void> &holder : holders)
            holder.waitForFinished(); // not pool->waitForDone(): that ends the pool's threads
        QCOMPARE(QSet<QThread *>(watched.cbegin(), watched.cend()).size(), threads);

        test::FakeOpenAi fake;
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        GenerateRequest request;
        request.trendId = test::insertCampingTrend(db);
        request.variants = 3;
        request.provider = QStringLiteral("openai");
        request.openai.baseUrl = fake.baseUrl();
        request.openai.apiKey = QStringLiteral("sk-test-123");
        request.openai.timeoutMs = 20000;
        request.outputRoot = dir.filePath(QStringLiteral("designs"));

        struct Step
        {
            QThread *thread;
            int computeTasks;
        };
        QList<Step> steps;
        QThread *waiting = nullptr;
        DesignGenerator generator(db);
        auto future = QtConcurrent::run(QThreadPool::globalInstance(), [&] {
            waiting = QThread::currentThread();
            if (QAbstractEventDispatcher *d = waiting->eventDispatcher()) {
                QMutexLocker lock(&mutex);
                watches << QObject::connect(d, &QAbstractEventDispatcher::aboutToBlock, [&eventLoopWaits] { ++eventLoopWaits; });
            }
            return generator.generate(request, [&](int, int, const QString &step) {
                if (step == QLatin1String("Saved"))
                    return;
                QMutexLocker lock(&mutex);
                steps << Step{QThread::currentThread(), pool->activeThreadCount()};
            });
        });
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 60000);
        const Result<GenerateReport> report = future.result();
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->designs.size(), 3);
        QCOMPARE(fake.chatRequests(), 3);
        QCOMPARE(fake.imageRequests(), 3);

        QCOMPARE(steps.size(), 6); // artwork, then print files and mockups, per variant
        // A variant still queued when the waiting thread asks for its result runs on the waiting
        // thread itself (QFuture takes a queued task over instead of blocking); never on a thread of
        // another pool.
        int onCompute = 0;
        for (const Step &s : std::as_const(steps)) {
            QVERIFY2(watched.contains(s.thread) || s.thread == waiting, "a variant ran on a thread of another pool");
            QVERIFY(s.computeTasks >= 1 || s.thread == waiting);
            onCompute += watched.contains(s.thread) ? 1 : 0;
        }
        QVERIFY(onCompute >= 4); // at least two of the three variants ran on the compute pool
        QCOMPARE(eventLoopWaits.load(), 0);
    }
};

QTEST_MAIN(TestGenerationThreads)
#include "tst_generationthreads.moc"
