// The opportunity score on planted markets built the way the program builds them: Shopify stores
// scraped over loopback HTTP, Amazon listings stored as the saved-page parser produces them. And
// the seed's formulas, recomputed from each trend's own products.
#include "analysisfixture.h"

#include <core/analysis/overview.h>
#include <core/analysis/scoring.h>
#include <core/analysis/trendanalyzer.h>
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>
#include <core/storage/trendrepository.h>
#include <scraping/scrapetesthelpers.h>
#include <support/testenv.h>

#include <QJsonArray>
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

QTEST_GUILESS_MAIN(TestOpportunity)
#include "tst_opportunity.moc"
