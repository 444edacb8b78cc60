#include "cli.h"

#include <app/servicelayer.h>
#include <core/util/redaction.h>

#include <core/secrets/secretstore.h>
#include <core/storage/databaseconfig.h>
#include <core/storage/jobleases.h>
#include <core/util/logging.h>
#include <core/util/settings.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace podtrends::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

QString usage()
{
    QString text = Tr::tr("Usage: podtrends [--db PATH|postgres://user:pass@host:port/db] [--log-json FILE] COMMAND [options]\n"
                      "       podtrends [--db …]            open the window\n\n"
                      "Global options:\n"
                      "  --db SPEC          SQLite file path or PostgreSQL URL (default: podtrends.sqlite in the data folder)\n"
                      "  --log-json FILE    append structured JSON log lines to FILE\n"
                      "  -h, --help         show this help\n"
                      "  -v, --version      show the version\n\n"
                      "Commands:\n");
    for (const CommandInfo &c : commands())
        text += QStringLiteral("  %1\n      %2\n").arg(c.synopsis, c.summary);
    text += Tr::tr("\nExit codes: 0 success, 1 failure, 2 bad usage or input. Run \"podtrends COMMAND --help\" for a command's options.\n");
    return text;
}

const CommandInfo *findCommand(const QString &name)
{
    for (const CommandInfo &c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

} // namespace

const QList<CommandInfo> &commands()
{
    static const QList<CommandInfo> list{
        {QStringLiteral("scrape"), QStringLiteral("scrape shopify STORE_URL [--max-pages N] | etsy KEYWORDS [--limit N] | amazon KEYWORDS [--pages N]"),
         Tr::tr("collect listings from a marketplace into the database"), &scrapeCommand, true},
        {QStringLiteral("import"), QStringLiteral("import FILE_OR_DIR..."),
         Tr::tr("import saved Amazon pages, products.json, Etsy API JSON or CSV exports"), &importCommand, true},
        {QStringLiteral("analyze"), QStringLiteral("analyze"), Tr::tr("find and score niches from the stored products"), &analyzeCommand, true},
        {QStringLiteral("trends"), QStringLiteral("trends [--json] [--limit N] [--sort opportunity|overall]"), Tr::tr("list trends, best opportunity first"), &trendsCommand},
        {QStringLiteral("products"), QStringLiteral("products [--json] [--marketplace M] [--search TEXT] [--limit N]"),
         Tr::tr("list stored products"), &productsCommand},
        {QStringLiteral("generate"), QStringLiteral("generate TREND_ID [--variants N] [--provider builtin|openai]"),
         Tr::tr("generate designs for a trend"), &generateCommand, true},
        {QStringLiteral("designs"), QStringLiteral("designs [--json] [--trend ID] [--status S]"), Tr::tr("list designs"), &designsCommand},
        {QStringLiteral("publish"), QStringLiteral("publish DESIGN_ID [--printful] [--shopify]"),
         Tr::tr("publish a design to Printful and Shopify"), &publishCommand, true},
        {QStringLiteral("sources"), QStringLiteral("sources [--json]"), Tr::tr("the marketplaces and sources with their status"), &sourcesCommand},
        {QStringLiteral("worker"), QStringLiteral("worker [--concurrency N] [--kinds K,…]"), Tr::tr("run scheduled jobs from the shared database"), &workerCommand, true},
        {QStringLiteral("serve"), QStringLiteral("serve [--port N] [--bind ADDRESS]"), Tr::tr("serve the local REST API (/api/v1/…)"), &serveCommand, true},
    };
    return list;
}

bool CliContext::parse(QCommandLineParser &parser, const QString &command)
{
    parser.setApplicationDescription(findCommand(command) ? findCommand(command)->summary : QString());
    parser.addHelpOption();
    if (!parser.parse(QStringList{QStringLiteral("podtrends ") + command} + arguments)) {
        err << parser.errorText() << '\n' << Tr::tr("Usage: podtrends %1").arg(findCommand(command) ? findCommand(command)->synopsis : command) << '\n';
        err.flush();
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << Tr::tr("Usage: podtrends %1").arg(findCommand(command) ? findCommand(command)->synopsis : command) << "\n\n"
            << parser.helpText().section(QLatin1Char('\n'), 2);
        out.flush();
        return false;
    }
    return true;
}

int CliContext::fail(const QString &reason, int code)
{
    err << core::redact(reason) << '\n';
    err.flush();
    return code;
}

void CliContext::printJson(const QJsonValue &value)
{
    if (value.isArray() && value.toArray().isEmpty()) {
        out << "[]\n";
        out.flush();
        return;
    }
    QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    out.flush();
}

bool isCliInvocation(const QStringList &arguments)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--db") || a == QLatin1String("--log-json")) {
            ++i;
            continue;
        }
        if (a.startsWith(QLatin1String("--db=")) || a.startsWith(QLatin1String("--log-json=")))
            continue;
        // Qt's own GUI options (-platform, -style, …) belong to the window.
        if (a == QLatin1String("-platform") || a == QLatin1String("-style") || a == QLatin1String("-geometry")) {
            ++i;
            continue;
        }
        return true;
    }
    return false;
}

int runCli(const QStringList &arguments)
{
    // Everything the CLI prints passes the redaction, line by line (a service's error may echo
    // the request's credentials).
    core::RedactingFile outFile(stdout);
    core::RedactingFile errFile(stderr);
    QTextStream out(&outFile);
    QTextStream err(&errFile);
    QString dbSpec;
    QString logJson;
    QString commandName;
    QStringList rest;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        auto takeValue = [&](const QString &option, QString *target) -> int {
            if (a == option) {
                if (i + 1 >= arguments.size()) {
                    err << Tr::tr("Option %1 needs a value").arg(option) << '\n' << usage();
                    return 2;
                }
                *target = arguments.at(++i);
                return 1;
            }
            if (a.startsWith(option + QLatin1Char('='))) {
                *target = a.mid(option.size() + 1);
                return 1;
            }
            return 0;
        };
        int taken = takeValue(QStringLiteral("--db"), &dbSpec);
        if (taken == 0)
            taken = takeValue(QStringLiteral("--log-json"), &logJson);
        if (taken == 2)
            return 2;
        if (taken == 1)
            continue;
        if (commandName.isEmpty()) {
            if (a == QLatin1String("-h") || a == QLatin1String("--help") || a == QLatin1String("help")) {
                out << usage();
                return 0;
            }
            if (a == QLatin1String("-v") || a == QLatin1String("--version")) {
                out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
                return 0;
            }
            if (a.startsWith(QLatin1Char('-'))) {
                err << Tr::tr("Unknown option: %1").arg(a) << "\n\n" << usage();
                return 2;
            }
            commandName = a;
            continue;
        }
        rest << a;
    }
    const CommandInfo *command = findCommand(commandName);
    if (!command) {
        err << Tr::tr("Unknown command: %1").arg(commandName) << "\n\n" << usage();
        return 2;
    }
    if (!logJson.isEmpty()) {
        QString error;
        if (!core::installLogging(logJson, &error, QtWarningMsg)) {
            err << Tr::tr("Cannot write the log file %1: %2").arg(logJson, error) << '\n';
            return 2;
        }
    }
    if (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h"))) {
        CliContext ctx{nullptr, rest, out, err};
        return command->run(ctx);
    }

    if (dbSpec.isEmpty())
        dbSpec = core::settings::databaseSpec();
    auto config = core::DatabaseConfig::parse(dbSpec);
    if (!config)
        return CliContext{nullptr, rest, out, err}.fail(config.errorMessage(), 2);
    core::DatabaseConfig resolved = *config;
    core::SecretStore::fillDatabasePassword(resolved);
    auto db = core::Database::open(resolved);
    if (!db)
        return CliContext{nullptr, rest, out, err}.fail(db.errorMessage(), db.error().code == 2 ? 2 : 1);
    if (command->writes) {
        // A large file's whole check runs in the background after it opened: a writing command
        // waits for its outcome, and a damaged file is refused like a small one at open.
        if (core::Status ready = (*db)->readyForWriting(); !ready)
            return CliContext{nullptr, rest, out, err}.fail(ready.errorMessage(), 1);
        // Runs that a killed process left "running" are failed (their sources freed) before
        // anything new starts; a failure here only means they wait for the next writer.
        if (auto reaped = core::JobLeases::reap(*db); !reaped)
            qWarning().noquote() << "reaping orphaned jobs failed:" << reaped.errorMessage();
    }
    ServiceLayer services(*db);
    CliContext ctx{*db, rest, out, err, &services};
    return command->run(ctx);
}

} // namespace podtrends::app
