#pragma once

#include <core/jobs/jobworker.h>
#include <core/storage/database.h>
#include <ui/services.h>

#include <QObject>

#include <memory>

namespace podtrends::core {
class ChangeNotifier;
class Workspace;
}

namespace podtrends::app {

/** How a process uses its service layer. */
struct ServiceLayerOptions
{
    /** The scheduler runs due sources (the window); off for commands and tests. */
    bool schedule = false;
    /** Watches the database for other programs' writes (changes()); the window only. */
    bool watchChanges = false;
};

/**
 * The composition root of one open database: the one object that builds and owns scraping
 * (ScrapeService), scheduling (Scheduler), analysis (AnalysisRunner), design generation and
 * design actions (DesignGenerator, DesignService), publishing (PublishQueue), the REST server
 * (RestService) and the job worker (JobWorker). The window, the commands, `worker` and `serve`
 * all reach the services through it. Lives on the thread that made it (GUI or main thread).
 *
 * Another database means another layer: shutDown() (also run by the destructor) cancels every
 * scrape, import, analysis and publish it owns, stops the scheduler, the REST server and the
 * worker, and waits only for the threads it owns to end; what was collected or published stays.
 */
class ServiceLayer final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ServiceLayer)
    explicit ServiceLayer(std::shared_ptr<core::Database> db, ServiceLayerOptions options = {}, QObject *parent = nullptr);
    ~ServiceLayer() override;

    std::shared_ptr<core::Database> database() const { return m_set.database; }
    /** The services as the window's pages see them. */
    const ui::ServiceSet &services() const { return m_set; }
    core::ScrapeService *scraping() const { return m_set.scraping; }
    core::Scheduler *scheduler() const { return m_set.scheduler; }
    core::AnalysisRunner *analysis() const { return m_set.analysis; }
    core::PublishQueue *publishing() const { return m_set.publishing; }
    core::RestService *rest() const { return m_set.rest; }
    core::DesignGenerator &generator() const { return *m_set.generator; }
    core::DesignService &designs() const { return *m_set.designs; }

    /** Builds the job worker (`podtrends worker`), one per layer, with every feature's job
     *  handlers registered; the caller connects to it and starts it. */
    core::JobWorker *createWorker(const core::JobWorkerOptions &options);
    core::JobWorker *worker() const { return m_worker; }
    /** Other connections' writes (null unless watchChanges). */
    core::ChangeNotifier *changes() const { return m_changes; }

    /** Cancels and stops everything the layer runs (idempotent). */
    void shutDown();

private:
    ui::ServiceSet m_set;
    core::JobWorker *m_worker = nullptr;
    core::ChangeNotifier *m_changes = nullptr;
    bool m_shutDown = false;
};

/**
 * The window's composition root: follows the workspace's database, builds a ServiceLayer for
 * each database that opens, hands its services to the pages (ui::Services) and then tears the
 * previous layer down.
 */
class AppServices final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(AppServices)
    explicit AppServices(core::Workspace *workspace, ServiceLayerOptions options = {}, QObject *parent = nullptr);
    ~AppServices() override;

    ui::Services *services() const { return m_services; }
    /** The layer of the open database (null while none is open). */
    ServiceLayer *layer() const { return m_layer.get(); }

private:
    void rebuild();

    core::Workspace *m_workspace;
    ServiceLayerOptions m_options;
    ui::Services *m_services;
    std::unique_ptr<ServiceLayer> m_layer;
};

} // namespace podtrends::app
