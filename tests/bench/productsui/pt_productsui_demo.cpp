// Builds a demo database for screenshots of the Products and Sources pages: the real Shopify
// captures from ../shared/real-samples imported as the app imports them, plus generated
// print-on-demand listings from Etsy, Amazon and Shopify with six weekly snapshots each, and
// sources/marketplaces with realistic statuses.
//
//   pt_productsui_demo DB_PATH [REAL_SAMPLES_DIR]
#include <core/scraping/importer.h>
#include <core/scraping/scrapeservice.h>
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>
#include <core/storage/sourcerepository.h>

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>

#include <cstdio>

using namespace podtrends;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: pt_productsui_demo DB_PATH [REAL_SAMPLES_DIR]\n");
        return 2;
    }
    auto opened = core::Database::open(*core::DatabaseConfig::parse(QString::fromLocal8Bit(argv[1])));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    auto db = *opened;
    const QDateTime now = QDateTime::currentDateTimeUtc();

    static const char *subjects[] = {"Cat Dad", "Nurse Life", "Fishing Grandpa", "Teacher Appreciation", "Dog Mom",
                                     "Camping Crew", "Pickleball", "Plant Lady", "Book Club", "Coffee Before Talkie",
                                     "Retro Sunset Mountain", "Halloween Ghost", "Bee Kind", "Mushroom Cottagecore"};
    static const char *styles[] = {"Funny", "Vintage", "Retro", "Minimalist", "Boho", "Watercolor", "Distressed", "Cute"};
    static const struct
    {
        const char *item;
        const char *category;
        double base;
    } items[] = {{"T-Shirt", "T-Shirts", 19.99}, {"Hoodie", "Hoodies & Sweatshirts", 39.99}, {"Coffee Mug", "Mugs", 16.99},
                 {"Tote Bag", "Bags", 21.5}, {"Sticker", "Stickers", 3.99}, {"Wall Art Print", "Wall Art", 24.0},
                 {"Phone Case", "Phone Cases", 22.99}};
    static const char *shops[] = {"InkAndOakStudio", "SunnyThreadsCo", "MugLifeDesigns", "PaperFoxPrints", "WildPineGoods",
                                  "CozyCritterCo", "HappyHiveShop", "NorthTrailTees"};
    static const char *markets[] = {"etsy", "amazon", "shopify"};

    QList<core::Product> products;
    for (int i = 0; i < 2400; ++i) {
        const unsigned h = unsigned(i) * 2654435761u;
        const auto &item = items[(h >> 5) % 7];
        const QString subject = QString::fromLatin1(subjects[(h >> 9) % 14]);
        core::Product p;
        p.marketplace = QString::fromLatin1(markets[i % 3]);
        p.externalId = p.marketplace == QLatin1String("amazon") ? QStringLiteral("B0%1").arg(QString::number(0x3A0000 + i, 36).toUpper())
                                                                 : QString::number(1480000000 + i * 7);
        p.title = QStringLiteral("%1 %2 %3").arg(QString::fromLatin1(styles[(h >> 3) % 8]), subject, QString::fromLatin1(item.item));
        if ((h >> 13) % 3 == 0)
            p.title += QStringLiteral(" \u2013 Gift for %1").arg((h >> 15) % 2 ? QStringLiteral("Her") : QStringLiteral("Him"));
        p.category = QString::fromLatin1(item.category);
        p.price = item.base + ((h >> 17) % 9) - 2.0;
        p.currency = QStringLiteral("USD");
        p.rating = (h >> 19) % 6 == 0 ? 0.0 : 4.0 + ((h >> 21) % 10) / 10.0;
        p.reviewsCount = p.rating > 0 ? int((h >> 7) % 2400) : 0;
        p.favorites = p.marketplace == QLatin1String("etsy") ? int((h >> 11) % 900) : -1;
        p.rank = p.marketplace == QLatin1String("amazon") ? int(1000 + (h >> 4) % 90000) : -1;
        p.vendor = QString::fromLatin1(shops[(h >> 23) % 8]);
        p.productUrl = p.marketplace == QLatin1String("etsy")     ? QStringLiteral("https://www.etsy.com/listing/%1").arg(p.externalId)
                       : p.marketplace == QLatin1String("amazon") ? QStringLiteral("https://www.amazon.com/dp/%1").arg(p.externalId)
                                                                  : QStringLiteral("https://%1.com/products/item-%2").arg(p.vendor.toLower()).arg(i);
        p.tags = {subject.toLower(), QString::fromLatin1(item.item).toLower(), QStringLiteral("gift idea")};
        p.description = QStringLiteral("%1 design printed on demand. Ships in 3\u20135 business days.").arg(subject);
        p.rawData = podtrends::core::rawRecord(QJsonObject{{QStringLiteral("listing_id"), p.externalId}, {QStringLiteral("title"), p.title},
                                {QStringLiteral("shop_name"), p.vendor},
                                {QStringLiteral("price"), QJsonObject{{QStringLiteral("amount"), int(p.price * 100)},
                                                                      {QStringLiteral("divisor"), 100},
                                                                      {QStringLiteral("currency_code"), QStringLiteral("USD")}}},
                                {QStringLiteral("tags"), QJsonArray::fromStringList(p.tags)},
                                {QStringLiteral("num_favorers"), p.favorites}});
        products << p;
    }
    core::ProductWriter writer(db);
    core::ProductQueries repo(db);
    // Six weekly observations: prices wobble, reviews grow at each product's own pace.
    for (int week = 5; week >= 0; --week) {
        QList<core::Product> batch = products;
        for (int i = 0; i < batch.size(); ++i) {
            core::Product &p = batch[i];
            const int pace = 1 + int((unsigned(i) * 40503u >> 8) % 25);
            p.reviewsCount = std::max(0, p.reviewsCount - week * pace);
            p.price = p.price + ((week + i) % 3 == 0 ? 2.0 : 0.0) - (week == 2 && i % 4 == 0 ? 1.5 : 0.0);
        }
        core::UpsertOptions options;
        options.scrapedAt = now.addDays(-7 * week).addSecs(-3600 * (week + 1));
        if (auto s = writer.upsert(batch, options); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.errorMessage()));
            return 1;
        }
    }

    const QString samples = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("/work/shared/real-samples");
    const QString shopify = QDir(samples).filePath(QStringLiteral("shopify"));
    if (QDir(shopify).exists()) {
        const core::ScrapeSummary summary = core::Importer::run(db, {shopify}, nullptr, {});
        std::printf("imported %d real Shopify products from %d files (%s)\n", summary.items, summary.pages, qPrintable(core::toKey(summary.status)));
    }

    core::SourceRepository sources(db);
    const struct
    {
        const char *market, *target, *label, *status, *error;
        int hours, items, lastHoursAgo;
        bool enabled;
    } demo[] = {
        {"shopify", "https://lovethelabel.com", "Love the Label (apparel boutique)", "ok", "", 6, 87, 2, true},
        {"shopify", "https://olivewoodcrafts.com", "Olive wood handicrafts", "ok", "", 12, 30, 5, true},
        {"etsy", "funny cat dad shirt", "", "ok", "", 6, 1000, 1, true},
        {"etsy", "teacher appreciation mug", "Teacher gifts", "error", "Etsy refused the API key (HTTP 403): add the shared secret in Settings", 6, 0, 3, true},
        {"amazon", "camping t-shirt", "Camping tees on Amazon", "blocked", "Amazon showed a robot check; paused until the next run", 24, 48, 20, true},
        {"amazon", "pickleball gifts", "", "idle", "", 6, 0, -1, false},
    };
    for (const auto &d : demo) {
        core::Source s;
        s.marketplace = *core::marketplaceFromKey(QString::fromLatin1(d.market));
        s.target = QString::fromLatin1(d.target);
        s.label = QString::fromLatin1(d.label);
        s.intervalMinutes = d.hours * 60;
        s.enabled = d.enabled;
        auto id = sources.insert(s);
        if (!id)
            continue;
        if (d.lastHoursAgo >= 0) {
            const QDateTime last = now.addSecs(-3600 * d.lastHoursAgo);
            const core::ScrapeStatus status = *core::scrapeStatusFromKey(QString::fromLatin1(d.status));
            (void)sources.recordStatus(*id, status, QString::fromLatin1(d.error), last,
                                       last.addSecs(3600 * d.hours), d.items);
            (void)sources.setMarketplaceStatus(s.marketplace, status, QString::fromLatin1(d.error), last,
                                               last.addSecs(3600 * d.hours));
        }
    }
    std::printf("products: %lld\n", repo.count().value());
    return 0;
}
