#pragma once

#include <QLocale>
#include <QString>

#include <utility>

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

/**
 * An amount of money as the app's language writes it: "$15.00" in English, "15,00 $" in German,
 * "15,00 US$" in Spanish. The locale is the chosen language's (core::installTranslations makes
 * core::chosenLocale() the default QLocale), so a price follows Settings → Language at once;
 * with no language at all (the C locale) it writes as English does.
 * decimals 0 gives whole amounts ("$15", "15 $") for chart axes.
 */
QString formatMoney(double amount, const QString &currencySymbol = QStringLiteral("$"), int decimals = 2);

/**
 * A day and a short month for chart axes in the app's language: "MMM d" ("Dec 5") where the
 * month comes first, "d. MMM" ("5. Dez.") in German, "d MMM" ("5 dic") elsewhere.
 */
QString dayMonthFormat();

/**
 * The prefix and suffix a spin box of amounts shows so that it reads like formatMoney():
 * {"$", ""} in English, {"", " $"} in German.
 */
std::pair<QString, QString> moneyAffixes(const QString &currencySymbol = QStringLiteral("$"));

} // namespace podtrends::ui
