// A design's publish state and its one JSON pair: every step's result, the plan and the last
// error survive the text the designs.publish_state column holds; states saved before the state
// was typed still load; the step keys round-trip; the outcome summary has the command line's shape.
#include <core/domain/design.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace podtrends::core;

namespace {

PublishState roundTrip(const PublishState &state)
{
    const QByteArray text = QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact);
    return PublishState::fromJson(QJsonDocument::fromJson(text).object());
}

PublishPlan plan()
{
    PublishPlan p;
    p.designId = 7;
    p.productType = QStringLiteral("tshirt");
    p.catalogProductId = 71;
    p.title = QStringLiteral("Tent Life");
    p.descriptionHtml = QStringLiteral("<p>For campers.</p>");
    p.vendor = QStringLiteral("Shop");
    p.shopifyProductType = QStringLiteral("T-Shirt");
    p.tags = {QStringLiteral("camping")};
    p.colours = {QStringLiteral("Black")};
    p.sizes = {QStringLiteral("M"), QStringLiteral("L")};
    p.variants = {{QStringLiteral("Black"), QStringLiteral("M"), 4017, {1350, 2499}, QStringLiteral("PT7-TS-BLA-M")},
                  {QStringLiteral("Black"), QStringLiteral("L"), 4018, {1350, 2499}, QStringLiteral("PT7-TS-BLA-L")}};
    p.externalId = QStringLiteral("pt7-tshirt-abcd1234");
    p.handle = QStringLiteral("tent-life-pt7-abcd1234");
    return p;
}

} // namespace

class TestPublishState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stepKeysRoundTrip()
    {
        QStringList keys;
        for (PublishStep step : allPublishSteps()) {
            QCOMPARE(publishStepFromKey(toKey(step)), std::optional<PublishStep>(step));
            QVERIFY(!publishStepLabel(step).isEmpty());
            QVERIFY2(!publishStepLabel(step).contains(QLatin1Char('_')), qPrintable(publishStepLabel(step)));
            keys << toKey(step);
        }
        QCOMPARE(keys, (QStringList{QStringLiteral("check"), QStringLiteral("public_file"), QStringLiteral("printful_file"),
                                    QStringLiteral("printful_product"), QStringLiteral("shopify_product"), QStringLiteral("finish")}));
        for (PublishStepStatus s : {PublishStepStatus::NotStarted, PublishStepStatus::Waiting, PublishStepStatus::Done,
                                    PublishStepStatus::Failed, PublishStepStatus::Cancelled})
            QCOMPARE(publishStepStatusFromKey(toKey(s)), std::optional<PublishStepStatus>(s));
        QVERIFY(!publishStepFromKey(u"Finish"));
        QVERIFY(!publishStepStatusFromKey(u"ok"));
    }

    void everyStepPlanAndErrorRoundTrip()
    {
        PublishState s;
        s.check.status = PublishStepStatus::Done;
        s.publicFile = {{PublishStepStatus::Done, {}}, QStringLiteral("https://staged/1"), QStringLiteral("gid://shopify/MediaImage/5"),
                        QStringLiteral("https://cdn.shopify.com/print.png")};
        s.printfulFile = {{PublishStepStatus::Done, {}}, 901, QStringLiteral("https://files.printful/preview.png")};
        s.printfulProduct = {{PublishStepStatus::Done, {}}, 333, QStringLiteral("pt7-tshirt-abcd1234"),
                             QStringLiteral("https://www.printful.com/dashboard/sync/update?id=333"), true};
        s.shopifyProduct = {{PublishStepStatus::Failed, QStringLiteral("variants.0.price: Price must be more than 0")},
                            QString(), QString(), QString(), QString(),
                            {{QStringLiteral("/d/mockup-black.jpg"), QStringLiteral("https://staged/2")}}};
        s.plan = plan();
        s.lastError = PublishError{PublishStep::ShopifyProduct, s.shopifyProduct.error, QDateTime(QDate(2026, 12, 6), QTime(2, 30), Qt::UTC)};
        QCOMPARE(roundTrip(s), s);
        QVERIFY(s.anyCreated());

        s.shopifyProduct = {{PublishStepStatus::Done, {}}, QStringLiteral("gid://shopify/Product/1"), QStringLiteral("tent-life-pt7-abcd1234"),
                            QStringLiteral("DRAFT"), QStringLiteral("https://admin.shopify.com/store/x/products/1"), s.shopifyProduct.media};
        s.finish.status = PublishStepStatus::Done;
        s.lastError.reset();
        s.publishedAt = QDateTime(QDate(2026, 12, 6), QTime(2, 31, 5), Qt::UTC);
        QCOMPARE(roundTrip(s), s);
        QVERIFY(roundTrip(PublishState()).isEmpty());
        QCOMPARE(PublishState().toJson(), QJsonObject());
    }

    void stateSavedBeforeTypingLoads()
    {
        // The column's text as the publisher wrote it before the state was typed: Shopify's
        // "status" was overwritten by the step's, extra keys may be present.
        const QJsonObject old = QJsonDocument::fromJson("{ "
            "\"steps\": {\"check\": {}, \"public_file\": {\"resource_url\": \"https://staged/1\", \"shopify_file_id\": \"gid://f/1\", "
            "\"url\": \"https://cdn/p.png\", \"status\": \"done\"}, "
            "\"printful_file\": {\"id\": 901, \"status\": \"failed\", \"error\": \"Printful has not finished fetching the print file\"}}, "
            "\"plan\": {\"design_id\": 7, \"product_type\": \"tshirt\", \"variants\": [{\"colour\": \"Black\", \"size\": \"M\", \"variant_id\": 4017, "
            "\"base_cost\": \"13.50\", \"retail_price\": \"24.99\", \"sku\": \"PT7-TS-BLA-M\"}], \"printful\": true, \"shopify\": false}, "
            "\"last_error\": {\"step\": \"printful_file\", \"message\": \"Printful has not finished fetching the print file\", \"at\": \"2026-12-05T10:00:00Z\"}, "
            "\"something_else\": 1 "
            "}").object();
        const PublishState s = PublishState::fromJson(old);
        QCOMPARE(s.publicFile.status, PublishStepStatus::Done);
        QCOMPARE(s.publicFile.url, QStringLiteral("https://cdn/p.png"));
        QCOMPARE(s.printfulFile.status, PublishStepStatus::Failed);
        QCOMPARE(s.printfulFile.id, qint64(901));
        QVERIFY(s.plan);
        QCOMPARE(s.plan->variants.first().price.retailCents, 2499);
        QVERIFY(s.plan->toPrintful);
        QVERIFY(!s.plan->toShopify);
        QVERIFY(s.lastError);
        QCOMPARE(s.lastError->step, PublishStep::PrintfulFile);
        QCOMPARE(s.lastError->at, QDateTime(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC));
        QCOMPARE(s.check.status, PublishStepStatus::NotStarted);
        QVERIFY(s.anyCreated());
    }

    void planRoundTrips()
    {
        const PublishPlan p = plan();
        const QByteArray text = QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact);
        QCOMPARE(PublishPlan::fromJson(QJsonDocument::fromJson(text).object()), p);
        QCOMPARE(p.toJson().value(QStringLiteral("variants")).toArray().first().toObject().value(QStringLiteral("retail_price")).toString(),
                 QStringLiteral("24.99"));
    }

    void outcomeSummaryHasTheCommandLineShape()
    {
        PublishOutcome o{7, DesignStatus::Ready, {}};
        o.state.plan = plan();
        o.state.plan->toShopify = false;
        o.state.printfulFile.id = 901;
        QJsonObject json = o.toJson();
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
        QCOMPARE(json.value(QStringLiteral("skus")).toArray().size(), 2);
        QCOMPARE(json.value(QStringLiteral("printful")).toObject().value(QStringLiteral("file_id")).toInteger(), qint64(901));
        QVERIFY(json.value(QStringLiteral("printful")).toObject().value(QStringLiteral("product_id")).isNull()); // not made yet
        QVERIFY(json.value(QStringLiteral("public_file_url")).isNull());
        QVERIFY(!json.contains(QStringLiteral("shopify")));
    }
};

QTEST_GUILESS_MAIN(TestPublishState)
#include "tst_publishstate.moc"
