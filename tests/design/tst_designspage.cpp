// The Designs page offscreen: gallery model, thumbnails off the GUI thread, preview, actions, generate.
// With PODTRENDS_SCREENSHOT_DIR set it also saves designs.png there.
#include "designtestutil.h"

#include <core/design/designgenerator.h>
#include <core/storage/designrepository.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <support/testenv.h>
#include <ui/models/designlistmodel.h>
#include <ui/pages/designspage.h>
#include <ui/widgets/designpreview.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace podtrends;
using namespace podtrends::core;

class TestDesignsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void galleryPreviewActionsAndGenerate()
    {
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        const qint64 trendId = test::insertCampingTrend(db);
        test::insertCampingTrend(db, QStringLiteral("dog mom"));
        GenerateRequest request;
        request.trendId = trendId;
        request.variants = 2;
        request.seed = 21;
        auto report = DesignGenerator(db).generate(request);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));

        Workspace workspace;
        workspace.setDatabase(db);
        app::AppServices services(&workspace);
        ui::DesignsPage page(services.services());
        QAbstractItemModelTester modelTester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(page.gallery()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1400, 900);
        page.show();

        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2, 10000);
        // Thumbnails arrive from the pool, then the model announces them.
        QTRY_VERIFY_WITH_TIMEOUT(!page.model()->index(0).data(Qt::DecorationRole).value<QImage>().isNull(), 15000);
        QTRY_VERIFY(page.selectedDesignId() != 0);
        const qint64 first = page.selectedDesignId();
        QCOMPARE(page.preview()->viewPaths().size(), 5 + 4); // five mockups, four distinct print files
        page.preview()->setZoom(150);

        // Filters: the other trend has no designs; the status filter hides drafts.
        auto *trendFilter = page.findChildren<QComboBox *>().at(0);
        trendFilter->setCurrentIndex(trendFilter->findData(trendId));
        QCOMPARE(page.gallery()->model()->rowCount(), 2);
        // Each trend is named with its opportunity, as the Trends page ranks them (this stored
        // row has none: it says so rather than showing the seed's score as "score").
        QCOMPARE(trendFilter->currentText(), QStringLiteral("retro camping (opportunity: no data)"));

        QSignalSpy publish(&page, &ui::DesignsPage::publishRequested);
        QPushButton *publishButton = nullptr;
        for (QPushButton *b : page.findChildren<QPushButton *>())
            if (b->text().startsWith(QStringLiteral("Publish")))
                publishButton = b;
        QVERIFY(publishButton);
        QVERIFY(!publishButton->isEnabled()); // drafts cannot be published

        page.markSelectedReady();
        QTRY_COMPARE_WITH_TIMEOUT((*DesignRepository(db).findById(first))->status, DesignStatus::Ready, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(publishButton->isEnabled(), 10000);
        QCOMPARE(page.selectedDesignId(), first);
        publishButton->click();
        QCOMPARE(publish.size(), 1);
        QCOMPARE(publish.first().first().toLongLong(), first);

        auto *statusFilter = page.findChildren<QComboBox *>().at(1);
        statusFilter->setCurrentIndex(statusFilter->findData(toKey(DesignStatus::Ready)));
        QCOMPARE(page.gallery()->model()->rowCount(), 1);
        statusFilter->setCurrentIndex(0);

        // The Trends page's button: generate one more variant in the background.
        page.findChild<QSpinBox *>()->setValue(1);
        QSignalSpy busy(&page, &ui::DesignsPage::busyChanged);
        page.generateForTrend(trendId);
        QVERIFY(page.isGenerating());
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 3, 45000);
        QTRY_VERIFY(!page.isGenerating());

        const QString shots = qEnvironmentVariable("PODTRENDS_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            page.selectDesign(first);
            page.preview()->setZoom(100);
            for (int i = 0; i < page.model()->rowCount(); ++i)
                QTRY_VERIFY_WITH_TIMEOUT(!page.model()->index(i).data(Qt::DecorationRole).value<QImage>().isNull(), 15000);
            QTest::qWait(1500);
            QVERIFY(page.grab().save(shots + QStringLiteral("/designs.png")));
        }
    }

    void previewNamesProductsColoursAndTheMakerInWords()
    {
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        GenerateRequest request;
        request.trendId = test::insertCampingTrend(db);
        request.variants = 3;
        request.seed = 5;
        auto report = DesignGenerator(db).generate(request);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));

        Workspace workspace;
        workspace.setDatabase(db);
        app::AppServices services(&workspace);
        ui::DesignsPage page(services.services());
        page.resize(1024, 700);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.selectedDesignId() != 0, 10000);
        const QRegularExpression hexOrKey(QStringLiteral("\\b[0-9a-f]{6}\\b|tshirt|longsleeve|_|-front|-wrap"));
        for (int row = 0; row < page.model()->rowCount(); ++row) {
            page.gallery()->setCurrentIndex(page.gallery()->model()->index(row, 0));
            auto *views = page.preview()->findChild<QComboBox *>();
            QVERIFY(views);
            QCOMPARE(views->count(), page.preview()->viewPaths().size());
            for (int i = 0; i < views->count(); ++i) {
                const QString name = views->itemText(i);
                QVERIFY2(!hexOrKey.match(name).hasMatch(), qPrintable(name));
                QVERIFY2(name.startsWith(QLatin1String("Mockup: ")) || name.startsWith(QLatin1String("Print file: ")), qPrintable(name));
            }
            QVERIFY(views->findText(QStringLiteral("Print file: T-shirt, front")) >= 0);
            const QString details = page.preview()->findChild<QPlainTextEdit *>()->toPlainText();
            QVERIFY2(details.contains(QLatin1String("made by the built-in renderer")), qPrintable(details));
            QVERIFY2(!details.contains(QLatin1String("seed")) && !details.contains(QLatin1String("builtin")), qPrintable(details));
        }
    }
};

QTEST_MAIN(TestDesignsPage)
#include "tst_designspage.moc"
