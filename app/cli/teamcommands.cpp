// `podtrends worker` and `podtrends serve`: the headless processes of a team setup.
#include "cli.h"

#include <app/jobhandlers.h>
#include <app/servicelayer.h>
#include <core/api/apikeystore.h>
#include <core/api/restservice.h>
#include <core/jobs/jobhandlers.h>
#include <core/jobs/jobworker.h>
#include <core/storage/jobrepository.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace podtrends::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    // Only async-signal-safe work here: one byte into the socket the event loop watches.
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

/** Turns SIGINT/SIGTERM into a call of `stop` on the event loop's thread. */
class StopSignals final
{
public:
    Q_DISABLE_COPY_MOVE(StopSignals)
    explicit StopSignals(std::function<void()> stop)
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(g_signalFds[1], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [stop = std::move(stop)] {
            char buffer[16];
            [[maybe_unused]] const auto got = ::read(g_signalFds[1], buffer, sizeof buffer);
            stop();
        });
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
    }
    ~StopSignals()
    {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        m_notifier.reset();
        for (int &fd : g_signalFds)
            if (fd >= 0) {
                ::close(fd);
                fd = -1;
            }
    }

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

void printEvent(QTextStream &out, QJsonObject event)
{
    event.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    out << QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)) << '\n';
    out.flush();
}

QStringList kindKeys(const QList<core::JobKind> &kinds)
{
    QStringList keys;
    for (core::JobKind kind : kinds)
        keys << core::toKey(kind);
    return keys;
}

bool positiveInt(const QString &text, int *value)
{
    bool ok = false;
    *value = text.toInt(&ok);
    return ok && *value > 0;
}

} // namespace

int workerCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("concurrency"), Tr::tr("Jobs to run at once (default 1)."), QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("kinds"), Tr::tr("Comma-separated job kinds to take (default: all this program knows)."), QStringLiteral("K,…")});
    parser.addOption({QStringLiteral("lease-seconds"), Tr::tr("How long a job stays ours without a heartbeat (default 60)."), QStringLiteral("S"), QStringLiteral("60")});
    parser.addOption({QStringLiteral("poll-ms"), Tr::tr("How often an idle worker looks for due jobs (default 1000)."), QStringLiteral("MS"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("no-schedule"), Tr::tr("Do not queue scrapes of due sources (another worker or the app does).")});
    if (!ctx.parse(parser, QStringLiteral("worker")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;

    core::JobWorkerOptions options;
    if (!positiveInt(parser.value(QStringLiteral("concurrency")), &options.concurrency) || options.concurrency > 64)
        return ctx.fail(Tr::tr("--concurrency needs a number from 1 to 64"), 2);
    if (!positiveInt(parser.value(QStringLiteral("lease-seconds")), &options.leaseSeconds))
        return ctx.fail(Tr::tr("--lease-seconds needs a positive number"), 2);
    if (!positiveInt(parser.value(QStringLiteral("poll-ms")), &options.pollIntervalMs))
        return ctx.fail(Tr::tr("--poll-ms needs a positive number"), 2);
    registerJobHandlers(); // before the kinds are checked; the layer's worker runs them
    if (qEnvironmentVariableIntValue("PODTRENDS_TEST_JOB_KINDS") == 1)
        core::JobHandlers::registerBuiltinTestKinds();
    const QList<core::JobKind> known = core::JobHandlers::kinds();
    for (const QString &name : parser.value(QStringLiteral("kinds")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto kind = core::jobKindFromKey(name.trimmed());
        if (!kind || !known.contains(*kind))
            return ctx.fail(Tr::tr("Unknown job kind: %1 (known: %2)").arg(name.trimmed(), kindKeys(known).join(QStringLiteral(", "))), 2);
        options.kinds << *kind;
    }

    core::JobWorker &worker = *ctx.services->createWorker(options);
    if (worker.effectiveKinds().isEmpty())
        return ctx.fail(Tr::tr("This program has no job handlers to run"), 1);
    QTextStream &out = ctx.out;
    QObject::connect(&worker, &core::JobWorker::jobStarted, [&out](const core::Job &job) {
        printEvent(out, {{QStringLiteral("event"), QStringLiteral("job_started")}, {QStringLiteral("job_id"), job.id},
                         {QStringLiteral("kind"), core::toKey(job.kind)}, {QStringLiteral("owner"), job.leaseOwner}, {QStringLiteral("attempt"), job.attempts}});
    });
    QObject::connect(&worker, &core::JobWorker::jobFinished, [&out](qint64 id, core::JobKind kind, const QString &status, const QString &error, qint64 ms) {
        QJsonObject event{{QStringLiteral("event"), QStringLiteral("job_finished")}, {QStringLiteral("job_id"), id},
                          {QStringLiteral("kind"), core::toKey(kind)}, {QStringLiteral("status"), status}, {QStringLiteral("elapsed_ms"), ms}};
        if (!error.isEmpty())
            event.insert(QStringLiteral("error"), error);
        printEvent(out, event);
    });
    QObject::connect(&worker, &core::JobWorker::problem, [&out](const QString &message) {
        printEvent(out, {{QStringLiteral("event"), QStringLiteral("problem")}, {QStringLiteral("message"), message}});
    });
    QObject::connect(&worker, &core::JobWorker::stopped, QCoreApplication::instance(), [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
    StopSignals stopSignals([&worker, &out] {
        printEvent(out, {{QStringLiteral("event"), QStringLiteral("stopping")}});
        worker.stop();
    });
    printEvent(out, {{QStringLiteral("event"), QStringLiteral("worker_started")}, {QStringLiteral("owner"), core::JobRepository::processOwnerName()},
                     {QStringLiteral("kinds"), QJsonArray::fromStringList(kindKeys(worker.effectiveKinds()))}, {QStringLiteral("concurrency"), options.concurrency},
                     {QStringLiteral("lease_seconds"), options.leaseSeconds}, {QStringLiteral("database"), ctx.db->config().displayName()}});
    worker.start();
    // Every worker may queue due sources: the schedule slot key lets only one job per slot in.
    QTimer schedule;
    if (!parser.isSet(QStringLiteral("no-schedule")) && worker.effectiveKinds().contains(core::JobKind::Scrape)) {
        auto tick = [&ctx, &worker, &out] {
            auto queued = enqueueDueScrapes(ctx.db);
            if (!queued)
                printEvent(out, {{QStringLiteral("event"), QStringLiteral("problem")}, {QStringLiteral("message"), queued.errorMessage()}});
            else if (*queued > 0) {
                printEvent(out, {{QStringLiteral("event"), QStringLiteral("scheduled")}, {QStringLiteral("jobs"), *queued}});
                worker.wake();
            }
        };
        QObject::connect(&schedule, &QTimer::timeout, tick);
        schedule.start(30000);
        QTimer::singleShot(0, tick);
    }
    const int code = QCoreApplication::exec();
    printEvent(out, {{QStringLiteral("event"), QStringLiteral("worker_stopped")}});
    return code;
}

int serveCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("port"), Tr::tr("TCP port (default 8000; 0 picks a free one)."), QStringLiteral("N"), QStringLiteral("8000")});
    parser.addOption({QStringLiteral("bind"), Tr::tr("Address to listen on (default 127.0.0.1, this machine only)."), QStringLiteral("ADDRESS"), QStringLiteral("127.0.0.1")});
    parser.addOption({QStringLiteral("rate-limit"), Tr::tr("Requests per second per client (default 20; 0 turns limiting off)."), QStringLiteral("N"), QStringLiteral("20")});
    parser.addOption({QStringLiteral("burst"), Tr::tr("Requests a client may send at once (default 40)."), QStringLiteral("N"), QStringLiteral("40")});
    parser.addOption({QStringLiteral("cors"), Tr::tr("Comma-separated browser origins allowed to call the API, or *."), QStringLiteral("ORIGINS")});
    parser.addOption({QStringLiteral("create-key"), Tr::tr("Create an API key with this name, print it once and exit."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("revoke-key"), Tr::tr("Revoke the API key with this id and exit."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("list-keys"), Tr::tr("List the API keys (never the keys themselves) and exit.")});
    if (!ctx.parse(parser, QStringLiteral("serve")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;

    core::ApiKeyStore keys(ctx.db);
    if (parser.isSet(QStringLiteral("create-key"))) {
        auto created = keys.create(parser.value(QStringLiteral("create-key")));
        if (!created)
            return ctx.fail(created.errorMessage(), created.error().code == 2 ? 2 : 1);
        ctx.out << created->second << '\n';
        ctx.out.flush();
        ctx.err << Tr::tr("API key %1 (id %2) created; it is shown only this once.").arg(created->first.name).arg(created->first.id) << '\n';
        return 0;
    }
    if (parser.isSet(QStringLiteral("revoke-key"))) {
        bool ok = false;
        const qint64 id = parser.value(QStringLiteral("revoke-key")).toLongLong(&ok);
        if (!ok)
            return ctx.fail(Tr::tr("--revoke-key needs a key id (see --list-keys)"), 2);
        auto existing = keys.list();
        if (!existing)
            return ctx.fail(existing.errorMessage());
        if (std::none_of(existing->cbegin(), existing->cend(), [id](const core::ApiKey &k) { return k.id == id; }))
            return ctx.fail(Tr::tr("No API key has the id %1 (see --list-keys)").arg(id), 1);
        if (core::Status s = keys.revoke(id); !s)
            return ctx.fail(s.errorMessage());
        return 0;
    }
    if (parser.isSet(QStringLiteral("list-keys"))) {
        auto list = keys.list();
        if (!list)
            return ctx.fail(list.errorMessage());
        for (const core::ApiKey &k : std::as_const(*list))
            ctx.out << k.id << '\t' << k.prefix << '\t' << k.name << '\t' << (k.revoked() ? Tr::tr("revoked") : Tr::tr("active")) << '\n';
        ctx.out.flush();
        return 0;
    }

    core::RestServerOptions options;
    int port = 0;
    bool ok = false;
    port = parser.value(QStringLiteral("port")).toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return ctx.fail(Tr::tr("--port needs a number from 0 to 65535"), 2);
    options.port = static_cast<quint16>(port);
    if (!options.address.setAddress(parser.value(QStringLiteral("bind"))))
        return ctx.fail(Tr::tr("--bind needs an IP address such as 127.0.0.1"), 2);
    options.requestsPerSecond = parser.value(QStringLiteral("rate-limit")).toDouble(&ok);
    if (!ok || options.requestsPerSecond < 0)
        return ctx.fail(Tr::tr("--rate-limit needs a number of requests per second (0 turns it off)"), 2);
    if (!positiveInt(parser.value(QStringLiteral("burst")), &options.burst))
        return ctx.fail(Tr::tr("--burst needs a positive number"), 2);
    for (const QString &origin : parser.value(QStringLiteral("cors")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.corsOrigins << origin.trimmed();

    registerJobHandlers(); // POST …/generate queues jobs; REST handlers look kinds up
    core::RestService &service = *ctx.services->rest();
    service.setOptions(options);
    int code = 0;
    QTextStream &out = ctx.out;
    QObject::connect(&service, &core::RestService::started, [&out, &options](quint16 boundPort) {
        printEvent(out, {{QStringLiteral("event"), QStringLiteral("serving")}, {QStringLiteral("address"), options.address.toString()},
                         {QStringLiteral("port"), boundPort},
                         {QStringLiteral("url"), QStringLiteral("http://%1:%2/api/v1/").arg(options.address.toString()).arg(boundPort)}});
    });
    QObject::connect(&service, &core::RestService::failed, [&ctx, &code](const QString &message) {
        code = ctx.fail(message);
        QCoreApplication::exit(code);
    });
    StopSignals stopSignals([&out] {
        printEvent(out, {{QStringLiteral("event"), QStringLiteral("stopping")}});
        QCoreApplication::exit(0);
    });
    service.start();
    const int result = QCoreApplication::exec();
    service.stop();
    return result;
}

} // namespace podtrends::app
