// scrape and import: the collection commands, on the same ScrapeService the window uses.
#include "cli.h"

#include <app/servicelayer.h>
#include <core/scraping/scrapeservice.h>
#include <core/util/logging.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonObject>

namespace podtrends::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

/** Runs the service until its single run ends; returns the summary. */
core::ScrapeSummary runToEnd(core::ScrapeService &service, const std::function<qint64()> &start, bool quiet, QTextStream &err)
{
    core::ScrapeSummary result;
    bool done = false;
    QObject::connect(&service, &core::ScrapeService::runFinished, &service, [&](const core::ScrapeSummary &s) {
        result = s;
        done = true;
    });
    if (!quiet) {
        QObject::connect(&service, &core::ScrapeService::runProgress, &service, [&err](qint64, int, const QString &text) {
            err << text << '\n';
            err.flush();
        });
    }
    start();
    while (!done)
        service.waitForIdle(1000);
    // waitForIdle may return just before the final signal is processed.
    QCoreApplication::processEvents();
    return result;
}

int report(CliContext &ctx, const core::ScrapeSummary &s, bool json)
{
    if (json) {
        ctx.printJson(s.toJson());
    } else {
        if (s.kind == core::JobKind::Import)
            ctx.out << Tr::tr("Imported %1 product(s) from %2 file(s): %3 new, %4 updated; %5 file(s) skipped")
                           .arg(s.items).arg(s.pages).arg(s.inserted).arg(s.updated).arg(s.skipped)
                    << '\n';
        else
            ctx.out << Tr::tr("%1 \"%2\": %3 product(s) from %4 page(s): %5 new, %6 updated")
                           .arg(s.marketplace ? core::toKey(*s.marketplace) : QString(), s.target).arg(s.items).arg(s.pages).arg(s.inserted).arg(s.updated)
                    << '\n';
        if (s.resultCount >= 0)
            ctx.out << Tr::tr("Marketplace results for the query: %1").arg(s.resultCount) << '\n';
        ctx.out << Tr::tr("Status: %1").arg(core::toKey(s.status)) << '\n';
        ctx.out.flush();
    }
    if (s.status == core::ScrapeStatus::Ok) {
        if (!s.message.isEmpty()) {
            ctx.err << s.message << '\n';
            ctx.err.flush();
        }
        return 0;
    }
    // An import where no file could be used is bad input (exit 2, as README says), not a failure.
    const bool badInput = s.kind == core::JobKind::Import && s.status == core::ScrapeStatus::Error && s.badInput;
    return ctx.fail(s.message.isEmpty() ? Tr::tr("The run ended with status %1").arg(core::toKey(s.status)) : s.message, badInput ? 2 : 1);
}

bool readPositive(CliContext &ctx, const QCommandLineParser &parser, const QString &name, int *value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    *value = parser.value(name).toInt(&ok);
    if (!ok || *value <= 0) {
        ctx.fail(Tr::tr("--%1 takes a whole number greater than 0").arg(name), 2);
        return false;
    }
    return true;
}

} // namespace

int scrapeCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("marketplace"), Tr::tr("shopify, etsy or amazon"));
    parser.addPositionalArgument(QStringLiteral("target"), Tr::tr("the store URL (shopify) or the search keywords"));
    parser.addOption({QStringLiteral("max-pages"), Tr::tr("shopify: at most N pages of 250 products"), QStringLiteral("N")});
    parser.addOption({QStringLiteral("limit"), Tr::tr("etsy: at most N listings (default 1000, at most 12,100)"), QStringLiteral("N")});
    parser.addOption({QStringLiteral("pages"), Tr::tr("amazon: search result pages (default 3)"), QStringLiteral("N")});
    parser.addOption({QStringLiteral("product-pages"), Tr::tr("amazon: also read the first N results' product pages for their Best Sellers Rank"), QStringLiteral("N")});
    parser.addOption({QStringLiteral("json"), Tr::tr("print the run summary as JSON")});
    parser.addOption({QStringLiteral("quiet"), Tr::tr("no progress lines on stderr")});
    if (!ctx.parse(parser, QStringLiteral("scrape")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    const QStringList args = parser.positionalArguments();
    if (args.size() < 2)
        return ctx.fail(Tr::tr("Usage: podtrends scrape shopify STORE_URL | etsy KEYWORDS | amazon KEYWORDS"), 2);
    core::ScrapeTarget target;
    const auto marketplace = core::marketplaceFromKey(args.first().toLower());
    if (!marketplace)
        return ctx.fail(Tr::tr("Unknown marketplace \"%1\" (use shopify, etsy or amazon)").arg(args.first()), 2);
    target.marketplace = *marketplace;
    target.target = args.mid(1).join(QLatin1Char(' '));
    if (!readPositive(ctx, parser, QStringLiteral("max-pages"), &target.maxPages)
        || !readPositive(ctx, parser, QStringLiteral("limit"), &target.limit))
        return 2;
    int pages = 0;
    if (!readPositive(ctx, parser, QStringLiteral("pages"), &pages))
        return 2;
    if (pages > 0)
        target.maxPages = pages;
    if (parser.isSet(QStringLiteral("product-pages"))) {
        bool ok = false;
        target.productPages = parser.value(QStringLiteral("product-pages")).toInt(&ok);
        if (!ok || target.productPages < 0)
            return ctx.fail(Tr::tr("--product-pages takes a whole number of 0 or more"), 2);
    }
    if (core::Status valid = target.validate(); !valid)
        return ctx.fail(valid.errorMessage(), 2);

    core::ScrapeService &service = *ctx.services->scraping();
    const bool json = parser.isSet(QStringLiteral("json"));
    const core::ScrapeSummary summary = runToEnd(service, [&] { return service.startTarget(target); },
                                                 json || parser.isSet(QStringLiteral("quiet")), ctx.err);
    return report(ctx, summary, json);
}

int importCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("paths"), Tr::tr("files or folders (imported recursively)"), QStringLiteral("FILE_OR_DIR..."));
    parser.addOption({QStringLiteral("json"), Tr::tr("print the run summary as JSON")});
    parser.addOption({QStringLiteral("quiet"), Tr::tr("no progress lines on stderr")});
    if (!ctx.parse(parser, QStringLiteral("import")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return ctx.fail(Tr::tr("Usage: podtrends import FILE_OR_DIR..."), 2);
    for (const QString &path : paths)
        if (!QFileInfo::exists(path))
            return ctx.fail(Tr::tr("No such file or folder: %1").arg(path), 2);
    // --quiet: the reason is the one line on stderr; the activity log's copy of it (and any other
    // warning) still goes to --log-json.
    if (parser.isSet(QStringLiteral("quiet")))
        core::setStderrMinimum(QtCriticalMsg);
    core::ScrapeService &service = *ctx.services->scraping();
    const bool json = parser.isSet(QStringLiteral("json"));
    const core::ScrapeSummary summary = runToEnd(service, [&] { return service.importPaths(paths); },
                                                 json || parser.isSet(QStringLiteral("quiet")), ctx.err);
    return report(ctx, summary, json);
}

} // namespace podtrends::app
