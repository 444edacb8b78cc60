#include "printfiles.h"

#include <core/design/pngwriter.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImageWriter>
#include <QJsonArray>
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
    if (spec.product == QLatin1String("mug")) {
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
    if (spec.product == QLatin1String("poster")) {
        QImage canvas = transparentCanvas(spec.pixels);
        canvas.fill(artwork.brief().palette.garment);
        const QImage art = artwork.render(QSize(int(spec.pixels.width() * 0.84), int(spec.pixels.height() * 0.84)));
        QPainter p(&canvas);
        p.drawImage((spec.pixels.width() - art.width()) / 2, (spec.pixels.height() - art.height()) / 2, art);
        return canvas;
    }
    if (spec.product == QLatin1String("tote")) {
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
        {QStringLiteral("tshirt"), QStringLiteral("front"), QSize(4500, 5400), 300, true, QStringLiteral("print-tshirt-front.png"), {}},
        {QStringLiteral("hoodie"), QStringLiteral("front"), QSize(4500, 5400), 300, true, QStringLiteral("print-tshirt-front.png"),
         QStringLiteral("tshirt")},
        {QStringLiteral("mug"), QStringLiteral("wrap"), QSize(2700, 1050), 300, true, QStringLiteral("print-mug-wrap.png"), {}},
        {QStringLiteral("poster"), QStringLiteral("full"), QSize(2700, 3600), 150, false, QStringLiteral("print-poster.png"), {}},
        {QStringLiteral("tote"), QStringLiteral("front"), QSize(3000, 3000), 200, true, QStringLiteral("print-tote.png"), {}},
    };
    return specs;
}

const PrintFileSpec *specFor(const QString &product)
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

Result<QJsonObject> write(const Artwork &artwork, const QString &dir, int pngCompression)
{
    if (!QDir().mkpath(dir))
        return Result<QJsonObject>::failure(Tr::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(dir)));
    QJsonArray products;
    bool allPassed = true;
    for (const PrintFileSpec &spec : standardSpecs()) {
        const QString path = QDir(dir).filePath(spec.fileName);
        if (spec.sharesFileWith.isEmpty()) {
            const QImage image = composeFor(artwork, spec);
            if (Status s = savePng(image, path, spec.dpi, pngCompression); !s)
                return s.error();
        }
        auto info = readPngInfo(path);
        if (!info)
            return info.error();
        const double dpi = std::min(info->dpiX, info->dpiY);
        const bool sizeOk = info->size == spec.pixels;
        const bool dpiOk = dpi >= 150 && std::abs(dpi - spec.dpi) < 1;
        // A transparent background is what apparel, mugs and totes need; posters print edge to edge.
        const bool transparencyOk = !spec.transparent || info->hasAlpha;
        const bool passed = sizeOk && dpiOk && transparencyOk;
        allPassed = allPassed && passed;
        QJsonObject o;
        o.insert(QStringLiteral("product"), spec.product);
        o.insert(QStringLiteral("placement"), spec.placement);
        o.insert(QStringLiteral("file"), path);
        o.insert(QStringLiteral("width_px"), info->size.width());
        o.insert(QStringLiteral("height_px"), info->size.height());
        o.insert(QStringLiteral("dpi"), std::round(dpi));
        o.insert(QStringLiteral("print_area_in"), QJsonObject{{QStringLiteral("width"), double(spec.pixels.width()) / spec.dpi},
                                                             {QStringLiteral("height"), double(spec.pixels.height()) / spec.dpi}});
        o.insert(QStringLiteral("transparent_background"), info->hasAlpha && spec.transparent);
        o.insert(QStringLiteral("color_space"), QStringLiteral("sRGB"));
        o.insert(QStringLiteral("checks"), QJsonObject{{QStringLiteral("size"), sizeOk},
                                                       {QStringLiteral("dpi"), dpiOk},
                                                       {QStringLiteral("transparency"), transparencyOk}});
        o.insert(QStringLiteral("passed"), passed);
        products.append(o);
    }
    return QJsonObject{{QStringLiteral("products"), products},
                       {QStringLiteral("color_space"), QStringLiteral("sRGB")},
                       {QStringLiteral("checks_passed"), allPassed}};
}

bool checksPassed(const QJsonObject &specs)
{
    const QJsonArray products = specs.value(QStringLiteral("products")).toArray();
    if (products.isEmpty() || !specs.value(QStringLiteral("checks_passed")).toBool())
        return false;
    for (const QJsonValue &v : products)
        if (!v.toObject().value(QStringLiteral("passed")).toBool())
            return false;
    return true;
}

QString fileFor(const QJsonObject &specs, const QString &product)
{
    for (const QJsonValue &v : specs.value(QStringLiteral("products")).toArray())
        if (v.toObject().value(QStringLiteral("product")).toString() == product)
            return v.toObject().value(QStringLiteral("file")).toString();
    return QString();
}

} // namespace podtrends::core::printfiles
