// `podtrends worker` and `podtrends serve`: the headless processes of a team setup.
#include "cli.h"

#include <app/jobhandlers.h>
#include <core/jobs/jobhandlers.h>
#include <core/jobs/jobworker.h>
#include <core/storage/jobrepository.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

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
    if (!ctx.parse(parser, QStringLiteral("worker")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;

    core::JobWorkerOptions options;
    if (!positiveInt(parser.value(QStringLiteral("concurrency")), &options.concurrency) || options.concurrency > 64)
        return ctx.fail(Tr::tr("--concurrency needs a number from 1 to 64"), 2);
    if (!positiveInt(parser.value(QStringLiteral("lease-seconds")), &options.leaseSeconds))
        return ctx.fail(Tr::tr("--lease-seconds needs a positive number"), 2);
    if (!positiveInt(parser.value(QStringLiteral("poll-ms")), &options.pollIntervalMs))
        return ctx.fail(Tr::tr("--poll-ms needs a positive number"), 2);
    for (const QString &kind : parser.value(QStringLiteral("kinds")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.kinds << kind.trimmed();

    registerJobHandlers();
    if (qEnvironmentVariableIntValue("PODTRENDS_TEST_JOB_KINDS") == 1)
        core::JobHandlers::registerBuiltinTestKinds();
    const QStringList known = core::JobHandlers::kinds();
    for (const QString &kind : std::as_const(options.kinds))
        if (!known.contains(kind))
            return ctx.fail(Tr::tr("Unknown job kind: %1 (known: %2)").arg(kind, known.join(QStringLiteral(", "))), 2);

    core::JobWorker worker(ctx.db, options);
    if (worker.effectiveKinds().isEmpty())
        return ctx.fail(Tr::tr("This program has no job handlers to run"), 1);
    QTextStream &out = ctx.out;
    QObject::connect(&worker, &core::JobWorker::jobStarted, [&out](const core::Job &job) {
        printEvent(out, {{QStringLiteral("event"), QStringLiteral("job_started")}, {QStringLiteral("job_id"), job.id},
                         {QStringLiteral("kind"), job.kind}, {QStringLiteral("owner"), job.leaseOwner}, {QStringLiteral("attempt"), job.attempts}});
    });
    QObject::connect(&worker, &core::JobWorker::jobFinished, [&out](qint64 id, const QString &kind, const QString &status, const QString &error, qint64 ms) {
        QJsonObject event{{QStringLiteral("event"), QStringLiteral("job_finished")}, {QStringLiteral("job_id"), id},
                          {QStringLiteral("kind"), kind}, {QStringLiteral("status"), status}, {QStringLiteral("elapsed_ms"), ms}};
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
                     {QStringLiteral("kinds"), QJsonArray::fromStringList(worker.effectiveKinds())}, {QStringLiteral("concurrency"), options.concurrency},
                     {QStringLiteral("lease_seconds"), options.leaseSeconds}, {QStringLiteral("database"), ctx.db->config().displayName()}});
    worker.start();
    const int code = QCoreApplication::exec();
    printEvent(out, {{QStringLiteral("event"), QStringLiteral("worker_stopped")}});
    return code;
}

int serveCommand(CliContext &ctx)
{
    return ctx.fail(QCoreApplication::translate("Cli", "This command is not available in this build yet."), 1);
}

} // namespace podtrends::app
