// Built-in generation end to end: trend row → 3 drafts with print files, mockups and rows that point at them.
#include "designtestutil.h"

#include <core/design/designgenerator.h>
#include <core/design/designservice.h>
#include <core/design/printfiles.h>
#include <core/storage/designrepository.h>
#include <support/testenv.h>

#include <QFileInfo>
#include <QImageReader>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace podtrends;
using namespace podtrends::core;

class TestDesignGeneration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void builtinWritesThreePrintReadyVariants_data() { test::addDialectRows(); }
    void builtinWritesThreePrintReadyVariants()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        const qint64 trendId = test::insertCampingTrend(db);

        DesignGenerator generator(db);
        GenerateRequest request;
        request.trendId = trendId;
        request.variants = 3;
        request.seed = 11;
        request.outputRoot = dir.filePath(QStringLiteral("designs"));
        int lastDone = 0, lastTotal = 0;
        auto report = generator.generate(request, [&](int done, int total, const QString &) {
            lastDone = std::max(lastDone, done);
            lastTotal = total;
        });
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->designs.size(), 3);
        QCOMPARE(lastDone, lastTotal);

        auto rows = DesignRepository(db).list({});
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 3);
        QSet<QString> styles;
        for (const Design &d : *rows) {
            QCOMPARE(d.trendId, trendId);
            QCOMPARE(d.status, DesignStatus::Draft);
            QVERIFY(!d.title.isEmpty());
            QVERIFY(d.designPrompt.contains(QStringLiteral("no logos")));
            styles << d.designMetadata.brief.style;

            // The main print file: exactly 4500×5400, 300 DPI in the file, an alpha channel, transparent corners.
            QCOMPARE(d.imageUrl, d.printSpecifications.pathFor(ProductKind::TShirt));
            auto info = printfiles::readPngInfo(d.imageUrl);
            QVERIFY2(info.ok(), qPrintable(info.errorMessage()));
            QCOMPARE(info->size, QSize(4500, 5400));
            QVERIFY(qAbs(info->dpiX - 300) < 0.5 && qAbs(info->dpiY - 300) < 0.5);
            QVERIFY(info->hasAlpha);
            QVERIFY(info->srgb);
            QImageReader reader(d.imageUrl);
            QCOMPARE(reader.size(), QSize(4500, 5400));
            reader.setClipRect(QRect(0, 0, 64, 64));
            const QImage corner = reader.read();
            QVERIFY2(!corner.isNull(), qPrintable(reader.errorString()));
            QVERIFY(corner.hasAlphaChannel());
            QCOMPARE(qAlpha(corner.pixel(0, 0)), 0);

            // Every product's file is recorded with its checks, and they passed.
            QVERIFY(d.printSpecifications.checksPassed());
            QCOMPARE(d.printSpecifications.files.size(), 5);
            for (const PrintFile &f : d.printSpecifications.files) {
                QVERIFY(QFileInfo::exists(f.file));
                QVERIFY(f.dpi >= 150);
                QCOMPARE(f.checks.size(), 3);
                QVERIFY(f.printAreaInches().width() > 0);
            }

            // Mockups: five real images in the design's folder.
            QCOMPARE(d.mockupUrls.size(), 5);
            for (const QString &m : d.mockupUrls) {
                QImageReader r(m);
                QCOMPARE(r.size(), QSize(1200, 1200));
                QVERIFY(m.startsWith(request.outputRoot + QLatin1Char('/') + QString::number(d.id) + QLatin1Char('/')));
            }
        }
        QCOMPARE(styles.size(), 3); // visibly different variants
    }

    // Rendering-heavy; the repository calls it makes run on both engines in builtinWritesThreePrintReadyVariants.
    void cleanDesignBecomesReadyAndEditedSloganRerenders_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }
    void cleanDesignBecomesReadyAndEditedSloganRerenders()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        const qint64 trendId = test::insertCampingTrend(db);
        GenerateRequest request;
        request.trendId = trendId;
        request.variants = 1;
        request.seed = 5;
        request.outputRoot = dir.filePath(QStringLiteral("designs"));
        auto report = DesignGenerator(db).generate(request);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->designs.size(), 1);
        const qint64 id = report->designs.first().id;

        DesignService service(db, request.outputRoot);
        QVERIFY2(service.markReady(id).ok(), qPrintable(service.markReady(id).errorMessage()));
        QCOMPARE((*DesignRepository(db).findById(id))->status, DesignStatus::Ready);

        auto edited = service.editSlogan(id, QStringLiteral("TENT\nLIFE"));
        QVERIFY2(edited.ok(), qPrintable(edited.errorMessage()));
        QCOMPARE(edited->status, DesignStatus::Draft); // a changed design needs a new review
        QCOMPARE(edited->title, QStringLiteral("Tent Life"));
        QCOMPARE(edited->designMetadata.brief.slogan, QStringLiteral("TENT\nLIFE"));
        QVERIFY(QFileInfo::exists(edited->imageUrl));

        const QString folder = QFileInfo(edited->imageUrl).absolutePath();
        QVERIFY(service.remove(id).ok());
        QVERIFY(!(*DesignRepository(db).findById(id)).has_value());
        QVERIFY(!QFileInfo::exists(folder));
    }

    void unknownTrendIsBadInput()
    {
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        GenerateRequest request;
        request.trendId = 4242;
        auto report = DesignGenerator(db).generate(request);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, 2);
        QVERIFY(report.errorMessage().contains(QStringLiteral("4242")));
    }

    void cancelledGenerationLeavesNoRows()
    {
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        GenerateRequest request;
        request.trendId = test::insertCampingTrend(db);
        request.variants = 2;
        request.outputRoot = dir.filePath(QStringLiteral("designs"));
        std::atomic_bool cancel{true};
        auto report = DesignGenerator(db).generate(request, {}, &cancel);
        QVERIFY(report.ok());
        QVERIFY(report->cancelled);
        QCOMPARE(report->designs.size(), 0);
        QCOMPARE(DesignRepository(db).list({})->size(), 0);
    }
};

QTEST_MAIN(TestDesignGeneration)
#include "tst_designgeneration.moc"
