#include "publishfixture.h"

#include <support/testenv.h>

#include <core/analysis/trendanalyzer.h>
#include <core/design/designgenerator.h>
#include <core/scraping/importer.h>
#include <core/scraping/scrapeservice.h>
#include <core/storage/designrepository.h>
#include <core/storage/trendrepository.h>

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTest>

namespace podtrends::test {

static void generate(const std::shared_ptr<core::Database> &db, const QString &dir, int count, QList<core::Design> *out)
{
    const core::ScrapeSummary imported = core::Importer::run(db, {QDir(fixturesDir()).filePath(QStringLiteral("collection"))}, nullptr, {});
    QVERIFY2(imported.status == core::ScrapeStatus::Ok, qPrintable(imported.message));
    auto stats = core::TrendAnalyzer(db).run();
    QVERIFY2(stats, qPrintable(stats.errorMessage()));
    auto trends = core::TrendRepository(db).list();
    QVERIFY(trends && !trends->isEmpty());
    core::GenerateRequest request;
    request.trendId = trends->first().id;
    request.variants = count;
    request.seed = 11;
    request.outputRoot = QDir(dir).filePath(QStringLiteral("designs"));
    auto report = core::DesignGenerator(db).generate(request);
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QCOMPARE(report->designs.size(), count);
    *out = report->designs;
}

QList<core::Design> generateDesigns(const std::shared_ptr<core::Database> &db, const QString &dir, int count)
{
    QList<core::Design> designs;
    generate(db, dir, count, &designs);
    return designs;
}

qint64 insertDesign(const std::shared_ptr<core::Database> &db, const QString &dir, bool checksPass, core::DesignStatus status)
{
    QImage print(1800, 2400, QImage::Format_ARGB32);
    print.fill(Qt::transparent);
    {
        QPainter p(&print);
        p.setRenderHint(QPainter::Antialiasing);
        p.setBrush(QColor(0xF2, 0x6B, 0x3A));
        p.setPen(Qt::NoPen);
        p.drawEllipse(QPoint(900, 1000), 620, 620);
        p.setBrush(QColor(0x2B, 0x2D, 0x42));
        for (int i = 0; i < 6; ++i)
            p.drawRect(280, 1050 + i * 90, 1240, 40);
    }
    const QString printPath = QDir(dir).filePath(QStringLiteral("design-front.png"));
    print.setDotsPerMeterX(5906); // 150 DPI
    print.setDotsPerMeterY(5906);
    if (!print.save(printPath, "PNG"))
        qFatal("cannot write the print PNG");
    QImage mockup(600, 600, QImage::Format_RGB32);
    mockup.fill(QColor(0x20, 0x20, 0x20));
    {
        QPainter p(&mockup);
        p.drawImage(QRect(150, 120, 300, 400), print);
    }
    const QString mockupPath = QDir(dir).filePath(QStringLiteral("mockup-black.jpg"));
    mockup.save(mockupPath, "JPG", 85);

    core::Design d;
    d.title = QStringLiteral("Retro Sunset Fishing Club");
    d.description = QStringLiteral("A faded retro sunset over calm water, for anglers who start early.");
    d.designPrompt = QStringLiteral("retro sunset, fishing, distressed");
    d.designMetadata.tags = {QStringLiteral("retro"), QStringLiteral("fishing"), QStringLiteral("sunset")};
    d.imageUrl = printPath;
    d.mockupUrls = {mockupPath};
    core::PrintFile front;
    front.product = core::ProductKind::TShirt;
    front.placement = QStringLiteral("front");
    front.file = printPath;
    front.pixels = QSize(1800, 2400);
    front.dpi = 150;
    front.transparentBackground = true;
    front.checks = {{core::PrintCheck::Size, true, {}}, {core::PrintCheck::Dpi, true, {}}, {core::PrintCheck::Transparency, checksPass, {}}};
    d.printSpecifications.files = {front};
    d.status = status;
    core::DesignRepository repo(db);
    auto id = repo.insert(d);
    if (!id)
        qFatal("cannot insert the design: %s", qPrintable(id.errorMessage()));
    return *id;
}

core::PublishConfig fakeConfig(const FakePrintful &printful, const FakeShopify &shopify)
{
    core::PublishConfig c;
    c.printful.base = printful.baseUrl();
    c.printful.token = kPrintfulToken;
    c.printful.storeId = kPrintfulStore;
    c.printful.pollIntervalMs = 20;
    c.printful.pollTimeoutMs = 3000;
    c.printful.retryBaseMs = 50;
    c.printful.lockoutSeconds = 1;
    c.shopify.adminBase = shopify.adminBase();
    c.shopify.shop = QStringLiteral("retro-angler.myshopify.com");
    c.shopify.apiVersion = kShopifyVersion;
    c.shopify.accessToken = kShopifyToken;
    c.shopify.pollIntervalMs = 20;
    c.shopify.pollTimeoutMs = 3000;
    c.shopify.retryBaseMs = 50;
    c.vendor = QStringLiteral("Retro Angler Co.");
    return c;
}

} // namespace podtrends::test
