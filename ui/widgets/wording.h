#pragma once

#include <QLocale>
#include <QString>

namespace podtrends::ui {

/**
 * A name that starts a table cell or a label: "analysis" → "Analysis", "erledigt" → "Erledigt".
 * core's display names are lower case so they read inside sentences.
 */
inline QString capitalised(const QString &name)
{
    if (name.isEmpty())
        return name;
    return QLocale().toUpper(name.left(1)) + name.mid(1);
}

} // namespace podtrends::ui
