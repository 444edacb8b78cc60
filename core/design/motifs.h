#pragma once

#include <QPainterPath>
#include <QString>

namespace podtrends::core {

/** A drawn motif in a 100×100 box: the main shape and an optional detail in a second colour. */
struct Motif
{
    QPainterPath main;
    QPainterPath detail;
    QPainterPath accent;   ///< small extras in the main colour that line drawings leave out
};

/** The motif named by a brief (mountains, sun, waves, paw, heart, cup, tree, moon, bolt, star). */
Motif motifNamed(const QString &name);

/** A five-pointed star centred on c with outer radius r. */
QPainterPath starPath(QPointF c, qreal r);

} // namespace podtrends::core
