#include "producttypes.h"

#include <core/util/settings.h>

#include <QCoreApplication>

namespace podtrends::core::producttypes {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ProductTypes)
};

QString catalogKey(const QString &key)
{
    return QStringLiteral("publishing/catalog/") + key;
}
} // namespace

QList<ProductType> all()
{
    const QStringList colours{QStringLiteral("Black"), QStringLiteral("White")};
    QList<ProductType> list{
        {QStringLiteral("tshirt"), Tr::tr("T-shirt"), QStringLiteral("T-Shirt"), QStringLiteral("TS"), 71, colours,
         {QStringLiteral("S"), QStringLiteral("M"), QStringLiteral("L"), QStringLiteral("XL"), QStringLiteral("2XL")}},
        {QStringLiteral("hoodie"), Tr::tr("Hoodie"), QStringLiteral("Hoodie"), QStringLiteral("HD"), 380, colours,
         {QStringLiteral("S"), QStringLiteral("M"), QStringLiteral("L"), QStringLiteral("XL"), QStringLiteral("2XL")}},
        {QStringLiteral("longsleeve"), Tr::tr("Long-sleeve shirt"), QStringLiteral("Long Sleeve Shirt"), QStringLiteral("LS"), 57, colours,
         {QStringLiteral("S"), QStringLiteral("M"), QStringLiteral("L"), QStringLiteral("XL"), QStringLiteral("2XL")}},
    };
    for (ProductType &t : list)
        t.catalogProductId = settings::value(catalogKey(t.key), t.catalogProductId).toLongLong();
    return list;
}

ProductType find(const QString &key)
{
    for (const ProductType &t : all())
        if (t.key == key)
            return t;
    return {};
}

void setCatalogProductId(const QString &key, qint64 id)
{
    settings::setValue(catalogKey(key), id);
}

} // namespace podtrends::core::producttypes
