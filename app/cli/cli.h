#pragma once

#include <core/storage/database.h>

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace podtrends::app {

class ServiceLayer;

/**
 * What a headless command gets: the open database, the service layer built for it (the same
 * composition root as the window's: scraping, design generation, the REST server, the job
 * worker), its arguments and the output streams.
 */
struct CliContext
{
    std::shared_ptr<core::Database> db;
    QStringList arguments;   ///< the command's own arguments (after the command name)
    QTextStream &out;
    QTextStream &err;
    ServiceLayer *services = nullptr; ///< null only for --help

    /** Parses the command's options; on bad usage prints the message and returns false. */
    bool parse(QCommandLineParser &parser, const QString &command);
    /** Prints a one-line reason on stderr and returns the exit code (1 failure, 2 bad input). */
    int fail(const QString &reason, int code = 1);
    /** Prints compact-indented JSON on stdout. */
    void printJson(const QJsonValue &value);
};

using CommandFunction = int (*)(CliContext &);

struct CommandInfo
{
    QString name;
    QString synopsis;     ///< e.g. "scrape shopify STORE_URL [--max-pages N]"
    QString summary;
    CommandFunction run = nullptr;
    /** A command that writes: it runs only on a healthy database, after the runs of ended
     *  processes are reaped (JobLeases::reap). */
    bool writes = false;
};

/** Every command, in the order --help lists them. */
const QList<CommandInfo> &commands();

/** True when the arguments ask for a headless command (or --help/--version). */
bool isCliInvocation(const QStringList &arguments);
/** Runs the command line; returns the process exit code. */
int runCli(const QStringList &arguments);

// One function per command; each lives in the file of the feature that owns it.
int productsCommand(CliContext &);
int sourcesCommand(CliContext &);
int trendsCommand(CliContext &);
int designsCommand(CliContext &);
int scrapeCommand(CliContext &);
int importCommand(CliContext &);
int analyzeCommand(CliContext &);
int generateCommand(CliContext &);
int publishCommand(CliContext &);
int workerCommand(CliContext &);
int serveCommand(CliContext &);

} // namespace podtrends::app
