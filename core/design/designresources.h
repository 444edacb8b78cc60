#pragma once

#include <core/domain/palette.h>

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/** The typefaces bundled in resources/fonts (open licences, see resources/fonts/README.md). */
enum class DesignFont { Condensed, Geometric, Script, Slab };

/**
 * Bundled design resources: fonts, palettes and the protected-names list. Thread-safe; fonts are
 * registered once on first use.
 */
namespace designresources {

/** Registers the bundled fonts with the font database (idempotent, thread-safe). */
void ensureLoaded();
/** The family name of a bundled typeface (falls back to a system sans-serif when missing). */
QString fontFamily(DesignFont font);
/** Every bundled palette, in file order. */
const QList<Palette> &palettes();
/** The palette with this name, or the first one. */
Palette paletteNamed(const QString &name);
/** The bundled protected names (brands, franchises, characters), one entry per name. */
QStringList bundledProtectedNames();

} // namespace designresources
} // namespace podtrends::core
