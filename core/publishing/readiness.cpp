#include "readiness.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QJsonArray>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Readiness)
};

bool isFailed(const QJsonValue &v)
{
    if (v.isBool())
        return !v.toBool();
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (const char *k : {"passed", "ok", "pass"})
            if (o.contains(QLatin1String(k)))
                return !o.value(QLatin1String(k)).toBool();
    }
    if (v.isString())
        return v.toString().compare(QLatin1String("failed"), Qt::CaseInsensitive) == 0 || v.toString().compare(QLatin1String("fail"), Qt::CaseInsensitive) == 0;
    return false;
}

// The designs feature records checks as {"checks": {"size": true, …}} or as a list of
// {"name", "passed", "message"}; accept both, at any depth (per product type).
void collectFailures(const QJsonValue &value, const QString &where, QStringList *failures)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString path = where.isEmpty() ? it.key() : where + QLatin1Char('.') + it.key();
            if (it.key() == QLatin1String("checks")) {
                if (it.value().isObject()) {
                    const QJsonObject checks = it.value().toObject();
                    for (auto c = checks.begin(); c != checks.end(); ++c)
                        if (isFailed(c.value())) {
                            const QString message = c.value().toObject().value(QLatin1String("message")).toString();
                            *failures << (message.isEmpty() ? path + QLatin1Char('.') + c.key() : message);
                        }
                } else if (it.value().isArray()) {
                    for (const QJsonValue &c : it.value().toArray())
                        if (isFailed(c)) {
                            const QJsonObject co = c.toObject();
                            const QString message = co.value(QLatin1String("message")).toString();
                            *failures << (message.isEmpty() ? path + QLatin1Char('.') + co.value(QLatin1String("name")).toString() : message);
                        }
                }
            } else if (it.value().isObject()) {
                collectFailures(it.value(), path, failures);
            }
        }
    }
}
} // namespace

QSize expectedPrintSize(const QJsonObject &spec)
{
    auto sizeOf = [](const QJsonObject &o) -> QSize {
        const QJsonValue px = o.value(QLatin1String("pixels"));
        if (px.isObject())
            return QSize(px.toObject().value(QLatin1String("width")).toInt(), px.toObject().value(QLatin1String("height")).toInt());
        if (px.isArray() && px.toArray().size() == 2)
            return QSize(px.toArray().at(0).toInt(), px.toArray().at(1).toInt());
        const int w = o.value(QLatin1String("width_px")).toInt(o.value(QLatin1String("width")).toInt());
        const int h = o.value(QLatin1String("height_px")).toInt(o.value(QLatin1String("height")).toInt());
        return QSize(w, h);
    };
    for (const char *key : {"tshirt", "t-shirt", "t_shirt", "tshirt_front"}) {
        const QJsonValue v = spec.value(QLatin1String(key));
        if (v.isObject())
            return sizeOf(v.toObject());
    }
    const QJsonValue products = spec.value(QLatin1String("products"));
    if (products.isArray() && !products.toArray().isEmpty())
        return sizeOf(products.toArray().first().toObject());
    if (products.isObject()) {
        for (const char *key : {"tshirt", "t-shirt", "t_shirt"})
            if (products.toObject().value(QLatin1String(key)).isObject())
                return sizeOf(products.toObject().value(QLatin1String(key)).toObject());
    }
    return sizeOf(spec);
}

Status checkReadyForPublishing(const Design &design)
{
    if (design.imageUrl.isEmpty())
        return Status::failure(Tr::tr("Design %1 has no print file.").arg(design.id), 2);
    const bool remote = design.imageUrl.startsWith(QLatin1String("https://"));
    if (!remote) {
        const QFileInfo info(design.imageUrl);
        if (!info.isFile())
            return Status::failure(Tr::tr("The print file %1 of design %2 is missing.").arg(QDir::toNativeSeparators(design.imageUrl)).arg(design.id), 2);
        QImageReader reader(design.imageUrl);
        const QSize size = reader.size();
        if (!size.isValid())
            return Status::failure(Tr::tr("The print file %1 is not a readable image (%2).").arg(info.fileName(), reader.errorString()), 2);
        const QSize expected = expectedPrintSize(design.printSpecifications);
        if (expected.isValid() && expected != size)
            return Status::failure(Tr::tr("The print file is %1×%2 px but its specification says %3×%4 px.")
                                       .arg(size.width()).arg(size.height()).arg(expected.width()).arg(expected.height()), 2);
    }
    QStringList failures;
    collectFailures(design.printSpecifications, {}, &failures);
    if (!failures.isEmpty())
        return Status::failure(Tr::tr("Design %1 failed its print checks: %2").arg(design.id).arg(failures.join(QStringLiteral(", "))), 2);
    return {};
}

} // namespace podtrends::core
