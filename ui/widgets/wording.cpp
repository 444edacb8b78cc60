#include "wording.h"

namespace podtrends::ui {

namespace {
// The C locale (LANG unset, as in a minimal session) writes "15.00$": the app speaks English
// then, so it writes amounts and dates as English does.
QLocale writingLocale()
{
    const QLocale locale;
    return locale.language() == QLocale::C ? QLocale(QLocale::English, QLocale::UnitedStates) : locale;
}
} // namespace

QString formatMoney(double amount, const QString &currencySymbol, int decimals)
{
    return writingLocale().toCurrencyString(amount, currencySymbol, decimals);
}

QString dayMonthFormat()
{
    const QString shortDate = writingLocale().dateFormat(QLocale::ShortFormat);
    const qsizetype day = shortDate.indexOf(QLatin1Char('d'));
    const qsizetype month = shortDate.indexOf(QLatin1Char('M'));
    if (month >= 0 && day > month)
        return QStringLiteral("MMM d");
    return shortDate.contains(QLatin1String("d.")) ? QStringLiteral("d. MMM") : QStringLiteral("d MMM");
}

std::pair<QString, QString> moneyAffixes(const QString &currencySymbol)
{
    // Where the locale puts the symbol, read off a formatted amount: whatever stands before the
    // number is the prefix, whatever follows it the suffix (with its space, "15,00 $").
    const QLocale locale = writingLocale();
    const QString sample = locale.toCurrencyString(1.0, currencySymbol, 2);
    const QString number = locale.toString(1.0, 'f', 2);
    const qsizetype at = sample.indexOf(number);
    if (at < 0)
        return {currencySymbol, QString()};
    return {sample.left(at), sample.mid(at + number.size())};
}

} // namespace podtrends::ui
