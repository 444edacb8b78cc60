#pragma once

#include <core/design/artwork.h>
#include <core/util/result.h>

#include <QColor>
#include <QImage>
#include <QList>
#include <QString>

namespace podtrends::core {

/** One product photo to fake: which product, in which colour. */
struct MockupSpec
{
    QString product;    ///< tshirt, hoodie, mug, poster, tote
    QString colorName;  ///< "black", "heather-grey", …
    QColor color;
};

/**
 * Renders product mockups locally: product templates drawn in code (t-shirt and hoodie in any
 * colour, mug, framed poster, tote) with the design composited under the fabric's shading and
 * texture so it reads as printed. Deterministic and thread-safe.
 */
namespace mockuprenderer {

inline constexpr int MockupSize = 1200;

/** The garment colours offered for shirts and hoodies. */
QList<MockupSpec> garmentColors();
/** The five standard mockups for a design (shirt in the palette's garment colour, a second-colour hoodie, mug, poster, tote). */
QList<MockupSpec> standardSet(const DesignBrief &brief);
/** Renders one mockup (MockupSize square, opaque). */
QImage render(const Artwork &artwork, const MockupSpec &spec);
/** Renders and saves the standard set as JPEG into dir; returns the paths in order. */
Result<QStringList> writeStandardSet(const Artwork &artwork, const QString &dir, int jpegQuality = 88);

} // namespace mockuprenderer
} // namespace podtrends::core
