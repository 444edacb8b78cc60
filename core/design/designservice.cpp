#include "designservice.h"

#include <core/design/designgenerator.h>
#include <core/design/designprovider.h>
#include <core/design/designresources.h>
#include <core/design/printfiles.h>
#include <core/design/textsafety.h>
#include <core/storage/designrepository.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DesignService)
};

/** The brief a design was made from; a palette stored without its colours is the bundled one of that name. */
DesignBrief briefOf(const Design &d)
{
    DesignBrief b = d.designMetadata.brief;
    if (b.palette.colors.size() < 3) {
        const Palette stored = b.palette;
        b.palette = designresources::paletteNamed(stored.name);
        if (stored.ink.isValid())
            b.palette.ink = stored.ink;
        if (stored.garment.isValid())
            b.palette.garment = stored.garment;
    }
    return b;
}

} // namespace

DesignService::DesignService(std::shared_ptr<Database> db, QString outputRoot)
    : m_db(std::move(db))
    , m_root(outputRoot.isEmpty() ? DesignGenerator::defaultOutputRoot() : std::move(outputRoot))
{
}

QString DesignService::folderFor(qint64 designId) const
{
    return QDir(m_root).filePath(QString::number(designId));
}

Result<Design> DesignService::load(qint64 designId)
{
    auto found = DesignRepository(m_db).findById(designId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Result<Design>::failure(Tr::tr("There is no design with id %1").arg(designId), 2);
    return **found;
}

QString DesignService::readinessProblem(const Design &d)
{
    if (!d.printSpecifications.checksPassed())
        return Tr::tr("The print files have not passed their checks (size, DPI, transparency); regenerate the design.");
    for (const QString &file : d.printSpecifications.paths())
        if (!QFileInfo::exists(file))
            return Tr::tr("The print file %1 is missing; regenerate the design.").arg(QDir::toNativeSeparators(file));
    const QString slogan = QString(d.designMetadata.brief.slogan).replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QString warning = TextSafety().warning(d.title + QStringLiteral(" • ") + slogan);
    return warning;
}

Status DesignService::markReady(qint64 designId)
{
    auto d = load(designId);
    if (!d)
        return d.error();
    if (d->status == DesignStatus::Published)
        return Status::failure(Tr::tr("Design %1 is already published").arg(designId), 2);
    if (const QString problem = readinessProblem(*d); !problem.isEmpty())
        return Status::failure(Tr::tr("Design %1 cannot be marked ready: %2").arg(designId).arg(problem), 2);
    Design ready = *d;
    ready.status = DesignStatus::Ready;
    return DesignRepository(m_db).update(ready);
}

Result<Design> DesignService::rerender(Design d, const Artwork &artwork)
{
    // The files stay where generation put them (the output root may differ from ours).
    const QString dir = d.imageUrl.isEmpty() ? folderFor(d.id) : QFileInfo(d.imageUrl).absolutePath();
    // Old mockup names may differ (colours follow the palette): clear the folder's renders first.
    for (const QFileInfo &fi : QDir(dir).entryInfoList({QStringLiteral("mockup-*"), QStringLiteral("print-*")}, QDir::Files))
        QFile::remove(fi.absoluteFilePath());
    if (Status s = DesignGenerator::renderInto(d, artwork, dir); !s)
        return s.error();
    if (d.status == DesignStatus::Ready)
        d.status = DesignStatus::Draft;
    if (Status s = DesignRepository(m_db).update(d); !s)
        return s.error();
    auto reloaded = load(d.id);
    return reloaded;
}

Result<Design> DesignService::editSlogan(qint64 designId, const QString &slogan)
{
    auto d = load(designId);
    if (!d)
        return d.error();
    if (d->status == DesignStatus::Published)
        return Result<Design>::failure(Tr::tr("Design %1 is published; generate a new one instead").arg(designId), 2);
    const QString text = slogan.trimmed();
    if (text.isEmpty())
        return Result<Design>::failure(Tr::tr("The slogan cannot be empty"), 2);
    DesignBrief b = briefOf(*d);
    b.slogan = text;
    designresources::ensureLoaded();
    if (b.provider == QLatin1String("openai")) {
        const QString dir = d->imageUrl.isEmpty() ? folderFor(designId) : QFileInfo(d->imageUrl).absolutePath();
        QImage illustration(QDir(dir).filePath(QStringLiteral("illustration.png")));
        if (illustration.isNull())
            return Result<Design>::failure(Tr::tr("The illustration of design %1 is missing; regenerate it").arg(designId));
        return rerender(*d, RasterArtwork(b, illustration));
    }
    return rerender(*d, VectorArtwork(b));
}

Result<Design> DesignService::regenerate(qint64 designId, quint32 seed, const OpenAiSettings &openai)
{
    auto d = load(designId);
    if (!d)
        return d.error();
    if (d->status == DesignStatus::Published)
        return Result<Design>::failure(Tr::tr("Design %1 is published; generate a new one instead").arg(designId), 2);
    DesignBrief b = briefOf(*d);
    b.seed = seed;
    // A new seed picks another slogan option and texture; style and palette stay (it is the same variant).
    if (!b.sloganOptions.isEmpty())
        b.slogan = b.sloganOptions.at(int(seed % quint32(b.sloganOptions.size())));
    designresources::ensureLoaded();
    auto provider = DesignGenerator::makeProvider(b.provider, openai);
    if (!provider)
        return provider.error();
    auto artwork = (*provider)->create(b, nullptr);
    if (!artwork)
        return artwork.error();
    return rerender(*d, **artwork);
}

Result<QStringList> DesignService::exportFiles(qint64 designId, const QString &dir)
{
    auto d = load(designId);
    if (!d)
        return d.error();
    if (!QDir().mkpath(dir))
        return Result<QStringList>::failure(Tr::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(dir)));
    const QStringList sources = d->printSpecifications.paths() + d->mockupUrls;
    QStringList copied;
    for (const QString &src : std::as_const(sources)) {
        const QString target = QDir(dir).filePath(QStringLiteral("design-%1-%2").arg(designId).arg(QFileInfo(src).fileName()));
        QFile::remove(target);
        if (!QFile::copy(src, target))
            return Result<QStringList>::failure(Tr::tr("Cannot copy %1 to %2").arg(QDir::toNativeSeparators(src), QDir::toNativeSeparators(dir)));
        copied << target;
    }
    return copied;
}

Status DesignService::remove(qint64 designId)
{
    auto d = load(designId);
    if (!d)
        return d.error();
    if (Status s = DesignRepository(m_db).remove(designId); !s)
        return s;
    QDir(d->imageUrl.isEmpty() ? folderFor(designId) : QFileInfo(d->imageUrl).absolutePath()).removeRecursively();
    return Status::success();
}

} // namespace podtrends::core
