#include <core/publishing/pricing.h>
#include <core/publishing/publishplan.h>

#include <QStandardPaths>
#include <QTest>

using namespace podtrends::core;

class TestPricing final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void marksUpBaseCostAndRoundsToNinetyNine()
    {
        PriceRule r;
        r.markupPercent = 80;
        const PriceQuote q = pricing::quote(r, 1350, QStringLiteral("M")); // 13.50 × 1.8 = 24.30
        QCOMPARE(q.retailCents, 2499);
        QCOMPARE(q.marginCents(), 1149);
        QCOMPARE(qRound(q.marginPercent()), 46);
        r.roundToNinetyNine = false;
        QCOMPARE(pricing::quote(r, 1350, QStringLiteral("M")).retailCents, 2430);
    }

    void usesFixedPricesWithSizeOverrides()
    {
        PriceRule r;
        r.mode = PriceRule::Mode::Fixed;
        r.fixedCents = 2400;
        bool ok = false;
        r.fixedBySize = PriceRule::parseSizeOverrides(QStringLiteral("2xl=27.5, 3XL = 29.99"), &ok);
        QVERIFY(ok);
        QCOMPARE(pricing::quote(r, 1350, QStringLiteral("M")).retailCents, 2400);
        QCOMPARE(pricing::quote(r, 1550, QStringLiteral("2XL")).retailCents, 2750);
        QCOMPARE(r.sizeOverridesText(), QStringLiteral("2XL=27.50, 3XL=29.99"));
        PriceRule::parseSizeOverrides(QStringLiteral("M=abc"), &ok);
        QVERIFY(!ok);
    }

    void formatsDecimalStrings()
    {
        QCOMPARE(pricing::formatCents(2450), QStringLiteral("24.50"));
        QCOMPARE(pricing::formatCents(5), QStringLiteral("0.05"));
        qint64 c = 0;
        QVERIFY(pricing::parseCents(QStringLiteral("24,5"), &c));
        QCOMPARE(c, 2450);
        QVERIFY(!pricing::parseCents(QStringLiteral("-3"), &c));
    }

    void rulesRoundTripThroughSettings()
    {
        PriceRule r;
        r.mode = PriceRule::Mode::Fixed;
        r.fixedCents = 3199;
        r.fixedBySize.insert(QStringLiteral("2XL"), 3499);
        pricing::setRule(QStringLiteral("hoodie"), r);
        const PriceRule back = pricing::rule(QStringLiteral("hoodie"));
        QCOMPARE(int(back.mode), int(PriceRule::Mode::Fixed));
        QCOMPARE(back.fixedCents, 3199);
        QCOMPARE(back.fixedBySize.value(QStringLiteral("2XL")), 3499);
    }

    void planGivesMatchingSkusAndRefusesMissingVariants()
    {
        CatalogProduct catalog;
        catalog.id = 71;
        catalog.variants = {{4016, QStringLiteral("Black"), {}, QStringLiteral("S"), 1350, true},
                            {4017, QStringLiteral("Black"), {}, QStringLiteral("M"), 1350, true},
                            {4011, QStringLiteral("White"), {}, QStringLiteral("S"), 1350, true}};
        Design d;
        d.id = 7;
        d.title = QStringLiteral("Night Owl");
        PublishChoice choice;
        choice.colours = {QStringLiteral("Black")};
        choice.sizes = {QStringLiteral("S"), QStringLiteral("M")};
        auto plan = publishplan::build(d, choice, catalog, PriceRule{}, QStringLiteral("Shop"));
        QVERIFY2(plan, qPrintable(plan.errorMessage()));
        QCOMPARE(plan->variants.size(), 2);
        QCOMPARE(plan->variants.at(1).catalogVariantId, 4017);
        QCOMPARE(plan->variants.at(1).sku, QStringLiteral("PT7-TS-BLA-M"));
        const SyncProductInput pf = publishplan::printfulInput(*plan, 5, QStringLiteral("https://x/y.png"), {});
        const ShopifyProductInput sh = publishplan::shopifyInput(*plan, {});
        QCOMPARE(pf.variants.at(1).sku, sh.variants.at(1).sku);
        QCOMPARE(pf.variants.at(1).retailPrice, sh.variants.at(1).price);
        QCOMPARE(PublishPlan::fromJson(plan->toJson()).toJson(), plan->toJson());
        choice.colours = {QStringLiteral("White")};
        auto missing = publishplan::build(d, choice, catalog, PriceRule{}, QStringLiteral("Shop"));
        QVERIFY(!missing);
        QVERIFY2(missing.errorMessage().contains(QLatin1String("White / M")), qPrintable(missing.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"
