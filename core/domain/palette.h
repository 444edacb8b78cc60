#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/** A named set of ink colours for the built-in renderer, with the garment colour it suits. */
struct Palette
{
    QString name;
    QList<QColor> colors;   ///< ink colours, most important first
    QColor ink;             ///< the main text colour
    QColor garment;         ///< the shirt colour the palette is designed for
    QStringList moods;      ///< niche words this palette fits

    friend bool operator==(const Palette &, const Palette &) = default;
};

} // namespace podtrends::core
