#include "publishplan.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PublishPlan)
};

QString colourCode(const QString &colour)
{
    QString code;
    const QStringList words = colour.split(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")), Qt::SkipEmptyParts);
    for (const QString &w : words)
        code += w.left(3).toUpper();
    return code.left(12);
}

/** "2XL" → "2XL", "11 oz" → "11OZ", "18″×24″" → "18X24": letters and digits only, for SKUs. */
QString sizeCode(const QString &size)
{
    QString code;
    for (const QChar c : size) {
        if (c == QChar(0x00D7))
            code += QLatin1Char('X');
        else if (c.isLetterOrNumber() && c.unicode() < 128)
            code += c.toUpper();
    }
    return code.isEmpty() ? QStringLiteral("ONE") : code;
}

QString variantLabel(const QString &colour, const QString &size)
{
    return colour.isEmpty() ? size : QStringLiteral("%1 / %2").arg(colour, size);
}

QString slug(const QString &text)
{
    QString s = text.toLower();
    s.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    s = s.left(60);
    while (s.startsWith(QLatin1Char('-')))
        s.remove(0, 1);
    while (s.endsWith(QLatin1Char('-')))
        s.chop(1);
    return s.isEmpty() ? QStringLiteral("design") : s;
}
} // namespace

Result<PublishPlan> publishplan::build(const Design &design, const PublishChoice &choice, const CatalogProduct &catalog,
                                       const PriceRule &rule, const QString &vendor)
{
    const ProductType type = producttypes::find(choice.productType);
    if (type.key.isEmpty())
        return Error{Tr::tr("Unknown product type \"%1\".").arg(choice.productType), 2};
    PublishPlan p;
    p.designId = design.id;
    p.productType = type.key;
    p.catalogProductId = catalog.id;
    p.title = design.title.isEmpty() ? Tr::tr("Design %1").arg(design.id) : design.title;
    p.descriptionHtml = design.description.isEmpty() ? QString() : QStringLiteral("<p>%1</p>").arg(design.description.toHtmlEscaped());
    p.vendor = vendor;
    p.shopifyProductType = type.shopifyType;
    for (const QString &t : design.designMetadata.tags)
        if (!t.isEmpty())
            p.tags << t;
    if (p.tags.isEmpty())
        p.tags << type.shopifyType.toLower();
    // Posters come in sizes only: their one "colour" is the empty one the catalog lists.
    p.colours = catalog.colourless() ? QStringList{QString()} : choice.colours.isEmpty() ? type.defaultColours : choice.colours;
    p.sizes = choice.sizes.isEmpty() ? type.defaultSizes : choice.sizes;
    p.toPrintful = choice.toPrintful;
    p.toShopify = choice.toShopify;
    if (!p.toPrintful && !p.toShopify)
        return Error{Tr::tr("Choose Printful, Shopify or both."), 2};
    if (p.colours.isEmpty() || p.sizes.isEmpty())
        return Error{Tr::tr("Choose at least one colour and one size."), 2};
    // A short hash of the design's identity keeps ids unique when several databases publish to one store.
    const QByteArray identity = QByteArray::number(design.id) + '|' + design.createdAt.toString(Qt::ISODateWithMs).toUtf8() + '|' + design.designPrompt.toUtf8();
    const QString tag = QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha1).toHex().left(8));
    p.externalId = QStringLiteral("pt%1-%2-%3").arg(design.id).arg(type.key, tag);
    p.handle = slug(p.title) + QStringLiteral("-pt%1-%2").arg(design.id).arg(tag);
    QSet<QString> skus;
    QStringList missing;
    QStringList unknown;
    for (const QString &colour : std::as_const(p.colours)) {
        for (const QString &size : std::as_const(p.sizes)) {
            const auto v = catalog.find(colour, size);
            if (!v) {
                missing << variantLabel(colour, size);
                continue;
            }
            if (v->id <= 0 || v->priceCents <= 0) {
                unknown << variantLabel(colour, size);
                continue;
            }
            PlannedVariant pv{v->color, v->size, v->id, pricing::quote(rule, v->priceCents, v->size), {}};
            if (choice.priceOverrides.contains(v->size))
                pv.price.retailCents = choice.priceOverrides.value(v->size);
            pv.sku = v->color.isEmpty() ? QStringLiteral("PT%1-%2-%3").arg(design.id).arg(type.skuCode, sizeCode(v->size))
                                        : QStringLiteral("PT%1-%2-%3-%4").arg(design.id).arg(type.skuCode, colourCode(v->color), sizeCode(v->size));
            if (skus.contains(pv.sku))
                pv.sku += QLatin1Char('-') + QString::number(v->id);
            skus.insert(pv.sku);
            p.variants << pv;
        }
    }
    if (!missing.isEmpty())
        return Error{Tr::tr("Printful's %1 is not made in %2.").arg(catalog.title.isEmpty() ? type.label : catalog.title, missing.join(QStringLiteral(", "))), 2};
    if (!unknown.isEmpty())
        return Error{Tr::tr("The costs and Printful variants of the %1 (%2) are read from Printful's catalog, which has not answered yet.")
                         .arg(displayName(type.kind), unknown.join(QStringLiteral(", "))),
                     2};
    if (p.variants.size() > 100)
        return Error{Tr::tr("%1 variants is more than Printful's 100 per product; choose fewer colours or sizes.").arg(p.variants.size()), 2};
    for (const PlannedVariant &v : std::as_const(p.variants))
        if (v.price.retailCents <= 0)
            return Error{Tr::tr("The price of %1 must be more than zero.").arg(variantLabel(v.colour, v.size)), 2};
    return p;
}

SyncProductInput publishplan::printfulInput(const PublishPlan &plan, qint64 fileId, const QString &fileUrl, const QString &thumbnail)
{
    SyncProductInput in{plan.title, plan.externalId, thumbnail, {}};
    for (const PlannedVariant &v : plan.variants)
        in.variants << SyncVariantInput{v.catalogVariantId, pricing::formatCents(v.price.retailCents), v.sku, v.sku.toLower(), fileId, fileUrl};
    return in;
}

ShopifyProductInput publishplan::shopifyInput(const PublishPlan &plan, const QList<ShopifyFileInput> &files)
{
    ShopifyProductInput in;
    in.title = plan.title;
    in.descriptionHtml = plan.descriptionHtml;
    in.vendor = plan.vendor;
    in.productType = plan.shopifyProductType;
    in.handle = plan.handle;
    in.tags = plan.tags;
    in.sizes = plan.sizes;
    in.colours = plan.colours;
    in.files = files;
    for (const PlannedVariant &v : plan.variants)
        in.variants << ShopifyVariantInput{v.size, v.colour, pricing::formatCents(v.price.retailCents), v.sku};
    return in;
}

QJsonObject publishplan::preview(const PublishPlan &plan)
{
    QJsonObject out;
    const QString fileUrl = Tr::tr("<public URL of the print file>");
    if (plan.toPrintful) {
        // The variants reference the library file the "Printful file" step creates.
        QJsonObject body = PrintfulClient::syncProductBody(printfulInput(plan, 0, fileUrl, fileUrl));
        QJsonArray variantsJson = body.value(QLatin1String("sync_variants")).toArray();
        for (qsizetype i = 0; i < variantsJson.size(); ++i) {
            QJsonObject v = variantsJson.at(i).toObject();
            v.insert(QStringLiteral("files"), QJsonArray{QJsonObject{{QStringLiteral("id"), Tr::tr("<Printful file id>")}}});
            variantsJson.replace(i, v);
        }
        body.insert(QStringLiteral("sync_variants"), variantsJson);
        out.insert(QStringLiteral("printful POST /store/products"), body);
    }
    if (plan.toShopify)
        out.insert(QStringLiteral("shopify productSet"),
                   ShopifyClient::productSetVariables(shopifyInput(plan, {ShopifyFileInput{Tr::tr("<uploaded mockup>"), plan.title}})));
    return out;
}

} // namespace podtrends::core
