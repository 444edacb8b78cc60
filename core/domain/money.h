#pragma once

#include <QString>

namespace podtrends::core::pricing {

/** 2450 → "24.50" (the decimal string both APIs take and publish plans store). */
QString formatCents(qint64 cents);
/** "24.5" → 2450; false on anything that is not a non-negative amount. */
bool parseCents(const QString &text, qint64 *cents);

} // namespace podtrends::core::pricing
