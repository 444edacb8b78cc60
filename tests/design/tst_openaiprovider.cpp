// The OpenAI-compatible provider against a loopback fake of chat/completions and images/generations.
#include "designtestutil.h"
#include "fakeopenai.h"

#include <core/design/designgenerator.h>
#include <core/design/openaiprovider.h>
#include <core/design/printfiles.h>
#include <core/design/promptbuilder.h>
#include <core/storage/designrepository.h>
#include <support/testenv.h>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace podtrends;
using namespace podtrends::core;

static DesignBrief brief()
{
    Trend t;
    t.niche = QStringLiteral("retro camping");
    return PromptBuilder(2026).build(t, {}, 1, 1).first();
}

class TestOpenAiProvider : public QObject
{
    Q_OBJECT
private:
    OpenAiSettings settingsFor(const test::FakeOpenAi &fake, int timeoutMs = 10000)
    {
        OpenAiSettings s;
        s.baseUrl = fake.baseUrl();
        s.chatModel = QStringLiteral("llama3.1:8b");
        s.imageModel = QStringLiteral("x/z-image-turbo");
        s.apiKey = QStringLiteral("sk-test-123");
        s.timeoutMs = timeoutMs;
        return s;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void conceptAndArtworkBecomeARasterDesign()
    {
        test::FakeOpenAi fake;
        OpenAiProvider provider(settingsFor(fake));
        auto art = provider.create(brief(), nullptr);
        QVERIFY2(art.ok(), qPrintable(art.errorMessage()));
        QCOMPARE(fake.chatRequests(), 1);
        QCOMPARE(fake.imageRequests(), 1);
        QCOMPARE(fake.lastAuthorization(), QByteArray("Bearer sk-test-123"));
        const DesignBrief &b = (*art)->brief();
        QCOMPARE(b.provider, QStringLiteral("openai"));
        QCOMPARE(b.conceptText, QStringLiteral("A campfire under the stars for weekend campers"));
        QCOMPARE(b.sloganLine(), QStringLiteral("CAMPFIRE NIGHTS FOREVER"));
        QCOMPARE(b.sloganOptions.size(), 3);
        // Placed and scaled onto the print canvas, with the flat white background keyed out.
        const QImage canvas = (*art)->render(QSize(900, 1080));
        QCOMPARE(canvas.size(), QSize(900, 1080));
        QCOMPARE(qAlpha(canvas.pixel(5, 5)), 0);
        QCOMPARE(qAlpha(canvas.pixel(450, 400)), 255); // the orange disc, scaled up into the art area
    }

    void refusalIsAClearError()
    {
        test::FakeOpenAi fake;
        fake.scriptChat({QStringLiteral("refusal")});
        auto art = OpenAiProvider(settingsFor(fake)).create(brief(), nullptr);
        QVERIFY(!art.ok());
        QVERIFY2(art.errorMessage().contains(QStringLiteral("refused")), qPrintable(art.errorMessage()));
        QCOMPARE(fake.imageRequests(), 0);
    }

    void invalidJsonIsAClearError()
    {
        test::FakeOpenAi fake;
        fake.scriptChat({QStringLiteral("invalid_json")});
        auto art = OpenAiProvider(settingsFor(fake)).create(brief(), nullptr);
        QVERIFY(!art.ok());
        QVERIFY2(art.errorMessage().contains(QStringLiteral("JSON")), qPrintable(art.errorMessage()));
    }

    void serverErrorNamesStatusAndMessage()
    {
        test::FakeOpenAi fake;
        fake.scriptChat({QStringLiteral("http_error")});
        auto art = OpenAiProvider(settingsFor(fake)).create(brief(), nullptr);
        QVERIFY(!art.ok());
        QVERIFY2(art.errorMessage().contains(QStringLiteral("500")) && art.errorMessage().contains(QStringLiteral("model overloaded")),
                 qPrintable(art.errorMessage()));
    }

    void nonImageReplyIsAClearError()
    {
        test::FakeOpenAi fake;
        fake.scriptImages({QStringLiteral("not_image")});
        auto art = OpenAiProvider(settingsFor(fake)).create(brief(), nullptr);
        QVERIFY(!art.ok());
        QVERIFY2(art.errorMessage().contains(QStringLiteral("not a usable image")), qPrintable(art.errorMessage()));

        fake.scriptImages({QStringLiteral("url_only")});
        auto art2 = OpenAiProvider(settingsFor(fake)).create(brief(), nullptr);
        QVERIFY(!art2.ok());
        QVERIFY(art2.errorMessage().contains(QStringLiteral("URL")));
    }

    void timeoutIsAClearError()
    {
        test::FakeOpenAi fake;
        fake.scriptImages({QStringLiteral("hang")});
        QElapsedTimer t;
        t.start();
        auto art = OpenAiProvider(settingsFor(fake, 800)).create(brief(), nullptr);
        QVERIFY(!art.ok());
        QVERIFY2(art.errorMessage().contains(QStringLiteral("did not answer")), qPrintable(art.errorMessage()));
        QVERIFY(t.elapsed() < 8000);
    }

    void plainHttpToARemoteHostIsRefused()
    {
        OpenAiSettings s;
        s.baseUrl = QStringLiteral("http://api.example.com/v1");
        auto art = OpenAiProvider(s).create(brief(), nullptr);
        QVERIFY(!art.ok());
        QVERIFY(art.errorMessage().contains(QStringLiteral("plain http")));
    }

    void failingVariantLeavesTheOthers()
    {
        test::FakeOpenAi fake;
        // Three variants in parallel: one of the chat calls is refused, one image is not an image.
        fake.scriptChat({QStringLiteral("ok"), QStringLiteral("refusal"), QStringLiteral("ok")});
        fake.scriptImages({QStringLiteral("ok"), QStringLiteral("not_image")});
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        GenerateRequest request;
        request.trendId = test::insertCampingTrend(db);
        request.variants = 3;
        request.provider = QStringLiteral("openai");
        request.openai = settingsFor(fake);
        request.outputRoot = dir.filePath(QStringLiteral("designs"));
        auto report = DesignGenerator(db).generate(request);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->designs.size(), 1);
        int failed = 0;
        for (const VariantOutcome &v : report->variants)
            if (!v.error.isEmpty()) {
                ++failed;
                QVERIFY(v.error.startsWith(QStringLiteral("Variant ")));
            }
        QCOMPARE(failed, 2);
        auto rows = DesignRepository(db).list({});
        QCOMPARE(rows->size(), 1); // failed variants leave no rows behind
        const Design &d = rows->first();
        QCOMPARE(d.designMetadata.brief.provider, QStringLiteral("openai"));
        auto info = printfiles::readPngInfo(d.imageUrl);
        QVERIFY(info.ok());
        QCOMPARE(info->size, QSize(4500, 5400));
        QVERIFY(QFileInfo::exists(QFileInfo(d.imageUrl).absolutePath() + QStringLiteral("/illustration.png")));
    }
};

QTEST_MAIN(TestOpenAiProvider)
#include "tst_openaiprovider.moc"
