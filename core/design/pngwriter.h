#pragma once

#include <core/util/result.h>

#include <QImage>
#include <QString>

namespace podtrends::core {

/**
 * A fast PNG writer for the large print canvases: RGBA (or RGB when the image is opaque) at 8 bits,
 * filter None, one zlib stream at the given level, with sRGB and pHYs (DPI) chunks. Qt's PNG
 * handler spends most of its time outside zlib on 24-megapixel canvases; this writes the same
 * standard file several times faster.
 */
namespace pngwriter {

/** Writes image to path atomically (QSaveFile). level: zlib 1 (fastest) … 9 (smallest). */
Status write(const QImage &image, const QString &path, int dpi, int level = 1);
/** The PNG bytes (for tests and benchmarks). */
QByteArray encode(const QImage &image, int dpi, int level = 1);

} // namespace pngwriter
} // namespace podtrends::core
