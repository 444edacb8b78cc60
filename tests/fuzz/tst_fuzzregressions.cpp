// Inputs the fuzz targets (tests/fuzz, docs/RELIABILITY.md "Fuzzing") found to break a parser,
// fed to the same parser in the ordinary build, each checked for a clean answer. The inputs
// themselves also live in regressions/<target>/, which the fuzz_corpus_<target> tests replay.
#include "testenv.h"

#include <core/scraping/amazonparser.h>

#include <QFile>
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
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
