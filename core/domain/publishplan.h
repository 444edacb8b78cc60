#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/** A priced variant: what the seller pays Printful, what the buyer pays, and the difference. */
struct PriceQuote
{
    qint64 baseCents = 0;
    qint64 retailCents = 0;
    qint64 marginCents() const { return retailCents - baseCents; }
    /** Margin as a percentage of the retail price. */
    double marginPercent() const { return retailCents > 0 ? 100.0 * double(marginCents()) / double(retailCents) : 0.0; }

    friend bool operator==(const PriceQuote &, const PriceQuote &) = default;
};

/** One colour × size that will be offered, with its catalog variant, prices and SKU. */
struct PlannedVariant
{
    QString colour;
    QString size;
    qint64 catalogVariantId = 0;
    PriceQuote price;
    QString sku; ///< the same in Printful and Shopify, so orders can be linked

    friend bool operator==(const PlannedVariant &, const PlannedVariant &) = default;
};

/**
 * Exactly what will be published: saved in the design's publish state before the first request
 * so that a retry sends the same products, SKUs and prices. Built, and turned into the services'
 * requests, by core/publishing/publishplan.h.
 */
struct PublishPlan
{
    qint64 designId = 0;
    QString productType;
    qint64 catalogProductId = 0;
    QString title;
    QString descriptionHtml;
    QString vendor;
    QString shopifyProductType;
    QStringList tags;
    QStringList colours;
    QStringList sizes;
    QList<PlannedVariant> variants;
    bool toPrintful = true;
    bool toShopify = true;
    QString externalId; ///< Printful sync product external id (deterministic per design)
    QString handle;     ///< Shopify handle (deterministic per design)

    /** {design_id, product_type, catalog_product_id, title, description_html, vendor,
     *  shopify_product_type, tags, colours, sizes, variants: [{colour, size, variant_id, base_cost,
     *  retail_price, sku}], printful, shopify, external_id, handle}; prices as "24.99". */
    QJsonObject toJson() const;
    static PublishPlan fromJson(const QJsonObject &object);

    friend bool operator==(const PublishPlan &, const PublishPlan &) = default;
};

} // namespace podtrends::core
