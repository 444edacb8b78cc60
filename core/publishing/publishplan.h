#pragma once

#include <core/domain/design.h>
#include <core/publishing/pricing.h>
#include <core/publishing/printfulclient.h>
#include <core/publishing/producttypes.h>
#include <core/publishing/shopifyclient.h>

#include <QJsonObject>

namespace podtrends::core {

/** One colour × size that will be offered, with its catalog variant, prices and SKU. */
struct PlannedVariant
{
    QString colour;
    QString size;
    qint64 catalogVariantId = 0;
    PriceQuote price;
    QString sku; ///< the same in Printful and Shopify, so orders can be linked
};

/** What the seller chose in the dialog (or the CLI's defaults). */
struct PublishChoice
{
    QString productType = QStringLiteral("tshirt");
    QStringList colours;  ///< empty: the product type's defaults
    QStringList sizes;    ///< empty: the product type's defaults
    bool toPrintful = true;
    bool toShopify = true;
    QHash<QString, qint64> priceOverrides; ///< "M" → cents, edited in the dialog
};

/**
 * Exactly what will be published: saved in the design's publish state before the first request
 * so that a retry sends the same products, SKUs and prices.
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

    QJsonObject toJson() const;
    static PublishPlan fromJson(const QJsonObject &o);

    /** Matches the choice against the catalog (variant ids by colour and size) and prices it. */
    static Result<PublishPlan> build(const Design &design, const PublishChoice &choice, const CatalogProduct &catalog,
                                     const PriceRule &rule, const QString &vendor);

    SyncProductInput printfulInput(qint64 fileId, const QString &fileUrl, const QString &thumbnail) const;
    ShopifyProductInput shopifyInput(const QList<ShopifyFileInput> &files) const;
    /** The two request bodies as the services will receive them (placeholders for unknown URLs/ids). */
    QJsonObject preview() const;
};

} // namespace podtrends::core
