#pragma once

#include <core/storage/database.h>

#include <QObject>
#include <QString>

#include <memory>

class QThreadPool;

namespace podtrends::core {
class AnalysisRunner;
class DesignGenerator;
class DesignService;
class PublishQueue;
class RestService;
class Scheduler;
class ScrapeService;
class Workspace;
}

namespace podtrends::ui {

/**
 * The services of one open database, as the composition root (app::ServiceLayer) built them.
 * Every member is null while no database is open. The QObjects live on the GUI thread and are
 * owned by the service layer; the two blocking services are shared so that a task running on a
 * pool thread keeps its own reference while the database is switched.
 */
struct ServiceSet
{
    std::shared_ptr<core::Database> database;
    core::ScrapeService *scraping = nullptr;      ///< scrapes and imports
    core::Scheduler *scheduler = nullptr;         ///< runs due sources
    core::AnalysisRunner *analysis = nullptr;     ///< finds and scores niches
    core::PublishQueue *publishing = nullptr;     ///< publishes designs one after another
    core::RestService *rest = nullptr;            ///< the local REST API (not started until asked)
    std::shared_ptr<core::DesignGenerator> generator;  ///< blocking: call on tasks()
    std::shared_ptr<core::DesignService> designs;      ///< blocking: call on tasks()
    /** Where this database's generated designs go; empty: designs/ in the data folder. The
     *  sample workspace keeps its own, so its designs never sit beside the seller's. */
    QString designsFolder;
};

/**
 * What pages and dialogs are given: the workspace, the pool for their blocking work, and the
 * services of the open database. The window and pages never build a service; the composition
 * root (app) replaces the set when another database opens: aboutToChange() while the old
 * services still exist (pages cancel what they started), changed() once the new ones are in.
 */
class Services final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(Services)
    explicit Services(core::Workspace *workspace, QObject *parent = nullptr);
    ~Services() override;

    core::Workspace *workspace() const { return m_workspace; }
    /** Blocking reads and writes started from the GUI (the global pool; never waits on itself). */
    QThreadPool *tasks() const;

    const ServiceSet &current() const { return m_current; }
    core::ScrapeService *scraping() const { return m_current.scraping; }
    core::Scheduler *scheduler() const { return m_current.scheduler; }
    core::AnalysisRunner *analysis() const { return m_current.analysis; }
    core::PublishQueue *publishing() const { return m_current.publishing; }
    core::RestService *rest() const { return m_current.rest; }
    std::shared_ptr<core::DesignGenerator> generator() const { return m_current.generator; }
    std::shared_ptr<core::DesignService> designs() const { return m_current.designs; }

    /** The composition root only: the new database's services (an empty set: none open). */
    void setCurrent(ServiceSet services);

Q_SIGNALS:
    /** The current services are about to be torn down (still valid during the signal). */
    void aboutToChange();
    /** The services of the newly opened database are in place. */
    void changed();

private:
    core::Workspace *m_workspace;
    ServiceSet m_current;
};

} // namespace podtrends::ui
