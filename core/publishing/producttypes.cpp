#include "producttypes.h"

#include <core/publishing/bundledcatalog.h>
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
    const QStringList apparelSizes{QStringLiteral("S"), QStringLiteral("M"), QStringLiteral("L"), QStringLiteral("XL"), QStringLiteral("2XL")};
    const QString front = QStringLiteral("front");
    const QString wholeItem = QStringLiteral("default");
    QList<ProductType> list{
        {QStringLiteral("tshirt"), ProductKind::TShirt, Tr::tr("T-shirt"), QStringLiteral("T-Shirt"), QStringLiteral("TS"), 71, colours, apparelSizes, front},
        {QStringLiteral("hoodie"), ProductKind::Hoodie, Tr::tr("Hoodie"), QStringLiteral("Hoodie"), QStringLiteral("HD"), 380, colours, apparelSizes, front},
        {QStringLiteral("longsleeve"), ProductKind::LongSleeve, Tr::tr("Long-sleeve shirt"), QStringLiteral("Long Sleeve Shirt"), QStringLiteral("LS"), 57,
         colours, apparelSizes, front},
        // Sizes as Printful's catalogue spells them; the mug's wrap file is 2700 × 1050 px, the
        // poster's 3:4 file fits the 3:4 sizes, the tote's square file the square bag.
        {QStringLiteral("mug"), ProductKind::Mug, Tr::tr("Mug"), QStringLiteral("Mug"), QStringLiteral("MG"), 19, {QStringLiteral("White")},
         {QStringLiteral("11 oz"), QStringLiteral("15 oz")}, wholeItem},
        {QStringLiteral("poster"), ProductKind::Poster, Tr::tr("Poster"), QStringLiteral("Poster"), QStringLiteral("PS"), 1, {},
         {QStringLiteral("12″×16″"), QStringLiteral("18″×24″")}, wholeItem},
        {QStringLiteral("tote"), ProductKind::Tote, Tr::tr("Tote bag"), QStringLiteral("Tote Bag"), QStringLiteral("TB"), 84, {QStringLiteral("Black")},
         {QStringLiteral("15″×15″")}, wholeItem},
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

QString blankName(const ProductType &type)
{
    const auto product = bundledcatalog::product(type.catalogProductId);
    return product ? product->title : QString();
}

void setCatalogProductId(const QString &key, qint64 id)
{
    settings::setValue(catalogKey(key), id);
}

} // namespace podtrends::core::producttypes
