#pragma once

#include <core/analysis/trendanalyzer.h>

#include <QObject>

#include <atomic>
#include <memory>

class QThreadPool;

namespace podtrends::core {

/**
 * Runs TrendAnalyzer on a pool thread for the GUI: progress and the outcome arrive as signals on
 * the runner's thread; cancel() stops at the next slice and leaves stored trends untouched.
 */
class AnalysisRunner final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(AnalysisRunner)
    explicit AnalysisRunner(QObject *parent = nullptr);
    ~AnalysisRunner() override;

    bool isRunning() const { return m_running; }
    /** Starts a run with the settings' options; ignored while one is running. */
    void start(std::shared_ptr<Database> db, QThreadPool *pool, const AnalysisOptions &options = AnalysisOptions::fromSettings());
    void cancel();

Q_SIGNALS:
    void started();
    void progress(double fraction, const QString &text);
    /** ok = false with a one-line message when it failed or was cancelled. */
    void finished(bool ok, const QString &message, const podtrends::core::AnalysisStats &stats);

private:
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::AnalysisStats)
