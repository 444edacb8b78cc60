#include "restservice.h"

#include <core/storage/changenotifier.h>

#include <QLoggingCategory>
#include <QPointer>
#include <QThread>

Q_DECLARE_LOGGING_CATEGORY(lcRest)

namespace podtrends::core {

RestService::RestService(std::shared_ptr<Database> db, RestServerOptions options, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_options(std::move(options))
{
}

RestService::~RestService()
{
    stop();
}

void RestService::start()
{
    if (m_thread)
        return;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("rest-api"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
    QPointer<RestService> self(this);
    QMetaObject::invokeMethod(m_context, [self, context = m_context, db = m_db, options = m_options] {
        auto *server = new RestServer(db, options, context);
        Status s = server->start();
        if (s) {
            // Responses are cached until another connection changes their table.
            auto *notifier = new ChangeNotifier(db, context);
            QObject::connect(notifier, &ChangeNotifier::changed, server, &RestServer::dataChanged);
            if (Status watched = notifier->start(); !watched) {
                qCWarning(lcRest).noquote() << watched.errorMessage();
                server->dataChanged(QString());
            }
        }
        const quint16 port = server->port();
        QMetaObject::invokeMethod(self.data(), [self, s, port] {
            if (!self)
                return;
            if (s) {
                self->m_port = port;
                Q_EMIT self->started(port);
            } else {
                self->stop();
                Q_EMIT self->failed(s.errorMessage());
            }
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void RestService::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_context = nullptr;
    const bool wasRunning = m_port != 0;
    m_port = 0;
    if (wasRunning)
        Q_EMIT stopped();
}

} // namespace podtrends::core
