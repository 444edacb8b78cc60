// Features stored per product (issue 14): computed when a product is written, kept in step with
// re-scrapes, edits and deletions, filled once for a database from before, and giving exactly the
// trends that reading every product's text gives (SQLite and PostgreSQL).
#include "analysisfixture.h"

#include <core/analysis/productfeatures.h>
#include <core/analysis/trendanalyzer.h>
#include <core/storage/productwriter.h>
#include <core/storage/trendrepository.h>
#include <support/testenv.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);

AnalysisOptions fixedOptions()
{
    AnalysisOptions options;
    options.now = kNow;
    return options;
}

qint64 scalar(const std::shared_ptr<Database> &db, const QString &sql)
{
    QSqlQuery q(db->connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// Every stored trend without ids and times, in a stable order.
QByteArray trendsSnapshot(const std::shared_ptr<Database> &db)
{
    QList<Trend> trends = TrendRepository(db).list().value();
    std::sort(trends.begin(), trends.end(), [](const Trend &a, const Trend &b) {
        return std::pair(a.niche, a.category) < std::pair(b.niche, b.category);
    });
    QJsonArray array;
    for (Trend t : std::as_const(trends)) {
        t.id = 0;
        t.parentId.reset();
        t.updatedAt = {};
        t.createdAt = {};
        array.append(t.toJson());
    }
    return QJsonDocument(array).toJson();
}

// The same figures computed the old way: every product's text read and tokenized.
QByteArray computedFromText(const std::shared_ptr<Database> &db)
{
    auto rows = AnalysisInput::readProducts(db);
    TrendRepository repo(db);
    auto result = TrendAnalyzer::compute(rows.value(), repo.snapshotSpans().value(), repo.latestMarketCounts().value(), fixedOptions());
    QList<Trend> trends = result.value().trends;
    std::sort(trends.begin(), trends.end(), [](const Trend &a, const Trend &b) {
        return std::pair(a.niche, a.category) < std::pair(b.niche, b.category);
    });
    QJsonArray array;
    for (Trend t : std::as_const(trends)) {
        t.id = 0;
        t.parentId.reset();
        t.updatedAt = {};
        t.createdAt = {};
        array.append(t.toJson());
    }
    return QJsonDocument(array).toJson();
}

} // namespace

class TestProductFeatures final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void writerStoresFeaturesWithEveryProduct_data() { test::addDialectRows(); }
    void writerStoresFeaturesWithEveryProduct();
    void storedFeaturesGiveTheTrendsOfReadingText_data() { test::addDialectRows(); }
    void storedFeaturesGiveTheTrendsOfReadingText();
    void databaseFromBeforeIsFilledOnce_data() { test::addDialectRows(); }
    void databaseFromBeforeIsFilledOnce();
    void reScrapedTitlesMoveProductsToTheirNewNiche_data() { test::addDialectRows(); }
    void reScrapedTitlesMoveProductsToTheirNewNiche();
    void editOutsideTheWriterIsRecomputed_data() { test::addDialectRows(); }
    void editOutsideTheWriterIsRecomputed();
    void deletedProductsLeaveTheTrends_data() { test::addDialectRows(); }
    void deletedProductsLeaveTheTrends();
    void encodingRoundTrips();

private:
    QTemporaryDir m_dir;
};

void TestProductFeatures::writerStoresFeaturesWithEveryProduct()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db, kNow));
    const qint64 products = scalar(db, QStringLiteral("SELECT COUNT(*) FROM products"));
    QVERIFY(products > 200);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM product_features")), products);
    auto stats = TrendAnalyzer(db, fixedOptions()).run();
    QVERIFY2(stats, qPrintable(stats.errorMessage()));
    QCOMPARE(stats->featuresComputed, 0); // nothing left for the analysis to tokenize
    QCOMPARE(stats->products, products);
}

void TestProductFeatures::storedFeaturesGiveTheTrendsOfReadingText()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db, kNow));
    QVERIFY(TrendAnalyzer(db, fixedOptions()).run());
    const QByteArray stored = trendsSnapshot(db);
    QVERIFY(stored.size() > 1000);
    QCOMPARE(stored, computedFromText(db));
}

void TestProductFeatures::databaseFromBeforeIsFilledOnce()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db, kNow));
    QVERIFY(TrendAnalyzer(db, fixedOptions()).run());
    const QByteArray expected = trendsSnapshot(db);
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM product_features")));
    const qint64 products = scalar(db, QStringLiteral("SELECT COUNT(*) FROM products"));

    auto first = TrendAnalyzer(db, fixedOptions()).run();
    QVERIFY2(first, qPrintable(first.errorMessage()));
    QCOMPARE(first->featuresComputed, products);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM product_features")), products);
    QCOMPARE(trendsSnapshot(db), expected);

    auto second = TrendAnalyzer(db, fixedOptions()).run();
    QVERIFY(second);
    QCOMPARE(second->featuresComputed, 0);
    QCOMPARE(trendsSnapshot(db), expected);
}

void TestProductFeatures::reScrapedTitlesMoveProductsToTheirNewNiche()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db, kNow));
    QVERIFY(TrendAnalyzer(db, fixedOptions()).run());
    // The gym rat listings (fx-13-*) are re-scraped with new titles and tags.
    QList<Product> rescraped;
    for (const Product &p : test::AnalysisFixture::products(test::AnalysisFixture::observations() - 1)) {
        if (!p.externalId.startsWith(QLatin1String("fx-13-")))
            continue;
        Product changed = p;
        changed.title = QStringLiteral("Axolotl Ramen Kawaii Shirt");
        changed.tags = {QStringLiteral("axolotl ramen")};
        rescraped << changed;
    }
    QCOMPARE(rescraped.size(), 7);
    UpsertOptions options;
    options.scrapedAt = kNow;
    QVERIFY(ProductWriter(db).upsert(rescraped, options));

    auto stats = TrendAnalyzer(db, fixedOptions()).run();
    QVERIFY(stats);
    QCOMPARE(stats->featuresComputed, 0); // the writer kept them in step
    QList<Trend> trends = TrendRepository(db).list().value();
    const auto named = [&](const QString &niche) {
        for (const Trend &t : std::as_const(trends))
            if (t.niche == niche)
                return t.productCount;
        return -1;
    };
    QCOMPARE(named(QStringLiteral("gym rat")), -1);
    QCOMPARE(named(QStringLiteral("axolotl ramen")), 7);
    QCOMPARE(trendsSnapshot(db), computedFromText(db));
}

void TestProductFeatures::editOutsideTheWriterIsRecomputed()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db, kNow));
    QVERIFY(TrendAnalyzer(db, fixedOptions()).run());
    const qint64 before = scalar(db, QStringLiteral("SELECT COUNT(*) FROM product_features"));
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE products SET title = 'Axolotl Ramen Shirt', tags = '[]' WHERE external_id LIKE 'fx-13-%'")));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM product_features")), before - 7);
    // A change that leaves the analysed columns as they were keeps the features.
    QVERIFY(q.exec(QStringLiteral("UPDATE products SET image_url = 'https://example.com/x.png' WHERE external_id LIKE 'fx-12-%'")));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM product_features")), before - 7);

    auto stats = TrendAnalyzer(db, fixedOptions()).run();
    QVERIFY(stats);
    QCOMPARE(stats->featuresComputed, 7);
    QCOMPARE(trendsSnapshot(db), computedFromText(db));
}

void TestProductFeatures::deletedProductsLeaveTheTrends()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db, kNow));
    QVERIFY(TrendAnalyzer(db, fixedOptions()).run());
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM products WHERE external_id LIKE 'fx-1-%' AND external_id NOT LIKE 'fx-1-1%'")));
    const qint64 products = scalar(db, QStringLiteral("SELECT COUNT(*) FROM products"));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM product_features")), products);

    auto stats = TrendAnalyzer(db, fixedOptions()).run();
    QVERIFY(stats);
    QCOMPARE(stats->products, products);
    QCOMPARE(stats->featuresComputed, 0);
    QCOMPARE(trendsSnapshot(db), computedFromText(db));
}

void TestProductFeatures::encodingRoundTrips()
{
    Product p;
    p.marketplace = QStringLiteral("shopify");
    p.title = QStringLiteral("Cute Axolotl Kawaii T-Shirt 🦎");
    p.category = QStringLiteral("T-Shirts");
    p.description = QString(200, QChar(u'x'));
    p.price = 24.99;
    p.rating = 0;
    p.tags = {QStringLiteral("axolotl"), QStringLiteral("kawaii \"cute\"")};
    p.productUrl = QStringLiteral("https://shop.example/products/axolotl");
    const QByteArray record = R"({"published_at":"2026-11-01T10:00:00Z","variants":[{"available":false,"price":"24.99","compare_at_price":"29.99"},{"available":true,"price":"24.99"}]})";
    const ProductFeatures f = ProductFeatures::of(p, record);
    QVERIFY(!f.keys.empty());
    QCOMPARE(f.variants, 2);
    QCOMPARE(f.variantsSoldOut, 1);
    QCOMPARE(f.variantsDiscounted, 1);
    QCOMPARE(f.storeKey, ProductFeatures::storeKeyOf(u"https://shop.example"));

    NicheExtractor::Chunk chunk;
    AnalysisRow row;
    QVERIFY(ProductFeatures::decodeInto(f.encode(), &chunk, &row, [&](QByteArrayView b) { return QString::fromUtf8(b); }));
    QCOMPARE(chunk.keys, f.keys);
    QCOMPARE(chunk.terms, f.terms);
    QCOMPARE(chunk.productTypes.front(), f.productType);
    QCOMPARE(row.marketplace, p.marketplace);
    QCOMPARE(row.category, p.category);
    QCOMPARE(row.priceCents, 2499);
    QCOMPARE(row.favorites, -1);
    QCOMPARE(row.publishedMs, f.publishedMs);
    QVERIFY(!ProductFeatures::decodeInto(f.encode().left(40), &chunk, &row, [&](QByteArrayView b) { return QString::fromUtf8(b); }));
    // SQL's SUBSTR counts characters: a surrogate pair is one.
    QCOMPARE(ProductFeatures::head(QStringLiteral("a🦎b"), 2), QStringLiteral("a🦎"));
}

QTEST_GUILESS_MAIN(TestProductFeatures)
#include "tst_productfeatures.moc"
