#include "motifs.h"

#include <QPainterPathStroker>
#include <QPolygonF>

#include <cmath>

namespace podtrends::core {

QPainterPath starPath(QPointF c, qreal r)
{
    QPolygonF poly;
    for (int i = 0; i < 10; ++i) {
        const qreal radius = (i % 2 == 0) ? r : r * 0.42;
        const qreal a = -M_PI / 2 + i * M_PI / 5;
        poly << QPointF(c.x() + radius * std::cos(a), c.y() + radius * std::sin(a));
    }
    QPainterPath p;
    p.addPolygon(poly);
    p.closeSubpath();
    return p;
}

static QPainterPath stroked(const QPainterPath &path, qreal width)
{
    QPainterPathStroker s;
    s.setWidth(width);
    s.setCapStyle(Qt::RoundCap);
    s.setJoinStyle(Qt::RoundJoin);
    return s.createStroke(path);
}

static Motif mountains()
{
    Motif m;
    QPainterPath back;
    back.addPolygon(QPolygonF{QPointF(30, 88), QPointF(68, 22), QPointF(100, 78), QPointF(100, 88)});
    back.closeSubpath();
    QPainterPath front;
    front.addPolygon(QPolygonF{QPointF(0, 88), QPointF(0, 80), QPointF(36, 14), QPointF(72, 88)});
    front.closeSubpath();
    m.main = back.united(front);
    QPainterPath snow;
    snow.addPolygon(QPolygonF{QPointF(36, 14), QPointF(47.5, 35), QPointF(41, 31), QPointF(36, 38), QPointF(30, 30), QPointF(25.5, 33.5)});
    snow.closeSubpath();
    QPainterPath snow2;
    snow2.addPolygon(QPolygonF{QPointF(68, 22), QPointF(77, 37.5), QPointF(72, 35), QPointF(67, 40), QPointF(63, 33), QPointF(61, 34)});
    snow2.closeSubpath();
    m.detail = snow.united(snow2);
    // Pine trees at the foot of the range.
    for (int i = 0; i < 3; ++i) {
        const qreal x = 8 + i * 9, base = 100, h = 22 - i * 3;
        QPainterPath t;
        t.addPolygon(QPolygonF{QPointF(x, base - h), QPointF(x + 5, base - 2), QPointF(x - 5, base - 2)});
        t.closeSubpath();
        t.addRect(QRectF(x - 1, base - 3, 2, 3));
        m.accent = m.accent.united(t);
    }
    return m;
}

static Motif sun()
{
    Motif m;
    m.main.addEllipse(QPointF(50, 50), 26, 26);
    for (int i = 0; i < 12; ++i) {
        const qreal a = i * M_PI / 6;
        QPainterPath ray;
        ray.moveTo(50 + 32 * std::cos(a), 50 + 32 * std::sin(a));
        ray.lineTo(50 + 46 * std::cos(a), 50 + 46 * std::sin(a));
        m.detail = m.detail.united(stroked(ray, 5));
    }
    return m;
}

static Motif waves()
{
    Motif m;
    for (int row = 0; row < 3; ++row) {
        QPainterPath w;
        const qreal y = 38 + row * 20;
        w.moveTo(0, y);
        for (int k = 0; k < 4; ++k)
            w.cubicTo(8 + k * 25, y - 12, 17 + k * 25, y + 12, 25 + k * 25, y);
        (row == 1 ? m.detail : m.main) = (row == 1 ? m.detail : m.main).united(stroked(w, 8));
    }
    QPainterPath sunDisc;
    sunDisc.addEllipse(QPointF(72, 16), 12, 12);
    m.detail = m.detail.united(sunDisc);
    return m;
}

static Motif paw()
{
    Motif m;
    QPainterPath pad;
    pad.moveTo(50, 52);
    pad.cubicTo(70, 52, 82, 72, 76, 84);
    pad.cubicTo(70, 96, 58, 88, 50, 88);
    pad.cubicTo(42, 88, 30, 96, 24, 84);
    pad.cubicTo(18, 72, 30, 52, 50, 52);
    m.main = pad;
    const QPointF toes[] = {QPointF(22, 44), QPointF(38, 26), QPointF(62, 26), QPointF(78, 44)};
    for (const QPointF &t : toes) {
        QPainterPath toe;
        toe.addEllipse(t, 10, 13);
        m.main = m.main.united(toe);
    }
    QPainterPath heart;
    heart.moveTo(50, 80);
    heart.cubicTo(36, 70, 40, 60, 46, 62);
    heart.cubicTo(49, 63, 50, 66, 50, 66);
    heart.cubicTo(50, 66, 51, 63, 54, 62);
    heart.cubicTo(60, 60, 64, 70, 50, 80);
    m.detail = heart;
    return m;
}

static Motif heart()
{
    Motif m;
    m.main.moveTo(50, 90);
    m.main.cubicTo(10, 62, 4, 40, 14, 24);
    m.main.cubicTo(26, 6, 46, 14, 50, 30);
    m.main.cubicTo(54, 14, 74, 6, 86, 24);
    m.main.cubicTo(96, 40, 90, 62, 50, 90);
    QPainterPath shine;
    shine.moveTo(22, 36);
    shine.cubicTo(22, 28, 28, 22, 34, 22);
    m.detail = stroked(shine, 5);
    return m;
}

static Motif cup()
{
    Motif m;
    QPainterPath body;
    body.moveTo(18, 42);
    body.lineTo(72, 42);
    body.cubicTo(72, 70, 64, 90, 45, 90);
    body.cubicTo(26, 90, 18, 70, 18, 42);
    QPainterPath handle;
    handle.addEllipse(QPointF(74, 58), 12, 11);
    QPainterPath hole;
    hole.addEllipse(QPointF(74, 58), 6, 5);
    m.main = body.united(handle.subtracted(hole));
    QPainterPath saucer;
    saucer.addRoundedRect(QRectF(8, 91, 78, 6), 3, 3);
    m.main = m.main.united(saucer);
    for (int i = 0; i < 3; ++i) {
        QPainterPath steam;
        const qreal x = 32 + i * 13;
        steam.moveTo(x, 36);
        steam.cubicTo(x - 7, 28, x + 7, 20, x, 8);
        m.detail = m.detail.united(stroked(steam, 4.5));
    }
    return m;
}

static Motif tree()
{
    Motif m;
    for (int i = 0; i < 3; ++i) {
        QPainterPath tier;
        const qreal top = 8 + i * 22, w = 22 + i * 12;
        tier.addPolygon(QPolygonF{QPointF(50, top), QPointF(50 + w, top + 34), QPointF(50 - w, top + 34)});
        tier.closeSubpath();
        m.main = m.main.united(tier);
    }
    m.main.addRect(QRectF(44, 76, 12, 18));
    m.detail = starPath(QPointF(50, 8), 9);
    return m;
}

static Motif moon()
{
    Motif m;
    QPainterPath disc;
    disc.addEllipse(QPointF(46, 52), 38, 38);
    QPainterPath cut;
    cut.addEllipse(QPointF(64, 40), 32, 32);
    m.main = disc.subtracted(cut);
    m.detail = starPath(QPointF(78, 72), 9).united(starPath(QPointF(88, 20), 6)).united(starPath(QPointF(60, 90), 4));
    return m;
}

static Motif bolt()
{
    Motif m;
    m.main.addPolygon(QPolygonF{QPointF(58, 4), QPointF(22, 56), QPointF(46, 56), QPointF(36, 96), QPointF(78, 38), QPointF(54, 38), QPointF(66, 4)});
    m.main.closeSubpath();
    m.detail = starPath(QPointF(18, 20), 7).united(starPath(QPointF(84, 76), 6));
    return m;
}

static Motif star()
{
    Motif m;
    m.main = starPath(QPointF(50, 54), 44);
    m.detail = starPath(QPointF(12, 14), 8).united(starPath(QPointF(88, 18), 6));
    return m;
}

Motif motifNamed(const QString &name)
{
    if (name == QLatin1String("mountains"))
        return mountains();
    if (name == QLatin1String("sun"))
        return sun();
    if (name == QLatin1String("waves"))
        return waves();
    if (name == QLatin1String("paw"))
        return paw();
    if (name == QLatin1String("heart"))
        return heart();
    if (name == QLatin1String("cup"))
        return cup();
    if (name == QLatin1String("tree"))
        return tree();
    if (name == QLatin1String("moon"))
        return moon();
    if (name == QLatin1String("bolt"))
        return bolt();
    return star();
}

} // namespace podtrends::core
