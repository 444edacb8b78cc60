#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace podtrends::core {

/**
 * Where the compiled translations (podtrends_<locale>.qm) are looked for, first match wins:
 * `<binary dir>/../share/podtrends/translations` (the build tree's bin/ and an installed
 * /usr/bin or /usr/local/bin alike), then `podtrends/translations` under every XDG data
 * directory (~/.local/share, /usr/local/share, /usr/share).
 */
QStringList translationDirectories();

/** The language chosen in Settings ("de", "es", "en"), or empty to follow the system. */
QString chosenLanguage();
void setChosenLanguage(const QString &code);
/** The locale the app speaks and formats numbers, prices and dates in: the chosen language's, else the system's. */
QLocale chosenLocale();

/** The languages the app can speak here: "en" and every podtrends_<code>.qm found, sorted. */
QStringList availableLanguages(const QStringList &directories = translationDirectories());

/**
 * Loads podtrends_<locale>.qm for the first of the locale's UI languages found in the first
 * directory that has one, plus Qt's own qtbase_<locale>.qm, and installs both on app.
 * Returns the path of our .qm file, or an empty string when none matches (English stays).
 * Translators installed by an earlier call are removed first, and the locale becomes the
 * default for formatting (QLocale()), so calling it again switches the language of a running
 * app: every widget receives QEvent::LanguageChange.
 */
QString installTranslations(QCoreApplication *app, const QLocale &locale = chosenLocale(),
                            const QStringList &directories = translationDirectories());

} // namespace podtrends::core
