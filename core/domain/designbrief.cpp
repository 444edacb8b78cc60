#include <core/domain/designbrief.h>

#include <core/util/json.h>

#include <QCoreApplication>
#include <QJsonArray>

namespace podtrends::core {


QStringList designstyle::all()
{
    return {Typographic, Badge, RetroSunset, MinimalLine, Distressed};
}

QString designstyle::displayName(const QString &style)
{
    if (style == Typographic)
        return QCoreApplication::translate("DesignBrief", "typographic");
    if (style == Badge)
        return QCoreApplication::translate("DesignBrief", "badge");
    if (style == RetroSunset)
        return QCoreApplication::translate("DesignBrief", "retro sunset");
    if (style == MinimalLine)
        return QCoreApplication::translate("DesignBrief", "minimal line");
    if (style == Distressed)
        return QCoreApplication::translate("DesignBrief", "distressed");
    return style;
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

QJsonObject DesignMetadata::toJson() const
{
    const DesignBrief &b = brief;
    QJsonObject o;
    o.insert(QStringLiteral("variant"), b.variant);
    o.insert(QStringLiteral("seed"), qint64(b.seed));
    o.insert(QStringLiteral("niche"), b.niche);
    o.insert(QStringLiteral("category"), b.category);
    o.insert(QStringLiteral("audience"), b.audience);
    o.insert(QStringLiteral("concept"), b.conceptText);
    o.insert(QStringLiteral("slogan"), b.slogan);
    o.insert(QStringLiteral("slogan_options"), QJsonArray::fromStringList(b.sloganOptions));
    o.insert(QStringLiteral("tagline"), b.tagline);
    o.insert(QStringLiteral("style"), b.style);
    o.insert(QStringLiteral("elements"), QJsonArray{b.motif, QStringLiteral("slogan"), QStringLiteral("tagline")});
    o.insert(QStringLiteral("motif"), b.motif);
    o.insert(QStringLiteral("palette"), b.palette.name);
    o.insert(QStringLiteral("colors"), colorsToJson(b.palette.colors));
    // A palette known only by name has no colours of its own (the renderer looks them up).
    if (b.palette.ink.isValid())
        o.insert(QStringLiteral("ink"), b.palette.ink.name());
    if (b.palette.garment.isValid())
        o.insert(QStringLiteral("garment"), b.palette.garment.name());
    o.insert(QStringLiteral("composition"), b.composition);
    o.insert(QStringLiteral("negative_prompt"), b.negativePrompt);
    o.insert(QStringLiteral("provider"), b.provider);
    o.insert(QStringLiteral("source_titles"), QJsonArray::fromStringList(b.sourceTitles));
    o.insert(QStringLiteral("safety"), QJsonObject{{QStringLiteral("matches"), QJsonArray::fromStringList(safety.matches)},
                                                   {QStringLiteral("warning"), safety.warning}});
    if (!tags.isEmpty())
        o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
    return o;
}

DesignMetadata DesignMetadata::fromJson(const QJsonObject &o)
{
    DesignMetadata m;
    DesignBrief &b = m.brief;
    b.variant = o.value(QStringLiteral("variant")).toInt();
    b.seed = quint32(o.value(QStringLiteral("seed")).toInteger());
    b.niche = o.value(QStringLiteral("niche")).toString();
    b.category = o.value(QStringLiteral("category")).toString();
    b.audience = o.value(QStringLiteral("audience")).toString();
    b.conceptText = o.value(QStringLiteral("concept")).toString();
    b.slogan = o.value(QStringLiteral("slogan")).toString();
    b.sloganOptions = json::toStringList(o.value(QStringLiteral("slogan_options")).toArray());
    b.tagline = o.value(QStringLiteral("tagline")).toString();
    b.style = o.value(QStringLiteral("style")).toString(designstyle::Typographic);
    b.motif = o.value(QStringLiteral("motif")).toString(QStringLiteral("star"));
    b.palette.name = o.value(QStringLiteral("palette")).toString();
    for (const QJsonValue &c : o.value(QStringLiteral("colors")).toArray())
        b.palette.colors << QColor(c.toString());
    if (o.contains(QStringLiteral("ink")))
        b.palette.ink = QColor(o.value(QStringLiteral("ink")).toString());
    if (o.contains(QStringLiteral("garment")))
        b.palette.garment = QColor(o.value(QStringLiteral("garment")).toString());
    b.composition = o.value(QStringLiteral("composition")).toString();
    b.negativePrompt = o.value(QStringLiteral("negative_prompt")).toString();
    b.provider = o.value(QStringLiteral("provider")).toString(QStringLiteral("builtin"));
    b.sourceTitles = json::toStringList(o.value(QStringLiteral("source_titles")).toArray());
    const QJsonObject safety = o.value(QStringLiteral("safety")).toObject();
    m.safety.matches = json::toStringList(safety.value(QStringLiteral("matches")).toArray());
    m.safety.warning = safety.value(QStringLiteral("warning")).toString();
    m.tags = json::toStringList(o.value(QStringLiteral("tags")).toArray());
    return m;
}

} // namespace podtrends::core
