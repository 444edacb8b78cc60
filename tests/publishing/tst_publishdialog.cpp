#include "publishfixture.h"

#include <support/testenv.h>

#include <core/publishing/publisher.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <ui/dialogs/publishdialog.h>
#include <ui/widgets/publishingsettingswidget.h>
#include <ui/widgets/publishstepswidget.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QTcpServer>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

class TestPublishDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::FakePrintful> m_printful;
    std::unique_ptr<test::FakeShopify> m_shopify;

    void startFakes()
    {
        m_printful = std::make_unique<test::FakePrintful>(test::kPrintfulToken, test::kPrintfulStore);
        m_shopify = std::make_unique<test::FakeShopify>(test::kShopifyToken, test::kShopifyVersion);
        qputenv("POD_PRINTFUL_API_BASE", m_printful->baseUrl().toString().toUtf8());
        qputenv("POD_PRINTFUL_TOKEN", test::kPrintfulToken.toUtf8());
        qputenv("POD_PRINTFUL_STORE_ID", test::kPrintfulStore.toUtf8());
        qputenv("POD_SHOPIFY_ADMIN_BASE", m_shopify->adminBase().toString().toUtf8());
        qputenv("POD_SHOPIFY_TOKEN", test::kShopifyToken.toUtf8());
        qputenv("POD_SHOPIFY_SHOP", "retro-angler.myshopify.com");
        qputenv("POD_PUBLISH_POLL_MS", "20");
        qputenv("POD_PUBLISH_RETRY_MS", "50");
    }

    static void shoot(QWidget *w, const char *name)
    {
        const QString dir = qEnvironmentVariable("POD_SCREENSHOT_DIR");
        QTest::qWait(150); // let the layouts settle before grabbing
        if (!dir.isEmpty())
            QVERIFY(w->grab().save(QDir(dir).filePath(QString::fromLatin1(name))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (test::realSamplesDir().isEmpty())
            QSKIP("the real Printful catalog sample is not available");
    }

    void publishesFromTheDialogAndShowsLinks()
    {
        startFakes();
        m_shopify->throttleNextProductSets = 1; // keeps the Shopify step visibly waiting for a second
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        Workspace workspace;
        workspace.setDatabase(db);
        const qint64 id = test::insertDesign(db, dir.path());
        app::AppServices services(&workspace);
        ui::PublishDialog dialog(services.services(), id);
        QSignalSpy ready(&dialog, &ui::PublishDialog::ready);
        dialog.show();
        QVERIFY(ready.wait(10000));
        auto *colours = dialog.findChildren<QListWidget *>().first();
        QAbstractItemModelTester coloursTester(colours->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *prices = dialog.findChild<QTableWidget *>();
        QAbstractItemModelTester pricesTester(prices->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(colours->count() > 40); // every colour of the real catalog
        QCOMPARE(dialog.choice().colours, (QStringList{QStringLiteral("Black"), QStringLiteral("White")}));
        QCOMPARE(prices->rowCount(), 5);
        QCOMPARE(prices->item(1, 0)->text(), QStringLiteral("M"));
        QCOMPARE(prices->item(1, 1)->text(), QStringLiteral("11.50")); // Printful's real base cost of a Black M
        QCOMPARE(prices->item(1, 2)->text(), QStringLiteral("20.99")); // +80 %, up to .99
        QCOMPARE(prices->item(1, 3)->text(), QStringLiteral("9.49"));
        const QString preview = dialog.previewText();
        QVERIFY(preview.contains(QLatin1String("\"retail_price\": \"20.99\"")));
        QVERIFY(preview.contains(QLatin1String("\"status\": \"DRAFT\"")));
        QVERIFY(preview.contains(QLatin1String("\"sku\": \"PT1-TS-BLA-M\"")));
        // Overriding a price changes the preview before anything is sent.
        prices->item(2, 2)->setText(QStringLiteral("26.50"));
        QVERIFY(dialog.previewText().contains(QLatin1String("\"retail_price\": \"26.50\"")));
        shoot(&dialog, "publish-before.png");

        QSignalSpy finished(&dialog, &ui::PublishDialog::finished);
        auto *steps = dialog.findChild<ui::PublishStepsWidget *>();
        QPushButton *publish = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->text() == QLatin1String("&Publish"))
                publish = b;
        QVERIFY(publish && publish->isEnabled());
        QTest::mouseClick(publish, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(steps->state(PublishStep::ShopifyProduct) == PublishProgress::State::Waiting, 15000);
        QCOMPARE(steps->state(PublishStep::PrintfulProduct), PublishProgress::State::Done);
        shoot(&dialog, "publish-during.png");
        QVERIFY(finished.wait(15000) || finished.size() == 1);
        QVERIFY(finished.first().first().toBool());
        QCOMPARE(m_printful->products.size(), 1);
        QCOMPARE(m_shopify->products.size(), 1);
        QVERIFY(m_printful->products.first().body.value(QLatin1String("sync_variants")).toArray().at(2).toObject().value(QLatin1String("retail_price")).toString()
                == QLatin1String("26.50"));
        QLabel *links = nullptr;
        for (QLabel *l : dialog.findChildren<QLabel *>())
            if (l->text().contains(QLatin1String("admin.shopify.com")))
                links = l;
        QVERIFY(links);
        QVERIFY(links->text().contains(QLatin1String("printful.com/dashboard")));
        shoot(&dialog, "publish-after.png");
    }

    void showsTheServiceMessageAndRetries()
    {
        startFakes();
        m_shopify->userErrorsOnProductSet = 1;
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        Workspace workspace;
        workspace.setDatabase(db);
        const qint64 id = test::insertDesign(db, dir.path());
        app::AppServices services(&workspace);
        ui::PublishDialog dialog(services.services(), id);
        QSignalSpy ready(&dialog, &ui::PublishDialog::ready);
        QVERIFY(ready.wait(10000));
        QSignalSpy finished(&dialog, &ui::PublishDialog::finished);
        QPushButton *publish = nullptr;
        QPushButton *retry = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
            if (b->text() == QLatin1String("&Publish"))
                publish = b;
            if (b->text() == QLatin1String("&Retry"))
                retry = b;
        }
        QVERIFY(publish && retry);
        dialog.show();
        QTest::mouseClick(publish, Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), false);
        auto *steps = dialog.findChild<ui::PublishStepsWidget *>();
        QCOMPARE(steps->state(PublishStep::ShopifyProduct), PublishProgress::State::Failed);
        QVERIFY2(steps->message(PublishStep::ShopifyProduct).contains(QLatin1String("variants.0.price: Price must be greater than or equal to 0.50")),
                 qPrintable(steps->message(PublishStep::ShopifyProduct)));
        QVERIFY(retry->isVisible());
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15000);
        QVERIFY(finished.at(1).first().toBool());
        QCOMPARE(m_printful->products.size(), 1);
        QCOMPARE(m_shopify->products.size(), 1);
        QCOMPARE(steps->state(PublishStep::ShopifyProduct), PublishProgress::State::Done);
    }

    void resumesAnEarlierAttemptWithItsSavedPlan()
    {
        startFakes();
        m_shopify->userErrorsOnProductSet = 1;
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        const qint64 id = test::insertDesign(db, dir.path());
        {
            // An earlier run (say, yesterday's) stopped at the Shopify step with a black-only offer.
            BlockingHttp http;
            Publisher publisher(db, test::fakeConfig(*m_printful, *m_shopify), &http);
            PublishChoice c;
            c.colours = {QStringLiteral("Black")};
            c.sizes = {QStringLiteral("M"), QStringLiteral("L")};
            QVERIFY(!publisher.publish(id, c));
        }
        Workspace workspace;
        workspace.setDatabase(db);
        app::AppServices services(&workspace);
        ui::PublishDialog dialog(services.services(), id);
        QSignalSpy ready(&dialog, &ui::PublishDialog::ready);
        dialog.show();
        QVERIFY(ready.wait(10000));
        QCOMPARE(dialog.choice().colours, QStringList{QStringLiteral("Black")});
        QCOMPARE(dialog.choice().sizes, (QStringList{QStringLiteral("M"), QStringLiteral("L")}));
        auto *steps = dialog.findChild<ui::PublishStepsWidget *>();
        QCOMPARE(steps->state(PublishStep::PrintfulProduct), PublishProgress::State::Done);
        QCOMPARE(steps->state(PublishStep::ShopifyProduct), PublishProgress::State::Failed);
        QPushButton *resume = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->text() == QLatin1String("&Resume"))
                resume = b;
        QVERIFY(resume && resume->isEnabled());
        QVERIFY(!dialog.findChildren<QListWidget *>().first()->isEnabled()); // the saved plan is kept
        QSignalSpy finished(&dialog, &ui::PublishDialog::finished);
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QVERIFY(finished.first().first().toBool());
        QCOMPARE(m_printful->products.size(), 1);
        QCOMPARE(m_shopify->products.size(), 1);
        QCOMPARE(m_shopify->products.first().input.value(QLatin1String("variants")).toArray().size(), 2);
    }

    void offersTheBundledCatalogueWhenPrintfulCannotBeReached()
    {
        // Signed out and offline: no token, and nothing answers where Printful should be.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        qputenv("POD_PRINTFUL_API_BASE", QByteArray("http://127.0.0.1:") + QByteArray::number(port));
        qputenv("POD_PRINTFUL_TOKEN", "");
        qputenv("POD_SHOPIFY_TOKEN", "");
        qputenv("POD_PUBLISH_RETRY_MS", "10");
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        Workspace workspace;
        workspace.setDatabase(db);
        const qint64 id = test::insertDesign(db, dir.path());
        app::AppServices services(&workspace);
        ui::PublishDialog dialog(services.services(), id);
        QSignalSpy ready(&dialog, &ui::PublishDialog::ready);
        dialog.resize(1024, 700);
        dialog.show();
        QVERIFY(ready.wait(20000));
        auto *type = dialog.findChild<QComboBox *>();
        const QList<QListWidget *> lists = dialog.findChildren<QListWidget *>();
        QListWidget *colours = lists.at(0);
        QListWidget *sizes = lists.at(1);
        auto *prices = dialog.findChild<QTableWidget *>();
        QPushButton *publish = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->text() == QLatin1String("&Publish"))
                publish = b;
        QVERIFY(publish);
        auto statusText = [&dialog] {
            QStringList texts;
            for (QLabel *l : dialog.findChildren<QLabel *>())
                texts << l->text();
            return texts.join(QLatin1Char('\n'));
        };

        // The T-shirt: the bundled blank was captured from Printful, so the whole offer is there.
        QVERIFY(colours->count() > 40);
        QCOMPARE(prices->item(1, 1)->text(), QStringLiteral("11.50"));
        QVERIFY(statusText().contains(QLatin1String("catalogue that comes with POD Trends")));
        QVERIFY(statusText().contains(QLatin1String("podtrends:"))); // the link to Settings → Accounts

        // The mug: colours and sizes, but no costs or variants until Printful answers.
        type->setCurrentIndex(type->findData(QStringLiteral("mug")));
        QTRY_COMPARE_WITH_TIMEOUT(sizes->count(), 3, 20000);
        QCOMPARE(sizes->item(0)->text(), QStringLiteral("11 oz"));
        QCOMPARE(colours->count(), 1);
        QCOMPARE(colours->item(0)->text(), QStringLiteral("White"));
        QCOMPARE(dialog.choice().sizes, (QStringList{QStringLiteral("11 oz"), QStringLiteral("15 oz")}));
        QCOMPARE(prices->rowCount(), 2);
        QCOMPARE(prices->item(0, 1)->text(), QStringLiteral("not known yet"));
        QCOMPARE(prices->item(0, 2)->text(), QStringLiteral("—"));
        QVERIFY2(dialog.previewText().contains(QLatin1String("Printful's catalog has not answered")), qPrintable(dialog.previewText()));
        QVERIFY(!publish->isEnabled());
        QVERIFY(statusText().contains(QLatin1String("catalogue that comes with POD Trends")));
        shoot(&dialog, "publish-mug-offline.png");

        // The poster comes in sizes only: no colour list.
        type->setCurrentIndex(type->findData(QStringLiteral("poster")));
        QTRY_COMPARE_WITH_TIMEOUT(sizes->count(), 2, 20000);
        QVERIFY(!colours->isVisible());
        QCOMPARE(sizes->item(1)->text(), QStringLiteral("18″×24″"));
    }

    void publishesAMugFromTheDialog()
    {
        startFakes();
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        const QList<Design> designs = test::generateDesigns(db, dir.path(), 1);
        QCOMPARE(designs.size(), 1);
        Workspace workspace;
        workspace.setDatabase(db);
        app::AppServices services(&workspace);
        ui::PublishDialog dialog(services.services(), designs.first().id);
        QSignalSpy ready(&dialog, &ui::PublishDialog::ready);
        dialog.resize(1024, 700);
        dialog.show();
        QVERIFY(ready.wait(10000));
        auto *type = dialog.findChild<QComboBox *>();
        QListWidget *sizes = dialog.findChildren<QListWidget *>().at(1);
        auto *prices = dialog.findChild<QTableWidget *>();
        // The picture beside the heading is the chosen product's own mockup: first the T-shirt's,
        // then, once the mug is chosen, the mug's (it stayed the T-shirt before).
        auto *picture = dialog.findChild<QLabel *>(QStringLiteral("productPicture"));
        QVERIFY(picture);
        const auto shown = [picture] { return picture->pixmap().toImage().convertToFormat(QImage::Format_ARGB32); };
        const auto thumbnailOf = [](const QString &path) {
            QImageReader reader(path);
            reader.setScaledSize(reader.size().scaled(96, 96, Qt::KeepAspectRatio));
            return reader.read().convertToFormat(QImage::Format_ARGB32);
        };
        const QStringList mugMockups = designs.first().mockupsOf(u"mug");
        const QStringList shirtMockups = designs.first().mockupsOf(type->currentData().toString());
        QVERIFY(!mugMockups.isEmpty() && mugMockups != designs.first().mockupUrls); // the generator made the mug's own
        QVERIFY(thumbnailOf(mugMockups.first()) != thumbnailOf(shirtMockups.first()));
        QTRY_VERIFY_WITH_TIMEOUT(shown() == thumbnailOf(shirtMockups.first()), 10000);
        type->setCurrentIndex(type->findData(QStringLiteral("mug")));
        QTRY_VERIFY_WITH_TIMEOUT(shown() == thumbnailOf(mugMockups.first()), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(prices->rowCount(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(prices->item(0, 1)->text(), QStringLiteral("5.95"), 10000); // the fake's cost of an 11 oz mug
        QCOMPARE(sizes->count(), 3);
        QCOMPARE(prices->item(0, 2)->text(), QStringLiteral("10.99"));
        QVERIFY(dialog.previewText().contains(QLatin1String("\"variant_id\": 1320")));
        QVERIFY(dialog.previewText().contains(QLatin1String("\"productType\": \"Mug\"")));
        shoot(&dialog, "publish-mug.png");

        QPushButton *publish = nullptr;
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            if (b->text() == QLatin1String("&Publish"))
                publish = b;
        QVERIFY(publish && publish->isEnabled());
        QSignalSpy finished(&dialog, &ui::PublishDialog::finished);
        QTest::mouseClick(publish, Qt::LeftButton);
        QVERIFY(finished.wait(20000) || finished.size() == 1);
        QVERIFY2(finished.first().first().toBool(), qPrintable(m_printful->violations.join(QLatin1Char(' '))));
        QCOMPARE(m_printful->products.size(), 1);
        const QJsonArray variants = m_printful->products.first().body.value(QLatin1String("sync_variants")).toArray();
        QCOMPARE(variants.size(), 2);
        QCOMPARE(variants.at(0).toObject().value(QLatin1String("variant_id")).toInteger(), 1320);
        QCOMPARE(variants.at(1).toObject().value(QLatin1String("variant_id")).toInteger(), 4830);
        QVERIFY(std::any_of(m_shopify->uploads.cbegin(), m_shopify->uploads.cend(), [](const QString &u) { return u.endsWith(QLatin1String("/print-mug-wrap.png")); }));
        shoot(&dialog, "publish-mug-after.png");
    }

    void settingsRefuseMalformedPrices()
    {
        ui::PublishingSettingsWidget w;
        auto *table = w.findChild<QTableWidget *>();
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Each product's Printful blank reads as its name, not a catalog number.
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Unisex Staple T-Shirt | Bella + Canvas 3001"));
        QCOMPARE(table->rowCount(), 6);
        QCOMPARE(table->item(3, 1)->text(), QStringLiteral("White Glossy Mug"));
        table->item(0, 5)->setText(QStringLiteral("lots"));
        QVERIFY(!w.save());
        table->item(0, 5)->setText(QStringLiteral("23.00"));
        table->item(0, 6)->setText(QStringLiteral("2XL=26.00"));
        QVERIFY(w.save());
        const PriceRule rule = pricing::rule(QStringLiteral("tshirt"));
        QCOMPARE(rule.fixedCents, 2300);
        QCOMPARE(rule.fixedBySize.value(QStringLiteral("2XL")), 2600);
    }
};

QTEST_MAIN(TestPublishDialog)
#include "tst_publishdialog.moc"
