#include "pricing.h"

#include <core/util/settings.h>

#include <QRegularExpression>

#include <cmath>

namespace podtrends::core {

QString PriceRule::sizeOverridesText() const
{
    QStringList sizes = fixedBySize.keys();
    sizes.sort();
    QStringList parts;
    for (const QString &s : std::as_const(sizes))
        parts << s + QLatin1Char('=') + pricing::formatCents(fixedBySize.value(s));
    return parts.join(QStringLiteral(", "));
}

QHash<QString, qint64> PriceRule::parseSizeOverrides(const QString &text, bool *ok)
{
    QHash<QString, qint64> out;
    bool good = true;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString size = part.section(QLatin1Char('='), 0, 0).trimmed();
        qint64 cents = 0;
        if (size.isEmpty() || !part.contains(QLatin1Char('=')) || !pricing::parseCents(part.section(QLatin1Char('='), 1).trimmed(), &cents)) {
            good = false;
            continue;
        }
        out.insert(size.toUpper(), cents);
    }
    if (ok)
        *ok = good;
    return out;
}

namespace pricing {

static QString key(const QString &type, const char *name)
{
    return QStringLiteral("publishing/pricing/%1/%2").arg(type, QLatin1String(name));
}

PriceRule rule(const QString &type)
{
    PriceRule r;
    r.mode = settings::value(key(type, "mode"), QStringLiteral("markup")).toString() == QLatin1String("fixed") ? PriceRule::Mode::Fixed
                                                                                                              : PriceRule::Mode::Markup;
    r.markupPercent = settings::value(key(type, "markup_percent"), 80.0).toDouble();
    r.roundToNinetyNine = settings::value(key(type, "round_99"), true).toBool();
    qint64 cents = 0;
    if (parseCents(settings::value(key(type, "fixed_price")).toString(), &cents))
        r.fixedCents = cents;
    r.fixedBySize = PriceRule::parseSizeOverrides(settings::value(key(type, "fixed_by_size")).toString());
    return r;
}

void setRule(const QString &type, const PriceRule &r)
{
    settings::setValue(key(type, "mode"), r.mode == PriceRule::Mode::Fixed ? QStringLiteral("fixed") : QStringLiteral("markup"));
    settings::setValue(key(type, "markup_percent"), r.markupPercent);
    settings::setValue(key(type, "round_99"), r.roundToNinetyNine);
    settings::setValue(key(type, "fixed_price"), formatCents(r.fixedCents));
    settings::setValue(key(type, "fixed_by_size"), r.sizeOverridesText());
}

PriceQuote quote(const PriceRule &r, qint64 baseCents, const QString &size)
{
    PriceQuote q{baseCents, 0};
    if (r.mode == PriceRule::Mode::Fixed) {
        q.retailCents = r.fixedBySize.value(size.toUpper(), r.fixedCents);
        return q;
    }
    qint64 retail = qint64(std::ceil(double(baseCents) * (1.0 + r.markupPercent / 100.0) - 1e-6));
    if (r.roundToNinetyNine)
        retail = retail / 100 * 100 + 99; // up to the next .99
    q.retailCents = retail;
    return q;
}

} // namespace pricing
} // namespace podtrends::core
