#include "readiness.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Readiness)
};
} // namespace

QString printFileFor(const Design &design, ProductKind product)
{
    if (design.imageUrl.startsWith(QLatin1String("https://")))
        return design.imageUrl;
    const QString own = design.printSpecifications.pathFor(product);
    return own.isEmpty() ? design.imageUrl : own;
}

Status checkReadyForPublishing(const Design &design, std::optional<ProductKind> product)
{
    const QString path = product ? printFileFor(design, *product) : design.imageUrl;
    if (path.isEmpty())
        return Status::failure(Tr::tr("Design %1 has no print file.").arg(design.id), 2);
    const bool remote = path.startsWith(QLatin1String("https://"));
    if (!remote) {
        const QFileInfo info(path);
        if (!info.isFile())
            return Status::failure(Tr::tr("The print file %1 of design %2 is missing.").arg(QDir::toNativeSeparators(path)).arg(design.id), 2);
        QImageReader reader(path);
        const QSize size = reader.size();
        if (!size.isValid())
            return Status::failure(Tr::tr("The print file %1 is not a readable image (%2).").arg(info.fileName(), reader.errorString()), 2);
        const PrintFile *own = product ? design.printSpecifications.fileFor(*product) : nullptr;
        const QSize expected = own && own->file == path ? own->pixels : design.printSpecifications.mainSize();
        if (expected.isValid() && expected != size)
            return Status::failure(Tr::tr("The print file is %1×%2 px but its specification says %3×%4 px.")
                                       .arg(size.width()).arg(size.height()).arg(expected.width()).arg(expected.height()), 2);
    }
    if (const QStringList failures = design.printSpecifications.failures(); !failures.isEmpty())
        return Status::failure(Tr::tr("Design %1 failed its print checks: %2").arg(design.id).arg(failures.join(QStringLiteral(", "))), 2);
    return {};
}

} // namespace podtrends::core
