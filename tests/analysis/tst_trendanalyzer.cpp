// The analysis against a real database (SQLite and PostgreSQL): ranking, upsert in place,
// stale trends, stored evidence, measured inputs and thread independence.
#include "analysisfixture.h"

#include <core/analysis/scoring.h>
#include <core/analysis/trendanalyzer.h>
#include <core/storage/designrepository.h>
#include <core/storage/productqueries.h>
#include <core/storage/trendrepository.h>
#include <support/testenv.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

namespace {

std::optional<Trend> trendNamed(const std::shared_ptr<Database> &db, const QString &niche, const QString &category = {})
{
    TrendRepository repo(db);
    auto all = repo.list();
    if (!all)
        return std::nullopt;
    for (const Trend &t : *all)
        if (t.niche == niche && (category.isEmpty() || t.category == category))
            return t;
    return std::nullopt;
}

QByteArray trendsSnapshot(const std::shared_ptr<Database> &db)
{
    TrendRepository repo(db);
    QJsonArray array;
    const QList<Trend> trends = repo.list().value();
    for (Trend t : trends) {
        t.updatedAt = {};
        t.createdAt = {};
        array.append(t.toJson());
    }
    return QJsonDocument(array).toJson();
}

} // namespace

class TestTrendAnalyzer final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void plantedNicheRanksFirst_data() { test::addDialectRows(); }
    void plantedNicheRanksFirst();
    void rerunRewritesOnlyTrendsThatChanged_data() { test::addDialectRows(); }
    void rerunRewritesOnlyTrendsThatChanged();
    void staleTrendsGoUnlessDesignsUseThem_data() { test::addDialectRows(); }
    void staleTrendsGoUnlessDesignsUseThem();
    void storedAudienceMatchesProductCounts_data() { test::addDialectRows(); }
    void storedAudienceMatchesProductCounts();
    void marketCountsAndBaseCostsBecomeMeasuredInputs_data() { test::addDialectRows(); }
    void marketCountsAndBaseCostsBecomeMeasuredInputs();
    void sameStoredTrendsOnOneAndEightThreads_data() { test::addDialectRows(); }
    void sameStoredTrendsOnOneAndEightThreads();
    // Issue 16: `analyze --threads 1100` started that many threads and, under the usual limit of
    // 1024 open files, aborted; the count is bounded by the machine.
    void threadCountIsBoundedByTheMachine()
    {
        const int cores = std::max(1, QThread::idealThreadCount());
        QCOMPARE(core::TrendAnalyzer::threadCount(0), cores);
        QCOMPARE(core::TrendAnalyzer::threadCount(1), 1);
        QCOMPARE(core::TrendAnalyzer::threadCount(8), 8);
        QCOMPARE(core::TrendAnalyzer::threadCount(1100), std::min(1100, std::max(8, 4 * cores)));
    }
    void bulkAssignmentGivesTheSameResult_data() { test::addDialectRows(); }
    void bulkAssignmentGivesTheSameResult();
    void historyComesFromSnapshots_data() { test::addDialectRows(); }
    void historyComesFromSnapshots();

private:
    QTemporaryDir m_dir;
};

void TestTrendAnalyzer::plantedNicheRanksFirst()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    auto stats = TrendAnalyzer(db).run();
    QVERIFY2(stats, qPrintable(stats.errorMessage()));
    QVERIFY(stats->trends >= 10);
    auto trends = TrendRepository(db).list();
    QVERIFY(trends);
    const Trend &top = trends->first();
    QCOMPARE(top.niche, QStringLiteral("fishing grandpa"));
    QCOMPARE(top.category, QStringLiteral("T-Shirts"));
    // Growth is measured from the snapshots in the opportunity; the seed's field keeps the seed's formula.
    QVERIFY(top.opportunity.part(ScoreComponent::Growth).isMeasured());
    QVERIFY(*top.opportunity.part(ScoreComponent::Growth).value > 80);
    QCOMPARE(top.growthScore, Scoring::seedGrowth(*top.scoreInputs.part(ScoreComponent::Growth).input(Signal::AverageRating)));
    QCOMPARE(top.competitionScore, 6.0); // the seed's proxy: six listings
    QCOMPARE(top.scoreInputs.part(ScoreComponent::Competition).provenance, Provenance::Estimated);
    QVERIFY(top.summary.contains(QStringLiteral("fishing grandpa")));
    QVERIFY(!top.insights.isEmpty());
    // Niches sharing "dad" stay apart.
    auto catDad = trendNamed(db, QStringLiteral("cat dad"));
    auto dadBod = trendNamed(db, QStringLiteral("dad bod"));
    QVERIFY(catDad && dadBod);
    QCOMPARE(catDad->productCount, 24);
    QCOMPARE(dadBod->productCount, 12);
}

void TestTrendAnalyzer::rerunRewritesOnlyTrendsThatChanged()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    auto first = TrendAnalyzer(db).run();
    QVERIFY(first);
    QCOMPARE(first->saved.inserted, first->trends);
    const auto before = TrendRepository(db).list().value();
    auto second = TrendAnalyzer(db).run();
    QVERIFY(second);
    // Nothing changed: no trend row is written again.
    QCOMPARE(second->saved.inserted, 0);
    QCOMPARE(second->saved.updated, 0);
    QCOMPARE(second->saved.unchanged, first->trends);
    QCOMPARE(second->saved.productsAssigned, 0); // nothing moved
    const auto after = TrendRepository(db).list().value();
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < after.size(); ++i) {
        QCOMPARE(after.at(i).id, before.at(i).id);
        QCOMPARE(after.at(i).createdAt, before.at(i).createdAt);
        QCOMPARE(after.at(i).updatedAt, before.at(i).updatedAt);
    }
    // Products point at their trend.
    ProductFilter f;
    f.trendId = after.first().id;
    QCOMPARE(ProductQueries(db).count(f).value(), qint64(after.first().productCount));

    // One listing of "dad bod" costs five dollars more: its trend is rewritten with the new
    // average price, and trends it does not belong to stay as they were.
    const auto dadBod = trendNamed(db, QStringLiteral("dad bod"));
    QVERIFY(dadBod);
    ProductFilter ofDadBod;
    ofDadBod.trendId = dadBod->id;
    const QList<Product> listings = ProductQueries(db).list(ofDadBod).value();
    QVERIFY(!listings.isEmpty());
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("UPDATE products SET price = price + 5 WHERE id = ?"));
    q.addBindValue(listings.first().id);
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    QTest::qWait(5); // a later updated_at than the first runs'
    auto third = TrendAnalyzer(db).run();
    QVERIFY(third);
    QVERIFY(third->saved.updated >= 1);
    QCOMPARE(third->saved.inserted, 0);
    QCOMPARE(third->saved.updated + third->saved.unchanged, third->trends);
    QVERIFY2(third->saved.unchanged > 0, "every trend was written again although one listing changed");
    const auto dadBodAfter = trendNamed(db, QStringLiteral("dad bod"));
    QVERIFY(dadBodAfter);
    QCOMPARE(dadBodAfter->id, dadBod->id);
    QVERIFY(qAbs(dadBodAfter->avgPrice - (dadBod->avgPrice + 5.0 / dadBod->productCount)) < 0.01);
    QVERIFY(dadBodAfter->updatedAt > dadBod->updatedAt);
    // What the database holds is what a fresh analysis of the same products computes.
    const auto stored = TrendRepository(db).list().value();
    QVERIFY(TrendAnalyzer(db).run());
    QSqlQuery forget(db->connection());
    QVERIFY(forget.exec(QStringLiteral("UPDATE trends SET content_hash = NULL")));
    QVERIFY(TrendAnalyzer(db).run());
    const auto fresh = TrendRepository(db).list().value();
    QCOMPARE(fresh.size(), stored.size());
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        QJsonObject a = fresh.at(i).toJson(), b = stored.at(i).toJson();
        a.remove(QStringLiteral("updated_at"));
        b.remove(QStringLiteral("updated_at"));
        QCOMPARE(a, b);
    }
}

void TestTrendAnalyzer::staleTrendsGoUnlessDesignsUseThem()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    QVERIFY(TrendAnalyzer(db).run());
    auto gym = trendNamed(db, QStringLiteral("gym rat"));
    auto retired = trendNamed(db, QStringLiteral("retired teacher"));
    QVERIFY(gym && retired);
    Design d;
    d.trendId = retired->id;
    d.title = QStringLiteral("Retired teacher design");
    QVERIFY(DesignRepository(db).insert(d));
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM products WHERE external_id LIKE 'fx-13-%' OR external_id LIKE 'fx-14-%'")));
    auto stats = TrendAnalyzer(db).run();
    QVERIFY(stats);
    // "gym rat" goes, and so does "teacher", which held "retired teacher" and "teacher appreciation"
    // and is left with one refinement (a parent of one stands aside).
    QVERIFY(trendNamed(db, QStringLiteral("teacher appreciation")));
    QCOMPARE(stats->saved.deleted, 2);
    QCOMPARE(stats->saved.keptForDesigns, 1);
    QVERIFY(!trendNamed(db, QStringLiteral("gym rat")));
    QVERIFY(!trendNamed(db, QStringLiteral("teacher")));
    auto kept = TrendRepository(db).findById(retired->id);
    QVERIFY(kept && kept->has_value());
    QCOMPARE((*kept)->productCount, 0);

    // The listings come back: the kept trend holds them again (its row was emptied, so the
    // analysis must not take it for unchanged).
    QVERIFY(test::AnalysisFixture::write(db));
    QVERIFY(TrendAnalyzer(db).run());
    auto back = TrendRepository(db).findById(retired->id);
    QVERIFY(back && back->has_value());
    QCOMPARE((*back)->productCount, retired->productCount);
    QCOMPARE((*back)->parentNiche, retired->parentNiche);
}

void TestTrendAnalyzer::storedAudienceMatchesProductCounts()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    QVERIFY(TrendAnalyzer(db).run());
    for (const auto &[niche, label, word] : {std::tuple{QStringLiteral("fishing grandpa"), QStringLiteral("grandpa"), QStringLiteral("grandpa")},
                                             std::tuple{QStringLiteral("dog mom"), QStringLiteral("mom"), QStringLiteral("mom")},
                                             std::tuple{QStringLiteral("nurse life"), QStringLiteral("nurse"), QStringLiteral("nurs")}}) {
        auto t = trendNamed(db, niche);
        QVERIFY2(t, qPrintable(niche));
        ProductFilter f;
        f.trendId = t->id;
        int mentioning = 0;
        const QList<Product> products = ProductQueries(db).list(f).value();
        for (const Product &p : products)
            if (QString(p.title + QLatin1Char(' ') + p.tags.join(QLatin1Char(' ')) + QLatin1Char(' ') + p.description).contains(word, Qt::CaseInsensitive))
                ++mentioning;
        const int stored = t->targetAudience.recipients.count(label);
        QVERIFY2(stored > 0, qPrintable(niche));
        QCOMPARE(stored, mentioning);
        QCOMPARE(t->targetAudience.productCount, t->productCount);
    }
    auto xmas = trendNamed(db, QStringLiteral("christmas tree farm"));
    QVERIFY(xmas);
    QCOMPARE(xmas->season.isEvergreen(), false);
    QVERIFY(xmas->season.peakMonths.contains(12));
}

void TestTrendAnalyzer::marketCountsAndBaseCostsBecomeMeasuredInputs()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("INSERT INTO market_counts (marketplace, query, result_count, observed_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(QStringLiteral("etsy"));
    q.addBindValue(QStringLiteral("Cat Dad Shirts"));
    q.addBindValue(qint64(999));
    q.addBindValue(QDateTime::currentDateTimeUtc());
    QVERIFY(q.exec());
    AnalysisOptions options;
    options.baseCosts.insert(QStringLiteral("tshirt"), 12.95);
    QVERIFY(TrendAnalyzer(db, options).run());
    auto catDad = trendNamed(db, QStringLiteral("cat dad"));
    QVERIFY(catDad);
    // The seed's competition stays the seed's (listings seen); the opportunity measures supply
    // from the marketplace's count, against demand.
    QCOMPARE(catDad->competitionScore, double(std::min(100, catDad->productCount)));
    const ScorePart &c = catDad->opportunity.part(ScoreComponent::Competition);
    QVERIFY(c.isMeasured());
    QCOMPARE(c.input(Signal::ResultCount), std::optional<double>(999));
    QCOMPARE(c.inputs.first().source, DataSource::MarketCounts);
    const double demand = *catDad->opportunity.part(ScoreComponent::Demand).value;
    QCOMPARE(*c.value, std::round(std::clamp(50.0 + (60.0 - demand) / 2.0, 0.0, 100.0) * 100.0) / 100.0); // supply 20 × log10(1000)
    QVERIFY(catDad->opportunity.part(ScoreComponent::Profitability).isMeasured());
    // Mugs have no configured cost: the opportunity estimates the margin with typical costs.
    auto dogMom = trendNamed(db, QStringLiteral("dog mom"));
    QVERIFY(dogMom);
    QCOMPARE(dogMom->opportunity.part(ScoreComponent::Profitability).provenance, Provenance::Estimated);
    QCOMPARE(dogMom->opportunity.part(ScoreComponent::Competition).input(Signal::ResultCount), std::nullopt);
    QCOMPARE(dogMom->scoreInputs.part(ScoreComponent::Competition).provenance, Provenance::Estimated);
}

void TestTrendAnalyzer::sameStoredTrendsOnOneAndEightThreads()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    AnalysisOptions one;
    one.threads = 1;
    QVERIFY(TrendAnalyzer(db, one).run());
    const QByteArray a = trendsSnapshot(db);
    AnalysisOptions eight;
    eight.threads = 8;
    auto second = TrendAnalyzer(db, eight).run();
    QVERIFY(second);
    QCOMPARE(second->saved.productsAssigned, 0);
    QCOMPARE(trendsSnapshot(db), a);
}

void TestTrendAnalyzer::bulkAssignmentGivesTheSameResult()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    TrendRepository::setBulkAssignThreshold(1); // every change through the temporary table
    auto stats = TrendAnalyzer(db).run();
    TrendRepository::setBulkAssignThreshold(20000);
    QVERIFY2(stats, qPrintable(stats.errorMessage()));
    QCOMPARE(stats->saved.productsAssigned, stats->assignedProducts);
    qint64 members = 0;
    const QList<Trend> trends = TrendRepository(db).list().value();
    for (const Trend &t : trends) {
        ProductFilter f;
        f.trendId = t.id;
        QCOMPARE(ProductQueries(db).count(f).value(), qint64(t.productCount));
        if (!t.parentId) // a parent's count holds its refinements' products
            members += t.productCount;
    }
    QCOMPARE(members, stats->assignedProducts);
    // Clearing through the bulk path: remove a niche's products' reason to exist.
    QSqlQuery q(db->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE products SET title = 'Shirt', tags = '[]' WHERE external_id LIKE 'fx-13-%'")));
    TrendRepository::setBulkAssignThreshold(1);
    auto again = TrendAnalyzer(db).run();
    TrendRepository::setBulkAssignThreshold(20000);
    QVERIFY(again);
    QCOMPARE(again->saved.productsCleared, 7);
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM products WHERE external_id LIKE 'fx-13-%' AND trend_id IS NULL")) && q.next());
    QCOMPARE(q.value(0).toInt(), 7);
}

void TestTrendAnalyzer::historyComesFromSnapshots()
{
    PT_OPEN_DATABASE(db, m_dir);
    QVERIFY(test::AnalysisFixture::write(db));
    QVERIFY(TrendAnalyzer(db).run());
    auto top = trendNamed(db, QStringLiteral("fishing grandpa"));
    QVERIFY(top);
    auto history = TrendRepository(db).history(top->id);
    QVERIFY(history);
    QCOMPARE(history->size(), 3);
    QVERIFY(history->at(0).reviews < history->at(1).reviews);
    QVERIFY(history->at(1).reviews < history->at(2).reviews);
    QCOMPARE(history->at(2).products, 6);
}

QTEST_GUILESS_MAIN(TestTrendAnalyzer)
#include "tst_trendanalyzer.moc"
