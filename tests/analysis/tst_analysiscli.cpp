// `podtrends analyze` and `podtrends trends --json` run as real processes.
#include "analysisfixture.h"

#include <support/testenv.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;

class TestAnalysisCli final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void analyzeThenListTrendsAsJson();
    void limitRestrictsTheList();
    void badUsageExitsWithTwo();

private:
    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &args);

    QTemporaryDir m_dir;
    QString m_db;
    QString m_binary;
};

void TestAnalysisCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_binary = QCoreApplication::applicationDirPath() + QStringLiteral("/podtrends");
    QVERIFY2(QFileInfo::exists(m_binary), qPrintable(m_binary));
    m_db = m_dir.filePath(QStringLiteral("cli.sqlite"));
    auto config = core::DatabaseConfig::parse(m_db);
    QVERIFY(config);
    auto db = core::Database::open(*config);
    QVERIFY(db);
    QVERIFY(test::AnalysisFixture::write(*db));
}

TestAnalysisCli::Run TestAnalysisCli::run(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    p.start(m_binary, QStringList{QStringLiteral("--db"), m_db} + args);
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

void TestAnalysisCli::analyzeThenListTrendsAsJson()
{
    const Run analyze = run({QStringLiteral("analyze")});
    QVERIFY2(analyze.code == 0, analyze.err.constData());
    QVERIFY2(analyze.out.contains("trends"), analyze.out.constData());

    const Run trends = run({QStringLiteral("trends"), QStringLiteral("--json")});
    QCOMPARE(trends.code, 0);
    QJsonParseError error;
    const QJsonArray array = QJsonDocument::fromJson(trends.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(array.size() >= 10);
    const QJsonObject top = array.first().toObject();
    QCOMPARE(top.value(QStringLiteral("niche")).toString(), QStringLiteral("fishing grandpa"));
    for (const char *field : {"niche", "category", "demand_score", "competition_score", "growth_score", "profitability_score",
                              "overall_score", "marketplace_counts", "avg_price", "price_range", "target_audience", "style_patterns"})
        QVERIFY2(top.contains(QLatin1String(field)), field);
    QVERIFY(top.value(QStringLiteral("opportunity_score")).isDouble());
    QVERIFY(top.value(QStringLiteral("opportunity")).toObject().contains(QStringLiteral("demand")));
    QVERIFY(top.value(QStringLiteral("warnings")).isArray());
    // Best opportunity first by default; --sort overall orders by the seed's score.
    double previous = 101;
    for (const QJsonValue &v : array) {
        if (!v.toObject().value(QStringLiteral("opportunity_score")).isDouble())
            continue;
        const double score = v.toObject().value(QStringLiteral("opportunity_score")).toDouble();
        QVERIFY(score <= previous);
        previous = score;
    }
    const Run bySeed = run({QStringLiteral("trends"), QStringLiteral("--json"), QStringLiteral("--sort"), QStringLiteral("overall")});
    QCOMPARE(bySeed.code, 0);
    previous = 101;
    for (const QJsonValue &v : QJsonDocument::fromJson(bySeed.out).array()) {
        const double score = v.toObject().value(QStringLiteral("overall_score")).toDouble();
        QVERIFY(score <= previous);
        previous = score;
    }
    const Run json = run({QStringLiteral("analyze"), QStringLiteral("--json")});
    QCOMPARE(json.code, 0);
    const QJsonObject stats = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(stats.value(QStringLiteral("inserted")).toInt(), 0);
    QCOMPARE(stats.value(QStringLiteral("trends")).toInt(), array.size());
}

void TestAnalysisCli::limitRestrictsTheList()
{
    const Run trends = run({QStringLiteral("trends"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("3")});
    QCOMPARE(trends.code, 0);
    QCOMPARE(QJsonDocument::fromJson(trends.out).array().size(), 3);
}

void TestAnalysisCli::badUsageExitsWithTwo()
{
    QCOMPARE(run({QStringLiteral("analyze"), QStringLiteral("--threads"), QStringLiteral("zero")}).code, 2);
    QCOMPARE(run({QStringLiteral("trends"), QStringLiteral("--limit"), QStringLiteral("-4")}).code, 2);
    QCOMPARE(run({QStringLiteral("trends"), QStringLiteral("--sort"), QStringLiteral("best")}).code, 2);
}

QTEST_GUILESS_MAIN(TestAnalysisCli)
#include "tst_analysiscli.moc"
