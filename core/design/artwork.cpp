#include "artwork.h"

#include <core/design/builtinrenderer.h>

#include <QColorSpace>
#include <QPainter>

namespace podtrends::core {

QRectF designBox(QSize size)
{
    const qreal aspect = builtinrenderer::UnitWidth / builtinrenderer::UnitHeight;
    qreal w = size.width(), h = size.height();
    if (w / h > aspect)
        w = h * aspect;
    else
        h = w / aspect;
    return QRectF((size.width() - w) / 2, (size.height() - h) / 2, w, h);
}

QImage transparentCanvas(QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    image.setColorSpace(QColorSpace::SRgb);
    return image;
}

VectorArtwork::VectorArtwork(DesignBrief brief)
    : m_brief(std::move(brief))
{
}

QImage VectorArtwork::render(QSize size) const
{
    QImage image = transparentCanvas(size);
    QPainter p(&image);
    const QRectF box = designBox(size);
    p.translate(box.topLeft());
    p.scale(box.width() / builtinrenderer::UnitWidth, box.height() / builtinrenderer::UnitHeight);
    builtinrenderer::paint(p, m_brief);
    p.end();
    return image;
}

RasterArtwork::RasterArtwork(DesignBrief brief, QImage illustration)
    : m_brief(std::move(brief))
    , m_illustration(std::move(illustration))
{
}

QImage RasterArtwork::render(QSize size) const
{
    QImage image = transparentCanvas(size);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRectF box = designBox(size);
    p.translate(box.topLeft());
    const qreal k = box.width() / builtinrenderer::UnitWidth;
    p.scale(k, k);
    // Illustration in the upper part, scaled to fit and centred; the slogan set below it.
    const QRectF artBox(60, 20, 880, 820);
    QSizeF s = m_illustration.size();
    s.scale(artBox.size(), Qt::KeepAspectRatio);
    const QRectF target(artBox.center().x() - s.width() / 2, artBox.center().y() - s.height() / 2, s.width(), s.height());
    p.drawImage(target, m_illustration);
    builtinrenderer::paintSloganBlock(p, m_brief, QRectF(100, 860, 800, 320));
    p.end();
    return image;
}

} // namespace podtrends::core
