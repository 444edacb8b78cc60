// Niche extraction and the pure analysis pipeline (no database).
#include <core/analysis/analysisinput.h>
#include <core/analysis/textnormalizer.h>
#include <core/analysis/trendanalyzer.h>
#include <core/util/json.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace podtrends::core;

namespace {

AnalysisRow row(qint64 id, const QString &title, const QString &category = QStringLiteral("T-Shirts"), double price = 20.0,
                int reviews = 10, const QStringList &tags = {})
{
    AnalysisRow r;
    r.id = id;
    r.marketplace = id % 2 ? QStringLiteral("etsy") : QStringLiteral("amazon");
    r.title = title;
    r.category = category;
    r.priceCents = qint64(price * 100);
    r.ratingCenti = 450;
    r.reviews = reviews;
    r.tagsJson = json::toText(QJsonArray::fromStringList(tags));
    return r;
}

QByteArray names(const AnalysisResult &r)
{
    QStringList out;
    for (const Trend &t : r.trends)
        out << t.niche + QLatin1Char('/') + t.category + QLatin1Char('/') + QString::number(t.productCount);
    return out.join(QStringLiteral(", ")).toUtf8();
}

const Trend *findTrend(const AnalysisResult &r, const QString &niche)
{
    for (const Trend &t : r.trends)
        if (t.niche == niche)
            return &t;
    return nullptr;
}

QList<AnalysisRow> manyRows(int copies)
{
    static const char *const titles[] = {
        "Vintage Cat Dad Shirt For Men", "Cat Dad Funny T-Shirt", "Dad Bod Father's Day Tee", "Nurse Life Shirt For Women",
        "Nurse Life Christmas Tee", "Dog Mom Mug Mother's Day", "Fishing Grandpa Shirt", "Retro Fishing Grandpa Tee",
        "Spooky Season Halloween Hoodie", "Plant Lady Gardening Shirt", "Book Lover Sticker", "Gym Rat Workout Tank"};
    QList<AnalysisRow> rows;
    qint64 id = 1;
    for (int c = 0; c < copies; ++c)
        for (int i = 0; i < int(std::size(titles)); ++i, ++id)
            rows << row(id, QString::fromLatin1(titles[i]), i % 3 ? QStringLiteral("T-Shirts") : QStringLiteral("Mugs"),
                        10.0 + double((id * 37) % 400) / 10.0, int((id * 13) % 500), {QStringLiteral("gift idea"), c % 2 ? QStringLiteral("for him") : QStringLiteral("for her")});
    return rows;
}

} // namespace

class TestNicheExtraction final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalizesCasePunctuationPluralsAndPossessives();
    void dropsStopAndProductTypeWordsFromNiches();
    void requiresThreeProductsPerTrend();
    void nichesSharingWordsStayApart();
    void refinementKeepsItsListingsInItsParent();
    void nicheSpansProductTypesWithABreakdown();
    void productWordsColoursSizesAndYearsNeverBecomeNiches();
    void sameTrendsOnOneAndEightThreads();
    void audienceClaimsAreCounted();
    void seasonFollowsDatedOccasions();
    void cancelStopsTheRun();
};

void TestNicheExtraction::normalizesCasePunctuationPluralsAndPossessives()
{
    QCOMPARE(TextNormalizer::words(u"Cat DADS' T-Shirts!!"), (QStringList{QStringLiteral("cat"), QStringLiteral("dad"), QStringLiteral("shirt")}));
    QCOMPARE(TextNormalizer::words(u"Mother's Day Puppies"), (QStringList{QStringLiteral("mother"), QStringLiteral("day"), QStringLiteral("puppy")}));
    QCOMPARE(TextNormalizer::singular(QStringLiteral("christmas")), QStringLiteral("christmas"));
    QCOMPARE(TextNormalizer::singular(QStringLiteral("boxes")), QStringLiteral("box"));
    QCOMPARE(TextNormalizer::singular(QStringLiteral("glass")), QStringLiteral("glass"));
    QCOMPARE(TextNormalizer::words(u"100% cotton 2024"), (QStringList{QStringLiteral("cotton")}));
}

void TestNicheExtraction::dropsStopAndProductTypeWordsFromNiches()
{
    QCOMPARE(TextNormalizer::normalizePhrase(u"Funny Vintage Cat Dad T-Shirt Gift for Men"), QStringLiteral("cat dad"));
    QCOMPARE(TextNormalizer::normalizePhrase(u"Hoodie Mug Tee Sweatshirt"), QString());
    QCOMPARE(TextNormalizer::productType(TextNormalizer::words(u"Nurse Life Coffee Mug")), QStringLiteral("mug"));
    // Ten listings that share only product words make no niche.
    QList<AnalysisRow> rows;
    for (int i = 1; i <= 10; ++i)
        rows << row(i, i % 2 ? QStringLiteral("Funny Shirt Gift For Him") : QStringLiteral("Best Gift Tee Ever"));
    auto r = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(r);
    QCOMPARE(r->trends.size(), 0);
}

void TestNicheExtraction::requiresThreeProductsPerTrend()
{
    QList<AnalysisRow> rows{row(1, QStringLiteral("Llama Mama Shirt")), row(2, QStringLiteral("Llama Mama Tee"))};
    auto two = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(two);
    QCOMPARE(two->trends.size(), 0);
    rows << row(3, QStringLiteral("Cute Llama Mama T-Shirt"));
    rows.last().trendId = 0;
    auto three = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(three);
    QCOMPARE(three->trends.size(), 1);
    QCOMPARE(three->trends.first().niche, QStringLiteral("llama mama"));
    QCOMPARE(three->trends.first().productCount, 3);
    QCOMPARE(three->members.first().productIds, (QList<qint64>{1, 2, 3}));
    // A product that had a trend and no longer qualifies is cleared.
    rows = {row(1, QStringLiteral("Llama Mama Shirt")), row(2, QStringLiteral("Llama Mama Tee"))};
    rows[0].trendId = 42;
    auto cleared = TrendAnalyzer::compute(rows, {}, {}, {});
    QCOMPARE(cleared->clearProductIds, (QList<qint64>{1}));
}

void TestNicheExtraction::nichesSharingWordsStayApart()
{
    QList<AnalysisRow> rows;
    qint64 id = 1;
    for (int i = 0; i < 6; ++i)
        rows << row(id++, QStringLiteral("Cat Dad Shirt %1").arg(i % 2 ? QStringLiteral("Vintage") : QStringLiteral("Funny")));
    for (int i = 0; i < 5; ++i)
        rows << row(id++, QStringLiteral("Dad Bod Tee"));
    for (int i = 0; i < 4; ++i)
        rows << row(id++, QStringLiteral("Cat Mom Shirt"));
    auto r = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(r);
    const Trend *catDad = findTrend(*r, QStringLiteral("cat dad"));
    const Trend *dadBod = findTrend(*r, QStringLiteral("dad bod"));
    const Trend *catMom = findTrend(*r, QStringLiteral("cat mom"));
    QVERIFY2(catDad && dadBod && catMom, names(*r));
    QCOMPARE(catDad->productCount, 6);
    QCOMPARE(dadBod->productCount, 5);
    QCOMPARE(catMom->productCount, 4);
    // "dad" gathers its two refinements; "cat" would hold only "cat mom", so "cat mom" stands alone.
    const Trend *dad = findTrend(*r, QStringLiteral("dad"));
    QVERIFY2(dad, names(*r));
    QCOMPARE(dad->productCount, 11);
    QVERIFY(dad->parentNiche.isEmpty());
    QCOMPARE(catDad->parentNiche, QStringLiteral("dad"));
    QCOMPARE(dadBod->parentNiche, QStringLiteral("dad"));
    QVERIFY(catMom->parentNiche.isEmpty());
    QCOMPARE(r->trends.size(), 4);
}

void TestNicheExtraction::refinementKeepsItsListingsInItsParent()
{
    // The six "Cute Axolotl Kawaii … T-Shirt" listings: three also say "Japanese".
    QList<AnalysisRow> rows;
    for (int i = 1; i <= 6; ++i)
        rows << row(i, i <= 3 ? QStringLiteral("Cute Axolotl Kawaii Japanese T-Shirt") : QStringLiteral("Cute Axolotl Kawaii T-Shirt"));
    auto r = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(r);
    QCOMPARE(r->trends.size(), 2);
    const Trend *axolotl = findTrend(*r, QStringLiteral("axolotl"));
    const Trend *japanese = findTrend(*r, QStringLiteral("axolotl japanese"));
    QVERIFY2(axolotl && japanese, names(*r));
    QCOMPARE(axolotl->productCount, 6);     // every axolotl listing
    QCOMPARE(japanese->productCount, 3);
    QCOMPARE(japanese->parentNiche, QStringLiteral("axolotl"));
    QVERIFY(axolotl->parentNiche.isEmpty());
    // Each product belongs to its most specific niche (products.trend_id); the parent adds its refinements'.
    qsizetype members = 0;
    for (const TrendMembers &m : r->members)
        members += m.productIds.size();
    QCOMPARE(members, 6);
    QCOMPARE(axolotl->targetAudience.productCount, 6);
}

void TestNicheExtraction::nicheSpansProductTypesWithABreakdown()
{
    // "nurse life" on mugs, hoodies and T-shirts is one niche, broken down per type.
    QList<AnalysisRow> rows;
    for (int i = 1; i <= 4; ++i)
        rows << row(i, QStringLiteral("Nurse Life Gift"), QStringLiteral("Mugs"), 15.0);
    for (int i = 5; i <= 6; ++i)
        rows << row(i, QStringLiteral("Nurse Life Hoodie"), QStringLiteral("Apparel"), 40.0);
    for (int i = 7; i <= 8; ++i)
        rows << row(i, QStringLiteral("Nurse Life Shirt"), QStringLiteral("T-Shirts"), 20.0);
    rows << row(9, QStringLiteral("Nurse Life Gift"), QStringLiteral("Gifts"), 25.0);
    auto r = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(r);
    QCOMPARE(r->trends.size(), 1);
    const Trend &t = r->trends.first();
    QCOMPARE(t.niche, QStringLiteral("nurse life"));
    QCOMPARE(t.productCount, 9);
    QCOMPARE(t.productTypes.size(), 4);
    QCOMPARE(t.productTypes.at(0).kind, std::optional(ProductKind::Mug));
    QCOMPARE(t.productTypes.at(0).products, 4);
    QCOMPARE(t.productTypes.at(0).avgPrice, 15.0);
    QCOMPARE(t.productTypes.at(1).kind, std::optional(ProductKind::Hoodie));
    QCOMPARE(t.productTypes.at(1).avgPrice, 40.0);
    QCOMPARE(t.productTypes.at(2).kind, std::optional(ProductKind::TShirt));
    QCOMPARE(t.productTypes.at(2).products, 2);
    QVERIFY(!t.productTypes.at(3).kind); // names no type: counted, as "other"
    const QJsonArray json = t.toJson().value(QStringLiteral("product_types")).toArray();
    QCOMPARE(json.size(), 4);
    QCOMPARE(json.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("mug"));
    QCOMPARE(json.at(3).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("other"));
    QCOMPARE(Trend::fromJson(t.toJson()).productTypes, t.productTypes);
}

void TestNicheExtraction::productWordsColoursSizesAndYearsNeverBecomeNiches()
{
    QList<AnalysisRow> rows;
    const char *const titles[] = {"Black T-Shirt XL", "White Hoodie 2XL Large", "Red Mug 11oz", "2024 Shirt Small Navy",
                                  "Graduation 2025 Tee"};
    qint64 id = 1;
    for (const char *title : titles)
        for (int i = 0; i < 4; ++i)
            rows << row(id++, QString::fromLatin1(title), QStringLiteral("T-Shirts"), 20.0, 10,
                        {QStringLiteral("black"), QStringLiteral("xl"), QStringLiteral("2024"), QStringLiteral("t-shirt")});
    auto r = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(r);
    QCOMPARE(names(*r), QByteArray("graduation/T-Shirts/4"));
}

void TestNicheExtraction::sameTrendsOnOneAndEightThreads()
{
    const QList<AnalysisRow> rows = manyRows(1500); // 18,000 rows: several slices per thread
    AnalysisOptions one;
    one.threads = 1;
    AnalysisOptions eight;
    eight.threads = 8;
    auto a = TrendAnalyzer::compute(rows, {}, {}, one);
    auto b = TrendAnalyzer::compute(rows, {}, {}, eight);
    QVERIFY(a && b);
    QVERIFY2(a->trends.size() > 5, names(*a).constData());
    QCOMPARE(a->trends.size(), b->trends.size());
    for (qsizetype i = 0; i < a->trends.size(); ++i) {
        QCOMPARE(QJsonDocument(a->trends.at(i).toJson()).toJson(), QJsonDocument(b->trends.at(i).toJson()).toJson());
        QCOMPARE(a->members.at(i).productIds, b->members.at(i).productIds);
    }
}

void TestNicheExtraction::audienceClaimsAreCounted()
{
    QList<AnalysisRow> rows;
    for (int i = 1; i <= 10; ++i) {
        rows << row(i, i <= 7 ? QStringLiteral("Fishing Grandpa Shirt Father's Day Gift") : QStringLiteral("Fishing Grandpa Tee"), QStringLiteral("T-Shirts"),
                    i <= 4 ? 15.0 : 30.0);
        if (i <= 2)
            rows.last().descriptionHead = QStringLiteral("A vintage design for the retired fisherman.");
    }
    auto r = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(r);
    QCOMPARE(r->trends.size(), 1);
    const Audience &audience = r->trends.first().targetAudience;
    QCOMPARE(audience.recipients.count(QStringLiteral("grandpa")), 10);
    QCOMPARE(audience.occasions.count(QStringLiteral("father's day")), 7);
    QCOMPARE(audience.occasions.count(QStringLiteral("retirement")), 2);
    QCOMPARE(audience.hobbies.count(QStringLiteral("fishing")), 10);
    QCOMPARE(audience.genders.count(QStringLiteral("men")), 10);
    QCOMPARE(audience.priceSensitivity.budget, 4);
    QCOMPARE(audience.priceSensitivity.mid, 6);
    QCOMPARE(audience.priceSensitivity.typical, PriceBand::Mid); // avg 24
    QCOMPARE(audience.productKinds.value(ProductKind::TShirt), 10);
    QCOMPARE(r->trends.first().stylePatterns.styles.count(QStringLiteral("vintage")), 2);
    bool found = false;
    for (const AudienceClaim &c : audience.claims)
        if (c.label == QLatin1String("grandpa")) {
            QCOMPARE(c.kind, AudienceKind::Recipient);
            QCOMPARE(c.count, 10);
            QCOMPARE(c.share, 1.0);
            found = true;
        }
    QVERIFY(found);
    // In words: the people, not the vocabulary's keys.
    QCOMPARE(audience.buyers(), QStringLiteral("grandpas, dads and anglers")); // "Father's Day" names dads too
    QCOMPARE(audience.occasionsText(), QStringLiteral("Father's Day and retirement"));
}

void TestNicheExtraction::seasonFollowsDatedOccasions()
{
    QList<AnalysisRow> rows;
    for (int i = 1; i <= 4; ++i)
        rows << row(i, QStringLiteral("Christmas Tree Farm Sweatshirt"));
    for (int i = 5; i <= 8; ++i)
        rows << row(i, QStringLiteral("Plant Lady Shirt"));
    auto r = TrendAnalyzer::compute(rows, {}, {}, {});
    QVERIFY(r);
    const Trend *xmas = findTrend(*r, QStringLiteral("christmas tree")); // first in the title wins the tie
    const Trend *plant = findTrend(*r, QStringLiteral("plant lady"));
    QVERIFY2(xmas && plant, names(*r).constData());
    QCOMPARE(xmas->season.isEvergreen(), false);
    QCOMPARE(xmas->season.peakMonths, (QList<int>{11, 12}));
    QCOMPARE(plant->season.isEvergreen(), true);
}

void TestNicheExtraction::cancelStopsTheRun()
{
    std::atomic_bool cancel{true};
    auto r = TrendAnalyzer::compute(manyRows(10), {}, {}, {}, &cancel);
    QVERIFY(!r);
}

QTEST_GUILESS_MAIN(TestNicheExtraction)
#include "tst_nicheextraction.moc"
