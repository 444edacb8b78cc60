#pragma once

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

/** A priced variant: what the seller pays Printful, what the buyer pays, and the difference. */
struct PriceQuote
{
    qint64 baseCents = 0;
    qint64 retailCents = 0;
    qint64 marginCents() const { return retailCents - baseCents; }
    /** Margin as a percentage of the retail price. */
    double marginPercent() const { return retailCents > 0 ? 100.0 * double(marginCents()) / double(retailCents) : 0.0; }
};

/**
 * Retail prices per product type and size. Rules live in the settings
 * ("publishing/pricing/<type>/…"); amounts are integer cents so nothing is lost to rounding.
 */
namespace pricing {

PriceRule rule(const QString &productType);
void setRule(const QString &productType, const PriceRule &rule);
PriceQuote quote(const PriceRule &rule, qint64 baseCents, const QString &size);

/** 2450 → "24.50" (the decimal string both APIs take). */
QString formatCents(qint64 cents);
/** "24.5" → 2450; false on anything that is not a non-negative amount. */
bool parseCents(const QString &text, qint64 *cents);

} // namespace pricing
} // namespace podtrends::core
