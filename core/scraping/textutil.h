#pragma once

#include <QString>

namespace podtrends::core::text {

/** Text of an HTML fragment: tags dropped, common entities decoded, whitespace collapsed. */
QString stripHtml(const QString &html);
/**
 * A number from marketplace text: "$1,234.56" → 1234.56, "1.2K" → 1200, "(987)" → 987,
 * "12.345,67 €" → 12345.67. Returns -1 when there is no number.
 */
double parseNumber(const QString &text);
/** The currency of a price text ("$" → USD, "£" → GBP, "€" → EUR, "NT$" → TWD), or empty. */
QString currencyOf(const QString &priceText);

} // namespace podtrends::core::text
