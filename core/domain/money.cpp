#include "money.h"

#include <QRegularExpression>

#include <cstdlib>

namespace podtrends::core::pricing {

QString formatCents(qint64 cents)
{
    const QLatin1Char zero('0');
    return QStringLiteral("%1%2.%3").arg(cents < 0 ? QStringLiteral("-") : QString()).arg(std::abs(cents) / 100).arg(std::abs(cents) % 100, 2, 10, zero);
}

bool parseCents(const QString &text, qint64 *cents)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,7})(?:[.,](\\d{1,2}))?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return false;
    QString frac = m.captured(2);
    while (frac.size() < 2)
        frac += QLatin1Char('0');
    *cents = m.captured(1).toLongLong() * 100 + frac.toLongLong();
    return true;
}

} // namespace podtrends::core::pricing
