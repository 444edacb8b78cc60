// The Publish dialog and Settings → Accounts on desktops without a working keychain. One run
// per desktop (a process keeps its first session bus): POD_TEST_KEYCHAIN is "unreachable" (an
// address that leads nowhere), "nobus" (no session bus variable at all) or "slow" (a private
// session bus whose keychain answers after SecretStore's timeout, so answers arrive for jobs
// whose dialogs are long closed). No token comes from the environment here.
#include <publishing/publishfixture.h>

#include <support/testenv.h>

#include <core/secrets/secretstore.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <ui/dialogs/publishdialog.h>
#include <ui/widgets/apikeyswidget.h>

#include <QButtonGroup>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace podtrends;
using namespace podtrends::core;
using Key = SecretStore::Key;

class TestKeychainUi final : public QObject
{
    Q_OBJECT

private:
    QString m_mode;
    QProcess m_keychain;

    static void shoot(QWidget *w, const char *name)
    {
        const QString dir = qEnvironmentVariable("POD_SCREENSHOT_DIR");
        QTest::qWait(150);
        if (!dir.isEmpty())
            QVERIFY(w->grab().save(QDir(dir).filePath(QString::fromLatin1(name))));
    }

    // The private session bus comes from dbus-run-session (see CMakeLists.txt).
    void startSlowKeychain()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "run under dbus-run-session");
        m_keychain.setProgram(qEnvironmentVariable("POD_FAKE_SECRET_SERVICE"));
        m_keychain.setArguments({QStringLiteral("--delay-ms"), QStringLiteral("1500")});
        m_keychain.start();
        QVERIFY(m_keychain.waitForStarted(10000));
        QVERIFY(m_keychain.waitForReadyRead(10000));
        QCOMPARE(m_keychain.readLine().trimmed(), QByteArray("ready"));
    }

    static QString labelTexts(QWidget *w)
    {
        QString all;
        for (QLabel *l : w->findChildren<QLabel *>())
            all += l->text() + QLatin1Char('\n');
        return all;
    }

    // ready() can be emitted inside the constructor when the answer is already there (then()
    // on a finished future runs at once), so a spy would miss it: the heading tells instead.
    static bool loaded(QWidget *dialog) { return labelTexts(dialog).contains(QStringLiteral("Publish “")); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(SecretStore::fallbackFilePath());
        SecretStore::setFallback(SecretStore::Fallback::Ask);
        for (Key k : {Key::EtsyApiKey, Key::PrintfulToken, Key::ShopifyToken, Key::ShopifyClientSecret, Key::OpenAiApiKey})
            qunsetenv(SecretStore::envName(k).toLatin1().constData());
        m_mode = qEnvironmentVariable("POD_TEST_KEYCHAIN", QStringLiteral("unreachable"));
        if (m_mode == QLatin1String("slow"))
            startSlowKeychain();
        if (m_mode == QLatin1String("nobus"))
            QVERIFY(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"));
    }

    void cleanupTestCase()
    {
        m_keychain.kill();
        m_keychain.waitForFinished(5000);
    }

    void publishDialogOpensAndClosesTwentyTimes()
    {
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), nullptr);
        QVERIFY(db);
        Workspace workspace;
        workspace.setDatabase(db);
        app::AppServices services(&workspace);
        const qint64 id = test::insertDesign(db, dir.path());
        for (int i = 0; i < 20; ++i) {
            auto dialog = std::make_unique<ui::PublishDialog>(services.services(), id);
            dialog->show();
            // Every third dialog stays until its keychain answer arrived; the others close while
            // the keychain is still being asked, as a seller clicking around would.
            if (i % 3 == 2)
                QTRY_VERIFY2_WITH_TIMEOUT(loaded(dialog.get()), qPrintable(labelTexts(dialog.get())), 15000);
            else
                QTest::qWait(i % 2 ? 0 : 30);
            dialog->close();
        }
        // The last one waits for its answer and must say what to do, with the link.
        ui::PublishDialog dialog(services.services(), id);
        dialog.resize(900, 700);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(&dialog), 15000);
        const QString texts = labelTexts(&dialog);
        QVERIFY2(texts.contains(QLatin1String("POD_PRINTFUL_TOKEN")), qPrintable(texts));
        QVERIFY2(texts.contains(QLatin1String("href=\"podtrends:settings/accounts\"")), qPrintable(texts));
        shoot(&dialog, "publish-no-keychain.png");
        dialog.close();
        workspace.pool()->waitForDone(30000);
    }

    void accountsPageOpensAndClosesTwentyTimes()
    {
        SecretStore::retryKeychain(); // ask the keychain again, as a fresh start would
        for (int i = 0; i < 20; ++i) {
            auto page = std::make_unique<ui::ApiKeysWidget>();
            page->show();
            QTest::qWait(i % 2 ? 0 : 40);
        }
        ui::ApiKeysWidget page;
        page.resize(1024, 700);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.noKeychainNotice()->isVisible(), 15000);
        QVERIFY(SecretStore::keychainUnavailable());
        shoot(&page, "accounts-no-keychain.png");
    }

    void savingWithoutKeychainOffersTheChoiceAndKeepsTheKeyInA0600File()
    {
        SecretStore::retryKeychain();
        ui::ApiKeysWidget page;
        page.resize(1024, 700);
        page.show();
        // The Printful row: type a token and save; the keychain does not answer.
        auto edits = page.findChildren<QLineEdit *>();
        QLineEdit *printful = nullptr;
        for (QLineEdit *e : edits)
            if (e->placeholderText().contains(QLatin1String("POD_PRINTFUL_TOKEN")))
                printful = e;
        QVERIFY(printful);
        printful->setText(QStringLiteral("pf-typed-by-the-seller-8421"));
        QTest::keyClick(printful, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(page.noKeychainNotice()->isVisible(), 15000);
        QCOMPARE(printful->text(), QStringLiteral("pf-typed-by-the-seller-8421")); // nothing lost while choosing
        QRadioButton *file = nullptr;
        for (QRadioButton *b : page.noKeychainNotice()->findChildren<QRadioButton *>())
            if (b->text().contains(QLatin1String("file")))
                file = b;
        QVERIFY(file);
        QTest::mouseClick(file, Qt::LeftButton);
        const QString path = SecretStore::fallbackFilePath();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(printful->text(), QString(), 10000);
        QCOMPARE(QFileInfo(path).permissions() & ~(QFile::ReadUser | QFile::WriteUser), QFile::ReadOwner | QFile::WriteOwner);
        QTRY_VERIFY_WITH_TIMEOUT(labelTexts(&page).contains(QLatin1String("saved in the file (less safe)")), 10000);
        shoot(&page, "accounts-fallback-file.png");
        auto value = SecretStore::read(Key::PrintfulToken);
        QVERIFY(value);
        QCOMPARE(*value, QStringLiteral("pf-typed-by-the-seller-8421"));
        QVERIFY(SecretStore::remove(Key::PrintfulToken));
        SecretStore::setFallback(SecretStore::Fallback::Ask);
    }
};

QTEST_MAIN(TestKeychainUi)
#include "tst_keychainui.moc"
