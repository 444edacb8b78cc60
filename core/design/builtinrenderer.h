#pragma once

#include <core/domain/designbrief.h>

#include <QPainter>

namespace podtrends::core {

/**
 * The built-in design renderer: draws a brief with QPainter in a 1000×1200 unit box (the caller
 * sets the transform). Deterministic: the same brief (and seed) draws the same pixels.
 */
namespace builtinrenderer {

inline constexpr qreal UnitWidth = 1000;
inline constexpr qreal UnitHeight = 1200;

/** Paints the whole design for the brief's style. */
void paint(QPainter &painter, const DesignBrief &brief);
/** Paints the slogan lines stacked and fitted into box (used under raster illustrations too). */
void paintSloganBlock(QPainter &painter, const DesignBrief &brief, const QRectF &box);
/** Erases a worn screen-print texture from what is painted (amount 0–1), seeded. */
void distress(QPainter &painter, quint32 seed, qreal amount);

} // namespace builtinrenderer
} // namespace podtrends::core
