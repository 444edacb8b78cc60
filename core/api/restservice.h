#pragma once

#include <core/api/restserver.h>

#include <QObject>

#include <memory>

class QThread;

namespace podtrends::core {

/**
 * Runs a RestServer with its ChangeNotifier on a thread of its own, so neither the GUI nor a
 * worker waits on HTTP clients. Built by the service layer (app::ServiceLayer); Settings ("Run the REST API") and
 * `podtrends serve` start it.
 */
class RestService final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(RestService)
    RestService(std::shared_ptr<Database> db, RestServerOptions options, QObject *parent = nullptr);
    ~RestService() override;

    /** Starts the thread and binds; started() or failed() follows. */
    void start();
    /** Closes the server and ends its thread (blocks only until the thread has finished). */
    void stop();
    bool isRunning() const { return m_port != 0; }
    /** The options of the next start() (a running server keeps its own until restarted). */
    void setOptions(RestServerOptions options) { m_options = std::move(options); }
    const RestServerOptions &options() const { return m_options; }
    quint16 port() const { return m_port; }

Q_SIGNALS:
    void started(quint16 port);
    void failed(const QString &message);
    void stopped();

private:
    std::shared_ptr<Database> m_db;
    RestServerOptions m_options;
    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; // lives on m_thread; parent of the server and the notifier
    quint16 m_port = 0;
};

} // namespace podtrends::core
