#include "designgenerator.h"

#include <core/util/computepool.h>

#include <core/design/designprovider.h>
#include <core/design/designresources.h>
#include <core/design/mockuprenderer.h>
#include <core/design/printfiles.h>
#include <core/design/promptbuilder.h>
#include <core/design/textsafety.h>
#include <core/storage/designrepository.h>
#include <core/storage/productqueries.h>
#include <core/storage/trendrepository.h>

#include <QCoreApplication>
#include <QDir>
#include <QFuture>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace podtrends::core {

Q_LOGGING_CATEGORY(lcDesign, "podtrends.design.generator")

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DesignGenerator)
};

QString titleCase(const QString &text)
{
    QStringList words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString &w : words)
        if (!w.isEmpty())
            w[0] = w[0].toUpper();
    return words.join(QLatin1Char(' '));
}

struct VariantWork
{
    Design design;
    QString error;
};

} // namespace

DesignGenerator::DesignGenerator(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QString DesignGenerator::defaultOutputRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("designs"));
}

Result<std::shared_ptr<DesignProvider>> DesignGenerator::makeProvider(const QString &name, const OpenAiSettings &openai)
{
    if (name.isEmpty() || name == QLatin1String("builtin"))
        return std::shared_ptr<DesignProvider>(std::make_shared<BuiltinProvider>());
    if (name == QLatin1String("openai"))
        return std::shared_ptr<DesignProvider>(std::make_shared<OpenAiProvider>(openai));
    return Result<std::shared_ptr<DesignProvider>>::failure(Tr::tr("Unknown provider \"%1\": use builtin or openai").arg(name), 2);
}

Status DesignGenerator::renderInto(Design &d, const Artwork &artwork, const QString &dir)
{
    const DesignBrief &b = artwork.brief();
    if (!QDir().mkpath(dir))
        return Status::failure(Tr::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(dir)));
    if (auto *raster = dynamic_cast<const RasterArtwork *>(&artwork)) {
        // Keep the provider's illustration so that editing the slogan re-renders without a new request.
        if (Status s = printfiles::savePng(raster->illustration(), QDir(dir).filePath(QStringLiteral("illustration.png")), 72, 6); !s)
            return s;
    }
    auto specs = printfiles::write(artwork, dir);
    if (!specs)
        return specs.error();
    auto mockups = mockuprenderer::writeStandardSet(artwork, dir);
    if (!mockups)
        return mockups.error();
    d.title = titleCase(b.sloganLine());
    d.description = b.conceptText;
    d.designPrompt = b.textPrompt;
    TextSafety safety;
    const QString text = d.title + QLatin1Char(' ') + b.sloganLine();
    d.designMetadata.brief = b;
    d.designMetadata.safety = SafetyReview{safety.check(text), safety.warning(text)};
    d.printSpecifications = *specs;
    d.imageUrl = specs->pathFor(ProductKind::TShirt);
    d.mockupUrls = *mockups;
    return Status::success();
}

Result<GenerateReport> DesignGenerator::generate(const GenerateRequest &request, const GenerateProgress &progress,
                                                 const std::atomic_bool *cancel)
{
    using R = Result<GenerateReport>;
    if (request.variants < 1 || request.variants > 12)
        return R::failure(Tr::tr("The number of variants must be between 1 and 12"), 2);
    auto provider = makeProvider(request.provider, request.openai);
    if (!provider)
        return provider.error();
    auto trend = TrendRepository(m_db).findById(request.trendId);
    if (!trend)
        return trend.error();
    if (!trend->has_value())
        return R::failure(Tr::tr("There is no trend with id %1").arg(request.trendId), 2);
    ProductFilter pf;
    pf.trendId = request.trendId;
    pf.orderBy = QStringLiteral("reviews_count");
    pf.descending = true;
    pf.limit = 20;
    auto products = ProductQueries(m_db).list(pf);
    if (!products)
        return products.error();
    QStringList titles;
    for (const Product &p : *products)
        titles << p.title;

    designresources::ensureLoaded();
    const quint32 seed = request.seed.value_or(QRandomGenerator::global()->generate());
    const QList<DesignBrief> briefs = PromptBuilder().build(**trend, titles, request.variants, seed);
    const QString root = request.outputRoot.isEmpty() ? defaultOutputRoot() : request.outputRoot;

    // Rows first (their ids name the folders), in one transaction.
    DesignRepository repo(m_db);
    QList<Design> rows;
    {
        Transaction tx(m_db->connection());
        for (const DesignBrief &b : briefs) {
            Design d;
            d.trendId = request.trendId;
            d.title = titleCase(b.sloganLine());
            d.description = b.conceptText;
            d.designPrompt = b.textPrompt;
            d.designMetadata.brief = b;
            auto id = repo.insert(d);
            if (!id)
                return id.error();
            d.id = *id;
            rows << d;
        }
        if (Status s = tx.commit(); !s)
            return s.error();
    }

    const int total = int(briefs.size()) * 2 + 1;
    std::atomic_int done{0};
    auto step = [&](const QString &what) {
        const int n = ++done;
        if (progress)
            progress(n, total, what);
    };

    // The variants run on the process's compute pool; this thread (a GUI task, a job worker's
    // thread or the command line's main thread) waits for them and is never one of its threads.
    // No variant waits on another or spins an event loop (the AI provider's requests wait on
    // BlockingHttp without one).
    std::shared_ptr<DesignProvider> prov = *provider;
    QList<QFuture<VariantWork>> futures;
    for (int i = 0; i < briefs.size(); ++i) {
        futures << QtConcurrent::run(computePool(), [&, i, prov]() -> VariantWork {
            VariantWork w;
            w.design = rows.at(i);
            const DesignBrief &b = briefs.at(i);
            if (cancel && cancel->load()) {
                w.error = Tr::tr("Cancelled");
                return w;
            }
            auto artwork = prov->create(b, cancel);
            step(Tr::tr("Variant %1: artwork").arg(b.variant));
            if (!artwork) {
                w.error = artwork.errorMessage();
                return w;
            }
            if (cancel && cancel->load()) {
                w.error = Tr::tr("Cancelled");
                return w;
            }
            const QString dir = QDir(root).filePath(QString::number(w.design.id));
            if (Status s = renderInto(w.design, **artwork, dir); !s)
                w.error = s.errorMessage();
            step(Tr::tr("Variant %1: print files and mockups").arg(b.variant));
            return w;
        });
    }
    GenerateReport report;
    QList<VariantWork> results;
    for (auto &f : futures)
        results << f.result();

    Transaction tx(m_db->connection());
    for (int i = 0; i < results.size(); ++i) {
        VariantWork &w = results[i];
        VariantOutcome outcome;
        outcome.variant = briefs.at(i).variant;
        if (w.error.isEmpty()) {
            if (Status s = repo.update(w.design); !s)
                return s.error();
            outcome.designId = w.design.id;
            outcome.warning = w.design.designMetadata.safety.warning;
            report.designs << w.design;
        } else {
            if (Status s = repo.remove(w.design.id); !s)
                return s.error();
            QDir(QDir(root).filePath(QString::number(w.design.id))).removeRecursively();
            outcome.error = Tr::tr("Variant %1: %2").arg(outcome.variant).arg(w.error);
            qCWarning(lcDesign) << "variant" << outcome.variant << "failed:" << w.error;
        }
        report.variants << outcome;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    report.cancelled = cancel && cancel->load();
    step(Tr::tr("Saved"));
    return report;
}

} // namespace podtrends::core
