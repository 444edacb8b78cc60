#include <ui/dialogs/sourcedialog.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace podtrends;
using ui::SourceDialog;

class TestSourceDialog : public QObject
{
    Q_OBJECT

    static core::Source shopify(const QString &url)
    {
        core::Source s;
        s.marketplace = core::Marketplace::Shopify;
        s.target = url;
        return s;
    }

private Q_SLOTS:
    void rejectsAddressesThatAreNotStores_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("empty") << QString();
        QTest::newRow("words") << QStringLiteral("my cat store");
        QTest::newRow("no dot") << QStringLiteral("https://store");
        QTest::newRow("ftp") << QStringLiteral("ftp://store.example.com");
        QTest::newRow("plain http to the internet") << QStringLiteral("http://store.example.com");
        QTest::newRow("credentials") << QStringLiteral("https://user:secret@store.example.com");
        QTest::newRow("scheme only") << QStringLiteral("https://");
        QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)");
    }
    void rejectsAddressesThatAreNotStores()
    {
        QFETCH(QString, url);
        QVERIFY2(!SourceDialog::validationError(shopify(url)).isEmpty(), qPrintable(url));
        QVERIFY(SourceDialog::normalizedStoreUrl(url).isEmpty());
    }

    void normalizesStoreAddresses_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare host") << QStringLiteral("Shop.Example.com") << QStringLiteral("https://shop.example.com");
        QTest::newRow("with path") << QStringLiteral("https://shop.example.com/collections/all?page=2")
                                   << QStringLiteral("https://shop.example.com");
        QTest::newRow("loopback http") << QStringLiteral("http://127.0.0.1:8080/") << QStringLiteral("http://127.0.0.1:8080");
        QTest::newRow("localhost") << QStringLiteral("http://localhost:9000") << QStringLiteral("http://localhost:9000");
    }
    void normalizesStoreAddresses()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(SourceDialog::normalizedStoreUrl(input), expected);
        QVERIFY(SourceDialog::validationError(shopify(input)).isEmpty());
    }

    void rejectsEmptyOrAddressKeywords()
    {
        for (const core::Marketplace market : {core::Marketplace::Etsy, core::Marketplace::Amazon}) {
            core::Source s;
            s.marketplace = market;
            s.target = QStringLiteral("   ");
            QVERIFY(!SourceDialog::validationError(s).isEmpty());
            s.target = QStringLiteral("https://www.etsy.com/search?q=mug");
            QVERIFY(!SourceDialog::validationError(s).isEmpty());
            s.target = QString(201, QLatin1Char('a'));
            QVERIFY(!SourceDialog::validationError(s).isEmpty());
            s.target = QStringLiteral("funny cat mug");
            QVERIFY(SourceDialog::validationError(s).isEmpty());
        }
    }

    void rejectsTooShortIntervals()
    {
        core::Source s = shopify(QStringLiteral("https://shop.example.com"));
        s.intervalMinutes = 5;
        QVERIFY(!SourceDialog::validationError(s).isEmpty());
    }

    void okStaysDisabledUntilTheInputIsValid()
    {
        SourceDialog dialog;
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        auto *target = dialog.findChildren<QLineEdit *>().first();
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(target, QStringLiteral("not a store"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(!dialog.errorText().isEmpty());
        target->clear();
        QTest::keyClicks(target, QStringLiteral("shop.example.com"));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.source().target, QStringLiteral("https://shop.example.com"));

        auto *market = dialog.findChild<QComboBox *>();
        market->setCurrentIndex(market->findData(QStringLiteral("amazon")));
        target->clear();
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(target, QStringLiteral("  vintage   camping shirt "));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.source().target, QStringLiteral("vintage camping shirt"));
    }

    void newSourcesDefaultToEverySixHoursEnabled()
    {
        SourceDialog dialog;
        const core::Source s = dialog.source();
        QCOMPARE(s.intervalMinutes, 360);
        QVERIFY(s.enabled);
        QCOMPARE(s.marketplace, core::Marketplace::Shopify);
    }

    void editKeepsTheSourceId()
    {
        core::Source s;
        s.id = 42;
        s.marketplace = core::Marketplace::Etsy;
        s.target = QStringLiteral("boho wall art");
        s.intervalMinutes = 12 * 60;
        s.enabled = false;
        SourceDialog dialog;
        dialog.setSource(s);
        const core::Source edited = dialog.source();
        QCOMPARE(edited.id, qint64(42));
        QCOMPARE(edited.marketplace, core::Marketplace::Etsy);
        QCOMPARE(edited.intervalMinutes, 720);
        QVERIFY(!edited.enabled);
        QVERIFY(dialog.isAcceptable());
    }
};

QTEST_MAIN(TestSourceDialog)
#include "tst_sourcedialog.moc"
