// podtrends analyze: runs the trend analysis over the stored products.
#include "cli.h"

#include <core/analysis/trendanalyzer.h>

#include <QCoreApplication>
#include <QJsonObject>

namespace podtrends::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

} // namespace

int analyzeCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), Tr::tr("print the run's figures as JSON")});
    parser.addOption({QStringLiteral("threads"), Tr::tr("worker threads (default: one per core; at most four per core, or 8)"), QStringLiteral("N")});
    parser.addOption({QStringLiteral("min-products"), Tr::tr("products a niche needs (default 3)"), QStringLiteral("N")});
    if (!ctx.parse(parser, QStringLiteral("analyze")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    core::AnalysisOptions options = core::AnalysisOptions::fromSettings();
    for (const auto &[name, target] : {std::pair{QStringLiteral("threads"), &options.threads},
                                       std::pair{QStringLiteral("min-products"), &options.minProducts}}) {
        if (!parser.isSet(name))
            continue;
        bool ok = false;
        *target = parser.value(name).toInt(&ok);
        if (!ok || *target < 1)
            return ctx.fail(Tr::tr("--%1 takes a whole number of 1 or more").arg(name), 2);
    }
    core::TrendAnalyzer analyzer(ctx.db, options);
    auto stats = analyzer.run();
    if (!stats)
        return ctx.fail(stats.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        ctx.printJson(stats->toJson());
        return 0;
    }
    ctx.out << Tr::tr("Analysed %1 products: %2 trends (%3 new, %4 updated, %5 removed); %6 products belong to a trend.")
                   .arg(stats->products)
                   .arg(stats->trends)
                   .arg(stats->saved.inserted)
                   .arg(stats->saved.updated)
                   .arg(stats->saved.deleted)
                   .arg(stats->assignedProducts)
            << '\n';
    ctx.out << Tr::tr("Time: read %1 ms, compute %2 ms, write %3 ms.").arg(stats->readMs).arg(stats->computeMs).arg(stats->writeMs) << '\n';
    if (stats->trends == 0 && stats->products > 0)
        ctx.out << Tr::tr("No niche has %1 or more products yet: collect more listings and run analyze again.").arg(options.minProducts) << '\n';
    return 0;
}

} // namespace podtrends::app
