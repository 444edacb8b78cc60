#include "cli.h"

#include <core/publishing/publisher.h>
#include <core/publishing/producttypes.h>
#include <core/publishing/readiness.h>
#include <core/storage/designrepository.h>

#include <QCoreApplication>

namespace podtrends::app {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

QStringList listOption(const QCommandLineParser &parser, const QString &name)
{
    QStringList out;
    for (const QString &v : parser.values(name))
        for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out << part.trimmed();
    return out;
}
} // namespace

int publishCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("DESIGN_ID"), Tr::tr("the design to publish"));
    parser.addOption({QStringLiteral("printful"), Tr::tr("create the Printful product (with --shopify: both; neither: both)")});
    parser.addOption({QStringLiteral("shopify"), Tr::tr("create the Shopify draft product")});
    parser.addOption({QStringLiteral("type"), Tr::tr("product type: tshirt, hoodie, longsleeve, mug, poster or tote (default tshirt)"), QStringLiteral("TYPE")});
    parser.addOption({QStringLiteral("colours"), Tr::tr("colours to offer, comma-separated (default Black,White)"), QStringLiteral("LIST")});
    parser.addOption({QStringLiteral("sizes"), Tr::tr("sizes to offer, comma-separated (default S,M,L,XL,2XL)"), QStringLiteral("LIST")});
    if (!ctx.parse(parser, QStringLiteral("publish")))
        return parser.isSet(QStringLiteral("help")) ? 0 : 2;
    if (parser.positionalArguments().size() != 1)
        return ctx.fail(Tr::tr("Usage: podtrends publish DESIGN_ID [--printful] [--shopify]"), 2);
    bool ok = false;
    const qint64 designId = parser.positionalArguments().first().toLongLong(&ok);
    if (!ok || designId <= 0)
        return ctx.fail(Tr::tr("DESIGN_ID must be a positive number, not \"%1\".").arg(parser.positionalArguments().first()), 2);

    core::PublishChoice choice;
    const bool printful = parser.isSet(QStringLiteral("printful"));
    const bool shopify = parser.isSet(QStringLiteral("shopify"));
    choice.toPrintful = printful || !shopify;
    choice.toShopify = shopify || !printful;
    if (parser.isSet(QStringLiteral("type")))
        choice.productType = parser.value(QStringLiteral("type"));
    choice.colours = listOption(parser, QStringLiteral("colours"));
    choice.sizes = listOption(parser, QStringLiteral("sizes"));

    {
        // Refuse what cannot be published before touching the keychain or the network.
        core::DesignRepository repo(ctx.db);
        auto design = repo.findById(designId);
        if (!design)
            return ctx.fail(design.errorMessage(), 1);
        if (!design->has_value())
            return ctx.fail(Tr::tr("There is no design %1.").arg(designId), 2);
        if ((*design)->status != core::DesignStatus::Published)
            if (core::Status ready = core::checkReadyForPublishing(**design, core::producttypes::find(choice.productType.isEmpty() ? QStringLiteral("tshirt") : choice.productType).kind); !ready)
                return ctx.fail(ready.errorMessage(), 2);
    }
    auto config = core::PublishConfig::load();
    if (!config)
        return ctx.fail(config.errorMessage(), 1);
    core::BlockingHttp http;
    core::Publisher publisher(ctx.db, *config, &http);
    publisher.setProgressHandler([&ctx](const core::PublishProgress &p) {
        using State = core::PublishProgress::State;
        QString state;
        switch (p.state) {
        case State::Running: state = Tr::tr("…"); break;
        case State::Waiting: state = Tr::tr("waiting:"); break;
        case State::Done: state = Tr::tr("done"); break;
        case State::Skipped: return;
        case State::Failed: state = Tr::tr("failed:"); break;
        }
        ctx.err << core::publishStepLabel(p.step) << ' ' << state;
        if (!p.message.isEmpty())
            ctx.err << ' ' << p.message;
        ctx.err << '\n';
        ctx.err.flush();
    });
    auto outcome = publisher.publish(designId, choice);
    if (!outcome)
        return ctx.fail(outcome.errorMessage(), outcome.error().code == 2 ? 2 : 1);
    ctx.printJson(outcome->toJson());
    return 0;
}

} // namespace podtrends::app
