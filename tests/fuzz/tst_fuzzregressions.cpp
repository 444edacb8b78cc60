// Inputs the fuzz targets (tests/fuzz, docs/RELIABILITY.md "Fuzzing") found to break a parser,
// fed to the same parser in the ordinary build, each checked for a clean answer. The inputs
// themselves also live in regressions/<target>/, which the fuzz_corpus_<target> tests replay.
#include "testenv.h"

#include <core/net/httptypes.h>
#include <core/publishing/printfulclient.h>
#include <core/scraping/amazonparser.h>
#include <core/storage/databaseconfig.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace podtrends::core;

namespace {

QByteArray readSource(const QString &relative)
{
    QFile file(qEnvironmentVariable("PODTRENDS_SOURCE_DIR") + QLatin1Char('/') + relative);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray fixture(const QString &name)
{
    QFile file(podtrends::test::fixturesDir() + QStringLiteral("/collection/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

const QByteArray kHuge = "77777777777777777777777777777777777777777777777777777777777";

} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // fuzz_amazon_product, 2026-12-06: a Best Sellers Rank of 7.7e58 was converted to int
    // (undefined behaviour; -2147483648 on x86). A rank beyond the int range is now unknown (-1).
    void bestSellersRankBeyondIntIsUnknown()
    {
        const QByteArray crash = readSource(QStringLiteral("tests/fuzz/regressions/amazon_product/bsr-rank-beyond-int-427439e3"));
        QCOMPARE(AmazonParser::parseBestSellersRank(QString::fromUtf8(crash.left(4096))), -1);
        QCOMPARE(AmazonParser::parseBestSellersRank(QStringLiteral("#") + QString::fromLatin1(kHuge) + QStringLiteral(" in Clothing")), -1);
        QCOMPARE(AmazonParser::parseBestSellersRank(QStringLiteral("#2147483648 in Clothing")), -1);
        QCOMPARE(AmazonParser::parseBestSellersRank(QStringLiteral("#2,147,483,647 in Clothing")), 2147483647);
        QCOMPARE(AmazonParser::parseBestSellersRank(QStringLiteral("#1,234 in Clothing (See Top 100) #56 in T-Shirts")), 1234);
    }

    // The same conversion for a product page's rank and review count: the page still parses,
    // with the numbers unknown.
    void productPageNumbersBeyondIntAreUnknown()
    {
        QByteArray html = fixture(QStringLiteral("amazon-product-B0TEST0001.html"));
        html.replace("1,234 ratings", QByteArray(kHuge + " ratings"));
        html.replace("#1,234 in Clothing", QByteArray("#" + kHuge + " in Clothing"));
        const AmazonParser parser;
        auto product = parser.parseProduct(html, QUrl(QStringLiteral("https://www.amazon.com")));
        QVERIFY2(product, qPrintable(product.errorMessage()));
        QCOMPARE(product->externalId, QStringLiteral("B0TEST0001"));
        QCOMPARE(product->reviewsCount, 0);
        QCOMPARE(product->rank, -1);
    }

    // A search page's result count and review counts beyond the integer ranges.
    void searchPageNumbersBeyondRangeAreUnknown()
    {
        QByteArray html = fixture(QStringLiteral("amazon-search-page1.html"));
        QVERIFY(html.contains("1-5 of over 2,000 results for"));
        QVERIFY(html.contains("(1,234)"));
        html.replace("1-5 of over 2,000 results for", QByteArray("1-5 of over " + kHuge + " results for"));
        html.replace("(1,234)", QByteArray("(" + kHuge + ")"));
        for (const auto engine : {AmazonParser::Engine::Streaming, AmazonParser::Engine::Tree}) {
            AmazonParser parser;
            parser.setEngine(engine);
            auto page = parser.parseSearch(html, QUrl(QStringLiteral("https://www.amazon.com")));
            QVERIFY2(page, qPrintable(page.errorMessage()));
            QVERIFY(!page->products.isEmpty());
            QCOMPARE(page->resultCount, -1);
            for (const Product &p : page->products)
                QVERIFY(p.reviewsCount >= 0);
        }
    }

    // fuzz_db_url, 2026-12-06: "qPOST /" became the path "<cwd>/qPOST " (cleanPath drops the
    // slash and keeps the space) and "ostg//\r/" became "<cwd>/ostg/" (trimmed after cleaning);
    // spec() of either parsed to another path, so the saved choice opened another file.
    void sqlitePathParsesAgainToItself_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("ends in a space") << QStringLiteral("sqlite-path-ending-in-space-aaa901ac");
        QTest::newRow("trims to a slash") << QStringLiteral("sqlite-path-trims-to-slash-6da2655b");
    }
    void sqlitePathParsesAgainToItself()
    {
        QFETCH(QString, file);
        const QString input = QString::fromUtf8(readSource(QStringLiteral("tests/fuzz/regressions/db_url/") + file));
        auto config = DatabaseConfig::parse(input);
        QVERIFY2(config, qPrintable(config.errorMessage()));
        QCOMPARE(config->sqlitePath, config->sqlitePath.trimmed());
        auto again = DatabaseConfig::parse(config->spec());
        QVERIFY2(again, qPrintable(again.errorMessage()));
        QCOMPARE(again->sqlitePath, config->sqlitePath);
    }

    // fuzz_db_url, 2026-12-06: spec() wrote a user name or password with a space unencoded
    // ("postgres://us er:…"), which parse() refuses, so a PostgreSQL database chosen in Settings
    // with such a password was saved and then refused at the next start.
    void databaseSpecWithSpacesParsesAgain_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("fuzz input") << QString::fromUtf8(readSource(QStringLiteral("tests/fuzz/regressions/db_url/user-with-space-199cc057")));
        QTest::newRow("password with spaces") << QStringLiteral("postgres://ann:my%20secret%20pw@db.example:6543/shop");
        QTest::newRow("non-ASCII and reserved") << QStringLiteral("postgres://j%C3%BCrgen:p%40ss%3Aw%2Fo%25rd@db.example/caf%C3%A9");
    }
    void databaseSpecWithSpacesParsesAgain()
    {
        QFETCH(QString, url);
        auto config = DatabaseConfig::parse(url);
        QVERIFY2(config, qPrintable(config.errorMessage()));
        auto again = DatabaseConfig::parse(config->spec());
        QVERIFY2(again, qPrintable(config->spec() + QStringLiteral(": ") + again.errorMessage()));
        QCOMPARE(again->user, config->user);
        QCOMPARE(again->password, config->password);
        QCOMPARE(again->host, config->host);
        QCOMPARE(again->port, config->port);
        QCOMPARE(again->databaseName, config->databaseName);
    }

    // fuzz_printful, 2026-12-06: a catalog variant priced "10.e50" was rounded to qint64 cents
    // (undefined behaviour). Such a price is now unknown (0), which the publish plan refuses as
    // a variant without a price; the reply itself still parses.
    void printfulPriceBeyondQint64IsUnknown()
    {
        const QByteArray crash = readSource(QStringLiteral("tests/fuzz/regressions/printful/catalog-price-beyond-qint64-b9df0019"));
        HttpReply reply;
        reply.status = 200;
        reply.body = crash.mid(1); // the fuzz input's first byte picks the status (0: 200)
        auto result = PrintfulClient::readReply(reply, QStringLiteral("/products/71"));
        QVERIFY2(result, qPrintable(result.errorMessage()));
        const CatalogProduct product = PrintfulClient::parseCatalogProduct(result->toObject());
        QCOMPARE(product.id, qint64(71));
        QCOMPARE(product.variants.size(), qsizetype(2));
        QCOMPARE(product.variants.at(0).priceCents, qint64(0));
        QCOMPARE(product.variants.at(1).priceCents, qint64(1125));

        const QByteArray body = R"({"code":200,"result":{"product":{"id":1},"variants":[
            {"id":1,"price":"1e300"},{"id":2,"price":-1e300},{"id":3,"price":"nan"},{"id":4,"price":"12.34"}]}})";
        const CatalogProduct p = PrintfulClient::parseCatalogProduct(QJsonDocument::fromJson(body).object().value(QLatin1String("result")).toObject());
        QCOMPARE(p.variants.size(), qsizetype(4));
        QCOMPARE(p.variants.at(0).priceCents, qint64(0));
        QCOMPARE(p.variants.at(1).priceCents, qint64(0));
        QCOMPARE(p.variants.at(2).priceCents, qint64(0));
        QCOMPARE(p.variants.at(3).priceCents, qint64(1234));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
