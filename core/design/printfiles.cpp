#include "printfiles.h"

#include <core/design/pngwriter.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QtEndian>

#include <cmath>

namespace podtrends::core::printfiles {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PrintFiles)
};

constexpr double InchesPerMeter = 39.37007874;

QImage composeFor(const Artwork &artwork, const PrintFileSpec &spec)
{
    if (spec.product == ProductKind::Mug) {
        // The wrap shows the design twice, once on each side of the handle.
        QImage canvas = transparentCanvas(spec.pixels);
        const int h = int(spec.pixels.height() * 0.92);
        const QImage art = artwork.render(QSize(h * 5 / 6, h));
        QPainter p(&canvas);
        const int y = (spec.pixels.height() - art.height()) / 2;
        p.drawImage(spec.pixels.width() / 4 - art.width() / 2, y, art);
        p.drawImage(spec.pixels.width() * 3 / 4 - art.width() / 2, y, art);
        return canvas;
    }
    if (spec.product == ProductKind::Poster) {
        QImage canvas = transparentCanvas(spec.pixels);
        canvas.fill(artwork.brief().palette.garment);
        const QImage art = artwork.render(QSize(int(spec.pixels.width() * 0.84), int(spec.pixels.height() * 0.84)));
        QPainter p(&canvas);
        p.drawImage((spec.pixels.width() - art.width()) / 2, (spec.pixels.height() - art.height()) / 2, art);
        return canvas;
    }
    if (spec.product == ProductKind::Tote) {
        QImage canvas = transparentCanvas(spec.pixels);
        const QImage art = artwork.render(QSize(int(spec.pixels.width() * 0.94), int(spec.pixels.height() * 0.94)));
        QPainter p(&canvas);
        p.drawImage((spec.pixels.width() - art.width()) / 2, (spec.pixels.height() - art.height()) / 2, art);
        return canvas;
    }
    return artwork.render(spec.pixels);
}

} // namespace

const QList<PrintFileSpec> &standardSpecs()
{
    static const QList<PrintFileSpec> specs{
        {ProductKind::TShirt, QStringLiteral("front"), QSize(4500, 5400), 300, true, QStringLiteral("print-tshirt-front.png"), {}},
        {ProductKind::Hoodie, QStringLiteral("front"), QSize(4500, 5400), 300, true, QStringLiteral("print-tshirt-front.png"), ProductKind::TShirt},
        {ProductKind::Mug, QStringLiteral("wrap"), QSize(2700, 1050), 300, true, QStringLiteral("print-mug-wrap.png"), {}},
        {ProductKind::Poster, QStringLiteral("full"), QSize(2700, 3600), 150, false, QStringLiteral("print-poster.png"), {}},
        {ProductKind::Tote, QStringLiteral("front"), QSize(3000, 3000), 200, true, QStringLiteral("print-tote.png"), {}},
    };
    return specs;
}

const PrintFileSpec *specFor(ProductKind product)
{
    for (const PrintFileSpec &s : standardSpecs())
        if (s.product == product)
            return &s;
    return nullptr;
}

Status savePng(const QImage &image, const QString &path, int dpi, int compression)
{
    return pngwriter::write(image, path, dpi, compression);
}

Result<PngInfo> readPngInfo(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result<PngInfo>::failure(Tr::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
    const QByteArray sig = f.read(8);
    if (sig != QByteArray("\x89PNG\r\n\x1a\n", 8))
        return Result<PngInfo>::failure(Tr::tr("%1 is not a PNG file").arg(QDir::toNativeSeparators(path)));
    PngInfo info;
    while (!f.atEnd()) {
        const QByteArray head = f.read(8);
        if (head.size() < 8)
            break;
        const quint32 len = qFromBigEndian<quint32>(head.constData());
        const QByteArray type = head.mid(4, 4);
        if (type == "IDAT" || type == "IEND")
            break; // every chunk we need comes before the pixel data
        const QByteArray data = f.read(len);
        f.skip(4); // CRC
        if (type == "IHDR" && data.size() >= 13) {
            info.size = QSize(int(qFromBigEndian<quint32>(data.constData())), int(qFromBigEndian<quint32>(data.constData() + 4)));
            const quint8 colorType = quint8(data.at(9));
            info.hasAlpha = colorType == 4 || colorType == 6;
        } else if (type == "pHYs" && data.size() >= 9 && data.at(8) == 1) {
            info.dpiX = qFromBigEndian<quint32>(data.constData()) / InchesPerMeter;
            info.dpiY = qFromBigEndian<quint32>(data.constData() + 4) / InchesPerMeter;
        } else if (type == "sRGB" || type == "iCCP") {
            info.srgb = true;
        } else if (type == "tRNS") {
            info.hasAlpha = true;
        }
    }
    if (info.size.isEmpty())
        return Result<PngInfo>::failure(Tr::tr("%1 has no PNG header").arg(QDir::toNativeSeparators(path)));
    return info;
}

Result<PrintSpecification> write(const Artwork &artwork, const QString &dir, int pngCompression)
{
    if (!QDir().mkpath(dir))
        return Result<PrintSpecification>::failure(Tr::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(dir)));
    PrintSpecification out;
    for (const PrintFileSpec &spec : standardSpecs()) {
        const QString path = QDir(dir).filePath(spec.fileName);
        if (!spec.sharesFileWith) {
            const QImage image = composeFor(artwork, spec);
            if (Status s = savePng(image, path, spec.dpi, pngCompression); !s)
                return s.error();
        }
        auto info = readPngInfo(path);
        if (!info)
            return info.error();
        const double dpi = std::min(info->dpiX, info->dpiY);
        PrintFile f;
        f.product = spec.product;
        f.placement = spec.placement;
        f.file = path;
        f.pixels = info->size;
        f.dpi = int(std::lround(dpi));
        f.transparentBackground = info->hasAlpha && spec.transparent;
        // A transparent background is what apparel, mugs and totes need; posters print edge to edge.
        f.checks = {PrintCheckResult{PrintCheck::Size, info->size == spec.pixels, {}},
                    PrintCheckResult{PrintCheck::Dpi, dpi >= 150 && std::abs(dpi - spec.dpi) < 1, {}},
                    PrintCheckResult{PrintCheck::Transparency, !spec.transparent || info->hasAlpha, {}}};
        out.files << f;
    }
    return out;
}

} // namespace podtrends::core::printfiles
