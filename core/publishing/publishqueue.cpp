#include "publishqueue.h"

#include <core/util/activitylog.h>

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcPublishQueue, "podtrends.publishing.queue")

namespace podtrends::core {

PublishQueue::PublishQueue(std::shared_ptr<Database> db, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
{
    qRegisterMetaType<podtrends::core::PublishProgress>();
    qRegisterMetaType<podtrends::core::PublishOutcome>();
    m_pool.setMaxThreadCount(1);
}

PublishQueue::~PublishQueue()
{
    cancel();
    m_worker.waitForFinished();
}

void PublishQueue::setConfig(std::optional<PublishConfig> config)
{
    QMutexLocker lock(&m_mutex);
    m_config = std::move(config);
}

bool PublishQueue::isBusy() const
{
    QMutexLocker lock(&m_mutex);
    return m_running;
}

void PublishQueue::enqueue(qint64 designId, std::optional<PublishChoice> choice)
{
    QMutexLocker lock(&m_mutex);
    m_items.enqueue(Item{designId, std::move(choice)});
    if (m_running)
        return;
    m_running = true;
    m_cancel = false;
    // Its own one-thread pool, not the shared one: the worker blocks on the network for minutes.
    m_worker = QtConcurrent::run(&m_pool, [this] { work(); });
}

void PublishQueue::cancel()
{
    QMutexLocker lock(&m_mutex);
    m_items.clear();
    if (m_running)
        m_cancel = true;
}

void PublishQueue::work()
{
    std::optional<PublishConfig> fixed;
    {
        QMutexLocker lock(&m_mutex);
        fixed = m_config;
    }
    Result<PublishConfig> config = fixed ? Result<PublishConfig>(*fixed) : PublishConfig::load();
    BlockingHttp http;
    http.setCancelFlag(&m_cancel);
    std::unique_ptr<Publisher> publisher;
    if (config) {
        publisher = std::make_unique<Publisher>(m_db, *config, &http);
        publisher->setProgressHandler([this](const PublishProgress &p) { Q_EMIT progress(p); });
    }
    for (;;) {
        Item item;
        {
            QMutexLocker lock(&m_mutex);
            if (m_items.isEmpty()) {
                m_running = false;
                break;
            }
            item = m_items.dequeue();
        }
        if (!publisher) {
            Q_EMIT designFinished(item.designId, false, config.errorMessage(), {});
            continue;
        }
        qCInfo(lcPublishQueue) << "publishing design" << item.designId;
        auto outcome = publisher->publish(item.designId, item.choice);
        if (outcome) {
            ActivityLog::instance()->info(tr("Publishing"), tr("Design %1 published (%2).")
                                                               .arg(item.designId)
                                                               .arg(QStringList{outcome->printfulUrl(), outcome->shopifyAdminUrl()}.filter(QRegularExpression(QStringLiteral("."))).join(QStringLiteral(", "))));
            Q_EMIT designFinished(item.designId, true, {}, *outcome);
        } else {
            ActivityLog::instance()->error(tr("Publishing"), tr("Design %1 was not published: %2").arg(item.designId).arg(outcome.errorMessage()));
            Q_EMIT designFinished(item.designId, false, outcome.errorMessage(), {});
        }
    }
    Q_EMIT idle();
}

} // namespace podtrends::core
