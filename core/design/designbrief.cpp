#include "designbrief.h"

#include <QJsonArray>

namespace podtrends::core {

QStringList designstyle::all()
{
    return {Typographic, Badge, RetroSunset, MinimalLine, Distressed};
}

static QJsonArray colorsToJson(const QList<QColor> &colors)
{
    QJsonArray a;
    for (const QColor &c : colors)
        a.append(c.name());
    return a;
}

QString DesignBrief::sloganLine() const
{
    return QString(slogan).replace(QLatin1Char('\n'), QLatin1Char(' ')).simplified();
}

QJsonObject DesignBrief::toMetadata() const
{
    QJsonObject o;
    o.insert(QStringLiteral("variant"), variant);
    o.insert(QStringLiteral("seed"), qint64(seed));
    o.insert(QStringLiteral("niche"), niche);
    o.insert(QStringLiteral("category"), category);
    o.insert(QStringLiteral("audience"), audience);
    o.insert(QStringLiteral("concept"), conceptText);
    o.insert(QStringLiteral("slogan"), slogan);
    o.insert(QStringLiteral("slogan_options"), QJsonArray::fromStringList(sloganOptions));
    o.insert(QStringLiteral("tagline"), tagline);
    o.insert(QStringLiteral("style"), style);
    o.insert(QStringLiteral("elements"), QJsonArray{motif, QStringLiteral("slogan"), QStringLiteral("tagline")});
    o.insert(QStringLiteral("motif"), motif);
    o.insert(QStringLiteral("palette"), palette.name);
    o.insert(QStringLiteral("colors"), colorsToJson(palette.colors));
    o.insert(QStringLiteral("ink"), palette.ink.name());
    o.insert(QStringLiteral("garment"), palette.garment.name());
    o.insert(QStringLiteral("composition"), composition);
    o.insert(QStringLiteral("negative_prompt"), negativePrompt);
    o.insert(QStringLiteral("provider"), provider);
    o.insert(QStringLiteral("source_titles"), QJsonArray::fromStringList(sourceTitles));
    return o;
}

DesignBrief DesignBrief::fromMetadata(const QJsonObject &o)
{
    DesignBrief b;
    b.variant = o.value(QStringLiteral("variant")).toInt();
    b.seed = quint32(o.value(QStringLiteral("seed")).toInteger());
    b.niche = o.value(QStringLiteral("niche")).toString();
    b.category = o.value(QStringLiteral("category")).toString();
    b.audience = o.value(QStringLiteral("audience")).toString();
    b.conceptText = o.value(QStringLiteral("concept")).toString();
    b.slogan = o.value(QStringLiteral("slogan")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("slogan_options")).toArray())
        b.sloganOptions << v.toString();
    b.tagline = o.value(QStringLiteral("tagline")).toString();
    b.style = o.value(QStringLiteral("style")).toString(designstyle::Typographic);
    b.motif = o.value(QStringLiteral("motif")).toString(QStringLiteral("star"));
    b.palette = designresources::paletteNamed(o.value(QStringLiteral("palette")).toString());
    const QJsonArray colors = o.value(QStringLiteral("colors")).toArray();
    if (colors.size() >= 3) {
        b.palette.colors.clear();
        for (const QJsonValue &c : colors)
            b.palette.colors << QColor(c.toString());
    }
    if (o.contains(QStringLiteral("ink")))
        b.palette.ink = QColor(o.value(QStringLiteral("ink")).toString());
    if (o.contains(QStringLiteral("garment")))
        b.palette.garment = QColor(o.value(QStringLiteral("garment")).toString());
    b.composition = o.value(QStringLiteral("composition")).toString();
    b.negativePrompt = o.value(QStringLiteral("negative_prompt")).toString();
    b.provider = o.value(QStringLiteral("provider")).toString(QStringLiteral("builtin"));
    for (const QJsonValue &v : o.value(QStringLiteral("source_titles")).toArray())
        b.sourceTitles << v.toString();
    return b;
}

} // namespace podtrends::core
