// Settings → Language switches the running window: the pages, menus and navigation are built
// again in the chosen language, the open database and the page stay, and the choice is kept.
#include <app/servicelayer.h>
#include <core/domain/designbrief.h>
#include <core/secrets/secretstore.h>
#include <core/storage/workspace.h>
#include <core/util/translations.h>
#include <ui/mainwindow.h>

#include <QAction>
#include <QComboBox>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;

namespace {

QString navigationText(ui::MainWindow &window, ui::MainWindow::Page page)
{
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    return navigation ? navigation->item(page)->text() : QString();
}

QComboBox *languageCombo(ui::MainWindow &window)
{
    return window.page(ui::MainWindow::Settings)->findChild<QComboBox *>(QStringLiteral("languageCombo"));
}

void choose(ui::MainWindow &window, const QString &code)
{
    QComboBox *combo = languageCombo(window);
    QVERIFY(combo);
    const int index = combo->findData(code);
    QVERIFY2(index >= 0, qPrintable(code));
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
}

} // namespace

class TestLanguage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PodTrendsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("podtrends-language-test"));
    }

    void init()
    {
        QSettings().clear();
        core::installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void everyBuiltLanguageIsOfferedByItsOwnName()
    {
        const QStringList codes = core::availableLanguages();
        QVERIFY2(codes.contains(QStringLiteral("de")) && codes.contains(QStringLiteral("es")) && codes.contains(QStringLiteral("en")),
                 qPrintable(codes.join(u' ')));
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("offer.sqlite")));
        QComboBox *combo = languageCombo(window);
        QVERIFY(combo);
        QCOMPARE(combo->itemText(combo->findData(QStringLiteral("de"))), QStringLiteral("Deutsch"));
        QCOMPARE(combo->itemText(combo->findData(QStringLiteral("es"))), QStringLiteral("Español"));
        QCOMPARE(combo->itemData(0).toString(), QString()); // the system's language comes first
    }

    void choosingGermanRebuildsTheRunningWindowInGerman()
    {
        QTemporaryDir dir;
        core::Workspace workspace;
        app::AppServices services(&workspace);
        ui::MainWindow window(services.services(), dir.filePath(QStringLiteral("switch.sqlite")));
        window.resize(1024, 700);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);
        const auto database = workspace.database();
        window.showPage(ui::MainWindow::Settings);
        auto *settingsTabs = window.page(ui::MainWindow::Settings)->findChild<QTabWidget *>();
        QVERIFY(settingsTabs);
        settingsTabs->setCurrentIndex(settingsTabs->count() - 1);
        QVERIFY(settingsTabs->currentWidget()->isAncestorOf(languageCombo(window)));
        QCOMPARE(navigationText(window, ui::MainWindow::Settings), QStringLiteral("Settings"));

        choose(window, QStringLiteral("de"));
        QTRY_COMPARE_WITH_TIMEOUT(navigationText(window, ui::MainWindow::Settings), QStringLiteral("Einstellungen"), 5000);
        // Same database, same page, the Language tab still in front; menus rebuilt once, not twice.
        QCOMPARE(workspace.database(), database);
        QCOMPARE(window.findChild<QListWidget *>(QStringLiteral("navigation"))->currentRow(), int(ui::MainWindow::Settings));
        auto *tabs = window.page(ui::MainWindow::Settings)->findChild<QTabWidget *>();
        QVERIFY(tabs);
        QVERIFY(tabs->currentWidget()->isAncestorOf(languageCombo(window)));
        QCOMPARE(window.findChildren<QAction *>(QStringLiteral("actionImportFiles")).size(), 1);
        QCOMPARE(window.findChildren<QAction *>(QStringLiteral("actionZoomIn")).size(), 1);
        QCOMPARE(window.findChildren<QListWidget *>(QStringLiteral("navigation")).size(), 1);
        QCOMPARE(window.menuBar()->actions().size() > 3, true);
        // Numbers and dates follow the language; the choice is kept for the next start.
        QCOMPARE(QLocale().language(), QLocale::German);
        QCOMPARE(core::chosenLanguage(), QStringLiteral("de"));
        QCOMPARE(core::chosenLocale().language(), QLocale::German);

        // And back, without a restart.
        choose(window, QStringLiteral("en"));
        QTRY_COMPARE_WITH_TIMEOUT(navigationText(window, ui::MainWindow::Settings), QStringLiteral("Settings"), 5000);
        QCOMPARE(QLocale().language(), QLocale::English);
        QCOMPARE(window.findChildren<QAction *>(QStringLiteral("actionImportFiles")).size(), 1);
    }

    void keyNamesAndStyleNamesAreTranslatedToo()
    {
        // Strings outside Q_OBJECT classes: lupdate must file them under the context the program asks for.
        core::installTranslations(qApp, QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(core::SecretStore::label(core::SecretStore::Key::EtsyApiKey), QStringLiteral("Etsy-API-Schlüssel"));
        QVERIFY(core::designstyle::displayName(core::designstyle::RetroSunset) != QStringLiteral("retro sunset"));
        core::installTranslations(qApp, QLocale(QLocale::Spanish, QLocale::Spain));
        QVERIFY(core::SecretStore::label(core::SecretStore::Key::EtsyApiKey) != QStringLiteral("Etsy API key"));
    }

    void followingTheSystemForgetsTheChoice()
    {
        core::setChosenLanguage(QStringLiteral("es"));
        QCOMPARE(core::chosenLocale().language(), QLocale::Spanish);
        core::setChosenLanguage(QString());
        QCOMPARE(core::chosenLanguage(), QString());
        QCOMPARE(core::chosenLocale(), QLocale::system());
    }
};

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
