#include "printspec.h"

#include "keytable.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PrintSpecification)
};

const detail::KeyTable<PrintCheck, 3> &checkKeys()
{
    static const detail::KeyTable<PrintCheck, 3> table({"size", "dpi", "transparency"});
    return table;
}

/** The seed's spellings of the T-shirt front besides the product key. */
std::optional<ProductKind> productFrom(const QString &key)
{
    if (key == QLatin1String("t-shirt") || key == QLatin1String("t_shirt") || key == QLatin1String("tshirt_front"))
        return ProductKind::TShirt;
    return productKindFromKey(key);
}

/** A check's value in the seed's shapes: a bool, "passed"/"failed", or {"passed"|"ok"|"pass": bool}. */
bool passedValue(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool();
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (const char *k : {"passed", "ok", "pass"})
            if (o.contains(QLatin1String(k)))
                return o.value(QLatin1String(k)).toBool();
        return true;
    }
    if (v.isString())
        return v.toString().compare(QLatin1String("failed"), Qt::CaseInsensitive) != 0
               && v.toString().compare(QLatin1String("fail"), Qt::CaseInsensitive) != 0;
    return true;
}

/** The checks as {name: passed} with the sentences in {name: message} beside them, or the seed's list. */
QList<PrintCheckResult> checksFrom(const QJsonValue &value, const QJsonObject &messages)
{
    QList<PrintCheckResult> checks;
    auto add = [&checks, &messages](const QString &name, const QJsonValue &v) {
        if (const auto check = printCheckFromKey(name))
            checks << PrintCheckResult{*check, passedValue(v),
                                       v.toObject().value(QLatin1String("message")).toString(messages.value(name).toString())};
    };
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            add(it.key(), it.value());
    } else {
        for (const QJsonValue &c : value.toArray())
            add(c.toObject().value(QLatin1String("name")).toString(), c);
    }
    // A JSON object keeps its keys sorted: the checks come back in their own order.
    std::stable_sort(checks.begin(), checks.end(),
                     [](const PrintCheckResult &a, const PrintCheckResult &b) { return a.check < b.check; });
    return checks;
}

QSize pixelsFrom(const QJsonObject &o)
{
    const QJsonValue px = o.value(QLatin1String("pixels"));
    if (px.isObject())
        return QSize(px.toObject().value(QLatin1String("width")).toInt(), px.toObject().value(QLatin1String("height")).toInt());
    if (px.isArray() && px.toArray().size() == 2)
        return QSize(px.toArray().at(0).toInt(), px.toArray().at(1).toInt());
    return QSize(o.value(QLatin1String("width_px")).toInt(o.value(QLatin1String("width")).toInt()),
                 o.value(QLatin1String("height_px")).toInt(o.value(QLatin1String("height")).toInt()));
}

PrintFile fileFrom(ProductKind product, const QJsonObject &o)
{
    PrintFile f;
    f.product = product;
    f.placement = o.value(QLatin1String("placement")).toString();
    f.file = o.value(QLatin1String("file")).toString();
    f.pixels = pixelsFrom(o);
    f.dpi = int(std::lround(o.value(QLatin1String("dpi")).toDouble()));
    f.transparentBackground = o.value(QLatin1String("transparent_background")).toBool();
    f.checks = checksFrom(o.value(QLatin1String("checks")), o.value(QLatin1String("check_messages")).toObject());
    // A file recorded as failed without saying which check failed keeps that verdict.
    if (o.value(QLatin1String("passed")).isBool() && !o.value(QLatin1String("passed")).toBool()
        && std::all_of(f.checks.cbegin(), f.checks.cend(), [](const PrintCheckResult &c) { return c.passed; }))
        f.checks << PrintCheckResult{PrintCheck::Size, false, Tr::tr("the %1 print file did not pass its checks").arg(displayName(product))};
    return f;
}
} // namespace

const QString &toKey(PrintCheck check)
{
    return checkKeys().key(check);
}

std::optional<PrintCheck> printCheckFromKey(QStringView key)
{
    return checkKeys().find(key);
}

bool PrintFile::passed() const
{
    return std::all_of(checks.cbegin(), checks.cend(), [](const PrintCheckResult &c) { return c.passed; });
}

QSizeF PrintFile::printAreaInches() const
{
    return dpi > 0 ? QSizeF(double(pixels.width()) / dpi, double(pixels.height()) / dpi) : QSizeF();
}

QStringList PrintFile::failures() const
{
    QStringList out;
    const QString name = displayName(product);
    for (const PrintCheckResult &c : checks) {
        if (c.passed)
            continue;
        if (!c.message.isEmpty()) {
            out << c.message;
            continue;
        }
        switch (c.check) {
        case PrintCheck::Size: out << Tr::tr("the %1 print file does not have the pixel size it needs").arg(name); break;
        case PrintCheck::Dpi: out << Tr::tr("the %1 print file's resolution is too low").arg(name); break;
        case PrintCheck::Transparency: out << Tr::tr("the %1 print file has no transparent background").arg(name); break;
        }
    }
    return out;
}

bool PrintSpecification::checksPassed() const
{
    return !files.isEmpty() && std::all_of(files.cbegin(), files.cend(), [](const PrintFile &f) { return f.passed(); });
}

const PrintFile *PrintSpecification::fileFor(ProductKind product) const
{
    for (const PrintFile &f : files)
        if (f.product == product)
            return &f;
    return nullptr;
}

QString PrintSpecification::pathFor(ProductKind product) const
{
    const PrintFile *f = fileFor(product);
    return f ? f->file : QString();
}

QStringList PrintSpecification::paths() const
{
    QStringList out;
    for (const PrintFile &f : files)
        if (!f.file.isEmpty() && !out.contains(f.file))
            out << f.file;
    return out;
}

QSize PrintSpecification::mainSize() const
{
    if (const PrintFile *f = fileFor(ProductKind::TShirt))
        return f->pixels;
    return files.isEmpty() ? QSize() : files.first().pixels;
}

QStringList PrintSpecification::failures() const
{
    QStringList out;
    for (const PrintFile &f : files)
        out << f.failures();
    return out;
}

QJsonObject PrintSpecification::toJson() const
{
    QJsonArray products;
    for (const PrintFile &f : files) {
        QJsonObject checks;
        QJsonObject messages;
        for (const PrintCheckResult &c : f.checks) {
            checks.insert(toKey(c.check), c.passed);
            if (!c.message.isEmpty())
                messages.insert(toKey(c.check), c.message);
        }
        const QSizeF area = f.printAreaInches();
        QJsonObject o;
        o.insert(QStringLiteral("product"), toKey(f.product));
        o.insert(QStringLiteral("placement"), f.placement);
        o.insert(QStringLiteral("file"), f.file);
        o.insert(QStringLiteral("width_px"), f.pixels.width());
        o.insert(QStringLiteral("height_px"), f.pixels.height());
        o.insert(QStringLiteral("dpi"), f.dpi);
        o.insert(QStringLiteral("print_area_in"), QJsonObject{{QStringLiteral("width"), area.width()}, {QStringLiteral("height"), area.height()}});
        o.insert(QStringLiteral("transparent_background"), f.transparentBackground);
        o.insert(QStringLiteral("color_space"), colorSpace);
        o.insert(QStringLiteral("checks"), checks);
        if (!messages.isEmpty())
            o.insert(QStringLiteral("check_messages"), messages);
        o.insert(QStringLiteral("passed"), f.passed());
        products.append(o);
    }
    return QJsonObject{{QStringLiteral("products"), products},
                       {QStringLiteral("color_space"), colorSpace},
                       {QStringLiteral("checks_passed"), checksPassed()}};
}

PrintSpecification PrintSpecification::fromJson(const QJsonObject &object)
{
    PrintSpecification spec;
    spec.colorSpace = object.value(QLatin1String("color_space")).toString(QStringLiteral("sRGB"));
    const QJsonValue products = object.value(QLatin1String("products"));
    if (products.isArray()) {
        for (const QJsonValue &v : products.toArray()) {
            const QJsonObject o = v.toObject();
            if (const auto product = productFrom(o.value(QLatin1String("product")).toString()))
                spec.files << fileFrom(*product, o);
            else if (o.value(QLatin1String("passed")).isBool() && !o.value(QLatin1String("passed")).toBool())
                spec.files << fileFrom(ProductKind::TShirt, o); // a failed file of no known product still fails
        }
    } else {
        // The seed's shape: one object per product, at the top or under "products".
        const QJsonObject byProduct = products.isObject() ? products.toObject() : object;
        for (auto it = byProduct.begin(); it != byProduct.end(); ++it)
            if (const auto product = productFrom(it.key()); product && it.value().isObject())
                spec.files << fileFrom(*product, it.value().toObject());
    }
    return spec;
}

} // namespace podtrends::core
