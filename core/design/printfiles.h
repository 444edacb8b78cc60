#pragma once

#include <core/design/artwork.h>
#include <core/domain/printspec.h>
#include <core/util/result.h>

#include <QList>
#include <QSize>
#include <QString>

namespace podtrends::core {

/** One print-ready file a product needs. */
struct PrintFileSpec
{
    ProductKind product = ProductKind::TShirt; ///< T-shirt, hoodie, mug, poster, tote
    QString placement;      ///< front, wrap, full
    QSize pixels;
    int dpi = 300;
    bool transparent = true;
    QString fileName;       ///< inside the design's folder
    std::optional<ProductKind> sharesFileWith; ///< same pixels as another product's file (hoodie front = T-shirt front)
};

/** What a PNG file's header says (read back to verify the files we wrote). */
struct PngInfo
{
    QSize size;
    bool hasAlpha = false;
    double dpiX = 0;
    double dpiY = 0;
    bool srgb = false;      ///< an sRGB or iCCP chunk is present
};

/**
 * Writes the print files of a design and verifies them. The checks (exact pixel size, DPI ≥ 150
 * at print size, transparency where required) are recorded in its PrintSpecification; a design
 * whose checks fail cannot become ready.
 */
namespace printfiles {

/** t-shirt and hoodie front 4500×5400 @ 300 DPI, mug wrap, poster, tote. */
const QList<PrintFileSpec> &standardSpecs();
/** The spec for a product, or null. */
const PrintFileSpec *specFor(ProductKind product);

/** Renders and writes every file into dir, reads them back and checks them. Thread-safe. */
Result<PrintSpecification> write(const Artwork &artwork, const QString &dir, int pngCompression = 1);

/** Reads a PNG's IHDR/pHYs/sRGB chunks without decoding the pixels. */
Result<PngInfo> readPngInfo(const QString &path);

/** Saves an image as PNG (zlib level `compression`) with its DPI in the pHYs chunk. */
Status savePng(const QImage &image, const QString &path, int dpi, int compression);

} // namespace printfiles
} // namespace podtrends::core
