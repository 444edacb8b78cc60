#include "scrapeservice.h"

#include "etsyscraper.h"
#include "importer.h"
#include "scraperun.h"

#include <core/secrets/secretstore.h>
#include <core/storage/jobrepository.h>
#include <core/util/activitylog.h>
#include <core/util/json.h>
#include <core/util/whenready.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcService, "podtrends.scraping.service")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ScrapeService)
};
} // namespace

QJsonObject ScrapeSummary::toJson() const
{
    return core::toJson(JobResult(ScrapeJobResult(*this)));
}

ScrapeService::ScrapeService(std::shared_ptr<Database> db, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_config(ScraperConfig::defaults())
    , m_http(new HttpClient(HttpSettings::defaults(), this))
{
    qRegisterMetaType<ScrapeSummary>();
    qRegisterMetaType<ScrapeStatus>();
    qRegisterMetaType<ScrapeOutcome>();
    qRegisterMetaType<Product>();
    m_writer.setMaxThreadCount(1);
    // Keep the writer thread (and its database connection) alive between batches.
    m_writer.setExpiryTimeout(-1);
}

ScrapeService::~ScrapeService()
{
    for (const auto &flag : std::as_const(m_imports))
        flag->store(true);
    for (const QPointer<ScrapeRun> &run : std::as_const(m_runs))
        if (run)
            run->cancel();
    m_writer.waitForDone();
}

void ScrapeService::setScraperConfig(const ScraperConfig &config)
{
    m_config = config;
    m_configOverridden = true;
}

void ScrapeService::setHttpSettings(const HttpSettings &settings)
{
    m_http->setSettings(settings);
}

qint64 ScrapeService::start(const Source &source, bool recordJob)
{
    if (isRunning(source.id))
        return 0;
    ScrapeTarget target = ScrapeTarget::fromSource(source);
    target.recordJob = recordJob;
    return launch(target);
}

qint64 ScrapeService::startScheduled(const Source &source)
{
    if (isRunning(source.id))
        return 0;
    ScrapeTarget target = ScrapeTarget::fromSource(source);
    target.scheduleKey = source.scheduleKey();
    return launch(target);
}

qint64 ScrapeService::startTarget(const ScrapeTarget &target)
{
    if (target.sourceId && isRunning(*target.sourceId))
        return 0;
    return launch(target);
}

qint64 ScrapeService::launch(const ScrapeTarget &target)
{
    const qint64 runId = m_nextRunId++;
    if (Status valid = target.validate(); !valid) {
        // Report asynchronously like any other ending, so callers can connect after start().
        ScrapeSummary summary;
        summary.runId = runId;
        summary.sourceId = target.sourceId;
        summary.marketplace = target.marketplace;
        summary.target = target.target;
        summary.status = ScrapeStatus::Error;
        summary.message = valid.errorMessage();
        summary.startedAt = summary.finishedAt = QDateTime::currentDateTimeUtc();
        QTimer::singleShot(0, this, [this, summary] {
            Q_EMIT finished(summary.sourceId.value_or(0), summary.status, summary.message);
            Q_EMIT runFinished(summary);
        });
        return runId;
    }
    ScraperConfig config = m_config;
    if (!m_configOverridden)
        config = ScraperConfig::defaults(); // picks up changed settings/env for each run
    auto *run = new ScrapeRun(this, runId, target, config);
    m_runs.insert(runId, run);
    qCInfo(lcService) << "run" << runId << toKey(target.marketplace) << target.target;
    Q_EMIT started(runId, target.sourceId.value_or(0));
    run->start();
    return runId;
}

void ScrapeService::onRunFinished(qint64 runId, const ScrapeSummary &summary)
{
    if (QPointer<ScrapeRun> run = m_runs.take(runId))
        run->deleteLater();
    Q_EMIT finished(summary.sourceId.value_or(0), summary.status, summary.message);
    Q_EMIT runFinished(summary);
}

qint64 ScrapeService::importPaths(const QStringList &paths)
{
    const qint64 runId = m_nextRunId++;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_imports.insert(runId, cancel);
    Q_EMIT started(runId, 0);
    auto db = m_db;
    QPointer<ScrapeService> self(this);
    whenReady(QtConcurrent::run(&m_writer, [db, paths, cancel, runId, self] {
        JobRepository jobs(db);
        const Job job = Job::of(ImportJob{paths});
        auto jobId = jobs.begin(job);
        ScrapeSummary summary = Importer::run(db, paths, cancel.get(), [runId, self](int done, int total, int items) {
            const QString text = Tr::tr("Imported %1 of %n file(s)", nullptr, total).arg(done);
            QMetaObject::invokeMethod(self, [self, runId, items, text] {
                if (self)
                    Q_EMIT self->runProgress(runId, items, text);
            }, Qt::QueuedConnection);
        });
        summary.runId = runId;
        if (jobId) {
            summary.jobId = *jobId;
            (void)jobs.finish(*jobId, summary.status == ScrapeStatus::Ok ? JobStatus::Done
                                        : summary.status == ScrapeStatus::Cancelled ? JobStatus::Cancelled : JobStatus::Failed,
                              summary.items, summary.status == ScrapeStatus::Ok ? QString() : summary.message, ScrapeJobResult(summary));
        }
        return summary;
    }), this, [this, runId](ScrapeSummary summary) {
        m_imports.remove(runId);
        auto *log = ActivityLog::instance();
        const QString text = Tr::tr("Import: %n product(s) from %1 file(s)", nullptr, summary.items).arg(summary.pages)
            + (summary.message.isEmpty() ? QString() : QStringLiteral(" — ") + summary.message);
        log->add(summary.status == ScrapeStatus::Ok && summary.skipped == 0 ? ActivityEntry::Level::Info
                 : summary.status == ScrapeStatus::Ok                        ? ActivityEntry::Level::Warning
                                                                             : ActivityEntry::Level::Error,
                 Tr::tr("Import"), text);
        if (summary.items > 0)
            Q_EMIT productsChanged();
        Q_EMIT finished(0, summary.status, summary.message);
        Q_EMIT runFinished(summary);
    });
    return runId;
}

void ScrapeService::cancel(qint64 sourceId)
{
    for (const QPointer<ScrapeRun> &run : std::as_const(m_runs))
        if (run && run->sourceId() == sourceId && sourceId != 0)
            run->cancel();
}

void ScrapeService::cancelRun(qint64 runId)
{
    if (QPointer<ScrapeRun> run = m_runs.value(runId))
        run->cancel();
    if (auto flag = m_imports.value(runId))
        flag->store(true);
}

void ScrapeService::cancelAll()
{
    for (const QPointer<ScrapeRun> &run : std::as_const(m_runs))
        if (run)
            run->cancel();
    for (const auto &flag : std::as_const(m_imports))
        flag->store(true);
}

bool ScrapeService::isRunning(qint64 sourceId) const
{
    if (sourceId <= 0)
        return false;
    for (const QPointer<ScrapeRun> &run : m_runs)
        if (run && run->sourceId() == sourceId)
            return true;
    return false;
}

QList<qint64> ScrapeService::runningSources() const
{
    QList<qint64> out;
    for (const QPointer<ScrapeRun> &run : m_runs)
        if (run && run->sourceId() > 0)
            out << run->sourceId();
    return out;
}

int ScrapeService::runItems(qint64 runId) const
{
    const QPointer<ScrapeRun> run = m_runs.value(runId);
    return run ? run->items() : -1;
}

Status ScrapeService::validateEtsyKeyFormat(const QString &key)
{
    const QString k = key.trimmed();
    if (k.isEmpty())
        return Status::failure(Tr::tr("Enter the Etsy API key as keystring:shared_secret"), 2);
    const qsizetype colon = k.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == k.size() - 1)
        return Status::failure(Tr::tr("The Etsy API key must be \"keystring:shared_secret\" (Etsy requires the shared secret since February 2026)"), 2);
    if (k.contains(QLatin1Char(' ')))
        return Status::failure(Tr::tr("The Etsy API key must not contain spaces"), 2);
    return {};
}

void ScrapeService::testEtsyKey(const QString &key)
{
    auto check = [this](const QString &k) {
        if (Status s = validateEtsyKeyFormat(k); !s) {
            Q_EMIT etsyKeyTested(false, s.errorMessage());
            return;
        }
        const ScraperConfig config = m_configOverridden ? m_config : ScraperConfig::defaults();
        QUrl url = config.etsyBase;
        QString path = url.path();
        if (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        url.setPath(path + QStringLiteral("/openapi-ping"));
        QPointer<ScrapeService> self(this);
        m_http->send(EtsyScraper::request(url, k.trimmed()), [self](Result<HttpReply> r) {
            if (!self)
                return;
            if (!r) {
                Q_EMIT self->etsyKeyTested(false, Tr::tr("Etsy could not be reached: %1").arg(r.errorMessage()));
                return;
            }
            const QJsonObject o = QJsonDocument::fromJson(r->body).object();
            if (r->isSuccess()) {
                Q_EMIT self->etsyKeyTested(true, Tr::tr("Etsy accepted the key (application %1)").arg(o.value(QLatin1String("application_id")).toInteger()));
                return;
            }
            const QString server = o.value(QLatin1String("error")).toString().simplified().left(200);
            Q_EMIT self->etsyKeyTested(false, Tr::tr("Etsy refused the key (HTTP %1%2)").arg(r->status).arg(server.isEmpty() ? QString() : QStringLiteral(": ") + server));
        });
    };
    if (!key.isEmpty()) {
        check(key);
        return;
    }
    SecretStore::readAsync(SecretStore::Key::EtsyApiKey, this, [this, check](Result<QString> stored) {
        if (!stored) {
            Q_EMIT etsyKeyTested(false, stored.errorMessage());
            return;
        }
        check(*stored);
    });
}

bool ScrapeService::waitForIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (activeRunCount() > 0 && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return activeRunCount() == 0;
}

} // namespace podtrends::core
