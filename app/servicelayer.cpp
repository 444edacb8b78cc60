#include "servicelayer.h"

#include "jobhandlers.h"

#include <core/analysis/analysisrunner.h>
#include <core/api/restservice.h>
#include <core/api/restsettings.h>
#include <core/design/designgenerator.h>
#include <core/design/designservice.h>
#include <core/publishing/publishqueue.h>
#include <core/sample/sampleworkspace.h>
#include <core/scraping/scheduler.h>
#include <core/scraping/scrapeservice.h>
#include <core/storage/changenotifier.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>

#include <QCoreApplication>

namespace podtrends::app {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Services)
};
} // namespace

ServiceLayer::ServiceLayer(std::shared_ptr<core::Database> db, ServiceLayerOptions options, QObject *parent)
    : QObject(parent)
{
    Q_ASSERT(db);
    m_set.database = db;
    m_set.scraping = new core::ScrapeService(db, this);
    m_set.scheduler = new core::Scheduler(db, m_set.scraping, this);
    m_set.analysis = new core::AnalysisRunner(this);
    m_set.publishing = new core::PublishQueue(db, this);
    m_set.rest = new core::RestService(db, core::restsettings::options(), this);
    if (core::sampleworkspace::isSample(db->config()))
        m_set.designsFolder = core::sampleworkspace::designsFolder();
    m_set.generator = std::make_shared<core::DesignGenerator>(db);
    m_set.designs = std::make_shared<core::DesignService>(db, m_set.designsFolder);
    connect(m_set.scheduler, &core::Scheduler::checkFailed, this, [](const QString &message) {
        core::ActivityLog::instance()->error(Tr::tr("Schedule"), message);
    });
    if (options.watchChanges)
        m_changes = core::ChangeNotifier::startInThread(db, this);
    if (options.schedule)
        m_set.scheduler->start();
}

ServiceLayer::~ServiceLayer()
{
    shutDown();
}

core::JobWorker *ServiceLayer::createWorker(const core::JobWorkerOptions &options)
{
    Q_ASSERT(!m_worker);
    registerJobHandlers();
    m_worker = new core::JobWorker(m_set.database, options, this);
    return m_worker;
}

void ServiceLayer::shutDown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    // Nothing new starts, then what runs is asked to stop at its next safe point.
    m_set.scheduler->stop();
    m_set.scraping->cancelAll();
    m_set.analysis->cancel();
    m_set.publishing->cancel();
    m_set.rest->stop();
    if (m_worker && m_worker->isRunning())
        m_worker->stop();
    delete m_changes; // ends its thread
    m_changes = nullptr;
}

AppServices::AppServices(core::Workspace *workspace, ServiceLayerOptions options, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_options(options)
    , m_services(new ui::Services(workspace, this))
{
    connect(workspace, &core::Workspace::databaseChanged, this, &AppServices::rebuild);
    rebuild();
}

AppServices::~AppServices()
{
    m_services->setCurrent({});
    m_layer.reset();
}

void AppServices::rebuild()
{
    const auto db = m_workspace->database();
    if (m_layer && m_layer->database() == db)
        return;
    std::unique_ptr<ServiceLayer> previous = std::move(m_layer);
    if (previous)
        previous->shutDown();
    if (db) {
        m_layer = std::make_unique<ServiceLayer>(db, m_options);
        connect(m_layer->scraping(), &core::ScrapeService::productsChanged, m_workspace,
                [ws = m_workspace] { Q_EMIT ws->dataChanged(QStringLiteral("products")); });
        // Other apps and workers on the same database: pages refresh when they write.
        if (core::ChangeNotifier *changes = m_layer->changes())
            connect(changes, &core::ChangeNotifier::changed, m_workspace, &core::Workspace::dataChanged);
    }
    // Pages let go of the old services (aboutToChange) and take the new ones (changed)…
    m_services->setCurrent(m_layer ? m_layer->services() : ui::ServiceSet{});
    // …before the old layer is deleted.
}

} // namespace podtrends::app
