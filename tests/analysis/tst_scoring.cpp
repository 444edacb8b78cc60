// The seed's formulas on hand-computed cases, their caps, and the measured replacements.
#include <core/analysis/scoring.h>

#include <QJsonObject>
#include <QTest>

using namespace podtrends::core;

class TestScoring final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seedFormulasMatchHandComputedValues();
    void seedFormulasAreCappedAt100();
    void overallUsesTheSeedWeights();
    void overallNormalizesCustomWeights();
    void estimatedWhenNoMeasurementsExist();
    void seedFieldsIgnoreMeasuredInputs();
    void noDataWhereTheSeedHasNothingToWorkFrom();
    void measuredFormulasOfTheOpportunity();
};

void TestScoring::seedFormulasMatchHandComputedValues()
{
    // demand = 250/10 + 4.0×5 = 25 + 20 = 45
    QCOMPARE(Scoring::seedDemand(250, 4.0), 45.0);
    // growth = 4.5×20 + 10 = 100 → exactly the cap; 3.0 → 70
    QCOMPARE(Scoring::seedGrowth(3.0), 70.0);
    QCOMPARE(Scoring::seedGrowth(4.5), 100.0);
    // competition = product count
    QCOMPARE(Scoring::seedCompetition(37), 37.0);
    // profitability = 20/50×50 + 4.0×10 = 20 + 40 = 60
    QCOMPARE(Scoring::seedProfitability(20.0, 4.0), 60.0);
    QCOMPARE(Scoring::seedProfitability(12.5, 3.0), 42.5);
}

void TestScoring::seedFormulasAreCappedAt100()
{
    QCOMPARE(Scoring::seedDemand(5000, 4.8), 100.0);
    QCOMPARE(Scoring::seedGrowth(5.0), 100.0); // 110 uncapped
    QCOMPARE(Scoring::seedCompetition(250), 100.0);
    QCOMPARE(Scoring::seedProfitability(90.0, 5.0), 100.0); // 140 uncapped
    QCOMPARE(Scoring::measuredCompetition(50'000'000), 100.0);
    QCOMPARE(Scoring::measuredGrowth(3.0), 100.0);
    QCOMPARE(Scoring::measuredGrowth(-3.0), 0.0);
    QCOMPARE(Scoring::measuredProfitability(-4.0), 0.0);
}

void TestScoring::overallUsesTheSeedWeights()
{
    // 0.25×45 + 0.25×70 + 0.25×(100−37) + 0.25×60 = 11.25 + 17.5 + 15.75 + 15 = 59.5
    QCOMPARE(Scoring::overall(45, 70, 37, 60, ScoreWeights{}), 59.5);
    NicheFigures f;
    f.productCount = 37;
    f.totalReviews = 250;
    f.avgRating = 3.0;
    f.ratedProducts = 37;
    f.avgPrice = 20.0;
    const NicheScores s = Scoring::score(f, ScoreWeights{});
    // demand 25+15 = 40, growth 70, competition 37, profitability 20+30 = 50
    QCOMPARE(s.demand, 40.0);
    QCOMPARE(s.growth, 70.0);
    QCOMPARE(s.competition, 37.0);
    QCOMPARE(s.profitability, 50.0);
    QCOMPARE(s.overall, 0.25 * 40 + 0.25 * 70 + 0.25 * 63 + 0.25 * 50);
}

void TestScoring::overallNormalizesCustomWeights()
{
    ScoreWeights w{2.0, 0.0, 0.0, 0.0};
    QCOMPARE(Scoring::overall(45, 70, 37, 60, w), 45.0);
    ScoreWeights none{0, 0, 0, 0};
    QCOMPARE(Scoring::overall(45, 70, 37, 60, none), 0.0);
}

void TestScoring::estimatedWhenNoMeasurementsExist()
{
    NicheFigures f;
    f.productCount = 5;
    f.totalReviews = 100;
    f.avgRating = 4.0;
    f.ratedProducts = 5;
    f.avgPrice = 25.0;
    const NicheScores s = Scoring::score(f, {});
    for (ScoreComponent c : {ScoreComponent::Growth, ScoreComponent::Competition, ScoreComponent::Profitability}) {
        const ScorePart &p = s.inputs.part(c);
        QVERIFY2(!p.isMeasured(), qPrintable(toKey(c)));
        QCOMPARE(p.provenance, Provenance::Estimated);
        QVERIFY(!p.formula.isEmpty());
        QCOMPARE(p.value, p.seedValue);
    }
    QCOMPARE(s.inputs.part(ScoreComponent::Demand).input(Signal::TotalReviews), std::optional<double>(100));
    QCOMPARE(s.inputs.part(ScoreComponent::Competition).input(Signal::ProductCount), std::optional<double>(5));
}

void TestScoring::seedFieldsIgnoreMeasuredInputs()
{
    // Measured inputs feed the opportunity score; the seed's fields stay the seed's formulas.
    NicheFigures f;
    f.productCount = 12;
    f.totalReviews = 80;
    f.avgRating = 4.0;
    f.ratedProducts = 12;
    f.avgPrice = 25.0;
    const NicheScores seed = Scoring::score(f, {});
    f.weeklyGrowthRate = 0.04;
    f.historyDays = 14;
    f.productsWithHistory = 5;
    f.resultCount = 999;
    f.avgMargin = 10.0;
    f.productsWithCost = 12;
    const NicheScores s = Scoring::score(f, {});
    QCOMPARE(s.demand, Scoring::seedDemand(80, 4.0));
    QCOMPARE(s.growth, Scoring::seedGrowth(4.0));
    QCOMPARE(s.competition, Scoring::seedCompetition(12));
    QCOMPARE(s.profitability, Scoring::seedProfitability(25.0, 4.0));
    QCOMPARE(s.overall, seed.overall);
    QCOMPARE(s.inputs, seed.inputs);
}

void TestScoring::noDataWhereTheSeedHasNothingToWorkFrom()
{
    // A Shopify niche: listings and prices, no reviews, no ratings.
    NicheFigures f;
    f.productCount = 9;
    f.avgPrice = 24.0;
    const NicheScores s = Scoring::score(f, {});
    QCOMPARE(s.demand, 0.0);  // the seed's formula, unchanged
    QCOMPARE(s.growth, 10.0);
    const ScorePart &d = s.inputs.part(ScoreComponent::Demand);
    QCOMPARE(d.provenance, Provenance::NoData); // never "measured 0"
    QVERIFY(!d.value);
    QCOMPARE(d.seedValue, std::optional<double>(0.0));
    QCOMPARE(s.inputs.part(ScoreComponent::Growth).provenance, Provenance::NoData);
    QCOMPARE(s.inputs.part(ScoreComponent::Competition).provenance, Provenance::Estimated);
}

void TestScoring::measuredFormulasOfTheOpportunity()
{
    QCOMPARE(Scoring::measuredGrowth(0.04), 60.0);          // 50 + 250×0.04
    QCOMPARE(Scoring::measuredGrowth(-0.1), 25.0);
    QCOMPARE(Scoring::measuredCompetition(999), 60.0);      // 20×log10(1000)
    QCOMPARE(Scoring::measuredProfitability(10.0), 50.0);   // 5 × $10
}

QTEST_GUILESS_MAIN(TestScoring)
#include "tst_scoring.moc"
