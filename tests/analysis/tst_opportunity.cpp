// The opportunity score on planted markets built the way the program builds them: Shopify stores
// scraped over loopback HTTP, Amazon listings stored as the saved-page parser produces them. And
// the seed's formulas, recomputed from each trend's own products.
#include "analysisfixture.h"

#include <core/analysis/overview.h>
#include <core/analysis/scoring.h>
#include <core/analysis/trendanalyzer.h>
#include <core/scraping/importer.h>
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>
#include <core/storage/trendrepository.h>
#include <scraping/scrapetesthelpers.h>
#include <support/testenv.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace podtrends;
using namespace podtrends::core;

namespace {

struct PlantedListing
{
    QString title;
    QStringList tags;
    int ageDays = 0;     ///< published this many days ago
    int soldOut = 0;     ///< of 4 variants
    bool discounted = false;
};

// One storefront's products.json (API-CONTRACTS.md §1) with published_at, available and compare_at_price.
QByteArray storefront(const QList<PlantedListing> &listings, qint64 firstId, const QDateTime &now)
{
    QByteArray body = "{\"products\":[";
    for (qsizetype i = 0; i < listings.size(); ++i) {
        const PlantedListing &l = listings.at(i);
        const QByteArray id = QByteArray::number(firstId + i);
        QByteArray tags;
        for (const QString &t : l.tags)
            tags += (tags.isEmpty() ? "\"" : ",\"") + t.toUtf8() + '"';
        QByteArray variants;
        for (int v = 0; v < 4; ++v)
            variants += QByteArray(v ? "," : "") + "{\"id\":" + id + QByteArray::number(v) + ",\"price\":\"24.00\",\"available\":"
                + (v < l.soldOut ? "false" : "true") + ",\"compare_at_price\":" + (l.discounted ? "\"32.00\"" : "null") + '}';
        body += QByteArray(i ? "," : "") + "{\"id\":" + id + ",\"title\":\"" + l.title.toUtf8() + "\",\"handle\":\"p-" + id
            + "\",\"body_html\":\"\",\"vendor\":\"Planted\",\"product_type\":\"T-Shirt\",\"tags\":[" + tags + "],\"published_at\":\""
            + now.addDays(-l.ageDays).toString(Qt::ISODate).toUtf8() + "\",\"variants\":[" + variants + "]}";
    }
    return body + "]}";
}

// Scrapes every store through the real Shopify scraper into the database.
bool scrapeStores(const std::shared_ptr<Database> &db, const QList<QList<PlantedListing>> &stores, const QDateTime &now)
{
    ScrapeService service(db);
    service.setHttpSettings(test::fastHttp());
    for (qsizetype s = 0; s < stores.size(); ++s) {
        const QByteArray page = storefront(stores.at(s), 100000 * (s + 1), now);
        test::FakeServer server([page](const test::FakeRequest &r) {
            if (r.url.path() != QLatin1String("/products.json"))
                return test::FakeResponse::html("<html></html>", 404);
            return r.query(QStringLiteral("page")).toInt() > 1 ? test::FakeResponse::json("{\"products\":[]}") : test::FakeResponse::json(page);
        });
        ScrapeTarget target;
        target.marketplace = Marketplace::Shopify;
        target.target = server.url().toString();
        const ScrapeSummary summary = test::runToEnd(service, [&] { return service.startTarget(target); });
        if (summary.status != ScrapeStatus::Ok || summary.items != stores.at(s).size())
            return false;
    }
    return true;
}

// Listings as the Amazon saved-page parser produces them (marketplace, ASIN, title, price, stars,
// review count, rank), stored through the repository like an import.
Product amazonListing(const QString &asin, const QString &title, double rating, int reviews)
{
    Product p;
    p.marketplace = toKey(Marketplace::Amazon);
    p.externalId = asin;
    p.title = title;
    p.category = QStringLiteral("T-Shirts");
    p.price = 19.99;
    p.currency = QStringLiteral("USD");
    p.rating = rating;
    p.reviewsCount = reviews;
    p.rank = 1;
    return p;
}

std::optional<Trend> trendWith(const QList<Trend> &trends, const QString &word)
{
    for (const Trend &t : trends)
        if (t.niche.contains(word))
            return t;
    return std::nullopt;
}

// A saved Amazon product page in the shape of the real captures (../shared/real-samples/amazon),
// with the Best Sellers Rank row only when `bestSellersRank` > 0.
QByteArray amazonProductPage(const QString &asin, const QString &title, int reviews, int bestSellersRank)
{
    QByteArray html = "<!doctype html><html><head><title>Amazon.com: " + title.toUtf8() + "</title></head><body>\n"
        "<input type=\"hidden\" id=\"ASIN\" name=\"ASIN\" value=\"" + asin.toUtf8() + "\">\n"
        "<div id=\"wayfinding-breadcrumbs_feature_div\"><ul><li><a>Clothing, Shoes &amp; Jewelry</a></li><li><a>Novelty</a></li></ul></div>\n"
        "<span id=\"productTitle\" class=\"a-size-large\">" + title.toUtf8() + "</span>\n"
        "<a id=\"bylineInfo\" href=\"/stores/Planted\">Brand: Planted Prints</a>\n"
        "<div id=\"corePrice_feature_div\"><span class=\"a-price\"><span class=\"a-offscreen\">$19.99</span></span></div>\n"
        "<span id=\"acrPopover\" title=\"4.6 out of 5 stars\"><span class=\"a-icon-alt\">4.6 out of 5 stars</span></span>\n"
        "<span id=\"acrCustomerReviewText\">" + QLocale(QLocale::English).toString(reviews).toUtf8() + " ratings</span>\n"
        "<table id=\"productDetails_detailBullets_sections1\"><tr><th>ASIN</th><td>" + asin.toUtf8() + "</td></tr>\n";
    if (bestSellersRank > 0)
        html += "<tr><th>Best Sellers Rank</th><td><span>#" + QLocale(QLocale::English).toString(bestSellersRank).toUtf8()
            + " in Clothing, Shoes &amp; Jewelry (See Top 100)</span></td></tr>\n";
    return html + "</table>\n</body></html>\n";
}

// An Etsy API answer (API-CONTRACTS.md, findAllListingsActive / getListing) as a file: listings
// with favourites, views and creation time only where given (< 0: the field is absent).
QByteArray etsyAnswer(const QList<QJsonObject> &listings)
{
    QJsonArray results;
    for (const QJsonObject &l : listings)
        results << l;
    return QJsonDocument(QJsonObject{{QStringLiteral("count"), results.size()}, {QStringLiteral("results"), results}}).toJson();
}

QJsonObject etsyListing(qint64 id, const QString &title, const QStringList &tags, int favorites, int views, qint64 createdSecs)
{
    QJsonObject o{{QStringLiteral("listing_id"), id},
                  {QStringLiteral("shop_id"), 5550000 + id % 7},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("state"), QStringLiteral("active")},
                  {QStringLiteral("url"), QStringLiteral("https://www.etsy.com/listing/%1/planted").arg(id)},
                  {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
                  {QStringLiteral("taxonomy_path"), QJsonArray{QStringLiteral("Clothing"), QStringLiteral("T-shirts")}},
                  {QStringLiteral("price"), QJsonObject{{QStringLiteral("amount"), 2400}, {QStringLiteral("divisor"), 100}, {QStringLiteral("currency_code"), QStringLiteral("USD")}}}};
    if (favorites >= 0)
        o.insert(QStringLiteral("num_favorers"), favorites);
    if (views >= 0)
        o.insert(QStringLiteral("views"), views);
    if (createdSecs > 0)
        o.insert(QStringLiteral("original_creation_timestamp"), createdSecs);
    return o;
}

// Writes files into a fresh folder and imports them with the real importer (as `podtrends import`).
bool importFiles(const std::shared_ptr<Database> &db, const QString &folder, const QHash<QString, QByteArray> &files)
{
    if (!QDir().mkpath(folder))
        return false;
    QStringList paths;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QFile f(QDir(folder).filePath(it.key()));
        if (!f.open(QIODevice::WriteOnly) || f.write(it.value()) != it.value().size())
            return false;
        paths << f.fileName();
    }
    const ScrapeSummary summary = Importer::run(db, paths, nullptr, {});
    if (summary.status != ScrapeStatus::Ok)
        qWarning("import: %s", qPrintable(summary.message));
    return summary.status == ScrapeStatus::Ok;
}

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

} // namespace

class TestOpportunity final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void shopifyNicheCarriedByMostStoresRanksFirst_data() { test::addDialectRows(); }
    void shopifyNicheCarriedByMostStoresRanksFirst();
    void amazonDemandIsDistinctAndInOrderOfReviews_data() { test::addDialectRows(); }
    void amazonDemandIsDistinctAndInOrderOfReviews();
    void brandNicheIsFlaggedAndLeftOutOfTopOpportunities_data() { test::addDialectRows(); }
    void brandNicheIsFlaggedAndLeftOutOfTopOpportunities();
    void nicheWithRefinementsKeepsAllItsListings_data() { test::addDialectRows(); }
    void nicheWithRefinementsKeepsAllItsListings();
    void seedFormulasHoldOnEveryTrend_data() { test::addDialectRows(); }
    void seedFormulasHoldOnEveryTrend();
    void listSortsByOpportunityOrByTheSeedScore_data() { test::addDialectRows(); }
    void listSortsByOpportunityOrByTheSeedScore();
    void etsyViewsAndListingAgeAreDemandSignalsWhenPresent_data() { test::addDialectRows(); }
    void etsyViewsAndListingAgeAreDemandSignalsWhenPresent();
    void amazonBestSellersRankIsADemandSignalWhenRead_data() { test::addDialectRows(); }
    void amazonBestSellersRankIsADemandSignalWhenRead();
    void importedAmazonNichesWithThousandsOfReviewsRankInOrder_data() { test::addDialectRows(); }
    void importedAmazonNichesWithThousandsOfReviewsRankInOrder();

private:
    QTemporaryDir m_dir;
};

void TestOpportunity::shopifyNicheCarriedByMostStoresRanksFirst()
{
    PT_OPEN_DATABASE(db, m_dir);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QStringList axolotlTags{QStringLiteral("axolotl"), QStringLiteral("kawaii")};
    QList<QList<PlantedListing>> stores(8);
    // "axolotl": 7 of 8 stores, two listings each, published last week, half the variants sold out.
    for (int s = 0; s < 7; ++s)
        stores[s] << PlantedListing{QStringLiteral("Cute Axolotl Kawaii T-Shirt"), axolotlTags, 5, 2}
                  << PlantedListing{QStringLiteral("Axolotl Kawaii Pastel Tee"), axolotlTags, 9, 2};
    // Others: one or two stores, older, in stock; "fishing dad" is the biggest by listings and discounted.
    for (int i = 0; i < 4; ++i)
        stores[7] << PlantedListing{QStringLiteral("Reel Cool Fishing Dad Shirt"), {QStringLiteral("fishing dad")}, 200, 0, true};
    for (int i = 0; i < 3; ++i)
        stores[7] << PlantedListing{QStringLiteral("Fishing Dad Lake Life Tee"), {QStringLiteral("fishing dad")}, 150, 0, true};
    for (int s = 0; s < 2; ++s)
        for (int i = 0; i < 2; ++i)
            stores[s] << PlantedListing{QStringLiteral("Retro Sunset Surf T-Shirt"), {QStringLiteral("retro sunset")}, 120, 0};
    stores[2] << PlantedListing{QStringLiteral("Nurse Life Coffee Tee"), {QStringLiteral("nurse life")}, 60, 1}
              << PlantedListing{QStringLiteral("Nurse Life Scrubs Shirt"), {QStringLiteral("nurse life")}, 70, 0}
              << PlantedListing{QStringLiteral("Nurse Life Night Shift Tee"), {QStringLiteral("nurse life")}, 80, 0};
    QVERIFY(scrapeStores(db, stores, now));

    AnalysisOptions options;
    options.now = now;
    QVERIFY(TrendAnalyzer(db, options).run());
    const QList<Trend> trends = TrendRepository(db).list().value();
    QVERIFY(trends.size() >= 3);
    const Trend &top = trends.first();
    QVERIFY2(top.niche.contains(QLatin1String("axolotl")), qPrintable(top.niche));
    const ScorePart &demand = top.opportunity.part(ScoreComponent::Demand);
    QCOMPARE(demand.input(Signal::StoresCarrying), std::optional<double>(7));
    QCOMPARE(demand.input(Signal::StoresFollowed), std::optional<double>(8));
    QCOMPARE(demand.input(Signal::RecentListings), std::optional<double>(14));
    QCOMPARE(demand.input(Signal::SoldOutShare), std::optional<double>(0.5));
    QVERIFY2(demand.evidence().contains(QLatin1String("carried by 7 of 8 stores you follow")), qPrintable(demand.evidence()));

    const std::optional<Trend> fishing = trendWith(trends, QStringLiteral("fishing"));
    QVERIFY(fishing);
    QVERIFY(*fishing->opportunityScore < *top.opportunityScore);
    QCOMPARE(fishing->opportunity.part(ScoreComponent::Competition).input(Signal::DiscountedShare), std::optional<double>(1.0));

    for (const Trend &t : trends) {
        // The seed's demand of a Shopify niche is its formula's 0, and says it has no data.
        QCOMPARE(t.demandScore, 0.0);
        QCOMPARE(t.scoreInputs.part(ScoreComponent::Demand).provenance, Provenance::NoData);
        QVERIFY(!t.scoreInputs.part(ScoreComponent::Demand).value);
        // The opportunity measures demand from the stores, never as a measured 0.
        const ScorePart &d = t.opportunity.part(ScoreComponent::Demand);
        QCOMPARE(d.provenance, Provenance::Measured);
        QVERIFY2(d.value && *d.value > 0, qPrintable(t.niche));
        QVERIFY(t.opportunityScore);
        // No snapshots over time yet: growth has no data rather than a made-up value.
        QCOMPARE(t.opportunity.part(ScoreComponent::Growth).provenance, Provenance::NoData);
        QVERIFY(t.toJson().value(QStringLiteral("opportunity_score")).isDouble());
    }
}

void TestOpportunity::amazonDemandIsDistinctAndInOrderOfReviews()
{
    PT_OPEN_DATABASE(db, m_dir);
    // Thousands of reviews everywhere: the seed's demand is 100 for all four.
    const struct
    {
        const char *word;
        const char *titles[3];
        int reviews;
    } niches[] = {
        {"sloth", {"Sloth Yoga Funny T-Shirt", "Sloth Yoga Namaste Tee", "Sloth Yoga Gift Shirt"}, 1200},
        {"bigfoot", {"Bigfoot Camping Retro T-Shirt", "Bigfoot Camping Forest Tee", "Bigfoot Camping Gift Shirt"}, 2500},
        {"chess", {"Chess Club Vintage T-Shirt", "Chess Club Grandmaster Tee", "Chess Club Gift Shirt"}, 4000},
        {"pickleball", {"Pickleball Grandma Funny T-Shirt", "Pickleball Grandma Court Tee", "Pickleball Grandma Gift Shirt"}, 9000},
    };
    QList<Product> products;
    int n = 0;
    for (const auto &niche : niches)
        for (const char *title : niche.titles)
            products << amazonListing(QStringLiteral("B0PLANT%1").arg(++n, 3, 10, QLatin1Char('0')), QString::fromUtf8(title), 4.6, niche.reviews);
    QVERIFY(ProductWriter(db).upsert(products));
    QVERIFY(TrendAnalyzer(db).run());
    const QList<Trend> trends = TrendRepository(db).list().value();
    double previous = -1;
    for (const auto &niche : niches) {
        const std::optional<Trend> t = trendWith(trends, QString::fromUtf8(niche.word));
        QVERIFY2(t, niche.word);
        QCOMPARE(t->demandScore, 100.0); // the seed saturates
        QCOMPARE(t->scoreInputs.part(ScoreComponent::Demand).provenance, Provenance::Estimated);
        const ScorePart &d = t->opportunity.part(ScoreComponent::Demand);
        QCOMPARE(d.input(Signal::TotalReviews), std::optional<double>(3 * niche.reviews));
        QVERIFY2(*d.value > previous, qPrintable(QStringLiteral("%1: %2 after %3").arg(t->niche).arg(*d.value).arg(previous)));
        previous = *d.value;
    }
    QCOMPARE(previous, 100.0); // the strongest niche of the market
}

void TestOpportunity::brandNicheIsFlaggedAndLeftOutOfTopOpportunities()
{
    PT_OPEN_DATABASE(db, m_dir);
    QList<Product> products;
    const char *brand[] = {"Motorola Moto G Power Case Clear", "Motorola Moto G Stylus Case Slim", "Motorola Moto G Play Case Rugged"};
    const char *plain[] = {"Frog Cottagecore Mushroom T-Shirt", "Frog Cottagecore Vintage Tee", "Frog Cottagecore Gift Shirt"};
    for (int i = 0; i < 3; ++i) {
        products << amazonListing(QStringLiteral("B0BRAND%1").arg(i), QString::fromUtf8(brand[i]), 4.7, 20000);
        products << amazonListing(QStringLiteral("B0FROG0%1").arg(i), QString::fromUtf8(plain[i]), 4.5, 300);
    }
    QVERIFY(ProductWriter(db).upsert(products));
    QVERIFY(TrendAnalyzer(db).run());
    const QList<Trend> trends = TrendRepository(db).list().value();
    const std::optional<Trend> motorola = trendWith(trends, QStringLiteral("motorola"));
    QVERIFY(motorola);
    QCOMPARE(motorola->warnings, QStringList{QStringLiteral("protected_name: motorola")});
    QCOMPARE(motorola->toJson().value(QStringLiteral("warnings")).toArray().first().toString(), QStringLiteral("protected_name: motorola"));
    QVERIFY(trends.first().niche.contains(QLatin1String("motorola"))); // the list itself still shows it, flagged
    const std::optional<Trend> frog = trendWith(trends, QStringLiteral("frog"));
    QVERIFY(frog);
    QVERIFY(frog->warnings.isEmpty());
    auto overview = WorkspaceOverview::load(db);
    QVERIFY(overview);
    QVERIFY(!overview->topTrends.isEmpty());
    for (const Trend &t : overview->topTrends)
        QVERIFY2(t.warnings.isEmpty(), qPrintable(t.niche));
    QCOMPARE(overview->topTrends.first().id, frog->id);
}

void TestOpportunity::nicheWithRefinementsKeepsAllItsListings()
{
    PT_OPEN_DATABASE(db, m_dir);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QList<PlantedListing>> stores(4);
    for (int s = 0; s < 4; ++s)
        stores[s] << PlantedListing{QStringLiteral("Axolotl Japanese T-Shirt"), {QStringLiteral("axolotl")}, 10, 1}
                  << PlantedListing{QStringLiteral("Cute Axolotl Kawaii T-Shirt"), {QStringLiteral("axolotl")}, 20, 0}
                  << PlantedListing{QStringLiteral("Axolotl Mom Coffee Mug"), {QStringLiteral("axolotl")}, 30, 0};
    for (int i = 0; i < 3; ++i)
        stores[3] << PlantedListing{QStringLiteral("Reel Cool Fishing Dad Shirt"), {QStringLiteral("fishing dad")}, 200, 0};
    QVERIFY(scrapeStores(db, stores, now));
    AnalysisOptions options;
    options.now = now;
    QVERIFY(TrendAnalyzer(db, options).run());

    const QList<Trend> trends = TrendRepository(db).list().value();
    const auto find = [&trends](const QString &niche) {
        for (const Trend &t : trends)
            if (t.niche == niche)
                return std::optional<Trend>(t);
        return std::optional<Trend>();
    };
    const std::optional<Trend> axolotl = find(QStringLiteral("axolotl"));
    const std::optional<Trend> japanese = find(QStringLiteral("axolotl japanese"));
    const std::optional<Trend> mom = find(QStringLiteral("axolotl mom"));
    QVERIFY(axolotl && japanese && mom);
    // The parent holds every axolotl listing; its refinements point at it and keep theirs.
    QCOMPARE(axolotl->productCount, 12);
    QVERIFY(!axolotl->parentId);
    QCOMPARE(japanese->parentId, std::optional<qint64>(axolotl->id));
    QCOMPARE(japanese->parentNiche, QStringLiteral("axolotl"));
    QCOMPARE(japanese->productCount, 4);
    QCOMPARE(mom->parentId, std::optional<qint64>(axolotl->id));
    QCOMPARE(mom->productCount, 4);
    ProductFilter ofAxolotl;
    ofAxolotl.trendId = axolotl->id;
    ofAxolotl.limit = 100;
    const QList<Product> listed = ProductQueries(db).list(ofAxolotl).value();
    QCOMPARE(listed.size(), 12);
    for (const Product &p : listed)
        QVERIFY2(p.title.contains(QLatin1String("Axolotl")), qPrintable(p.title));
    ProductFilter ofJapanese;
    ofJapanese.trendId = japanese->id;
    QCOMPARE(ProductQueries(db).count(ofJapanese).value(), 4);
    // One niche across product types: 8 T-shirts and 4 mugs.
    QCOMPARE(axolotl->productTypes.size(), 2);
    QCOMPARE(axolotl->productTypes.at(0).kind, std::optional(ProductKind::TShirt));
    QCOMPARE(axolotl->productTypes.at(0).products, 8);
    QCOMPARE(axolotl->productTypes.at(1).kind, std::optional(ProductKind::Mug));
    QCOMPARE(axolotl->productTypes.at(1).products, 4);
    // The parent's seed scores count all twelve (competition = listings, capped at 100).
    QCOMPARE(axolotl->competitionScore, 12.0);
    const QJsonObject json = japanese->toJson();
    QCOMPARE(json.value(QStringLiteral("parent_id")).toInteger(), axolotl->id);
    QCOMPARE(json.value(QStringLiteral("parent")).toString(), QStringLiteral("axolotl"));
    QVERIFY(axolotl->toJson().value(QStringLiteral("parent_id")).isNull());

    // A rerun keeps the same tree in place.
    QVERIFY(TrendAnalyzer(db, options).run());
    const std::optional<Trend> again = TrendRepository(db).findById(japanese->id).value();
    QVERIFY(again);
    QCOMPARE(again->parentId, std::optional<qint64>(axolotl->id));
}

void TestOpportunity::seedFormulasHoldOnEveryTrend()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    QVERIFY(TrendAnalyzer(db).run());
    const QList<Trend> trends = TrendRepository(db).list().value();
    QVERIFY(trends.size() >= 10);
    for (const Trend &t : trends) {
        QSqlQuery q(db->connection());
        // A niche's products: its own and its refinements' (trends.parent_id).
        q.prepare(QStringLiteral("SELECT reviews_count, rating, price FROM products WHERE trend_id = ? "
                                 "OR trend_id IN (SELECT id FROM trends WHERE parent_id = ?)"));
        q.addBindValue(t.id);
        q.addBindValue(t.id);
        QVERIFY(q.exec());
        qint64 reviews = 0, ratingCenti = 0, priceCents = 0;
        int products = 0, rated = 0;
        while (q.next()) {
            ++products;
            reviews += q.value(0).toLongLong();
            const qint64 r = std::lround(q.value(1).toDouble() * 100.0);
            if (r > 0) {
                ratingCenti += r;
                ++rated;
            }
            priceCents += std::llround(q.value(2).toDouble() * 100.0);
        }
        QCOMPARE(products, t.productCount);
        const double avgRating = rated > 0 ? std::round(double(ratingCenti) / rated) / 100.0 : 0.0;
        const double avgPrice = std::round(double(priceCents) / products) / 100.0;
        // The seed: demand = reviews/10 + rating×5, growth = rating×20 + 10, competition = count,
        // profitability = price/50×50 + rating×10, each capped at 100; overall 0.25 each.
        const double demand = round2(std::min(100.0, reviews / 10.0 + avgRating * 5.0));
        const double growth = round2(std::min(100.0, avgRating * 20.0 + 10.0));
        const double competition = round2(std::min(100.0, double(products)));
        const double profitability = round2(std::min(100.0, avgPrice / 50.0 * 50.0 + avgRating * 10.0));
        QCOMPARE(t.demandScore, demand);
        QCOMPARE(t.growthScore, growth);
        QCOMPARE(t.competitionScore, competition);
        QCOMPARE(t.profitabilityScore, profitability);
        QCOMPARE(t.overallScore, round2(0.25 * demand + 0.25 * growth + 0.25 * (100.0 - competition) + 0.25 * profitability));
    }
}

void TestOpportunity::listSortsByOpportunityOrByTheSeedScore()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    QVERIFY(TrendAnalyzer(db).run());
    TrendRepository repo(db);
    const QList<Trend> byOpportunity = repo.list().value();
    for (qsizetype i = 1; i < byOpportunity.size(); ++i)
        if (byOpportunity.at(i).opportunityScore)
            QVERIFY(byOpportunity.at(i - 1).opportunityScore >= byOpportunity.at(i).opportunityScore);
    TrendFilter overall;
    overall.sort = TrendSort::Overall;
    const QList<Trend> bySeed = repo.list(overall).value();
    QCOMPARE(bySeed.size(), byOpportunity.size());
    for (qsizetype i = 1; i < bySeed.size(); ++i)
        QVERIFY(bySeed.at(i - 1).overallScore >= bySeed.at(i).overallScore);
}

void TestOpportunity::etsyViewsAndListingAgeAreDemandSignalsWhenPresent()
{
    PT_OPEN_DATABASE(db, m_dir);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 tenDaysAgo = now.addDays(-10).toSecsSinceEpoch();
    const qint64 yearAgo = now.addDays(-400).toSecsSinceEpoch();
    const QStringList frogTags{QStringLiteral("frog cottagecore"), QStringLiteral("frog")};
    const QStringList witchTags{QStringLiteral("mushroom witch"), QStringLiteral("mushroom")};
    const QStringList dragonTags{QStringLiteral("dragon dad"), QStringLiteral("dragon")};
    QList<QJsonObject> listings;
    // "frog cottagecore": favourites, views and creation time (two new, one a year old).
    listings << etsyListing(901, QStringLiteral("Frog Cottagecore Mushroom T-Shirt"), frogTags, 40, 900, tenDaysAgo)
             << etsyListing(902, QStringLiteral("Frog Cottagecore Vintage Tee"), frogTags, 30, 600, tenDaysAgo)
             << etsyListing(903, QStringLiteral("Frog Cottagecore Gift Shirt"), frogTags, 20, 300, yearAgo);
    // "mushroom witch": the same favourites, no views and no creation time (a search answer).
    listings << etsyListing(911, QStringLiteral("Mushroom Witch Moon T-Shirt"), witchTags, 40, -1, 0)
             << etsyListing(912, QStringLiteral("Mushroom Witch Forest Tee"), witchTags, 30, -1, 0)
             << etsyListing(913, QStringLiteral("Mushroom Witch Gift Shirt"), witchTags, 20, 0, 0); // Etsy's 0: unknown
    // "bee kind": the frogs' favourites, but few views and only old listings.
    const QStringList beeTags{QStringLiteral("bee kind"), QStringLiteral("bee")};
    listings << etsyListing(931, QStringLiteral("Bee Kind Floral T-Shirt"), beeTags, 40, 60, yearAgo)
             << etsyListing(932, QStringLiteral("Bee Kind Honey Tee"), beeTags, 30, 50, yearAgo)
             << etsyListing(933, QStringLiteral("Bee Kind Gift Shirt"), beeTags, 20, 40, yearAgo);
    // "dragon dad": nothing that measures demand (no favourites, views or creation time).
    listings << etsyListing(921, QStringLiteral("Dragon Dad Fantasy T-Shirt"), dragonTags, -1, -1, 0)
             << etsyListing(922, QStringLiteral("Dragon Dad Legend Tee"), dragonTags, -1, -1, 0)
             << etsyListing(923, QStringLiteral("Dragon Dad Gift Shirt"), dragonTags, -1, -1, 0);
    QVERIFY(importFiles(db, m_dir.filePath(QStringLiteral("etsy-") + dialect), {{QStringLiteral("listings.json"), etsyAnswer(listings)}}));
    AnalysisOptions options;
    options.now = now;
    QVERIFY(TrendAnalyzer(db, options).run());
    const QList<Trend> trends = TrendRepository(db).list().value();

    const std::optional<Trend> frog = trendWith(trends, QStringLiteral("frog"));
    QVERIFY(frog);
    const ScorePart &frogDemand = frog->opportunity.part(ScoreComponent::Demand);
    QCOMPARE(frogDemand.provenance, Provenance::Measured);
    QCOMPARE(frogDemand.input(Signal::Favorites), std::optional<double>(90));
    QCOMPARE(frogDemand.input(Signal::Views), std::optional<double>(1800));
    QCOMPARE(frogDemand.input(Signal::RecentListings), std::optional<double>(2));
    QVERIFY(frogDemand.input(Signal::ListingAgeDays));
    QCOMPARE(*frogDemand.input(Signal::ListingAgeDays), std::round((10.0 + 10.0 + 400.0) / 3.0));
    QVERIFY2(frogDemand.evidence().contains(QLocale().toString(1800) + QLatin1String(" views")), qPrintable(frogDemand.evidence()));

    // Without views or creation time those signals are absent, not zero; favourites still measure.
    const std::optional<Trend> witch = trendWith(trends, QStringLiteral("mushroom witch"));
    QVERIFY(witch);
    const ScorePart &witchDemand = witch->opportunity.part(ScoreComponent::Demand);
    QCOMPARE(witchDemand.input(Signal::Favorites), std::optional<double>(90));
    QVERIFY(!witchDemand.input(Signal::Views));
    QVERIFY(!witchDemand.input(Signal::ListingAgeDays));
    QVERIFY(!witchDemand.input(Signal::RecentListings));
    QVERIFY(witchDemand.value);
    // With the same favourites, few views and no new listings weigh the bees' demand down.
    const std::optional<Trend> bee = trendWith(trends, QStringLiteral("bee"));
    QVERIFY(bee);
    const ScorePart &beeDemand = bee->opportunity.part(ScoreComponent::Demand);
    QCOMPARE(beeDemand.input(Signal::Favorites), std::optional<double>(90));
    QCOMPARE(beeDemand.input(Signal::Views), std::optional<double>(150));
    QCOMPARE(beeDemand.input(Signal::RecentListings), std::optional<double>(0));
    QVERIFY2(*frogDemand.value > *beeDemand.value, qPrintable(QStringLiteral("%1 vs %2").arg(*frogDemand.value).arg(*beeDemand.value)));

    // Nothing measures the dragons' demand: no data, no opportunity score, null in JSON.
    const std::optional<Trend> dragon = trendWith(trends, QStringLiteral("dragon"));
    QVERIFY(dragon);
    QCOMPARE(dragon->opportunity.part(ScoreComponent::Demand).provenance, Provenance::NoData);
    QVERIFY(!dragon->opportunity.part(ScoreComponent::Demand).value);
    QVERIFY(!dragon->opportunityScore);
    QVERIFY(dragon->toJson().value(QStringLiteral("opportunity_score")).isNull());
}

void TestOpportunity::amazonBestSellersRankIsADemandSignalWhenRead()
{
    PT_OPEN_DATABASE(db, m_dir);
    // Saved product pages, imported: the same reviews everywhere, the Best Sellers Rank differs.
    const struct
    {
        const char *asinPrefix;
        const char *titles[3];
        int ranks[3];
    } niches[] = {
        {"B0SLOTH", {"Sloth Yoga Funny T-Shirt", "Sloth Yoga Namaste Tee", "Sloth Yoga Gift Shirt"}, {250, 400, 900}},
        {"B0CHESS", {"Chess Club Vintage T-Shirt", "Chess Club Grandmaster Tee", "Chess Club Gift Shirt"}, {80000, 120000, 300000}},
        {"B0BIGFT", {"Bigfoot Camping Retro T-Shirt", "Bigfoot Camping Forest Tee", "Bigfoot Camping Gift Shirt"}, {0, 0, 0}},
    };
    QHash<QString, QByteArray> files;
    for (const auto &niche : niches)
        for (int i = 0; i < 3; ++i) {
            const QString asin = QStringLiteral("%1%2").arg(QString::fromLatin1(niche.asinPrefix)).arg(i, 3, 10, QLatin1Char('0'));
            files.insert(QStringLiteral("amazon-product-%1.html").arg(asin), amazonProductPage(asin, QString::fromUtf8(niche.titles[i]), 2000, niche.ranks[i]));
        }
    QVERIFY(importFiles(db, m_dir.filePath(QStringLiteral("amazon-bsr-") + dialect), files));
    QVERIFY(TrendAnalyzer(db).run());
    const QList<Trend> trends = TrendRepository(db).list().value();
    const std::optional<Trend> sloth = trendWith(trends, QStringLiteral("sloth"));
    const std::optional<Trend> chess = trendWith(trends, QStringLiteral("chess"));
    const std::optional<Trend> bigfoot = trendWith(trends, QStringLiteral("bigfoot"));
    QVERIFY(sloth && chess && bigfoot);
    const ScorePart &s = sloth->opportunity.part(ScoreComponent::Demand);
    const ScorePart &c = chess->opportunity.part(ScoreComponent::Demand);
    const ScorePart &b = bigfoot->opportunity.part(ScoreComponent::Demand);
    // The median rank of the niche's listings.
    QCOMPARE(s.input(Signal::BestSellerRank), std::optional<double>(400));
    QCOMPARE(c.input(Signal::BestSellerRank), std::optional<double>(120000));
    QVERIFY2(s.evidence().contains(QLatin1String("Best Sellers Rank #400")), qPrintable(s.evidence()));
    // Pages without the rank: no rank signal (not a rank of 0), demand from the reviews alone.
    QVERIFY(!b.input(Signal::BestSellerRank));
    QCOMPARE(b.input(Signal::TotalReviews), std::optional<double>(6000));
    QCOMPARE(b.provenance, Provenance::Measured);
    // Same reviews: the better-selling niche has the higher demand.
    QVERIFY2(*s.value > *c.value, qPrintable(QStringLiteral("%1 vs %2").arg(*s.value).arg(*c.value)));
}

void TestOpportunity::importedAmazonNichesWithThousandsOfReviewsRankInOrder()
{
    PT_OPEN_DATABASE(db, m_dir);
    // Saved product pages through the real importer: thousands of reviews each (the seed's demand
    // is 100 for all four); the opportunity's demand tells them apart, in order of reviews.
    const struct
    {
        const char *word;
        const char *titles[3];
        int reviews;
    } niches[] = {
        {"axolotl", {"Axolotl Kawaii Funny T-Shirt", "Axolotl Kawaii Pastel Tee", "Axolotl Kawaii Gift Shirt"}, 1100},
        {"bee", {"Bee Kind Floral T-Shirt", "Bee Kind Honey Tee", "Bee Kind Gift Shirt"}, 2600},
        {"cat", {"Cat Mom Retro T-Shirt", "Cat Mom Paw Tee", "Cat Mom Gift Shirt"}, 5200},
        {"nurse", {"Nurse Life Scrubs T-Shirt", "Nurse Life Night Shift Tee", "Nurse Life Gift Shirt"}, 11000},
    };
    QHash<QString, QByteArray> files;
    int n = 0;
    for (const auto &niche : niches)
        for (const char *title : niche.titles) {
            const QString asin = QStringLiteral("B0REVW%1").arg(++n, 4, 10, QLatin1Char('0'));
            files.insert(QStringLiteral("amazon-product-%1.html").arg(asin), amazonProductPage(asin, QString::fromUtf8(title), niche.reviews, 0));
        }
    QVERIFY(importFiles(db, m_dir.filePath(QStringLiteral("amazon-reviews-") + dialect), files));
    QVERIFY(TrendAnalyzer(db).run());
    const QList<Trend> trends = TrendRepository(db).list().value();
    double previous = -1;
    for (const auto &niche : niches) {
        const std::optional<Trend> t = trendWith(trends, QString::fromUtf8(niche.word));
        QVERIFY2(t, niche.word);
        QCOMPARE(t->demandScore, 100.0);
        const ScorePart &d = t->opportunity.part(ScoreComponent::Demand);
        QCOMPARE(d.input(Signal::TotalReviews), std::optional<double>(3 * niche.reviews));
        QVERIFY2(*d.value > previous, qPrintable(QStringLiteral("%1: %2 after %3").arg(t->niche).arg(*d.value).arg(previous)));
        previous = *d.value;
    }
}

QTEST_GUILESS_MAIN(TestOpportunity)
#include "tst_opportunity.moc"
