#pragma once

#include <core/domain/designbrief.h>

#include <QImage>
#include <QSize>

#include <memory>

namespace podtrends::core {

/**
 * A finished design that can be painted at any size: the print files and every mockup render it
 * at their own resolution, so vector designs stay sharp. The design lives in a 5:6 box (the
 * t-shirt front) fitted and centred in the requested size.
 */
class Artwork
{
public:
    virtual ~Artwork() = default;
    /** A new transparent ARGB32_Premultiplied sRGB image of exactly this size. */
    virtual QImage render(QSize size) const = 0;
    /** The brief the artwork was made from. */
    virtual const DesignBrief &brief() const = 0;
};

using ArtworkPtr = std::shared_ptr<const Artwork>;

/** The built-in renderer's vector design (QPainter, bundled fonts, palette from the brief). */
class VectorArtwork final : public Artwork
{
public:
    explicit VectorArtwork(DesignBrief brief);
    QImage render(QSize size) const override;
    const DesignBrief &brief() const override { return m_brief; }

private:
    DesignBrief m_brief;
};

/** A provider's raster illustration with the brief's slogan set underneath by our typesetter. */
class RasterArtwork final : public Artwork
{
public:
    RasterArtwork(DesignBrief brief, QImage illustration);
    QImage render(QSize size) const override;
    const DesignBrief &brief() const override { return m_brief; }
    const QImage &illustration() const { return m_illustration; }

private:
    DesignBrief m_brief;
    QImage m_illustration;
};

/** The design box (5:6) fitted and centred in an image of this size. */
QRectF designBox(QSize size);
/** A new transparent sRGB image for painting artwork. */
QImage transparentCanvas(QSize size);

} // namespace podtrends::core
