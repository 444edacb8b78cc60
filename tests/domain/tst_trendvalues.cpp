// The trend's evidence values and their one JSON pair each: every value survives a round trip,
// rows stored by earlier versions still load, and the words a seller reads are built from the
// values, not from their keys.
#include <core/domain/trend.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace podtrends::core;

namespace {

Audience sampleAudience()
{
    Audience a;
    a.productCount = 20;
    a.recipients = EvidenceCounts({{QStringLiteral("mom"), 9}, {QStringLiteral("nurse"), 6}, {QStringLiteral("wife"), 1}});
    a.occasions = EvidenceCounts({{QStringLiteral("mother's day"), 5}, {QStringLiteral("birthday"), 4}});
    a.hobbies = EvidenceCounts({{QStringLiteral("dogs"), 7}});
    a.ages = EvidenceCounts({{QStringLiteral("seniors"), 1}});
    a.genders = EvidenceCounts({{QStringLiteral("women"), 12}});
    a.priceSensitivity = PriceSensitivity{PriceBand::Mid, 8, 11, 1};
    a.primaryCategories = EvidenceCounts({{QStringLiteral("T-Shirts"), 20}});
    a.productKinds = {{ProductKind::TShirt, 14}, {ProductKind::Mug, 4}, {ProductKind::PhoneCase, 2}};
    a.claims = {AudienceClaim{AudienceKind::Recipient, QStringLiteral("mom"), 9, 0.45},
                AudienceClaim{AudienceKind::Recipient, QStringLiteral("nurse"), 6, 0.3},
                AudienceClaim{AudienceKind::Occasion, QStringLiteral("mother's day"), 5, 0.25},
                AudienceClaim{AudienceKind::Hobby, QStringLiteral("dogs"), 7, 0.35},
                AudienceClaim{AudienceKind::Gender, QStringLiteral("women"), 12, 0.6}};
    return a;
}

ScoreBreakdown sampleBreakdown()
{
    ScoreBreakdown b;
    ScorePart &demand = b.part(ScoreComponent::Demand);
    demand.value = 32.5;
    demand.provenance = Provenance::Measured;
    demand.formula = QStringLiteral("min(100, total_reviews/10 + avg_rating×5)");
    demand.inputs = {{Signal::TotalReviews, 100, DataSource::Listings, std::nullopt}, {Signal::AverageRating, 4.5, DataSource::Listings, std::nullopt}};
    demand.seedValue = 32.5;
    ScorePart &competition = b.part(ScoreComponent::Competition);
    competition.value = 60;
    competition.provenance = Provenance::Measured;
    competition.formula = QStringLiteral("min(100, 20×log10(1 + result_count))");
    competition.inputs = {{Signal::ResultCount, 999, DataSource::MarketCounts, Marketplace::Etsy}, {Signal::ProductCount, 12, DataSource::Listings, std::nullopt}};
    competition.seedValue = 12;
    // A score with nothing behind it has no value at all, and says so.
    b.part(ScoreComponent::Growth).provenance = Provenance::NoData;
    ScorePart &overall = b.part(ScoreComponent::Overall);
    overall.value = 41.25;
    overall.provenance = Provenance::Estimated;
    overall.inputs = {{Signal::WeightDemand, 0.25, DataSource::Settings, std::nullopt}, {Signal::WeightCompetition, 0.25, DataSource::Settings, std::nullopt}};
    return b;
}

template <typename T>
T roundTrip(const T &value)
{
    // Through the text a column or a REST reply holds, not only the in-memory object.
    const QByteArray text = QJsonDocument(value.toJson()).toJson(QJsonDocument::Compact);
    return T::fromJson(QJsonDocument::fromJson(text).object());
}

} // namespace

class TestTrendValues : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void evidenceCountsKeepTheirOrder()
    {
        const EvidenceCounts c({{QStringLiteral("b"), 2}, {QStringLiteral("a"), 2}, {QStringLiteral("c"), 5}, {QStringLiteral("z"), 0}});
        QCOMPARE(c.labels(), (QStringList{QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(roundTrip(c), c);
    }

    void audienceRoundTrips()
    {
        const Audience a = sampleAudience();
        QCOMPARE(roundTrip(a), a);
        const QJsonObject json = a.toJson();
        QCOMPARE(json.value(QStringLiteral("product_types")).toObject().value(QStringLiteral("phone_case")).toInt(), 2);
        QCOMPARE(json.value(QStringLiteral("price_sensitivity")).toObject().value(QStringLiteral("band")).toString(), QStringLiteral("mid"));
    }

    void audienceIsDescribedInWords()
    {
        const Audience a = sampleAudience();
        QCOMPARE(a.buyers(), QStringLiteral("moms, nurses and dog lovers"));
        QCOMPARE(a.buyers(1), QStringLiteral("moms"));
        QCOMPARE(a.occasionsText(), QStringLiteral("Mother's Day"));
        QCOMPARE(audienceWords(AudienceKind::Recipient, QStringLiteral("police")), QStringLiteral("police officers"));
        QCOMPARE(audienceWords(AudienceKind::Hobby, QStringLiteral("archery")), QStringLiteral("archery fans"));
        // Gender alone names the buyers only when nothing else does.
        Audience onlyGender;
        onlyGender.claims = {AudienceClaim{AudienceKind::Gender, QStringLiteral("women"), 4, 0.5}};
        QCOMPARE(onlyGender.buyers(), QStringLiteral("women"));
        QCOMPARE(Audience().buyers(), QString());
        QVERIFY(!a.priceSensitivity.describe().contains(QLatin1String("budget")));
        QCOMPARE(displayName(ProductKind::PhoneCase), QStringLiteral("phone case"));
        QCOMPARE(priceBandOf(19.99), PriceBand::Budget);
        QCOMPARE(priceBandOf(20.0), PriceBand::Mid);
        QCOMPARE(priceBandOf(50.0), PriceBand::Premium);
    }

    void styleSeasonAndPriceRoundTrip()
    {
        StylePatterns s;
        s.productCount = 9;
        s.styles = EvidenceCounts({{QStringLiteral("vintage"), 6}, {QStringLiteral("funny"), 2}});
        s.colours = EvidenceCounts({{QStringLiteral("black"), 3}});
        s.dominant = {QStringLiteral("vintage")};
        QCOMPARE(roundTrip(s), s);

        Season season;
        season.peakMonths = {11, 12};
        season.seasonalShare = 0.4;
        season.evidence = EvidenceCounts({{QStringLiteral("christmas"), 4}});
        QCOMPARE(roundTrip(season), season);
        QCOMPARE(season.toJson().value(QStringLiteral("evergreen")).toBool(), false);
        QVERIFY(roundTrip(Season()).isEvergreen());

        const PriceRange range{12.5, 29.99};
        QCOMPARE(roundTrip(range), range);
    }

    void scoreBreakdownRoundTripsWithNoData()
    {
        const ScoreBreakdown b = sampleBreakdown();
        const ScoreBreakdown back = roundTrip(b);
        QCOMPARE(back, b);
        QVERIFY(!back.part(ScoreComponent::Growth).value); // null, never a measured 0
        QCOMPARE(back.part(ScoreComponent::Growth).provenance, Provenance::NoData);
        const QJsonObject growth = b.toJson().value(QStringLiteral("growth")).toObject();
        QVERIFY(growth.value(QStringLiteral("value")).isNull());
        QCOMPARE(growth.value(QStringLiteral("source")).toString(), QStringLiteral("no_data"));
        // The flat "inputs" object stays for readers of the old shape.
        const QJsonObject competition = b.toJson().value(QStringLiteral("competition")).toObject();
        QCOMPARE(competition.value(QStringLiteral("inputs")).toObject().value(QStringLiteral("result_count_source")).toString(), QStringLiteral("market_counts"));
        QCOMPARE(back.part(ScoreComponent::Competition).inputs.first().marketplace, std::optional<Marketplace>(Marketplace::Etsy));
    }

    void scoreRowsOfEarlierVersionsLoad()
    {
        // score_inputs as version 0.1 stored it: no "signals", inputs by name, the weights nested.
        const QJsonObject old = QJsonDocument::fromJson(R"json({
            "competition": {"value": 60, "measured": true, "source": "measured", "formula": "min(100, 20×log10(1 + result_count))",
                            "inputs": {"result_count": 999, "result_count_source": "snapshots", "product_count": 12}, "seed_value": 12},
            "growth": {"value": 90, "measured": false, "source": "estimated", "formula": "min(100, avg_rating×20 + 10)",
                       "inputs": {"avg_rating": 4, "history_days": 0}, "seed_value": 90},
            "overall": {"value": 55, "measured": true, "source": "measured", "formula": "w_d·demand + …",
                        "inputs": {"weights": {"demand": 0.25, "growth": 0.25, "competition": 0.25, "profitability": 0.25}}, "seed_value": 50}
        })json").object();
        const ScoreBreakdown b = ScoreBreakdown::fromJson(old);
        const ScorePart &c = b.part(ScoreComponent::Competition);
        QCOMPARE(c.provenance, Provenance::Measured);
        QCOMPARE(c.value, std::optional<double>(60));
        QCOMPARE(c.input(Signal::ResultCount), std::optional<double>(999));
        QCOMPARE(c.input(Signal::ProductCount), std::optional<double>(12));
        for (const ScoreSignal &s : c.inputs)
            if (s.signal == Signal::ResultCount)
                QCOMPARE(s.source, DataSource::Snapshots);
        QCOMPARE(b.part(ScoreComponent::Growth).provenance, Provenance::Estimated);
        QCOMPARE(b.part(ScoreComponent::Overall).input(Signal::WeightProfitability), std::optional<double>(0.25));
        QCOMPARE(b.part(ScoreComponent::Demand).provenance, Provenance::NoData); // absent in the row
        QCOMPARE(roundTrip(b), b);
    }

    void signalsAreDescribedInWords()
    {
        const ScoreBreakdown breakdown = sampleBreakdown(); // part() refers into it: keep it alive
        const ScorePart &demand = breakdown.part(ScoreComponent::Demand);
        const QString words = demand.evidence();
        QVERIFY2(words.contains(QLatin1String("100 reviews")), qPrintable(words));
        QVERIFY2(!words.contains(QLatin1Char('_')), qPrintable(words));
        for (int i = 0; i <= int(Signal::WeightProfitability); ++i) {
            const QString text = ScoreSignal{Signal(i), 3, DataSource::Listings, std::nullopt}.describe();
            QVERIFY2(!text.isEmpty() && !text.contains(QLatin1Char('_')), qPrintable(toKey(Signal(i))));
            QCOMPARE(signalFromKey(toKey(Signal(i))), std::optional<Signal>(Signal(i)));
        }
    }

    void trendRoundTrips()
    {
        Trend t;
        t.id = 7;
        t.niche = QStringLiteral("dog mom");
        t.category = QStringLiteral("Mugs");
        t.demandScore = 32.5;
        t.overallScore = 41.25;
        t.marketplaceCounts.add(Marketplace::Etsy, 12);
        t.marketplaceCounts.add(Marketplace::Shopify, 8);
        t.avgPrice = 18.5;
        t.priceRange = {9.99, 29.99};
        t.targetAudience = sampleAudience();
        t.stylePatterns.dominant = {QStringLiteral("funny")};
        t.scoreInputs = sampleBreakdown();
        t.season.peakMonths = {4, 5};
        t.summary = QStringLiteral("A summary.");
        t.insights = {QStringLiteral("One."), QStringLiteral("Two.")};
        t.productCount = 20;
        const Trend back = roundTrip(t);
        QCOMPARE(back.toJson(), t.toJson());
        QCOMPARE(back.targetAudience, t.targetAudience);
        QCOMPARE(back.scoreInputs, t.scoreInputs);
        QCOMPARE(back.marketplaceCounts, t.marketplaceCounts);
        QCOMPARE(back.insights, t.insights);
    }
};

QTEST_GUILESS_MAIN(TestTrendValues)
#include "tst_trendvalues.moc"
