#include "textutil.h"

#include <algorithm>

namespace podtrends::core::text {

QString stripHtml(const QString &html)
{
    if (html.isEmpty())
        return {};
    QString out;
    out.reserve(html.size());
    bool inTag = false;
    for (qsizetype i = 0; i < html.size(); ++i) {
        const QChar c = html.at(i);
        if (inTag) {
            if (c == QLatin1Char('>')) {
                inTag = false;
                out += QLatin1Char(' ');
            }
            continue;
        }
        if (c == QLatin1Char('<')) {
            inTag = true;
            continue;
        }
        if (c == QLatin1Char('&')) {
            static const struct { const char *name; char16_t ch; } entities[] = {
                {"&amp;", u'&'}, {"&lt;", u'<'}, {"&gt;", u'>'}, {"&quot;", u'"'}, {"&#39;", u'\''},
                {"&apos;", u'\''}, {"&nbsp;", u' '}};
            bool replaced = false;
            for (const auto &e : entities) {
                const QLatin1String name(e.name);
                if (QStringView(html).mid(i, name.size()) == name) {
                    out += QChar(e.ch);
                    i += name.size() - 1;
                    replaced = true;
                    break;
                }
            }
            if (replaced)
                continue;
        }
        out += c;
    }
    return out.simplified();
}

double parseNumber(const QString &input)
{
    // Collect the first run of digits with its separators and an optional K/M suffix.
    qsizetype start = -1;
    qsizetype end = -1;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QChar c = input.at(i);
        if (c.isDigit()) {
            if (start < 0)
                start = i;
            end = i + 1;
        } else if (start >= 0 && (c == QLatin1Char(',') || c == QLatin1Char('.') || c == QChar(0x00A0) || c == QChar(0x202F))
                   && i + 1 < input.size() && input.at(i + 1).isDigit()) {
            continue;
        } else if (start >= 0) {
            break;
        }
    }
    if (start < 0)
        return -1;
    QString digits = input.mid(start, end - start);
    digits.remove(QChar(0x00A0)).remove(QChar(0x202F));
    const qsizetype lastDot = digits.lastIndexOf(QLatin1Char('.'));
    const qsizetype lastComma = digits.lastIndexOf(QLatin1Char(','));
    // The right-most separator is the decimal point when both kinds occur ("1,234.56",
    // "12.345,67") or when it is not followed by exactly three digits ("19.99", "4,5").
    const qsizetype last = std::max(lastDot, lastComma);
    const bool bothKinds = lastDot >= 0 && lastComma >= 0;
    const qsizetype decimal = last >= 0 && (bothKinds || digits.size() - last - 1 != 3) ? last : -1;
    QString normalized;
    normalized.reserve(digits.size());
    for (qsizetype i = 0; i < digits.size(); ++i) {
        const QChar c = digits.at(i);
        if (c.isDigit())
            normalized += c;
        else if (i == decimal)
            normalized += QLatin1Char('.');
    }
    bool ok = false;
    double value = normalized.toDouble(&ok);
    if (!ok)
        return -1;
    if (end < input.size()) {
        const QChar suffix = input.at(end).toUpper();
        if (suffix == QLatin1Char('K'))
            value *= 1000;
        else if (suffix == QLatin1Char('M'))
            value *= 1000000;
    }
    return value;
}

QString currencyOf(const QString &priceText)
{
    const QString t = priceText.trimmed();
    if (t.contains(QLatin1String("NT$")))
        return QStringLiteral("TWD");
    if (t.contains(QLatin1String("CA$")) || t.contains(QLatin1String("CDN$")))
        return QStringLiteral("CAD");
    if (t.contains(QLatin1String("A$")) || t.contains(QLatin1String("AU$")))
        return QStringLiteral("AUD");
    if (t.contains(QLatin1Char('$')))
        return QStringLiteral("USD");
    if (t.contains(QChar(0x00A3)))
        return QStringLiteral("GBP");
    if (t.contains(QChar(0x20AC)))
        return QStringLiteral("EUR");
    if (t.contains(QChar(0x00A5)))
        return QStringLiteral("JPY");
    for (const char *code : {"USD", "EUR", "GBP", "TWD", "JPY", "CAD", "AUD"})
        if (t.contains(QLatin1String(code)))
            return QString::fromLatin1(code);
    return {};
}

} // namespace podtrends::core::text
