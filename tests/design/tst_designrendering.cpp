// PromptBuilder and the built-in renderer: briefs per variant, determinism for a seed, distinct variants, mockups.
#include <core/design/artwork.h>
#include <core/design/mockuprenderer.h>
#include <core/design/pngwriter.h>
#include <core/design/printfiles.h>
#include <core/design/promptbuilder.h>

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends::core;

// A camping niche as the analysis describes one: campers are named by most listings, the vintage
// style dominates, and it peaks in summer.
static Trend campingTrend()
{
    Trend t;
    t.id = 1;
    t.niche = QStringLiteral("retro camping");
    t.category = QStringLiteral("apparel");
    t.productCount = 15;
    t.targetAudience.productCount = 15;
    t.targetAudience.hobbies = EvidenceCounts({{QStringLiteral("camping"), 12}, {QStringLiteral("hiking"), 2}});
    t.targetAudience.claims = {AudienceClaim{AudienceKind::Hobby, QStringLiteral("camping"), 12, 0.8}};
    t.stylePatterns.productCount = 15;
    t.stylePatterns.styles = EvidenceCounts({{QStringLiteral("vintage"), 14}});
    t.stylePatterns.dominant = {QStringLiteral("vintage")};
    t.season.peakMonths = {6, 7};
    return t;
}

static int differingPixels(const QImage &a, const QImage &b)
{
    int n = 0;
    for (int y = 0; y < a.height(); y += 3)
        for (int x = 0; x < a.width(); x += 3)
            n += a.pixel(x, y) != b.pixel(x, y);
    return n;
}

class TestDesignRendering : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void briefsCarryNicheStylePaletteAndNegativePrompt()
    {
        const QStringList titles{QStringLiteral("Retro Camping Shirt Vintage Mountain Sunset Tee")};
        const auto briefs = PromptBuilder(2026).build(campingTrend(), titles, 3, 99);
        QCOMPARE(briefs.size(), 3);
        QSet<QString> styles;
        for (const DesignBrief &b : briefs) {
            styles << b.style;
            QVERIFY(b.sloganLine().toUpper().contains(QStringLiteral("CAMPING")));
            QVERIFY(!b.sloganLine().contains(titles.first(), Qt::CaseInsensitive)); // titles are never copied
            QVERIFY(b.negativePrompt.contains(QStringLiteral("no logos")));
            QVERIFY(b.negativePrompt.contains(QStringLiteral("no brand names")));
            QVERIFY(b.textPrompt.contains(QStringLiteral("retro camping")));
            QVERIFY(b.palette.colors.size() >= 3);
            QVERIFY(!b.conceptText.isEmpty());
            QVERIFY(b.sloganOptions.contains(b.slogan));
            QCOMPARE(b.motif, QStringLiteral("mountains"));
            // The metadata round-trips.
            const DesignBrief back = DesignMetadata::fromJson(DesignMetadata{b, {}, {}}.toJson()).brief;
            QCOMPARE(back.slogan, b.slogan);
            QCOMPARE(back.style, b.style);
            QCOMPARE(back.seed, b.seed);
            QCOMPARE(back.palette.colors, b.palette.colors);
        }
        QCOMPARE(styles.size(), 3);
        QCOMPARE(briefs.first().style, designstyle::RetroSunset); // a retro niche leads with the sunset
    }

    void sameSeedRendersIdenticalPixels()
    {
        const auto a = PromptBuilder(2026).build(campingTrend(), {}, 2, 1234);
        const auto b = PromptBuilder(2026).build(campingTrend(), {}, 2, 1234);
        for (int i = 0; i < 2; ++i) {
            const QImage ia = VectorArtwork(a.at(i)).render(QSize(500, 600));
            const QImage ib = VectorArtwork(b.at(i)).render(QSize(500, 600));
            QCOMPARE(ia, ib);
            QVERIFY(pngwriter::encode(ia, 300) == pngwriter::encode(ib, 300));
        }
    }

    void variantsAndSeedsLookDifferent()
    {
        const auto briefs = PromptBuilder(2026).build(campingTrend(), {}, 3, 1234);
        const QImage v1 = VectorArtwork(briefs.at(0)).render(QSize(500, 600));
        const QImage v2 = VectorArtwork(briefs.at(1)).render(QSize(500, 600));
        const QImage v3 = VectorArtwork(briefs.at(2)).render(QSize(500, 600));
        const int total = (500 / 3 + 1) * (600 / 3 + 1);
        QVERIFY(differingPixels(v1, v2) > total / 10);
        QVERIFY(differingPixels(v2, v3) > total / 10);
        // Something is drawn, and the background stays transparent.
        QCOMPARE(qAlpha(v1.pixel(0, 0)), 0);
        int opaque = 0;
        for (int y = 0; y < 600; y += 4)
            for (int x = 0; x < 500; x += 4)
                opaque += qAlpha(v1.pixel(x, y)) > 200;
        QVERIFY(opaque > 1000);

        DesignBrief other = briefs.at(0);
        other.seed += 1;
        QVERIFY(VectorArtwork(other).render(QSize(500, 600)) != v1); // texture follows the seed
    }

    void pngWriterRecordsDpiAlphaAndDecodes()
    {
        QTemporaryDir dir;
        QImage img(320, 200, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        img.setPixel(10, 10, qRgba(255, 0, 0, 255));
        const QString path = dir.filePath(QStringLiteral("x.png"));
        QVERIFY(pngwriter::write(img, path, 300).ok());
        auto info = printfiles::readPngInfo(path);
        QVERIFY(info.ok());
        QCOMPARE(info->size, QSize(320, 200));
        QVERIFY(info->hasAlpha);
        QVERIFY(qAbs(info->dpiX - 300) < 0.5);
        const QImage back(path);
        QCOMPARE(back.size(), QSize(320, 200));
        QCOMPARE(back.pixel(10, 10), qRgba(255, 0, 0, 255));
        QCOMPARE(qAlpha(back.pixel(0, 0)), 0);
        QCOMPARE(qRound(back.dotsPerMeterX() * 0.0254), 300);
    }

    void mockupsShowTheDesignOnTheProduct()
    {
        const auto briefs = PromptBuilder(2026).build(campingTrend(), {}, 1, 3);
        const VectorArtwork art(briefs.first());
        const auto set = mockuprenderer::standardSet(art.brief());
        QCOMPARE(set.size(), 5);
        QStringList products;
        for (const MockupSpec &m : set)
            products << m.product;
        QCOMPARE(products, (QStringList{QStringLiteral("tshirt"), QStringLiteral("hoodie"), QStringLiteral("mug"),
                                        QStringLiteral("poster"), QStringLiteral("tote")}));
        QVERIFY(set.at(0).color != set.at(1).color); // shirt and hoodie in two colours
        // The same shirt without a design differs on the chest: the print is really there.
        DesignBrief blank = art.brief();
        blank.slogan = QStringLiteral(" ");
        blank.style = designstyle::MinimalLine;
        const QImage with = mockuprenderer::render(art, set.at(0));
        QCOMPARE(with.size(), QSize(mockuprenderer::MockupSize, mockuprenderer::MockupSize));
        const QImage without = mockuprenderer::render(VectorArtwork(blank), set.at(0));
        QVERIFY(differingPixels(with.copy(400, 300, 400, 450), without.copy(400, 300, 400, 450)) > 1000);
    }
};

QTEST_MAIN(TestDesignRendering)
#include "tst_designrendering.moc"
