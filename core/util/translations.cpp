#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTranslator>

namespace podtrends::core {

namespace {
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

QString installTranslations(QCoreApplication *app, const QLocale &locale, const QStringList &directories)
{
    QString loaded;
    for (const QString &dir : directories) {
        auto *ours = new QTranslator(app);
        if (ours->load(locale, QStringLiteral("podtrends"), QStringLiteral("_"), dir)) {
            QCoreApplication::installTranslator(ours);
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
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return loaded;
}

} // namespace podtrends::core
