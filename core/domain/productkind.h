#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace podtrends::core {

/**
 * A kind of print-on-demand product: what listings are (analysis), what print files are made for
 * (design) and what is offered (publishing). Stored as its key ("tshirt", "phone_case", …).
 */
enum class ProductKind : quint8 { TShirt, Hoodie, LongSleeve, Mug, Poster, Sticker, Tote, Hat, PhoneCase, Pillow };

/** "tshirt", "hoodie", "longsleeve", "mug", "poster", "sticker", "tote", "hat", "phone_case", "pillow". */
const QString &toKey(ProductKind kind);
std::optional<ProductKind> productKindFromKey(QStringView key);
/** The product in a seller's words, singular and lower case: "T-shirt", "hoodie", "phone case". */
QString displayName(ProductKind kind);
/** The same, plural: "T-shirts", "hoodies", "phone cases". */
QString pluralName(ProductKind kind);
/** Every kind, in enum order. */
const QList<ProductKind> &allProductKinds();

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::ProductKind)
