// The compiled translations are files beside the binary (build tree and installed package alike)
// or under the XDG data directories, and the app finds them by the locale.
#include <core/util/translations.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace podtrends::core;

namespace {

// A string the German file has translated (the main window's navigation).
QString settingsLabel()
{
    return QCoreApplication::translate("podtrends::ui::MainWindow", "Settings");
}

QString builtGermanFile()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../share/podtrends/translations/podtrends_de.qm");
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        // Deleting a translator uninstalls it, so every test starts in English.
        // (QCoreApplication::instance(), not qApp: with QtGui included qApp casts to QGuiApplication,
        // which this test's application is not.)
        qDeleteAll(QCoreApplication::instance()->findChildren<QTranslator *>());
    }

    void looksBesideTheBinaryFirst()
    {
        const QStringList dirs = translationDirectories();
        QVERIFY(!dirs.isEmpty());
        QCOMPARE(dirs.first(), QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/podtrends/translations")));
    }

    void loadsGermanBuiltBesideTheBinary()
    {
        QVERIFY2(QFile::exists(builtGermanFile()), qPrintable(builtGermanFile()));
        const QString loaded = installTranslations(QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(QFileInfo(loaded).fileName(), QStringLiteral("podtrends_de.qm"));
        QCOMPARE(settingsLabel(), QStringLiteral("Einstellungen"));
    }

    void keepsEnglishWhenNoFileMatchesTheLocale()
    {
        QCOMPARE(installTranslations(QCoreApplication::instance(), QLocale(QLocale::Japanese, QLocale::Japan)), QString());
        QCOMPARE(settingsLabel(), QStringLiteral("Settings"));
    }

    void firstDirectoryHoldingTheLanguageWins()
    {
        QTemporaryDir empty, first, second;
        QVERIFY(QFile::copy(builtGermanFile(), second.filePath(QStringLiteral("podtrends_de.qm"))));
        const QLocale german(QLocale::German, QLocale::Germany);
        QCOMPARE(installTranslations(QCoreApplication::instance(), german, {empty.path(), second.path()}),
                 second.filePath(QStringLiteral("podtrends_de.qm")));
        cleanup();
        QVERIFY(QFile::copy(builtGermanFile(), first.filePath(QStringLiteral("podtrends_de.qm"))));
        QCOMPARE(installTranslations(QCoreApplication::instance(), german, {first.path(), second.path()}),
                 first.filePath(QStringLiteral("podtrends_de.qm")));
        QCOMPARE(settingsLabel(), QStringLiteral("Einstellungen"));
    }

    void findsTranslationsUnderTheXdgDataDirectories()
    {
        QTemporaryDir share;
        QVERIFY(QDir(share.path()).mkpath(QStringLiteral("podtrends/translations")));
        const QByteArray saved = qgetenv("XDG_DATA_DIRS");
        qputenv("XDG_DATA_DIRS", QFile::encodeName(share.path()));
        const QStringList dirs = translationDirectories();
        qputenv("XDG_DATA_DIRS", saved);
        QVERIFY2(dirs.contains(share.filePath(QStringLiteral("podtrends/translations"))), qPrintable(dirs.join(u' ')));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
