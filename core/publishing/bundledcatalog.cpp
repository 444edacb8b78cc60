#include "bundledcatalog.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

static void initCoreResources()
{
    Q_INIT_RESOURCE(core);
}

namespace podtrends::core::bundledcatalog {

namespace {

QHash<qint64, CatalogProduct> load()
{
    initCoreResources();
    QHash<qint64, CatalogProduct> out;
    QFile f(QStringLiteral(":/podtrends/catalog/printful-catalog.json"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QJsonArray products = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("products")).toArray();
    for (const QJsonValue &value : products) {
        const QJsonObject entry = value.toObject();
        const QJsonObject product = entry.value(QLatin1String("product")).toObject();
        CatalogProduct p;
        p.id = product.value(QLatin1String("id")).toInteger();
        p.title = product.value(QLatin1String("title")).toString();
        p.typeName = product.value(QLatin1String("type_name")).toString();
        p.currency = product.value(QLatin1String("currency")).toString(QStringLiteral("USD"));
        p.bundled = true;
        for (const QJsonValue &v : entry.value(QLatin1String("variants")).toArray()) {
            const QJsonObject o = v.toObject();
            CatalogVariant cv;
            cv.id = o.value(QLatin1String("id")).toInteger();
            cv.color = o.value(QLatin1String("color")).toString();
            cv.colorCode = o.value(QLatin1String("color_code")).toString();
            cv.size = o.value(QLatin1String("size")).toString();
            cv.priceCents = qRound64(o.value(QLatin1String("price")).toString().toDouble() * 100.0);
            p.variants << cv;
        }
        if (p.id > 0 && !p.variants.isEmpty())
            out.insert(p.id, p);
    }
    return out;
}

} // namespace

std::optional<CatalogProduct> product(qint64 catalogProductId)
{
    static const QHash<qint64, CatalogProduct> products = load();
    const auto it = products.constFind(catalogProductId);
    if (it == products.cend())
        return std::nullopt;
    return *it;
}

} // namespace podtrends::core::bundledcatalog
