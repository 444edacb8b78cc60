// generate: trend → design variants with print files and mockups (issue 5).
#include "cli.h"

#include <app/servicelayer.h>
#include <core/design/designgenerator.h>
#include <core/design/openaiprovider.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace podtrends::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

} // namespace

int generateCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("TREND_ID"), Tr::tr("the trend to design for"));
    parser.addOption({QStringLiteral("variants"), Tr::tr("how many variants (default 3)"), QStringLiteral("N"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("provider"), Tr::tr("builtin (offline, default) or openai"), QStringLiteral("NAME"),
                      QStringLiteral("builtin")});
    parser.addOption({QStringLiteral("seed"), Tr::tr("seed for a reproducible result"), QStringLiteral("N")});
    parser.addOption({QStringLiteral("output"), Tr::tr("folder for the files (default: designs/ in the data folder)"), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("json"), Tr::tr("print the stored designs as JSON")});
    if (!ctx.parse(parser, QStringLiteral("generate")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    const QStringList args = parser.positionalArguments();
    bool ok = false;
    const qint64 trendId = args.value(0).toLongLong(&ok);
    if (args.size() != 1 || !ok || trendId <= 0)
        return ctx.fail(Tr::tr("generate takes one trend id (see \"podtrends trends\")"), 2);

    core::GenerateRequest request;
    request.trendId = trendId;
    request.variants = parser.value(QStringLiteral("variants")).toInt(&ok);
    if (!ok || request.variants < 1 || request.variants > 12)
        return ctx.fail(Tr::tr("--variants takes a whole number from 1 to 12"), 2);
    request.provider = parser.value(QStringLiteral("provider"));
    if (request.provider != QLatin1String("builtin") && request.provider != QLatin1String("openai"))
        return ctx.fail(Tr::tr("--provider is builtin or openai"), 2);
    if (parser.isSet(QStringLiteral("seed"))) {
        request.seed = parser.value(QStringLiteral("seed")).toUInt(&ok);
        if (!ok)
            return ctx.fail(Tr::tr("--seed takes a whole number from 0 to 4294967295"), 2);
    }
    request.outputRoot = parser.value(QStringLiteral("output"));
    if (request.provider == QLatin1String("openai"))
        request.openai = core::OpenAiSettings::load();

    core::DesignGenerator &generator = ctx.services->generator();
    QTextStream &err = ctx.err;
    auto report = generator.generate(request, [&err](int done, int total, const QString &step) {
        if (!step.isEmpty()) {
            err << QStringLiteral("[%1/%2] %3\n").arg(done).arg(total).arg(step);
            err.flush();
        }
    });
    if (!report)
        return ctx.fail(report.errorMessage(), report.error().code == 2 ? 2 : 1);

    for (const core::VariantOutcome &v : report->variants) {
        if (!v.error.isEmpty())
            ctx.err << v.error << '\n';
        else if (!v.warning.isEmpty())
            ctx.err << Tr::tr("Design %1: %2").arg(v.designId).arg(v.warning) << '\n';
    }
    ctx.err.flush();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const core::Design &d : report->designs)
            array.append(d.toJson());
        ctx.printJson(array);
    } else {
        for (const core::Design &d : report->designs)
            ctx.out << QStringLiteral("%1\t%2\t%3\t%4\n").arg(d.id).arg(core::toKey(d.status), d.title, d.imageUrl);
        ctx.out << Tr::tr("%n design(s) generated", nullptr, int(report->designs.size())) << '\n';
        ctx.out.flush();
    }
    return report->designs.isEmpty() ? 1 : 0;
}

} // namespace podtrends::app
