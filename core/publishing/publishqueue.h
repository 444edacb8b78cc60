#pragma once

#include <core/publishing/publisher.h>

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QQueue>
#include <QThreadPool>

#include <atomic>
#include <optional>

namespace podtrends::core {

/**
 * Publishes designs one after another on a worker thread, so several designs never race each
 * other for Printful's and Shopify's rate limits (one client pair, one pacing state). Signals are
 * delivered in the receiver's thread. Cancelling stops the current design at a safe point (its
 * finished steps stay saved) and drops the rest of the queue.
 */
class PublishQueue final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(PublishQueue)
    explicit PublishQueue(std::shared_ptr<Database> db, QObject *parent = nullptr);
    ~PublishQueue() override;

    /** Use this configuration instead of PublishConfig::load() (tests, previews). */
    void setConfig(std::optional<PublishConfig> config);
    void enqueue(qint64 designId, std::optional<PublishChoice> choice = std::nullopt);
    void cancel();
    bool isBusy() const;

Q_SIGNALS:
    void progress(const podtrends::core::PublishProgress &progress);
    /** outcome holds the saved state (ids, URLs, plan) on success; error is one readable line otherwise. */
    void designFinished(qint64 designId, bool ok, const QString &error, const podtrends::core::PublishOutcome &outcome);
    /** The queue ran empty. */
    void idle();

private:
    struct Item
    {
        qint64 designId = 0;
        std::optional<PublishChoice> choice;
    };
    void work();

    std::shared_ptr<Database> m_db;
    std::optional<PublishConfig> m_config;
    mutable QMutex m_mutex;
    QQueue<Item> m_items;
    bool m_running = false;
    std::atomic_bool m_cancel{false};
    QThreadPool m_pool;
    QFuture<void> m_worker;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::PublishProgress)
