// A design's metadata and print specification and their one JSON pair each: every value survives
// a round trip, the seed's per-product print specification still loads, and failed checks are
// reported in words.
#include <core/domain/design.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace podtrends::core;

namespace {

template <typename T>
T roundTrip(const T &value)
{
    // Through the text a column or a REST reply holds, not only the in-memory object.
    const QByteArray text = QJsonDocument(value.toJson()).toJson(QJsonDocument::Compact);
    return T::fromJson(QJsonDocument::fromJson(text).object());
}

PrintFile file(ProductKind product, const QString &path, QSize pixels, int dpi, bool transparent)
{
    PrintFile f;
    f.product = product;
    f.placement = product == ProductKind::Mug ? QStringLiteral("wrap") : QStringLiteral("front");
    f.file = path;
    f.pixels = pixels;
    f.dpi = dpi;
    f.transparentBackground = transparent;
    f.checks = {{PrintCheck::Size, true, {}}, {PrintCheck::Dpi, true, {}}, {PrintCheck::Transparency, transparent, {}}};
    return f;
}

} // namespace

class TestDesignValues : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metadataRoundTrips()
    {
        DesignMetadata m;
        DesignBrief &b = m.brief;
        b.variant = 2;
        b.seed = 4000000000u;
        b.niche = QStringLiteral("retro camping");
        b.category = QStringLiteral("apparel");
        b.audience = QStringLiteral("campers and hikers");
        b.conceptText = QStringLiteral("A sunset over the tents.");
        b.slogan = QStringLiteral("TENT\nLIFE");
        b.sloganOptions = {QStringLiteral("TENT\nLIFE"), QStringLiteral("GONE\nCAMPING")};
        b.tagline = QStringLiteral("EST. 2026");
        b.style = designstyle::RetroSunset;
        b.motif = QStringLiteral("mountains");
        b.palette = Palette{QStringLiteral("sunset"), {QColor(0xff, 0x66, 0x00), QColor(0x33, 0x22, 0x11), QColor(0xee, 0xdd, 0xcc)},
                            QColor(0x33, 0x22, 0x11), QColor(0x10, 0x10, 0x10), {}};
        b.composition = QStringLiteral("centred badge");
        b.negativePrompt = QStringLiteral("no logos");
        b.textPrompt = QString(); // stored in designs.design_prompt, not in the metadata
        b.provider = QStringLiteral("openai");
        b.sourceTitles = {QStringLiteral("Camping Shirt")};
        m.safety = SafetyReview{{QStringLiteral("Nike")}, QStringLiteral("The slogan names a brand: Nike.")};
        m.tags = {QStringLiteral("camping"), QStringLiteral("retro")};
        QCOMPARE(roundTrip(m), m);
        // The stored shape keeps the names it always had.
        const QJsonObject o = m.toJson();
        QCOMPARE(o.value(QStringLiteral("slogan_options")).toArray().size(), 2);
        QCOMPARE(o.value(QStringLiteral("safety")).toObject().value(QStringLiteral("warning")).toString(), m.safety.warning);
        QCOMPARE(o.value(QStringLiteral("colors")).toArray().first().toString(), QStringLiteral("#ff6600"));
    }

    void styleNamesAreWords()
    {
        QCOMPARE(designstyle::displayName(designstyle::RetroSunset), QStringLiteral("retro sunset"));
        QCOMPARE(designstyle::displayName(designstyle::MinimalLine), QStringLiteral("minimal line"));
        for (const QString &style : designstyle::all())
            QVERIFY2(!designstyle::displayName(style).contains(QLatin1Char('_')), qPrintable(style));
    }

    void printSpecificationRoundTrips()
    {
        PrintSpecification spec;
        spec.files = {file(ProductKind::TShirt, QStringLiteral("/d/print-tshirt-front.png"), QSize(4500, 5400), 300, true),
                      file(ProductKind::Hoodie, QStringLiteral("/d/print-tshirt-front.png"), QSize(4500, 5400), 300, true),
                      file(ProductKind::Mug, QStringLiteral("/d/print-mug-wrap.png"), QSize(2700, 1050), 300, true)};
        QVERIFY(spec.checksPassed());
        QCOMPARE(roundTrip(spec), spec);
        QCOMPARE(spec.paths(), (QStringList{QStringLiteral("/d/print-tshirt-front.png"), QStringLiteral("/d/print-mug-wrap.png")}));
        QCOMPARE(spec.mainSize(), QSize(4500, 5400));
        QCOMPARE(spec.pathFor(ProductKind::Mug), QStringLiteral("/d/print-mug-wrap.png"));
        QCOMPARE(spec.fileFor(ProductKind::Mug)->printAreaInches(), QSizeF(9.0, 3.5));
        const QJsonObject first = spec.toJson().value(QStringLiteral("products")).toArray().first().toObject();
        QCOMPARE(first.value(QStringLiteral("product")).toString(), QStringLiteral("tshirt"));
        QCOMPARE(first.value(QStringLiteral("width_px")).toInt(), 4500);
        QCOMPARE(spec.toJson().value(QStringLiteral("checks_passed")).toBool(), true);
    }

    void failedChecksAreSentences()
    {
        PrintSpecification spec;
        spec.files = {file(ProductKind::TShirt, QStringLiteral("/d/a.png"), QSize(4500, 5400), 300, false)};
        spec.files[0].checks[0].passed = false;
        QVERIFY(!spec.checksPassed());
        QCOMPARE(spec.failures(), (QStringList{QStringLiteral("the T-shirt print file does not have the pixel size it needs"),
                                               QStringLiteral("the T-shirt print file has no transparent background")}));
        QCOMPARE(roundTrip(spec).failures(), spec.failures());
        QVERIFY(!PrintSpecification().checksPassed()); // no files: nothing to print
    }

    void checkMessagesSurviveTheRoundTrip()
    {
        // The sentence a failed check carries (the seed's list shape had one) is stored and read
        // back, in the check's own order, instead of falling back to the generic sentence.
        PrintSpecification spec;
        spec.files = {file(ProductKind::Mug, QStringLiteral("/d/m.png"), QSize(2000, 1050), 300, true)};
        spec.files[0].checks[0] = {PrintCheck::Size, false, QStringLiteral("the mug file is too narrow")};
        spec.files[0].checks[2].message = QStringLiteral("kept although it passed");
        const PrintSpecification back = roundTrip(spec);
        QCOMPARE(back, spec);
        QCOMPARE(back.failures(), QStringList{QStringLiteral("the mug file is too narrow")});
        // The checks themselves keep their plain {name: passed} shape for REST readers.
        const QJsonObject stored = spec.toJson().value(QStringLiteral("products")).toArray().first().toObject();
        QVERIFY(stored.value(QStringLiteral("checks")).toObject().value(QStringLiteral("size")).isBool());
    }

    void seedShapedSpecificationLoads()
    {
        // The seed kept one object per product, with pixels as an object or a pair and the checks
        // as booleans or as a list with messages.
        const QJsonObject seed = QJsonDocument::fromJson(R"({
            "tshirt": {"placement": "front", "pixels": {"width": 1800, "height": 2400}, "dpi": 150,
                       "checks": {"size": true, "dpi": true, "transparency": false}},
            "mug": {"placement": "wrap", "pixels": [2700, 1050], "dpi": 300,
                    "checks": [{"name": "size", "passed": false, "message": "the mug file is too narrow"}]},
            "notes": "made by hand"
        })").object();
        const PrintSpecification spec = PrintSpecification::fromJson(seed);
        QCOMPARE(spec.files.size(), 2);
        QCOMPARE(spec.mainSize(), QSize(1800, 2400));
        QCOMPARE(spec.fileFor(ProductKind::Mug)->pixels, QSize(2700, 1050));
        QVERIFY(!spec.checksPassed());
        QVERIFY(spec.failures().contains(QStringLiteral("the T-shirt print file has no transparent background")));
        QVERIFY(spec.failures().contains(QStringLiteral("the mug file is too narrow")));
    }

    void designJsonUsesTheSeedNames()
    {
        Design d;
        d.id = 7;
        d.mockupUrls = {QStringLiteral("/d/mockup-tshirt-black.jpg")};
        d.printSpecifications.files = {file(ProductKind::TShirt, QStringLiteral("/d/a.png"), QSize(4500, 5400), 300, true)};
        d.designMetadata.brief.slogan = QStringLiteral("TENT LIFE");
        const QJsonObject o = d.toJson();
        QCOMPARE(o.value(QStringLiteral("mockup_urls")).toArray().first().toString(), d.mockupUrls.first());
        QCOMPARE(PrintSpecification::fromJson(o.value(QStringLiteral("print_specifications")).toObject()), d.printSpecifications);
        QCOMPARE(DesignMetadata::fromJson(o.value(QStringLiteral("design_metadata")).toObject()), d.designMetadata);
    }
};

QTEST_MAIN(TestDesignValues)
#include "tst_designvalues.moc"
