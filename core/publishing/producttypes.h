#pragma once

#include <core/domain/productkind.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/** A product the publisher can offer, and the Printful catalog blank it is made on. */
struct ProductType
{
    QString key;               ///< "tshirt", "hoodie", "longsleeve", "mug", "poster", "tote"
    ProductKind kind = ProductKind::TShirt; ///< whose print file and mockups it uses
    QString label;             ///< translated, for the dialog
    QString shopifyType;       ///< Shopify productType ("T-Shirt")
    QString skuCode;           ///< "TS"
    qint64 catalogProductId = 0; ///< settings "publishing/catalog/<key>", default a common blank
    QStringList defaultColours; ///< empty for products without colours (posters)
    QStringList defaultSizes;
    QString placement;         ///< Printful's placement of the print file: "front" or "default"
};

namespace producttypes {

/**
 * T-shirt (Bella+Canvas 3001, catalog 71), hoodie (Cotton Heritage M2580, 380), long sleeve
 * (Gildan 2400, 57), mug (White Glossy Mug, 19), poster (Enhanced Matte Paper Poster, 1) and tote
 * (All-Over Print Tote, 84): every product a design has a print file for.
 */
QList<ProductType> all();
ProductType find(const QString &key);
/** The name of the Printful blank a type is made on ("Unisex Staple T-Shirt | Bella + Canvas 3001"), from the bundled catalogue; empty when unknown. */
QString blankName(const ProductType &type);
void setCatalogProductId(const QString &key, qint64 id);

} // namespace producttypes
} // namespace podtrends::core
