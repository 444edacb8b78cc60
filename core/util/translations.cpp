#include "translations.h"

#include "settings.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>

namespace podtrends::core {

namespace {
const QString kLanguageKey = QStringLiteral("general/language");
// What installTranslations put on the application, removed before the next language goes on.
QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}
// Debug lines off by default: they would reach a CLI command's stderr before its logging is set up.
Q_LOGGING_CATEGORY(lcTranslations, "podtrends.core.translations", QtInfoMsg)
}

QStringList translationDirectories()
{
    QStringList dirs;
    // Relative to the binary first, so a build tree or a copy under /opt uses its own files
    // rather than an older installed package's.
    const QString beside = QDir::cleanPath(QCoreApplication::applicationDirPath()
                                           + QStringLiteral("/../share/podtrends/translations"));
    dirs << beside;
    const QStringList found = QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                                        QStringLiteral("podtrends/translations"),
                                                        QStandardPaths::LocateDirectory);
    for (const QString &dir : found)
        if (!dirs.contains(QDir::cleanPath(dir)))
            dirs << QDir::cleanPath(dir);
    return dirs;
}

QString chosenLanguage()
{
    return settings::value(kLanguageKey).toString();
}

void setChosenLanguage(const QString &code)
{
    if (code.isEmpty())
        QSettings().remove(kLanguageKey);
    else
        settings::setValue(kLanguageKey, code);
}

QLocale chosenLocale()
{
    const QString code = chosenLanguage();
    return code.isEmpty() ? QLocale::system() : QLocale(code);
}

QStringList availableLanguages(const QStringList &directories)
{
    QStringList codes{QStringLiteral("en")};
    for (const QString &dir : directories) {
        const QStringList files = QDir(dir).entryList({QStringLiteral("podtrends_*.qm")}, QDir::Files);
        for (const QString &file : files) {
            const QString code = file.mid(10, file.size() - 13); // podtrends_<code>.qm
            if (!code.isEmpty() && !codes.contains(code))
                codes << code;
        }
    }
    std::sort(codes.begin(), codes.end());
    return codes;
}

QString installTranslations(QCoreApplication *app, const QLocale &locale, const QStringList &directories)
{
    for (const QPointer<QTranslator> &old : std::as_const(installed())) {
        if (old) {
            QCoreApplication::removeTranslator(old);
            delete old;
        }
    }
    installed().clear();
    QLocale::setDefault(locale);

    QString loaded;
    for (const QString &dir : directories) {
        auto *ours = new QTranslator(app);
        if (ours->load(locale, QStringLiteral("podtrends"), QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(ours);
            installed() << ours;
            loaded = ours->filePath();
            break;
        }
        delete ours;
    }
    if (loaded.isEmpty())
        qCDebug(lcTranslations) << "no translation for" << locale.uiLanguages() << "in" << directories;
    else
        qCDebug(lcTranslations) << "loaded" << loaded;

    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed() << qt;
    } else {
        delete qt;
    }
    return loaded;
}

} // namespace podtrends::core
