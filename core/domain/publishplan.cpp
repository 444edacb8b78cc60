#include "publishplan.h"

#include "money.h"

#include <QJsonArray>

namespace podtrends::core {

QJsonObject PublishPlan::toJson() const
{
    QJsonArray variantsJson;
    for (const PlannedVariant &v : variants)
        variantsJson.append(QJsonObject{{QStringLiteral("colour"), v.colour}, {QStringLiteral("size"), v.size},
                                        {QStringLiteral("variant_id"), v.catalogVariantId},
                                        {QStringLiteral("base_cost"), pricing::formatCents(v.price.baseCents)},
                                        {QStringLiteral("retail_price"), pricing::formatCents(v.price.retailCents)},
                                        {QStringLiteral("sku"), v.sku}});
    return QJsonObject{{QStringLiteral("design_id"), designId},
                       {QStringLiteral("product_type"), productType},
                       {QStringLiteral("catalog_product_id"), catalogProductId},
                       {QStringLiteral("title"), title},
                       {QStringLiteral("description_html"), descriptionHtml},
                       {QStringLiteral("vendor"), vendor},
                       {QStringLiteral("shopify_product_type"), shopifyProductType},
                       {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
                       {QStringLiteral("colours"), QJsonArray::fromStringList(colours)},
                       {QStringLiteral("sizes"), QJsonArray::fromStringList(sizes)},
                       {QStringLiteral("variants"), variantsJson},
                       {QStringLiteral("printful"), toPrintful},
                       {QStringLiteral("shopify"), toShopify},
                       {QStringLiteral("external_id"), externalId},
                       {QStringLiteral("handle"), handle}};
}

namespace {
QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}
} // namespace

PublishPlan PublishPlan::fromJson(const QJsonObject &o)
{
    PublishPlan p;
    p.designId = o.value(QLatin1String("design_id")).toInteger();
    p.productType = o.value(QLatin1String("product_type")).toString();
    p.catalogProductId = o.value(QLatin1String("catalog_product_id")).toInteger();
    p.title = o.value(QLatin1String("title")).toString();
    p.descriptionHtml = o.value(QLatin1String("description_html")).toString();
    p.vendor = o.value(QLatin1String("vendor")).toString();
    p.shopifyProductType = o.value(QLatin1String("shopify_product_type")).toString();
    p.tags = strings(o.value(QLatin1String("tags")));
    p.colours = strings(o.value(QLatin1String("colours")));
    p.sizes = strings(o.value(QLatin1String("sizes")));
    for (const QJsonValue &value : o.value(QLatin1String("variants")).toArray()) {
        const QJsonObject v = value.toObject();
        PlannedVariant pv;
        pv.colour = v.value(QLatin1String("colour")).toString();
        pv.size = v.value(QLatin1String("size")).toString();
        pv.catalogVariantId = v.value(QLatin1String("variant_id")).toInteger();
        pricing::parseCents(v.value(QLatin1String("base_cost")).toString(), &pv.price.baseCents);
        pricing::parseCents(v.value(QLatin1String("retail_price")).toString(), &pv.price.retailCents);
        pv.sku = v.value(QLatin1String("sku")).toString();
        p.variants << pv;
    }
    p.toPrintful = o.value(QLatin1String("printful")).toBool();
    p.toShopify = o.value(QLatin1String("shopify")).toBool();
    p.externalId = o.value(QLatin1String("external_id")).toString();
    p.handle = o.value(QLatin1String("handle")).toString();
    return p;
}

} // namespace podtrends::core
