#include "mockuprenderer.h"

#include <QCoreApplication>
#include <QDir>
#include <QImageWriter>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>
#include <QRandomGenerator>
#include <QSaveFile>

#include <cmath>

namespace podtrends::core::mockuprenderer {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Mockups)
};

qreal luma(const QColor &c)
{
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}

/** A fine fabric grain tile (fixed seed: the same for every mockup). */
const QImage &grainTile()
{
    static const QImage tile = [] {
        QImage img(160, 160, QImage::Format_ARGB32_Premultiplied);
        QRandomGenerator rng(42);
        for (int y = 0; y < img.height(); ++y) {
            auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
            for (int x = 0; x < img.width(); ++x) {
                const int a = int(rng.bounded(22));
                const bool dark = ((x + y) % 2 == 0) != (rng.bounded(4) == 0);
                line[x] = dark ? qPremultiply(qRgba(0, 0, 0, a)) : qPremultiply(qRgba(255, 255, 255, a / 2));
            }
        }
        return img;
    }();
    return tile;
}

void studioBackground(QPainter &p, const QColor &top = QColor(0xeeece8), const QColor &bottom = QColor(0xd8d4cd))
{
    QLinearGradient g(0, 0, 0, MockupSize);
    g.setColorAt(0, top);
    g.setColorAt(1, bottom);
    p.fillRect(QRect(0, 0, MockupSize, MockupSize), g);
}

void softShadow(QPainter &p, const QRectF &ellipse, int alpha)
{
    QRadialGradient g(ellipse.center(), ellipse.width() / 2);
    g.setColorAt(0, QColor(0, 0, 0, alpha));
    g.setColorAt(1, QColor(0, 0, 0, 0));
    p.save();
    p.translate(ellipse.center());
    p.scale(1, ellipse.height() / ellipse.width());
    p.translate(-ellipse.center());
    p.setPen(Qt::NoPen);
    p.setBrush(g);
    p.drawEllipse(ellipse.center(), ellipse.width() / 2, ellipse.width() / 2);
    p.restore();
}

/** A soft crease: a wide faint stroke under a narrower darker one. */
void fold(QPainter &p, const QPainterPath &path, int alpha, qreal width)
{
    p.save();
    p.setBrush(Qt::NoBrush);
    for (int i = 0; i < 4; ++i) {
        p.setPen(QPen(QColor(0, 0, 0, alpha / (i + 1)), width * (1 + i * 0.8), Qt::SolidLine, Qt::RoundCap));
        p.drawPath(path);
    }
    p.restore();
}

/** Draws the design on the garment (slightly transparent so the fabric reads through). */
void printOn(QPainter &p, const Artwork &artwork, const QRectF &area, qreal opacity = 0.95)
{
    const QImage art = artwork.render(area.size().toSize());
    p.save();
    p.setOpacity(opacity);
    p.drawImage(area.topLeft(), art);
    p.restore();
}

/** Body shading and grain over garment and print alike, inside the garment's outline. */
void fabricShading(QPainter &p, const QPainterPath &body, qreal left, qreal right, const QColor &garment)
{
    p.save();
    p.setClipPath(body);
    const bool dark = luma(garment) < 0.35;
    QLinearGradient side(left, 0, right, 0);
    side.setColorAt(0.0, QColor(0, 0, 0, dark ? 90 : 60));
    side.setColorAt(0.14, QColor(0, 0, 0, 0));
    side.setColorAt(0.38, QColor(255, 255, 255, dark ? 14 : 26));
    side.setColorAt(0.62, QColor(0, 0, 0, 0));
    side.setColorAt(0.88, QColor(0, 0, 0, 10));
    side.setColorAt(1.0, QColor(0, 0, 0, dark ? 100 : 70));
    p.fillRect(QRectF(left - 200, 0, right - left + 400, MockupSize), side);
    QLinearGradient vertical(0, 150, 0, 1100);
    vertical.setColorAt(0, QColor(255, 255, 255, dark ? 12 : 20));
    vertical.setColorAt(0.75, QColor(0, 0, 0, 0));
    vertical.setColorAt(1, QColor(0, 0, 0, 50));
    p.fillRect(QRect(0, 0, MockupSize, MockupSize), vertical);
    p.fillRect(QRect(0, 0, MockupSize, MockupSize), QBrush(grainTile()));
    p.restore();
}

void shirtOrHoodieOutline(QPainter &p, const QPainterPath &body, const QColor &garment)
{
    QPainterPath shadowPath = body.translated(0, 14);
    p.fillPath(shadowPath, QColor(0, 0, 0, 28));
    p.fillPath(body, garment);
}

QImage tshirt(const Artwork &artwork, const QColor &g)
{
    QImage img(MockupSize, MockupSize, QImage::Format_RGB32);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    studioBackground(p);
    softShadow(p, QRectF(300, 1040, 600, 90), 70);

    QPainterPath body;
    body.moveTo(505, 165);
    body.cubicTo(535, 228, 665, 228, 695, 165);
    body.lineTo(870, 205);
    body.cubicTo(930, 230, 985, 300, 1040, 420);
    body.lineTo(928, 480);
    body.cubicTo(905, 442, 882, 412, 858, 398);
    body.cubicTo(852, 600, 858, 850, 866, 1076);
    body.cubicTo(700, 1094, 500, 1094, 334, 1076);
    body.cubicTo(342, 850, 348, 600, 342, 398);
    body.cubicTo(318, 412, 295, 442, 272, 480);
    body.lineTo(160, 420);
    body.cubicTo(215, 300, 270, 230, 330, 205);
    body.closeSubpath();

    // Inside of the back neck, visible through the collar.
    QPainterPath back;
    back.moveTo(505, 165);
    back.cubicTo(540, 140, 660, 140, 695, 165);
    back.cubicTo(665, 212, 535, 212, 505, 165);
    p.fillPath(back, g.darker(150));
    shirtOrHoodieOutline(p, body, g);

    printOn(p, artwork, QRectF(600 - 190, 285, 380, 456));

    // Creases where a shirt on a hanger folds: under the arms, at the hem, across the chest.
    p.save();
    p.setClipPath(body);
    QPainterPath f1;
    f1.moveTo(345, 420);
    f1.cubicTo(380, 470, 395, 520, 400, 600);
    fold(p, f1, 26, 10);
    QPainterPath f2;
    f2.moveTo(855, 420);
    f2.cubicTo(820, 480, 810, 540, 805, 640);
    fold(p, f2, 26, 10);
    QPainterPath f3;
    f3.moveTo(420, 1060);
    f3.cubicTo(460, 990, 520, 960, 560, 950);
    fold(p, f3, 18, 8);
    QPainterPath f4;
    f4.moveTo(780, 1066);
    f4.cubicTo(740, 1000, 700, 980, 650, 975);
    fold(p, f4, 16, 8);
    p.restore();
    fabricShading(p, body, 335, 865, g);

    // Ribbed collar and sleeve hems.
    QPainterPath neck;
    neck.moveTo(505, 165);
    neck.cubicTo(535, 228, 665, 228, 695, 165);
    p.setPen(QPen(g.darker(118), 20, Qt::SolidLine, Qt::FlatCap));
    p.setBrush(Qt::NoBrush);
    p.drawPath(neck);
    p.setPen(QPen(QColor(0, 0, 0, 40), 2));
    p.drawPath(neck.translated(0, 11));
    p.setPen(QPen(QColor(0, 0, 0, 45), 2));
    p.drawLine(QPointF(178, 428), QPointF(285, 486));
    p.drawLine(QPointF(1022, 428), QPointF(915, 486));
    p.drawLine(QPointF(336, 1060), QPointF(864, 1060));
    return img;
}

QImage hoodie(const Artwork &artwork, const QColor &g)
{
    QImage img(MockupSize, MockupSize, QImage::Format_RGB32);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    studioBackground(p);
    softShadow(p, QRectF(280, 1050, 640, 90), 70);

    QPainterPath hood;
    hood.moveTo(455, 200);
    hood.cubicTo(420, 40, 780, 40, 745, 200);
    hood.closeSubpath();
    p.fillPath(hood, g.darker(112));

    QPainterPath body;
    body.moveTo(470, 185);
    body.cubicTo(530, 255, 670, 255, 730, 185);
    body.lineTo(880, 228);
    body.cubicTo(965, 262, 1005, 390, 1045, 800);
    body.lineTo(1052, 880);
    body.lineTo(962, 892);
    body.lineTo(952, 815);
    body.cubicTo(930, 650, 900, 520, 872, 440);
    body.cubicTo(874, 700, 878, 900, 880, 1010);
    body.lineTo(880, 1090);
    body.lineTo(320, 1090);
    body.lineTo(320, 1010);
    body.cubicTo(322, 900, 326, 700, 328, 440);
    body.cubicTo(300, 520, 270, 650, 248, 815);
    body.lineTo(238, 892);
    body.lineTo(148, 880);
    body.lineTo(155, 800);
    body.cubicTo(195, 390, 235, 262, 320, 228);
    body.closeSubpath();
    shirtOrHoodieOutline(p, body, g);

    printOn(p, artwork, QRectF(600 - 170, 300, 340, 408));

    // Kangaroo pocket, drawstrings, hood opening.
    QPainterPath pocket;
    pocket.moveTo(440, 770);
    pocket.lineTo(760, 770);
    pocket.cubicTo(790, 850, 800, 930, 812, 1008);
    pocket.lineTo(388, 1008);
    pocket.cubicTo(400, 930, 410, 850, 440, 770);
    p.fillPath(pocket, QColor(0, 0, 0, 14));
    p.setPen(QPen(QColor(0, 0, 0, 60), 3, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawPath(pocket);
    p.save();
    p.setClipPath(body);
    QPainterPath f1;
    f1.moveTo(335, 460);
    f1.cubicTo(370, 520, 380, 600, 385, 700);
    fold(p, f1, 24, 12);
    QPainterPath f2;
    f2.moveTo(865, 460);
    f2.cubicTo(830, 520, 820, 600, 815, 700);
    fold(p, f2, 24, 12);
    QPainterPath f3;
    f3.moveTo(190, 700);
    f3.cubicTo(210, 760, 220, 800, 240, 860);
    fold(p, f3, 22, 10);
    QPainterPath f4;
    f4.moveTo(1010, 700);
    f4.cubicTo(990, 760, 980, 800, 960, 860);
    fold(p, f4, 22, 10);
    p.restore();
    fabricShading(p, body, 325, 875, g);

    QPainterPath opening;
    opening.moveTo(470, 185);
    opening.cubicTo(530, 255, 670, 255, 730, 185);
    p.setPen(QPen(g.darker(125), 26, Qt::SolidLine, Qt::FlatCap));
    p.drawPath(opening);
    p.setPen(QPen(QColor(0, 0, 0, 70), 3));
    p.drawPath(opening.translated(0, 13));
    const QColor cord = luma(g) < 0.4 ? QColor(0xe8e4dc) : g.darker(140);
    p.setPen(QPen(cord, 7, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(560, 245), QPointF(548, 420));
    p.drawLine(QPointF(640, 245), QPointF(652, 400));
    p.setPen(QPen(cord.darker(130), 9, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(548, 420), QPointF(547, 440));
    p.drawLine(QPointF(652, 400), QPointF(653, 420));
    // Ribbed waistband and cuffs.
    p.fillRect(QRectF(320, 1040, 560, 50), QColor(0, 0, 0, 30));
    p.setPen(QPen(QColor(0, 0, 0, 26), 2));
    for (int x = 326; x < 880; x += 9)
        p.drawLine(QPointF(x, 1044), QPointF(x, 1088));
    return img;
}

QImage mug(const Artwork &artwork, bool darkMug)
{
    QImage img(MockupSize, MockupSize, QImage::Format_RGB32);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    studioBackground(p, QColor(0xf1efeb), QColor(0xdcd7cf));
    softShadow(p, QRectF(280, 860, 720, 110), 90);

    const QColor ceramic = darkMug ? QColor(0x232325) : QColor(0xf7f6f3);
    const qreal left = 330, right = 830, top = 300, bottom = 900, rx = 250, ry = 42;
    const qreal cx = (left + right) / 2;
    // Handle.
    QPainterPath handle;
    handle.addEllipse(QPointF(right + 10, 600), 135, 175);
    QPainterPath hole;
    hole.addEllipse(QPointF(right + 10, 600), 80, 118);
    QPainterPath handleShape = handle.subtracted(hole);
    QPainterPath keep;
    keep.addRect(QRectF(right - 20, 0, 400, MockupSize));
    handleShape = handleShape.intersected(keep);
    p.fillPath(handleShape, ceramic);
    QLinearGradient hg(right, 0, right + 150, 0);
    hg.setColorAt(0, QColor(0, 0, 0, 60));
    hg.setColorAt(0.5, QColor(255, 255, 255, 30));
    hg.setColorAt(1, QColor(0, 0, 0, 80));
    p.fillPath(handleShape, hg);

    QPainterPath body;
    body.moveTo(left, top);
    body.lineTo(left, bottom - ry);
    body.arcTo(QRectF(left, bottom - 2 * ry, 2 * rx, 2 * ry), 180, 180);
    body.lineTo(right, top);
    body.closeSubpath();
    p.fillPath(body, ceramic);

    // The design wrapped around the cylinder: each output column samples the arc length.
    const int artH = 400;
    const QImage art = artwork.render(QSize(artH * 5 / 6, artH));
    const qreal artTop = (top + bottom) / 2 - artH / 2 + 10;
    p.save();
    p.setClipPath(body);
    const qreal R = rx;
    for (int x = int(-R) + 1; x < int(R) - 1; x += 2) {
        const qreal a0 = std::asin(std::clamp(x / R, -1.0, 1.0)) * R;
        const qreal a1 = std::asin(std::clamp((x + 2) / R, -1.0, 1.0)) * R;
        const qreal sx = art.width() / 2.0 + a0;
        if (sx + (a1 - a0) < 0 || sx > art.width())
            continue;
        p.drawImage(QRectF(cx + x, artTop, 2.2, artH), art, QRectF(sx, 0, a1 - a0, artH));
    }
    // Cylinder lighting over mug and print alike, then a glossy highlight.
    QLinearGradient light(left, 0, right, 0);
    light.setColorAt(0.0, QColor(0, 0, 0, darkMug ? 120 : 70));
    light.setColorAt(0.22, QColor(0, 0, 0, 0));
    light.setColorAt(0.3, QColor(255, 255, 255, darkMug ? 40 : 80));
    light.setColorAt(0.36, QColor(255, 255, 255, 0));
    light.setColorAt(0.75, QColor(0, 0, 0, 10));
    light.setColorAt(1.0, QColor(0, 0, 0, darkMug ? 140 : 90));
    p.fillRect(QRectF(left, 0, right - left, MockupSize), light);
    p.restore();

    // Rim: the inside of the mug, then the lip.
    p.setPen(Qt::NoPen);
    p.setBrush(ceramic.darker(darkMug ? 110 : 106));
    p.drawEllipse(QRectF(left, top - ry, 2 * rx, 2 * ry));
    QRadialGradient inside(QPointF(cx, top + 6), rx);
    inside.setColorAt(0, QColor(0, 0, 0, darkMug ? 120 : 55));
    inside.setColorAt(1, QColor(0, 0, 0, 10));
    p.setBrush(inside);
    p.drawEllipse(QRectF(left + 14, top - ry + 8, 2 * rx - 28, 2 * ry - 14));
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(255, 255, 255, darkMug ? 50 : 140), 3));
    p.drawEllipse(QRectF(left + 2, top - ry + 1, 2 * rx - 4, 2 * ry - 2));
    return img;
}

QImage poster(const Artwork &artwork, const DesignBrief &brief)
{
    QImage img(MockupSize, MockupSize, QImage::Format_RGB32);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    studioBackground(p, QColor(0xefe9df), QColor(0xe2dbcf));
    // A skirting floor line gives the wall depth.
    p.fillRect(QRect(0, 1100, MockupSize, 100), QColor(0xb99d7d));
    p.fillRect(QRect(0, 1094, MockupSize, 8), QColor(0xf4f1ea));

    const QRectF frame(600 - 330, 90, 660, 880);
    for (int i = 12; i > 0; --i)
        p.fillRect(frame.adjusted(-i + 8, -i + 14, i + 8, i + 24), QColor(0, 0, 0, 5));
    p.fillRect(frame, QColor(0x1d1d1f));
    const QRectF mat = frame.adjusted(20, 20, -20, -20);
    p.fillRect(mat, QColor(0xfbfaf7));
    const QRectF print = mat.adjusted(46, 46, -46, -46);
    p.fillRect(print, brief.palette.garment);
    const QImage art = artwork.render(QSize(int(print.width() * 0.84), int(print.height() * 0.84)));
    p.drawImage(QPointF(print.center().x() - art.width() / 2.0, print.center().y() - art.height() / 2.0), art);
    // Paper grain and the glass's reflection.
    p.save();
    p.setClipRect(print);
    p.fillRect(print, QBrush(grainTile()));
    p.restore();
    QLinearGradient glass(frame.topLeft(), frame.bottomRight());
    glass.setColorAt(0, QColor(255, 255, 255, 40));
    glass.setColorAt(0.35, QColor(255, 255, 255, 0));
    glass.setColorAt(0.6, QColor(255, 255, 255, 18));
    glass.setColorAt(0.7, QColor(255, 255, 255, 0));
    p.fillRect(mat, glass);
    p.setPen(QPen(QColor(0, 0, 0, 40), 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(print);
    return img;
}

QImage tote(const Artwork &artwork, bool darkBag)
{
    QImage img(MockupSize, MockupSize, QImage::Format_RGB32);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    studioBackground(p);
    softShadow(p, QRectF(300, 1060, 600, 80), 70);
    const QColor canvas = darkBag ? QColor(0x1f1f21) : QColor(0xe9dfc8);

    // Straps behind the bag.
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(canvas.darker(112), 40, Qt::SolidLine, Qt::FlatCap));
    QPainterPath strap1;
    strap1.moveTo(430, 430);
    strap1.cubicTo(420, 120, 560, 110, 555, 430);
    QPainterPath strap2;
    strap2.moveTo(645, 430);
    strap2.cubicTo(640, 110, 780, 120, 770, 430);
    p.drawPath(strap1);
    p.drawPath(strap2);

    QPainterPath bag;
    bag.moveTo(320, 410);
    bag.lineTo(880, 410);
    bag.lineTo(900, 1070);
    bag.lineTo(300, 1070);
    bag.closeSubpath();
    p.setPen(Qt::NoPen);
    p.fillPath(bag.translated(0, 10), QColor(0, 0, 0, 30));
    p.fillPath(bag, canvas);
    printOn(p, artwork, QRectF(600 - 215, 500, 430, 516), 0.93);
    fabricShading(p, bag, 300, 900, canvas);
    p.save();
    p.setClipPath(bag);
    // Canvas weave: faint cross lines.
    p.setPen(QPen(QColor(0, 0, 0, 10), 1));
    for (int y = 410; y < 1070; y += 4)
        p.drawLine(QPointF(300, y), QPointF(900, y));
    p.setPen(QPen(QColor(255, 255, 255, 8), 1));
    for (int x = 300; x < 900; x += 4)
        p.drawLine(QPointF(x, 410), QPointF(x, 1070));
    QPainterPath crease;
    crease.moveTo(340, 1040);
    crease.cubicTo(420, 900, 430, 700, 410, 440);
    fold(p, crease, 16, 10);
    p.restore();
    // Hem stitching.
    p.setPen(QPen(canvas.darker(140), 3, Qt::DashLine));
    p.drawLine(QPointF(322, 440), QPointF(878, 440));
    return img;
}

} // namespace

QList<MockupSpec> garmentColors()
{
    return {
        {QStringLiteral("tshirt"), QStringLiteral("black"), QColor(0x1c1c1e)},
        {QStringLiteral("tshirt"), QStringLiteral("navy"), QColor(0x1f2a44)},
        {QStringLiteral("tshirt"), QStringLiteral("forest"), QColor(0x2d4535)},
        {QStringLiteral("tshirt"), QStringLiteral("maroon"), QColor(0x5a1f2b)},
        {QStringLiteral("tshirt"), QStringLiteral("heather-grey"), QColor(0xa9acaf)},
        {QStringLiteral("tshirt"), QStringLiteral("sand"), QColor(0xe5d6bb)},
        {QStringLiteral("tshirt"), QStringLiteral("white"), QColor(0xf5f5f3)},
    };
}

QList<MockupSpec> standardSet(const DesignBrief &brief)
{
    const QColor garment = brief.palette.garment;
    const bool darkDesignGarment = luma(garment) < 0.5;
    // The shirt wears the palette's own garment colour; the hoodie the nearest stock colour of
    // the same lightness that differs from it, so a design is shown in two colours.
    QList<MockupSpec> sameSide;
    for (const MockupSpec &c : garmentColors())
        if ((luma(c.color) < 0.5) == darkDesignGarment)
            sameSide << c;
    auto distance = [](const QColor &a, const QColor &b) {
        return std::abs(a.redF() - b.redF()) + std::abs(a.greenF() - b.greenF()) + std::abs(a.blueF() - b.blueF());
    };
    std::sort(sameSide.begin(), sameSide.end(), [&](const MockupSpec &a, const MockupSpec &b) {
        return distance(a.color, garment) < distance(b.color, garment);
    });
    MockupSpec shirt{QStringLiteral("tshirt"), QStringLiteral("custom"), garment};
    if (!sameSide.isEmpty() && distance(sameSide.first().color, garment) < 0.12)
        shirt.colorName = sameSide.first().colorName;
    else
        shirt.colorName = garment.name().mid(1);
    MockupSpec hoodieSpec = sameSide.size() > 1 ? sameSide.at(1) : sameSide.value(0);
    if (hoodieSpec.colorName == shirt.colorName && sameSide.size() > 2)
        hoodieSpec = sameSide.at(2);
    hoodieSpec.product = QStringLiteral("hoodie");
    const QString mugColor = darkDesignGarment ? QStringLiteral("black") : QStringLiteral("white");
    const QString toteColor = darkDesignGarment ? QStringLiteral("black") : QStringLiteral("natural");
    return {shirt, hoodieSpec, {QStringLiteral("mug"), mugColor, darkDesignGarment ? QColor(0x232325) : QColor(0xf7f6f3)},
            {QStringLiteral("poster"), garment.name().mid(1), garment},
            {QStringLiteral("tote"), toteColor, darkDesignGarment ? QColor(0x1f1f21) : QColor(0xe9dfc8)}};
}

QImage render(const Artwork &artwork, const MockupSpec &spec)
{
    if (spec.product == QLatin1String("hoodie"))
        return hoodie(artwork, spec.color);
    if (spec.product == QLatin1String("mug"))
        return mug(artwork, luma(spec.color) < 0.5);
    if (spec.product == QLatin1String("poster"))
        return poster(artwork, artwork.brief());
    if (spec.product == QLatin1String("tote"))
        return tote(artwork, luma(spec.color) < 0.5);
    return tshirt(artwork, spec.color);
}

Result<QStringList> writeStandardSet(const Artwork &artwork, const QString &dir, int jpegQuality)
{
    if (!QDir().mkpath(dir))
        return Result<QStringList>::failure(Tr::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(dir)));
    QStringList paths;
    for (const MockupSpec &spec : standardSet(artwork.brief())) {
        const QString path = QDir(dir).filePath(QStringLiteral("mockup-%1-%2.jpg").arg(spec.product, spec.colorName));
        const QImage image = render(artwork, spec);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return Result<QStringList>::failure(Tr::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        QImageWriter writer(&file, "jpeg");
        writer.setQuality(jpegQuality);
        if (!writer.write(image) || !file.commit())
            return Result<QStringList>::failure(Tr::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), writer.errorString()));
        paths << path;
    }
    return paths;
}

} // namespace podtrends::core::mockuprenderer
