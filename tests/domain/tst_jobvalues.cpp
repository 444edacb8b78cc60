// Job payloads and results and their one JSON pair: every kind's parameters and result survive
// the text the jobs.payload / jobs.result columns hold; the texts rows were stored with before
// payloads were typed load and write back byte for byte; a malformed payload is an Error that
// names the setting in words, never made-up parameters.
#include <core/domain/job.h>

#include <QJsonDocument>
#include <QTest>

using namespace podtrends::core;

namespace {

QString text(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

JobPayload payloadRoundTrip(const JobPayload &payload)
{
    const QByteArray stored = QJsonDocument(toJson(payload)).toJson(QJsonDocument::Compact);
    auto back = jobPayloadFromJson(*kindOf(payload), QJsonDocument::fromJson(stored).object());
    if (!back)
        qWarning().noquote() << back.errorMessage();
    return back ? *back : JobPayload();
}

JobResult resultRoundTrip(JobKind kind, const JobResult &result)
{
    const QByteArray stored = QJsonDocument(toJson(result)).toJson(QJsonDocument::Compact);
    return jobResultFromJson(kind, QJsonDocument::fromJson(stored).object());
}

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

} // namespace

class TestJobValues : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyPayloadKindRoundTrips()
    {
        ScrapeJob scheduled;
        scheduled.sourceId = 42;
        ScrapeJob manual;
        manual.marketplace = Marketplace::Etsy;
        manual.target = QStringLiteral("camping shirt");
        manual.maxPages = 3;
        manual.limit = 48;
        GenerateJob generate{17, 2, QStringLiteral("openai")};
        PublishJob publish;
        publish.designId = 9;
        publish.printful = true;
        publish.shopify = false;
        publish.productType = QStringLiteral("hoodie");
        publish.colours = {QStringLiteral("Black"), QStringLiteral("Navy")};
        publish.sizes = {QStringLiteral("M")};
        const QList<JobPayload> payloads{scheduled,
                                         manual,
                                         ImportJob{{QStringLiteral("/data/a.csv"), QStringLiteral("/data/b ü.json")}},
                                         AnalyzeJob{},
                                         AnalyzeJob{25},
                                         generate,
                                         GenerateJob{5, 3, {}},
                                         publish,
                                         PublishJob{11, {}, {}, {}, {}, {}},
                                         NoopJob{},
                                         SleepJob{250, true},
                                         SleepJob{}};
        for (const JobPayload &p : payloads)
            QCOMPARE(payloadRoundTrip(p), p);
    }

    void payloadKindMatchesTheJobKind()
    {
        QCOMPARE(kindOf(JobPayload(ScrapeJob{})), std::optional<JobKind>(JobKind::Scrape));
        QCOMPARE(kindOf(JobPayload(ImportJob{})), std::optional<JobKind>(JobKind::Import));
        QCOMPARE(kindOf(JobPayload(AnalyzeJob{})), std::optional<JobKind>(JobKind::Analyze));
        QCOMPARE(kindOf(JobPayload(GenerateJob{})), std::optional<JobKind>(JobKind::Generate));
        QCOMPARE(kindOf(JobPayload(PublishJob{})), std::optional<JobKind>(JobKind::Publish));
        QCOMPARE(kindOf(JobPayload(NoopJob{})), std::optional<JobKind>(JobKind::Noop));
        QCOMPARE(kindOf(JobPayload(SleepJob{})), std::optional<JobKind>(JobKind::Sleep));
        QCOMPARE(kindOf(JobPayload()), std::optional<JobKind>());
        QCOMPARE(Job::of(GenerateJob{3, 1, {}}).kind, JobKind::Generate);
        QCOMPARE(toJson(JobPayload()), QJsonObject());
    }

    // The exact texts the code wrote before payloads were typed (app/jobhandlers.cpp,
    // scraperun.cpp, scrapeservice.cpp, restroutes.cpp, publisher.cpp, the tests' sleep jobs).
    void payloadsStoredBeforeTypingLoadAndWriteBackUnchanged_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("stored");
        QTest::newRow("scheduled scrape") << "scrape" << R"({"source_id":42})";
        QTest::newRow("manual scrape") << "scrape" << R"({"limit":0,"marketplace":"amazon","max_pages":2,"target":"fishing dad"})";
        QTest::newRow("import") << "import" << R"({"paths":["/home/anna/etsy.csv","/home/anna/shop.json"]})";
        QTest::newRow("analyze") << "analyze" << R"({})";
        QTest::newRow("analyze with minimum") << "analyze" << R"({"min_products":5})";
        QTest::newRow("generate via REST") << "generate" << R"({"trend_id":7,"variants":2})";
        QTest::newRow("generate with provider") << "generate" << R"({"provider":"openai","trend_id":7,"variants":3})";
        QTest::newRow("publish recorded") << "publish" << R"({"design_id":12,"printful":true,"shopify":false})";
        QTest::newRow("publish queued") << "publish" << R"({"colours":["Black"],"design_id":12,"sizes":["M","L"]})";
        QTest::newRow("noop") << "noop" << R"({})";
        QTest::newRow("sleep") << "sleep" << R"({"ms":40,"record":true})";
    }
    void payloadsStoredBeforeTypingLoadAndWriteBackUnchanged()
    {
        QFETCH(QString, kind);
        QFETCH(QString, stored);
        auto payload = jobPayloadFromJson(*jobKindFromKey(kind), QJsonDocument::fromJson(stored.toUtf8()).object());
        QVERIFY2(payload, qPrintable(payload.errorMessage()));
        QCOMPARE(kindOf(*payload), jobKindFromKey(kind));
        QCOMPARE(text(toJson(*payload)), stored);
    }

    void storedPayloadsReadIntoTheirFields()
    {
        auto manual = jobPayloadFromJson(JobKind::Scrape, object(R"({"limit":0,"marketplace":"amazon","max_pages":2,"target":"fishing dad"})"));
        QVERIFY(manual);
        const ScrapeJob scrape = std::get<ScrapeJob>(*manual);
        QCOMPARE(scrape.marketplace, std::optional<Marketplace>(Marketplace::Amazon));
        QCOMPARE(scrape.target, QStringLiteral("fishing dad"));
        QCOMPARE(scrape.maxPages, std::optional<int>(2));
        QVERIFY(!scrape.sourceId);

        auto queued = jobPayloadFromJson(JobKind::Publish, object(R"({"colours":["Black"],"design_id":12,"sizes":["M","L"]})"));
        QVERIFY(queued);
        const PublishJob publish = std::get<PublishJob>(*queued);
        QCOMPARE(publish.designId, 12);
        QVERIFY(!publish.printful && !publish.shopify);
        QCOMPARE(publish.sizes, (QStringList{QStringLiteral("M"), QStringLiteral("L")}));

        auto generate = jobPayloadFromJson(JobKind::Generate, object(R"({"trend_id":7})"));
        QVERIFY(generate);
        QCOMPARE(std::get<GenerateJob>(*generate).variants, 3); // the handler's default when none was given
    }

    void malformedPayloadIsAnErrorNamingTheSetting_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("named");
        QTest::newRow("source id as text") << "scrape" << R"({"source_id":"42"})" << "source";
        QTest::newRow("fractional source id") << "scrape" << R"({"source_id":4.5})" << "source";
        QTest::newRow("unknown marketplace") << "scrape" << R"({"marketplace":"ebay","target":"x"})" << "ebay";
        QTest::newRow("paths not a list") << "import" << R"({"paths":"/tmp/a.csv"})" << "files";
        QTest::newRow("path not text") << "import" << R"({"paths":["/tmp/a.csv",3]})" << "files";
        QTest::newRow("variants as text") << "generate" << R"({"trend_id":7,"variants":"two"})" << "number of variants";
        QTest::newRow("printful as number") << "publish" << R"({"design_id":1,"printful":1})" << "Printful";
        QTest::newRow("ms too large") << "sleep" << R"({"ms":1e12})" << "duration";
    }
    void malformedPayloadIsAnErrorNamingTheSetting()
    {
        QFETCH(QString, kind);
        QFETCH(QString, stored);
        QFETCH(QString, named);
        auto payload = jobPayloadFromJson(*jobKindFromKey(kind), QJsonDocument::fromJson(stored.toUtf8()).object());
        QVERIFY(!payload);
        QVERIFY2(payload.errorMessage().contains(named), qPrintable(payload.errorMessage()));
        QVERIFY2(!payload.errorMessage().contains(QLatin1Char('_')), qPrintable(payload.errorMessage()));
    }

    void unknownKeysAreIgnored()
    {
        auto payload = jobPayloadFromJson(JobKind::Analyze, object(R"({"min_products":3,"added_by_a_newer_version":true})"));
        QVERIFY(payload);
        QCOMPARE(*payload, JobPayload(AnalyzeJob{3}));
    }

    void everyResultKindRoundTrips()
    {
        ScrapeJobResult scrape;
        scrape.runId = 3;
        scrape.sourceId = 8;
        scrape.jobId = 77;
        scrape.kind = JobKind::Scrape;
        scrape.marketplace = Marketplace::Shopify;
        scrape.target = QStringLiteral("https://shop.example");
        scrape.status = ScrapeStatus::Ok;
        scrape.message = QStringLiteral("2 pages were empty");
        scrape.items = 96;
        scrape.inserted = 90;
        scrape.updated = 6;
        scrape.snapshots = 96;
        scrape.pages = 4;
        scrape.resultCount = 1200;
        scrape.startedAt = at("2026-12-06T10:00:00.125Z");
        scrape.finishedAt = at("2026-12-06T10:01:30.500Z");
        ScrapeJobResult import;
        import.kind = JobKind::Import;
        import.target = QStringLiteral("/data/a.csv");
        import.status = ScrapeStatus::Error;
        import.skipped = 2;
        PublishJobResult publish;
        publish.designId = 5;
        publish.status = DesignStatus::Published;
        publish.publicFileUrl = QStringLiteral("https://files.example/5.png");
        publish.skus = {QStringLiteral("PT5-TS-BLA-M")};
        publish.printful = PublishJobResult::Printful{31, 32, QStringLiteral("pt5-tshirt-ab12"), QStringLiteral("https://printful.example/p/32")};
        publish.shopify = PublishJobResult::Shopify{QStringLiteral("gid://shopify/Product/9"), QStringLiteral("tent-life"),
                                                    QStringLiteral("ACTIVE"), QStringLiteral("https://admin.example/9")};
        PublishJobResult printfulOnly;
        printfulOnly.designId = 6;
        printfulOnly.printful = PublishJobResult::Printful{};

        const QList<std::pair<JobKind, JobResult>> results{
            {JobKind::Scrape, scrape},
            {JobKind::Import, import},
            {JobKind::Analyze, AnalyzeJobResult{400, 380, 12, 3, 8, 1, 20, 30, 40}},
            {JobKind::Generate, GenerateJobResult{{101, 102}, {QStringLiteral("the provider timed out")}}},
            {JobKind::Publish, publish},
            {JobKind::Publish, printfulOnly},
            {JobKind::Noop, NoopJobResult{}},
            {JobKind::Sleep, SleepJobResult{250}},
            {JobKind::Scrape, InterruptedJobResult{QStringLiteral("scrape:source-8:2026-12-06T10:00:00Z")}},
            {JobKind::Publish, InterruptedJobResult{}},
            {JobKind::Analyze, JobResult()},
        };
        for (const auto &[kind, result] : results)
            QCOMPARE(resultRoundTrip(kind, result), result);
    }

    void resultsStoredBeforeTypingLoad()
    {
        // An analysis the program recorded itself, before its result carried the trend counts.
        const JobResult analysis = jobResultFromJson(
            JobKind::Analyze, object(R"({"assigned_products":4,"compute_ms":2,"products":4,"read_ms":1,"trends":1,"write_ms":3})"));
        QCOMPARE(analysis, JobResult(AnalyzeJobResult{4, 4, 1, 0, 0, 0, 1, 2, 3}));
        // A run whose process ended: the reaper's text.
        QCOMPARE(jobResultFromJson(JobKind::Scrape, object(R"({"interrupted":true,"schedule_key":"scrape:source-1:x"})")),
                 JobResult(InterruptedJobResult{QStringLiteral("scrape:source-1:x")}));
        // A failed job: the worker stores null, the repository {}.
        QCOMPARE(jobResultFromJson(JobKind::Generate, QJsonObject()), JobResult());
        // A publish summary with nothing made yet.
        const QString publish = QStringLiteral(
            R"({"design_id":3,"printful":{"external_id":"pt3-tshirt-1","file_id":null,"product_id":null,"url":null},)"
            R"("public_file_url":null,"skus":[],"status":"ready"})");
        const JobResult loaded = jobResultFromJson(JobKind::Publish, QJsonDocument::fromJson(publish.toUtf8()).object());
        QVERIFY(std::holds_alternative<PublishJobResult>(loaded));
        QCOMPARE(std::get<PublishJobResult>(loaded).status, DesignStatus::Ready);
        QCOMPARE(std::get<PublishJobResult>(loaded).printful->externalId, QStringLiteral("pt3-tshirt-1"));
        QVERIFY(!std::get<PublishJobResult>(loaded).shopify);
        QCOMPARE(text(toJson(loaded)), publish);
    }

    void jobJsonCarriesPayloadAndResultAsStored()
    {
        Job job = Job::of(GenerateJob{7, 2, {}});
        job.id = 5;
        job.status = JobStatus::Done;
        job.result = GenerateJobResult{{40}, {}};
        const QJsonObject o = job.toJson();
        QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("generate"));
        QCOMPARE(text(o.value(QLatin1String("payload")).toObject()), QStringLiteral(R"({"trend_id":7,"variants":2})"));
        QCOMPARE(text(o.value(QLatin1String("result")).toObject()), QStringLiteral(R"({"design_ids":[40],"errors":[]})"));
        QVERIFY(!o.contains(QLatin1String("payload_error")));
    }
};

QTEST_GUILESS_MAIN(TestJobValues)
#include "tst_jobvalues.moc"
