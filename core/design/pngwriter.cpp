#include "pngwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>
#include <QtEndian>

#include <array>
#include <cmath>
#include <cstring>

namespace podtrends::core::pngwriter {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PngWriter)
};

const std::array<quint32, 256> &crcTable()
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    return table;
}

quint32 crc(const char *data, qsizetype len, quint32 c = 0xffffffffu)
{
    const auto &t = crcTable();
    for (qsizetype i = 0; i < len; ++i)
        c = t[(c ^ quint8(data[i])) & 0xff] ^ (c >> 8);
    return c;
}

void appendBE(QByteArray &out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

void chunk(QByteArray &out, const char type[4], const char *data, qsizetype len)
{
    appendBE(out, quint32(len));
    const qsizetype start = out.size();
    out.append(type, 4);
    out.append(data, len);
    appendBE(out, crc(out.constData() + start, len + 4) ^ 0xffffffffu);
}

} // namespace

QByteArray encode(const QImage &source, int dpi, int level)
{
    const bool alpha = source.hasAlphaChannel();
    // Qt's converters are SIMD: un-premultiplying into PNG's byte order is cheap next to deflate.
    const QImage img = source.convertToFormat(alpha ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    const int w = img.width(), h = img.height();
    const qsizetype rowBytes = qsizetype(w) * (alpha ? 4 : 3);
    QByteArray raw(h * (rowBytes + 1), Qt::Uninitialized);
    char *dst = raw.data();
    for (int y = 0; y < h; ++y) {
        *dst++ = 0; // filter: None
        std::memcpy(dst, img.constScanLine(y), size_t(rowBytes));
        dst += rowBytes;
    }
    const QByteArray compressed = qCompress(raw, std::clamp(level, 1, 9));
    raw = QByteArray();

    QByteArray out;
    out.reserve(compressed.size() + 1024);
    out.append("\x89PNG\r\n\x1a\n", 8);
    char ihdr[13];
    qToBigEndian(quint32(w), ihdr);
    qToBigEndian(quint32(h), ihdr + 4);
    ihdr[8] = 8;                 // bit depth
    ihdr[9] = alpha ? 6 : 2;     // RGBA or RGB
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    chunk(out, "IHDR", ihdr, 13);
    const char srgb = 0;         // perceptual rendering intent
    chunk(out, "sRGB", &srgb, 1);
    char phys[9];
    const quint32 ppm = quint32(std::lround(dpi / 0.0254));
    qToBigEndian(ppm, phys);
    qToBigEndian(ppm, phys + 4);
    phys[8] = 1;                 // unit: metre
    chunk(out, "pHYs", phys, 9);
    // qCompress prefixes the zlib stream with its 4-byte uncompressed length; PNG wants the stream.
    const char *stream = compressed.constData() + 4;
    const qsizetype streamLen = compressed.size() - 4;
    constexpr qsizetype IdatSize = 1 << 20;
    for (qsizetype off = 0; off < streamLen; off += IdatSize)
        chunk(out, "IDAT", stream + off, std::min(IdatSize, streamLen - off));
    chunk(out, "IEND", nullptr, 0);
    return out;
}

Status write(const QImage &image, const QString &path, int dpi, int level)
{
    const QByteArray bytes = encode(image, dpi, level);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Status::failure(Tr::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return Status::success();
}

} // namespace podtrends::core::pngwriter
