#include "builtinrenderer.h"

#include <core/design/designresources.h>
#include <core/design/motifs.h>

#include <QFontMetricsF>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QRandomGenerator>

#include <cmath>

namespace podtrends::core::builtinrenderer {

namespace {

qreal luma(const QColor &c)
{
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}

/** Palette colours that stand out on the garment, in palette order (at least two). */
QList<QColor> inks(const DesignBrief &b)
{
    QList<QColor> out;
    const qreal g = luma(b.palette.garment);
    for (const QColor &c : b.palette.colors)
        if (std::abs(luma(c) - g) >= 0.28)
            out << c;
    if (std::abs(luma(b.palette.ink) - g) >= 0.28 && !out.contains(b.palette.ink))
        out.prepend(b.palette.ink);
    const QColor fallback = g < 0.5 ? QColor(0xf5f1e6) : QColor(0x1c1c1c);
    while (out.size() < 3)
        out << (out.isEmpty() ? fallback : out.first());
    return out;
}

/** The palette colour closest to the garment (for shadows and silhouettes that sit back). */
QColor deepest(const DesignBrief &b)
{
    QColor best = b.palette.colors.last();
    qreal bestDiff = 10;
    const qreal g = luma(b.palette.garment);
    for (const QColor &c : b.palette.colors) {
        const qreal d = std::abs(luma(c) - g);
        if (d >= 0.08 && d < bestDiff) {
            bestDiff = d;
            best = c;
        }
    }
    return best;
}

QFont designFont(DesignFont which, qreal letterSpacing = 0)
{
    QFont f(designresources::fontFamily(which));
    // The weight picks our bundled cut even where the system has other weights of the family.
    switch (which) {
    case DesignFont::Condensed:
    case DesignFont::Slab:
        f.setWeight(QFont::Bold);
        break;
    case DesignFont::Geometric:
        f.setWeight(QFont::Black);
        break;
    case DesignFont::Script:
        f.setWeight(QFont::Normal);
        break;
    }
    f.setPixelSize(100);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setStyleStrategy(QFont::ForceOutline);
    if (letterSpacing != 0)
        f.setLetterSpacing(QFont::AbsoluteSpacing, letterSpacing);
    return f;
}

QPainterPath textPath(const QString &text, const QFont &font)
{
    QPainterPath p;
    p.addText(0, 0, font, text);
    return p;
}

/** Scales the path uniformly to fit the box (centred); returns the placed path. */
QPainterPath fitted(const QPainterPath &path, const QRectF &box, Qt::Alignment align = Qt::AlignCenter)
{
    const QRectF br = path.boundingRect();
    if (br.isEmpty())
        return path;
    const qreal k = std::min(box.width() / br.width(), box.height() / br.height());
    const qreal w = br.width() * k, h = br.height() * k;
    qreal x = box.center().x() - w / 2;
    qreal y = box.center().y() - h / 2;
    if (align & Qt::AlignBottom)
        y = box.bottom() - h;
    if (align & Qt::AlignTop)
        y = box.top();
    QTransform t;
    t.translate(x, y);
    t.scale(k, k);
    t.translate(-br.left(), -br.top());
    return t.map(path);
}

QPainterPath motifPath(const QPainterPath &path, const QRectF &box)
{
    QTransform t;
    t.translate(box.left(), box.top());
    t.scale(box.width() / 100.0, box.height() / 100.0);
    return t.map(path);
}

void fillWithShadow(QPainter &p, const QPainterPath &path, const QColor &fill, const QColor &shadow, QPointF offset)
{
    p.fillPath(path.translated(offset), shadow);
    p.fillPath(path, fill);
}

void strokeThenFill(QPainter &p, const QPainterPath &path, const QColor &fill, const QColor &outline, qreal width)
{
    QPainterPathStroker s;
    s.setWidth(width);
    s.setJoinStyle(Qt::RoundJoin);
    p.fillPath(s.createStroke(path).united(path), outline);
    p.fillPath(path, fill);
}

/** Text along a circle around c: on top reading clockwise, or at the bottom reading left to right. */
void arcText(QPainter &p, const QString &text, QPointF c, qreal radius, qreal capHeight, const QColor &color, bool top,
             DesignFont font = DesignFont::Geometric)
{
    const QFont f = designFont(font, 12);
    QFontMetricsF fm(f);
    const qreal k = capHeight / fm.capHeight();
    qreal total = 0;
    QList<qreal> advances;
    for (const QChar ch : text) {
        advances << fm.horizontalAdvance(ch) * k;
        total += advances.last();
    }
    const qreal totalAngle = total / radius;
    qreal angle = top ? -M_PI / 2 - totalAngle / 2 : M_PI / 2 + totalAngle / 2;
    for (int i = 0; i < text.size(); ++i) {
        const qreal half = advances.at(i) / 2 / radius;
        angle += top ? half : -half;
        QPainterPath glyph = textPath(text.at(i), f);
        const QRectF gb = glyph.boundingRect();
        QTransform t;
        t.translate(c.x() + radius * std::cos(angle), c.y() + radius * std::sin(angle));
        t.rotateRadians(top ? angle + M_PI / 2 : angle - M_PI / 2);
        t.scale(k, k);
        // Centre the glyph horizontally on its slot and vertically on the arc.
        t.translate(-(gb.left() + gb.width() / 2), top ? fm.capHeight() / 2 : fm.capHeight() / 2);
        p.fillPath(t.map(glyph), color);
        angle += top ? half : -half;
    }
}

/** The line of the slogan that carries the subject (the longest word count wins ties). */
int heroLine(const QStringList &lines, const DesignBrief &b)
{
    const QString subject = b.niche.toUpper();
    int best = lines.size() - 1;
    int bestLen = -1;
    for (int i = 0; i < lines.size(); ++i) {
        const QString l = lines.at(i).toUpper();
        const int score = (subject.contains(l) || l.contains(subject.section(QLatin1Char(' '), -1))) ? 1000 + l.size() : l.size();
        if (score > bestLen) {
            bestLen = score;
            best = i;
        }
    }
    return best;
}

void paintTypographic(QPainter &p, const DesignBrief &b)
{
    const QList<QColor> ink = inks(b);
    const QColor shadow = deepest(b);
    const QStringList lines = b.slogan.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const int hero = heroLine(lines, b);
    struct Placed
    {
        QPainterPath path;
        QColor color;
        bool script;
        bool hero;
    };
    QList<Placed> placed;
    qreal totalHeight = 0;
    const qreal gap = 26;
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i);
        const bool isHero = i == hero;
        const bool script = !isHero && line.size() <= 6;
        const QFont f = script ? designFont(DesignFont::Script) : designFont(isHero ? DesignFont::Condensed : DesignFont::Geometric, isHero ? 4 : 6);
        const qreal maxH = isHero ? 330 : (script ? 130 : 118);
        const qreal maxW = script ? 520 : 860;
        QPainterPath path = fitted(textPath(script ? line.toLower() : line, f), QRectF(0, 0, maxW, maxH));
        const QColor color = isHero ? ink.at(0) : (script ? ink.at(std::min<qsizetype>(2, ink.size() - 1)) : ink.at(1 % ink.size()));
        placed.append({path, color, script, isHero});
        totalHeight += path.boundingRect().height() + gap;
    }
    const qreal motifSize = 150, taglineH = 34;
    totalHeight += motifSize + 40 + taglineH + 30;
    qreal y = (builtinrenderer::UnitHeight - totalHeight) / 2;

    const Motif motif = motifNamed(b.motif);
    const QRectF motifBox(500 - motifSize / 2, y, motifSize, motifSize);
    p.fillPath(motifPath(motif.main.united(motif.accent), motifBox), ink.at(1 % ink.size()));
    p.fillPath(motifPath(motif.detail, motifBox), ink.at(0));
    // Flanking stars beside the motif.
    p.fillPath(starPath(QPointF(500 - motifSize, y + motifSize / 2), 22), ink.at(0));
    p.fillPath(starPath(QPointF(500 + motifSize, y + motifSize / 2), 22), ink.at(0));
    y += motifSize + 40;

    for (const Placed &pl : std::as_const(placed)) {
        const QRectF br = pl.path.boundingRect();
        QPainterPath path = pl.path.translated(500 - br.center().x(), y - br.top());
        if (pl.script) {
            QTransform rot;
            rot.translate(500, y + br.height() / 2);
            rot.rotate(-5);
            rot.translate(-500, -(y + br.height() / 2));
            path = rot.map(path);
        }
        if (pl.hero)
            fillWithShadow(p, path, pl.color, shadow, QPointF(12, 12));
        else
            p.fillPath(path, pl.color);
        y += br.height() + gap;
    }
    // Tagline between two rules.
    QPainterPath tag = fitted(textPath(b.tagline, designFont(DesignFont::Geometric, 14)), QRectF(0, 0, 420, taglineH));
    const QRectF tb = tag.boundingRect();
    tag.translate(500 - tb.center().x(), y + 10 - tb.top());
    p.fillPath(tag, ink.at(1 % ink.size()));
    const qreal ruleY = y + 10 + tb.height() / 2;
    p.fillRect(QRectF(500 - tb.width() / 2 - 190, ruleY - 3, 160, 6), ink.at(0));
    p.fillRect(QRectF(500 + tb.width() / 2 + 30, ruleY - 3, 160, 6), ink.at(0));
}

void paintBadge(QPainter &p, const DesignBrief &b)
{
    const QList<QColor> ink = inks(b);
    const QPointF c(500, 560);
    QPainterPath outer;
    outer.addEllipse(c, 450, 450);
    QPainterPath ring;
    ring.addEllipse(c, 430, 430);
    QPainterPath ringInner;
    ringInner.addEllipse(c, 322, 322);
    p.fillPath(outer.subtracted(ring), ink.at(0));
    QPainterPath thin;
    thin.addEllipse(c, 312, 312);
    QPainterPath thinIn;
    thinIn.addEllipse(c, 302, 302);
    p.fillPath(thin.subtracted(thinIn), ink.at(0));

    // Inner disc: a sky in the palette's mid tone with the motif in front.
    QPainterPath disc;
    disc.addEllipse(c, 290, 290);
    p.fillPath(disc, b.palette.colors.at(2 % b.palette.colors.size()));
    p.save();
    p.setClipPath(disc);
    QPainterPath sunDisc;
    sunDisc.addEllipse(QPointF(500, 470), 120, 120);
    p.fillPath(sunDisc, b.palette.colors.at(0));
    const Motif motif = motifNamed(b.motif);
    const QRectF motifBox(290, 330, 420, 420);
    p.fillPath(motifPath(motif.main.united(motif.accent), motifBox), deepest(b).darker(130));
    p.fillPath(motifPath(motif.detail, motifBox), b.palette.colors.at(0));
    p.restore();

    const QString niche = b.niche.toUpper();
    arcText(p, niche.size() > 26 ? niche.left(26) : niche, c, 376, 58, ink.at(1 % ink.size()), true);
    arcText(p, b.tagline, c, 376, 50, ink.at(1 % ink.size()), false);
    p.fillPath(starPath(QPointF(c.x() - 376, c.y()), 24), ink.at(0));
    p.fillPath(starPath(QPointF(c.x() + 376, c.y()), 24), ink.at(0));

    // Ribbon banner across the emblem with the whole slogan (two lines when it is long).
    const QStringList lines = b.slogan.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString joined = lines.join(QLatin1Char(' '));
    const bool twoLines = joined.size() > 14 && lines.size() > 1;
    const QRectF band(90, 690, 820, twoLines ? 210 : 170);
    const QColor ribbon = ink.size() > 2 ? ink.at(2) : ink.at(0);
    QPainterPath tails;
    const qreal tTop = band.top() + 40, tBottom = band.bottom() + 40, tMid = (tTop + tBottom) / 2;
    tails.addPolygon(QPolygonF{QPointF(20, tTop), QPointF(130, tTop), QPointF(130, tBottom), QPointF(20, tBottom), QPointF(70, tMid)});
    tails.addPolygon(QPolygonF{QPointF(980, tTop), QPointF(870, tTop), QPointF(870, tBottom), QPointF(980, tBottom), QPointF(930, tMid)});
    p.fillPath(tails, ribbon.darker(140));
    QPainterPath bandPath;
    bandPath.addRect(band);
    p.fillPath(bandPath, ribbon);
    const QColor bandText = luma(ribbon) > 0.5 ? QColor(0x1c1c1c) : QColor(0xfaf6ee);
    if (twoLines) {
        const QString first = lines.first();
        const QString rest = lines.mid(1).join(QLatin1Char(' '));
        p.fillPath(fitted(textPath(first, designFont(DesignFont::Condensed, 6)), QRectF(band.left() + 40, band.top() + 16, band.width() - 80, 110)), bandText);
        p.fillPath(fitted(textPath(rest, designFont(DesignFont::Geometric, 8)), QRectF(band.left() + 60, band.top() + 136, band.width() - 120, 56)), bandText);
    } else {
        p.fillPath(fitted(textPath(joined, designFont(DesignFont::Condensed, 6)), band.adjusted(40, 22, -40, -22)), bandText);
    }
}

void paintRetroSunset(QPainter &p, const DesignBrief &b)
{
    const QList<QColor> ink = inks(b);
    const QList<QColor> &bands = b.palette.colors;
    const QPointF c(500, 700);
    const qreal r = 320, horizon = 720;
    QPainterPath sun;
    sun.addEllipse(c, r, r);
    QPainterPath above;
    above.addRect(QRectF(0, 0, 1000, horizon));
    sun = sun.intersected(above);
    // Cut the classic widening gaps into the lower half of the sun.
    qreal gapY = 560, gapH = 8;
    for (int i = 0; i < 5; ++i) {
        QPainterPath gap;
        gap.addRect(QRectF(0, gapY, 1000, gapH));
        sun = sun.subtracted(gap);
        gapY += gapH + 22;
        gapH += 6;
    }
    p.save();
    p.setClipPath(sun);
    const qreal top = c.y() - r;
    const qreal bandH = (horizon - top) / bands.size();
    for (int i = 0; i < bands.size(); ++i)
        p.fillRect(QRectF(0, top + i * bandH, 1000, bandH + 1), bands.at(i));
    p.restore();

    // Silhouette in front of the sun, then reflection bars under the horizon.
    const Motif motif = motifNamed(b.motif);
    const QColor sil = deepest(b);
    const QRectF motifBox(250, 420, 500, 300);
    QPainterPath silhouette = motifPath(motif.main.united(motif.accent), QRectF(250, 400, 500, 320));
    if (b.motif != QLatin1String("mountains") && b.motif != QLatin1String("waves"))
        silhouette = motifPath(motif.main, QRectF(370, 470, 260, 250));
    p.fillPath(silhouette, sil);
    Q_UNUSED(motifBox)
    for (int i = 0; i < 3; ++i) {
        const qreal w = 560 - i * 150;
        p.fillRect(QRectF(500 - w / 2, horizon + 14 + i * 22, w, 10), bands.at((1 + i) % bands.size()));
    }

    const QStringList lines = b.slogan.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString script = lines.value(0);
    const QString block = lines.mid(1).join(QLatin1Char(' '));
    QPainterPath scriptPath = fitted(textPath(script, designFont(DesignFont::Script)), QRectF(90, 120, 820, 250));
    QTransform tilt;
    tilt.translate(500, 250);
    tilt.rotate(-6);
    tilt.translate(-500, -250);
    scriptPath = tilt.map(scriptPath);
    strokeThenFill(p, scriptPath, ink.at(0), deepest(b).darker(150), 22);
    if (!block.isEmpty())
        fillWithShadow(p, fitted(textPath(block, designFont(DesignFont::Condensed, 10)), QRectF(120, 820, 760, 190)),
                       ink.at(0), bands.at(3 % bands.size()), QPointF(8, 8));
    p.fillPath(fitted(textPath(b.tagline, designFont(DesignFont::Geometric, 16)), QRectF(330, 1040, 340, 40)), ink.at(1 % ink.size()));
}

void paintMinimal(QPainter &p, const DesignBrief &b)
{
    const QColor ink = inks(b).at(0);
    const Motif motif = motifNamed(b.motif);
    QPainterPathStroker s;
    s.setWidth(7);
    s.setJoinStyle(Qt::RoundJoin);
    s.setCapStyle(Qt::RoundCap);
    const QRectF box(330, 180, 340, 340);
    p.fillPath(s.createStroke(motifPath(motif.main, box)), ink);
    p.fillPath(s.createStroke(motifPath(motif.detail, box)), ink);
    // Accents (e.g. small trees) clutter a line drawing: left out here.
    QPainterPath circle;
    circle.addEllipse(QPointF(500, 350), 250, 250);
    QPainterPathStroker thin;
    thin.setWidth(5);
    p.fillPath(thin.createStroke(circle), ink);

    const QStringList lines = b.slogan.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    qreal y = 680;
    for (int i = 0; i < lines.size(); ++i) {
        const bool big = i == lines.size() - 1;
        QPainterPath t = fitted(textPath(lines.at(i).toUpper(), designFont(DesignFont::Condensed, big ? 14 : 24)),
                                QRectF(150, 0, 700, big ? 150 : 72));
        const QRectF br = t.boundingRect();
        t.translate(500 - br.center().x(), y - br.top());
        p.fillPath(t, ink);
        y += br.height() + 28;
    }
    p.fillRect(QRectF(380, y + 6, 240, 5), ink);
    QPainterPath tag = fitted(textPath(b.tagline, designFont(DesignFont::Geometric, 18)), QRectF(370, y + 40, 260, 30));
    p.fillPath(tag, ink);
}

void paintDistressed(QPainter &p, const DesignBrief &b)
{
    const QList<QColor> ink = inks(b);
    const QStringList lines = b.slogan.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const int hero = heroLine(lines, b);
    const QString heading = hero > 0 ? lines.mid(0, hero).join(QLatin1Char(' ')) : b.tagline;
    const QString tail = lines.mid(hero + 1).join(QLatin1Char(' '));
    // Arched heading over the emblem.
    arcText(p, heading.toUpper(), QPointF(500, 760), 560, 92, ink.at(1 % ink.size()), true, DesignFont::Slab);

    QPainterPath disc;
    disc.addEllipse(QPointF(500, 470), 190, 190);
    p.fillPath(disc, ink.at(0));
    const Motif motif = motifNamed(b.motif);
    const QRectF box(360, 330, 280, 280);
    const QColor cut = b.palette.garment;
    p.fillPath(motifPath(motif.main.united(motif.accent), box), cut);
    p.fillPath(motifPath(motif.detail, box), ink.at(2 % ink.size()));

    const QPainterPath heroPath = fitted(textPath(lines.value(hero), designFont(DesignFont::Slab, 4)), QRectF(70, 690, 860, 250));
    fillWithShadow(p, heroPath, ink.at(0), deepest(b), QPointF(10, 10));
    const qreal below = heroPath.boundingRect().bottom() + 30;
    if (!tail.isEmpty()) {
        QPainterPath t = fitted(textPath(tail, designFont(DesignFont::Script)), QRectF(300, below, 400, 130));
        p.fillPath(t, ink.at(2 % ink.size()));
    } else {
        p.fillPath(fitted(textPath(b.tagline, designFont(DesignFont::Geometric, 16)), QRectF(330, below + 20, 340, 44)),
                   ink.at(1 % ink.size()));
    }
}

} // namespace

void paintSloganBlock(QPainter &p, const DesignBrief &b, const QRectF &box)
{
    const QList<QColor> ink = inks(b);
    const QStringList lines = b.slogan.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return;
    const int hero = heroLine(lines, b);
    const qreal unit = box.height() / (lines.size() + 1.5);
    qreal y = box.top();
    for (int i = 0; i < lines.size(); ++i) {
        const bool isHero = i == hero;
        const qreal h = isHero ? unit * 2.3 : unit * 0.9;
        QPainterPath t = fitted(textPath(lines.at(i), designFont(isHero ? DesignFont::Condensed : DesignFont::Geometric, 6)),
                                QRectF(box.left(), y, box.width(), h * 0.9));
        if (isHero)
            fillWithShadow(p, t, ink.at(0), deepest(b), QPointF(8, 8));
        else
            p.fillPath(t, ink.at(1 % ink.size()));
        y += t.boundingRect().height() + unit * 0.2;
    }
}

void distress(QPainter &p, quint32 seed, qreal amount)
{
    if (amount <= 0)
        return;
    QRandomGenerator rng(seed ^ 0x5bd1e995u);
    p.save();
    p.setCompositionMode(QPainter::CompositionMode_DestinationOut);
    p.setPen(Qt::NoPen);
    const int specks = int(2600 * amount);
    for (int i = 0; i < specks; ++i) {
        const qreal x = rng.bounded(1000.0), y = rng.bounded(1200.0);
        const qreal r = 0.6 + std::pow(rng.bounded(1.0), 3) * 7;
        p.setBrush(QColor(0, 0, 0, 120 + rng.bounded(136)));
        p.drawEllipse(QPointF(x, y), r, r * (0.6 + rng.bounded(0.8)));
    }
    // Scratches and worn patches like an old screen print.
    for (int i = 0; i < int(40 * amount); ++i) {
        QPainterPath scratch;
        const QPointF a(rng.bounded(1000.0), rng.bounded(1200.0));
        scratch.moveTo(a);
        scratch.cubicTo(a + QPointF(rng.bounded(120.0) - 60, rng.bounded(80.0)), a + QPointF(rng.bounded(200.0) - 100, rng.bounded(140.0)),
                        a + QPointF(rng.bounded(300.0) - 150, rng.bounded(200.0)));
        QPainterPathStroker s;
        s.setWidth(1 + rng.bounded(3.0));
        s.setCapStyle(Qt::RoundCap);
        p.fillPath(s.createStroke(scratch), QColor(0, 0, 0, 200));
    }
    for (int i = 0; i < int(6 * amount); ++i) {
        const QPointF c(rng.bounded(1000.0), rng.bounded(1200.0));
        QRadialGradient g(c, 60 + rng.bounded(90.0));
        g.setColorAt(0, QColor(0, 0, 0, 110));
        g.setColorAt(1, QColor(0, 0, 0, 0));
        p.setBrush(g);
        p.drawEllipse(c, 150, 150);
    }
    p.restore();
}

void paint(QPainter &p, const DesignBrief &b)
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    if (b.style == designstyle::Badge) {
        paintBadge(p, b);
        distress(p, b.seed, 0.45);
    } else if (b.style == designstyle::RetroSunset) {
        paintRetroSunset(p, b);
        distress(p, b.seed, 0.2);
    } else if (b.style == designstyle::MinimalLine) {
        paintMinimal(p, b);
    } else if (b.style == designstyle::Distressed) {
        paintDistressed(p, b);
        distress(p, b.seed, 1.0);
    } else {
        paintTypographic(p, b);
        distress(p, b.seed, 0.15);
    }
}

} // namespace podtrends::core::builtinrenderer
