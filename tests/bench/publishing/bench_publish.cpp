// Publishing costs on this machine: parsing Printful's real catalog answer, planning and
// previewing a product, and whole publishes against the loopback fakes (requests, polls and
// database writes included). Usage: bench_publish [designs=10]
#include "../../publishing/publishfixture.h"

#include <support/testenv.h>

#include <core/publishing/publisher.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

using namespace podtrends;
using namespace podtrends::core;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int designs = argc > 1 ? std::max(1, atoi(argv[1])) : 10;
    QFile f(QDir(test::realSamplesDir()).filePath(QStringLiteral("printful/catalog-get-products-71-response.json")));
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "real samples not found (set PODTRENDS_REAL_SAMPLES)\n");
        return 1;
    }
    const QByteArray catalogBytes = f.readAll();

    // 1. Catalog parse vs the bare JSON parse it builds on.
    const int rounds = 50;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < rounds; ++i)
        (void)QJsonDocument::fromJson(catalogBytes);
    const double jsonMs = double(t.nsecsElapsed()) / 1e6 / rounds;
    t.restart();
    CatalogProduct catalog;
    for (int i = 0; i < rounds; ++i)
        catalog = PrintfulClient::parseCatalogProduct(QJsonDocument::fromJson(catalogBytes).object().value(QLatin1String("result")).toObject());
    const double catalogMs = double(t.nsecsElapsed()) / 1e6 / rounds;
    std::printf("catalog 71 (%lld bytes, %lld variants): QJsonDocument::fromJson %.2f ms, + CatalogProduct %.2f ms\n",
                qint64(catalogBytes.size()), qint64(catalog.variants.size()), jsonMs, catalogMs);

    // 2. Plan + preview for 10 and 99 variants.
    Design d;
    d.id = 1;
    d.title = QStringLiteral("Bench");
    const QStringList sizes{QStringLiteral("S"), QStringLiteral("M"), QStringLiteral("L"), QStringLiteral("XL"), QStringLiteral("2XL")};
    QStringList fullColours; // colours made in every one of those sizes
    for (const QString &colour : catalog.colors())
        if (std::all_of(sizes.begin(), sizes.end(), [&](const QString &s) { return catalog.find(colour, s).has_value(); }))
            fullColours << colour;
    for (int colours : {2, 19}) {
        PublishChoice c;
        c.colours = fullColours.mid(0, colours);
        c.sizes = sizes;
        t.restart();
        qsizetype variants = 0;
        for (int i = 0; i < rounds; ++i) {
            auto plan = publishplan::build(d, c, catalog, PriceRule{}, QStringLiteral("Shop"));
            if (!plan) {
                std::fprintf(stderr, "%s\n", qPrintable(plan.errorMessage()));
                return 1;
            }
            variants = plan->variants.size();
            (void)QJsonDocument(publishplan::preview(*plan)).toJson();
        }
        std::printf("plan + preview, %lld variants: %.2f ms\n", qint64(variants), double(t.nsecsElapsed()) / 1e6 / rounds);
    }

    // 3. Whole publishes against the loopback fakes (SQLite), one after another.
    QTemporaryDir dir;
    auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
    test::FakePrintful printful(test::kPrintfulToken, test::kPrintfulStore);
    test::FakeShopify shopify(test::kShopifyToken, test::kShopifyVersion);
    printful.filePollsUntilOk = 1;
    shopify.filePollsUntilReady = 1;
    QList<qint64> ids;
    for (int i = 0; i < designs; ++i) {
        QTemporaryDir *sub = new QTemporaryDir; // lives until exit
        ids << test::insertDesign(db, sub->path());
    }
    BlockingHttp http;
    Publisher publisher(db, test::fakeConfig(printful, shopify), &http);
    t.restart();
    for (qint64 id : std::as_const(ids)) {
        PublishChoice c;
        auto r = publisher.publish(id, c);
        if (!r) {
            std::fprintf(stderr, "publish failed: %s\n", qPrintable(r.errorMessage()));
            return 1;
        }
    }
    const double total = double(t.nsecsElapsed()) / 1e6;
    const int requests = int(printful.server().requests().size() + shopify.server().requests().size());
    std::printf("%d publishes (10 variants each): %.0f ms total, %.1f ms per design, %d HTTP requests (%.1f per design), %lld Printful + %lld Shopify products\n",
                designs, total, total / designs, requests, double(requests) / designs, qint64(printful.products.size()), qint64(shopify.products.size()));
    return 0;
}
