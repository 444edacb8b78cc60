// products, sources, trends and designs: read-only listings over the repositories.
#include "cli.h"

#include <core/storage/designrepository.h>
#include <core/storage/productqueries.h>
#include <core/storage/sourcerepository.h>
#include <core/storage/trendrepository.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace podtrends::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

bool readLimit(CliContext &ctx, const QCommandLineParser &parser, int *limit)
{
    if (!parser.isSet(QStringLiteral("limit")))
        return true;
    bool ok = false;
    *limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || *limit < 0) {
        ctx.fail(Tr::tr("--limit takes a whole number of 0 or more"), 2);
        return false;
    }
    return true;
}

} // namespace

int productsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), Tr::tr("print JSON")});
    parser.addOption({QStringLiteral("marketplace"), Tr::tr("only this marketplace"), QStringLiteral("M")});
    parser.addOption({QStringLiteral("search"), Tr::tr("words in title, tags or vendor"), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("category"), Tr::tr("only this category"), QStringLiteral("C")});
    parser.addOption({QStringLiteral("limit"), Tr::tr("at most N products"), QStringLiteral("N")});
    if (!ctx.parse(parser, QStringLiteral("products")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    core::ProductFilter filter;
    filter.marketplace = parser.value(QStringLiteral("marketplace"));
    filter.search = parser.value(QStringLiteral("search"));
    filter.category = parser.value(QStringLiteral("category"));
    if (!readLimit(ctx, parser, &filter.limit))
        return 2;
    core::ProductQueries repo(ctx.db);
    auto products = repo.list(filter);
    if (!products)
        return ctx.fail(products.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const core::Product &p : *products)
            array.append(p.toJson());
        ctx.printJson(array);
        return 0;
    }
    for (const core::Product &p : *products)
        ctx.out << QStringLiteral("%1\t%2\t%3\t%4\t%5\n").arg(p.id).arg(p.marketplace, QString::number(p.price, 'f', 2), QString::number(p.rating, 'f', 1), p.title);
    ctx.out << Tr::tr("%n product(s)", nullptr, int(products->size())) << '\n';
    return 0;
}

int sourcesCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), Tr::tr("print JSON")});
    if (!ctx.parse(parser, QStringLiteral("sources")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    core::SourceRepository repo(ctx.db);
    auto sources = repo.list();
    if (!sources)
        return ctx.fail(sources.errorMessage());
    auto markets = repo.marketplaces();
    if (!markets)
        return ctx.fail(markets.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        // The headline value is the sources array (empty on a new database); marketplace rows
        // are included on each source as "marketplace_status".
        QHash<core::Marketplace, QJsonObject> byName;
        for (const core::MarketplaceRecord &m : *markets)
            byName.insert(m.marketplace, m.toJson());
        QJsonArray array;
        for (const core::Source &s : *sources) {
            QJsonObject o = s.toJson();
            o.insert(QStringLiteral("marketplace_status"), byName.value(s.marketplace));
            array.append(o);
        }
        ctx.printJson(array);
        return 0;
    }
    for (const core::Source &s : *sources)
        ctx.out << QStringLiteral("%1\t%2\t%3\t%4\t%5\n").arg(s.id).arg(core::toKey(s.marketplace), core::toKey(s.status), s.lastScraped.toLocalTime().toString(Qt::ISODate), s.target);
    for (const core::MarketplaceRecord &m : *markets)
        ctx.out << Tr::tr("marketplace %1: %2, last scraped %3%4\n").arg(core::toKey(m.marketplace), core::toKey(m.status), m.lastScraped.toLocalTime().toString(Qt::ISODate),
                                                                   m.errorMessage.isEmpty() ? QString() : QStringLiteral(" (") + m.errorMessage + QLatin1Char(')'));
    return 0;
}

int trendsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), Tr::tr("print JSON")});
    parser.addOption({QStringLiteral("limit"), Tr::tr("at most N trends"), QStringLiteral("N")});
    parser.addOption({QStringLiteral("category"), Tr::tr("only this category"), QStringLiteral("C")});
    parser.addOption({QStringLiteral("min-score"), Tr::tr("only trends scoring at least S overall"), QStringLiteral("S")});
    parser.addOption({QStringLiteral("sort"), Tr::tr("opportunity (default) or overall (the seed's score)"), QStringLiteral("KEY")});
    if (!ctx.parse(parser, QStringLiteral("trends")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    core::TrendFilter filter;
    const QString sort = parser.value(QStringLiteral("sort"));
    if (sort == QLatin1String("overall"))
        filter.sort = core::TrendSort::Overall;
    else if (!sort.isEmpty() && sort != QLatin1String("opportunity"))
        return ctx.fail(Tr::tr("--sort takes opportunity or overall, not \"%1\"").arg(sort), 2);
    if (!readLimit(ctx, parser, &filter.limit))
        return 2;
    filter.category = parser.value(QStringLiteral("category"));
    if (parser.isSet(QStringLiteral("min-score"))) {
        bool ok = false;
        filter.minScore = parser.value(QStringLiteral("min-score")).toDouble(&ok);
        if (!ok)
            return ctx.fail(Tr::tr("--min-score takes a number, such as 60, not \"%1\"").arg(parser.value(QStringLiteral("min-score"))), 2);
    }
    core::TrendRepository repo(ctx.db);
    auto trends = repo.list(filter);
    if (!trends)
        return ctx.fail(trends.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const core::Trend &t : *trends)
            array.append(t.toJson());
        ctx.printJson(array);
        return 0;
    }
    // id, opportunity ("-" without one), the seed's overall score, category, niche, warnings.
    for (const core::Trend &t : *trends)
        ctx.out << QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\n")
                       .arg(t.id)
                       .arg(t.opportunityScore ? QString::number(*t.opportunityScore, 'f', 1) : QStringLiteral("-"),
                            QString::number(t.overallScore, 'f', 1), t.category, t.niche, t.warnings.join(QStringLiteral("; ")));
    ctx.out << Tr::tr("%n trend(s)", nullptr, int(trends->size())) << '\n';
    return 0;
}

int designsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("json"), Tr::tr("print JSON")});
    parser.addOption({QStringLiteral("trend"), Tr::tr("only designs of this trend"), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("status"), Tr::tr("draft, ready or published"), QStringLiteral("S")});
    if (!ctx.parse(parser, QStringLiteral("designs")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    core::DesignFilter filter;
    if (parser.isSet(QStringLiteral("trend"))) {
        bool ok = false;
        filter.trendId = parser.value(QStringLiteral("trend")).toLongLong(&ok);
        if (!ok)
            return ctx.fail(Tr::tr("--trend takes a trend's id (see \"podtrends trends\"), not \"%1\"").arg(parser.value(QStringLiteral("trend"))), 2);
    }
    if (parser.isSet(QStringLiteral("status"))) {
        filter.status = core::designStatusFromKey(parser.value(QStringLiteral("status")));
        if (!filter.status)
            return ctx.fail(Tr::tr("--status takes draft, ready or published"), 2);
    }
    core::DesignRepository repo(ctx.db);
    auto designs = repo.list(filter);
    if (!designs)
        return ctx.fail(designs.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const core::Design &d : *designs)
            array.append(d.toJson());
        ctx.printJson(array);
        return 0;
    }
    for (const core::Design &d : *designs)
        ctx.out << QStringLiteral("%1\t%2\t%3\t%4\n").arg(d.id).arg(d.trendId).arg(core::toKey(d.status), d.title);
    ctx.out << Tr::tr("%n design(s)", nullptr, int(designs->size())) << '\n';
    return 0;
}

} // namespace podtrends::app
