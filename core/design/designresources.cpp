#include "designresources.h"

#include <QFile>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <mutex>

namespace podtrends::core::designresources {

Q_LOGGING_CATEGORY(lcDesignResources, "podtrends.design.resources")

namespace {

struct FontState
{
    std::once_flag once;
    QString families[4];
};

FontState &fontState()
{
    static FontState state;
    return state;
}

QString loadFont(const QString &path)
{
    const int id = QFontDatabase::addApplicationFont(path);
    const QStringList families = id >= 0 ? QFontDatabase::applicationFontFamilies(id) : QStringList();
    if (families.isEmpty()) {
        qCWarning(lcDesignResources) << "cannot load the bundled font" << path;
        return QStringLiteral("Sans Serif");
    }
    return families.first();
}

QList<Palette> loadPalettes()
{
    QFile file(QStringLiteral(":/podtrends/design/palettes.json"));
    QList<Palette> out;
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcDesignResources) << "cannot read the bundled palettes";
    } else {
        const QJsonArray array = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("palettes")).toArray();
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            Palette p;
            p.name = o.value(QStringLiteral("name")).toString();
            for (const QJsonValue &c : o.value(QStringLiteral("colors")).toArray())
                p.colors << QColor(c.toString());
            p.ink = QColor(o.value(QStringLiteral("ink")).toString());
            p.garment = QColor(o.value(QStringLiteral("garment")).toString());
            for (const QJsonValue &m : o.value(QStringLiteral("moods")).toArray())
                p.moods << m.toString();
            if (!p.name.isEmpty() && p.colors.size() >= 3)
                out << p;
        }
    }
    if (out.isEmpty())
        out << Palette{QStringLiteral("mono ink"), {QColor(0x111111), QColor(0x3a3a3a), QColor(0xe4572e)},
                       QColor(0x111111), QColor(0xf2f2f0), {}};
    return out;
}

} // namespace

void ensureLoaded()
{
    FontState &s = fontState();
    std::call_once(s.once, [&s] {
            s.families[int(DesignFont::Condensed)] = loadFont(QStringLiteral(":/podtrends/fonts/BebasNeue-Bold.otf"));
        s.families[int(DesignFont::Geometric)] = loadFont(QStringLiteral(":/podtrends/fonts/LeagueSpartan-Black.otf"));
        s.families[int(DesignFont::Script)] = loadFont(QStringLiteral(":/podtrends/fonts/Lobster-Regular.otf"));
        s.families[int(DesignFont::Slab)] = loadFont(QStringLiteral(":/podtrends/fonts/RobotoSlab-Bold.otf"));
    });
}

QString fontFamily(DesignFont font)
{
    ensureLoaded();
    return fontState().families[int(font)];
}

const QList<Palette> &palettes()
{
    static const QList<Palette> list = loadPalettes();
    return list;
}

Palette paletteNamed(const QString &name)
{
    for (const Palette &p : palettes())
        if (p.name.compare(name, Qt::CaseInsensitive) == 0)
            return p;
    return palettes().first();
}

QStringList bundledProtectedNames()
{
    QFile file(QStringLiteral(":/podtrends/design/protected-names.txt"));
    QStringList out;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return out;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith(QLatin1Char('#')))
            out << t;
    }
    return out;
}

} // namespace podtrends::core::designresources
