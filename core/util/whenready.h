#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <type_traits>

namespace podtrends::core {

/**
 * Calls `fn(result)` (or `fn()` for QFuture<void>) on `context`'s thread, from its event loop,
 * once `future` has finished; never after `context` is destroyed, and never inside this call
 * even when the future has already finished.
 *
 * Use it instead of QFuture::then(context, …) wherever the context can go away first (a dialog
 * closed, a page torn down): in Qt 6.4 that continuation asserts the context is still alive and
 * reads a QPointer to it from the finishing thread, a race with the context's destruction.
 * Here a QFutureWatcher that is the context's child receives the answer; destroying the context
 * destroys the watcher, which detaches from the future under the future's own lock.
 *
 * `context` must be alive when this is called. Called from another thread, the watcher is made
 * by a call posted to the context, which Qt drops if the context is destroyed first.
 */
template<typename T, typename F>
void whenReady(QFuture<T> future, QObject *context, F fn)
{
    auto watch = [future, context, fn]() {
        auto *watcher = new QFutureWatcher<T>(context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, fn]() mutable {
            watcher->deleteLater();
            const QFuture<T> answered = watcher->future();
            if constexpr (std::is_void_v<T>) {
                fn();
            } else if (answered.resultCount() > 0) {
                fn(answered.result());
            }
        });
        watcher->setFuture(future);
    };
    if (QThread::currentThread() == context->thread())
        watch();
    else
        QMetaObject::invokeMethod(context, watch, Qt::QueuedConnection);
}

} // namespace podtrends::core
