#pragma once

#include <core/domain/money.h>
#include <core/domain/publishplan.h>

#include <QHash>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/** How the retail price of one product type is made. */
struct PriceRule
{
    enum class Mode { Markup, Fixed };
    Mode mode = Mode::Markup;
    double markupPercent = 80.0;   ///< retail = base cost × (1 + markup/100)
    bool roundToNinetyNine = true; ///< 24.30 → 24.99
    qint64 fixedCents = 2499;      ///< the price for every size in Fixed mode …
    QHash<QString, qint64> fixedBySize; ///< … unless the size has its own ("2XL" → 2799)

    /** "2XL=27.99, 3XL=29.99" ⇄ fixedBySize. */
    QString sizeOverridesText() const;
    static QHash<QString, qint64> parseSizeOverrides(const QString &text, bool *ok = nullptr);
};

/**
 * Retail prices per product type and size. Rules live in the settings
 * ("publishing/pricing/<type>/…"); amounts are integer cents so nothing is lost to rounding.
 */
namespace pricing {

PriceRule rule(const QString &productType);
void setRule(const QString &productType, const PriceRule &rule);
PriceQuote quote(const PriceRule &rule, qint64 baseCents, const QString &size);

} // namespace pricing
} // namespace podtrends::core
