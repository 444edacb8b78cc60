#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/** A product the publisher can offer, and the Printful catalog blank it is made on. */
struct ProductType
{
    QString key;               ///< "tshirt", "hoodie", "longsleeve"
    QString label;             ///< translated, for the dialog
    QString shopifyType;       ///< Shopify productType ("T-Shirt")
    QString skuCode;           ///< "TS"
    qint64 catalogProductId = 0; ///< settings "publishing/catalog/<key>", default a common blank
    QStringList defaultColours;
    QStringList defaultSizes;
};

namespace producttypes {

/** T-shirt (Bella+Canvas 3001, catalog 71), hoodie (Cotton Heritage M2580, 380), long sleeve (Gildan 2400, 57). */
QList<ProductType> all();
ProductType find(const QString &key);
void setCatalogProductId(const QString &key, qint64 id);

} // namespace producttypes
} // namespace podtrends::core
