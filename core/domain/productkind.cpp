#include "productkind.h"

#include "keytable.h"

#include <QCoreApplication>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ProductKind)
};

const detail::KeyTable<ProductKind, 10> &keys()
{
    static const detail::KeyTable<ProductKind, 10> table(
        {"tshirt", "hoodie", "longsleeve", "mug", "poster", "sticker", "tote", "hat", "phone_case", "pillow"});
    return table;
}
} // namespace

const QString &toKey(ProductKind kind)
{
    return keys().key(kind);
}

std::optional<ProductKind> productKindFromKey(QStringView key)
{
    return keys().find(key);
}

QString displayName(ProductKind kind)
{
    switch (kind) {
    case ProductKind::TShirt: return Tr::tr("T-shirt");
    case ProductKind::Hoodie: return Tr::tr("hoodie");
    case ProductKind::LongSleeve: return Tr::tr("long-sleeve shirt");
    case ProductKind::Mug: return Tr::tr("mug");
    case ProductKind::Poster: return Tr::tr("poster");
    case ProductKind::Sticker: return Tr::tr("sticker");
    case ProductKind::Tote: return Tr::tr("tote bag");
    case ProductKind::Hat: return Tr::tr("hat");
    case ProductKind::PhoneCase: return Tr::tr("phone case");
    case ProductKind::Pillow: return Tr::tr("pillow");
    }
    return {};
}

QString pluralName(ProductKind kind)
{
    switch (kind) {
    case ProductKind::TShirt: return Tr::tr("T-shirts");
    case ProductKind::Hoodie: return Tr::tr("hoodies");
    case ProductKind::LongSleeve: return Tr::tr("long-sleeve shirts");
    case ProductKind::Mug: return Tr::tr("mugs");
    case ProductKind::Poster: return Tr::tr("posters");
    case ProductKind::Sticker: return Tr::tr("stickers");
    case ProductKind::Tote: return Tr::tr("tote bags");
    case ProductKind::Hat: return Tr::tr("hats");
    case ProductKind::PhoneCase: return Tr::tr("phone cases");
    case ProductKind::Pillow: return Tr::tr("pillows");
    }
    return {};
}

const QList<ProductKind> &allProductKinds()
{
    static const QList<ProductKind> all{ProductKind::TShirt, ProductKind::Hoodie, ProductKind::LongSleeve, ProductKind::Mug,
                                        ProductKind::Poster, ProductKind::Sticker, ProductKind::Tote, ProductKind::Hat,
                                        ProductKind::PhoneCase, ProductKind::Pillow};
    return all;
}

} // namespace podtrends::core
