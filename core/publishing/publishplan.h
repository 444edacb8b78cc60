#pragma once

#include <core/domain/design.h>
#include <core/domain/publishplan.h>
#include <core/publishing/pricing.h>
#include <core/publishing/printfulclient.h>
#include <core/publishing/producttypes.h>
#include <core/publishing/shopifyclient.h>

#include <QJsonObject>

namespace podtrends::core {

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

namespace publishplan {

/** Matches the choice against the catalog (variant ids by colour and size) and prices it. */
Result<PublishPlan> build(const Design &design, const PublishChoice &choice, const CatalogProduct &catalog,
                          const PriceRule &rule, const QString &vendor);

SyncProductInput printfulInput(const PublishPlan &plan, qint64 fileId, const QString &fileUrl, const QString &thumbnail);
ShopifyProductInput shopifyInput(const PublishPlan &plan, const QList<ShopifyFileInput> &files);
/** The two request bodies as the services will receive them (placeholders for unknown URLs/ids). */
QJsonObject preview(const PublishPlan &plan);

} // namespace publishplan

} // namespace podtrends::core
