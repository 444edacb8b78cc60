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

/**
 * Loads podtrends_<locale>.qm for the first of the locale's UI languages found in the first
 * directory that has one, plus Qt's own qtbase_<locale>.qm, and installs both on app.
 * Returns the path of our .qm file, or an empty string when none matches (English stays).
 */
QString installTranslations(QCoreApplication *app, const QLocale &locale = QLocale(),
                            const QStringList &directories = translationDirectories());

} // namespace podtrends::core
