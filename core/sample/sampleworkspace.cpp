#include "sampleworkspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

// core.qrc lives in a static library: its initializer is linked only when referenced.
static void initCoreResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(core);
        return true;
    }();
    Q_UNUSED(done);
}

namespace podtrends::core::sampleworkspace {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SampleWorkspace)
};

const QString &resourceFolder()
{
    static const QString path = QStringLiteral(":/podtrends/sample");
    return path;
}

// "{{days-ago:N}}" → the UTC time N days before now, so new listings stay new.
QByteArray withDates(QByteArray data, const QDateTime &now)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{days-ago:(\\d+)\\}\\}"));
    QString text = QString::fromUtf8(data);
    QString out;
    out.reserve(text.size());
    qsizetype at = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += QStringView(text).mid(at, m.capturedStart() - at);
        out += now.addDays(-m.captured(1).toInt()).toString(Qt::ISODate);
        at = m.capturedEnd();
    }
    out += QStringView(text).mid(at);
    return out.toUtf8();
}

} // namespace

QString folder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("sample-workspace"));
}

QString databasePath()
{
    return QDir(folder()).filePath(QStringLiteral("sample.sqlite"));
}

QString designsFolder()
{
    return QDir(folder()).filePath(QStringLiteral("designs"));
}

bool isSample(const DatabaseConfig &config)
{
    return config.dialect == Dialect::SQLite && !config.sqlitePath.isEmpty()
        && QFileInfo(config.sqlitePath).absoluteFilePath() == QFileInfo(databasePath()).absoluteFilePath();
}

bool exists()
{
    return QFileInfo::exists(databasePath());
}

Result<QStringList> extractFiles()
{
    initCoreResources();
    const QString target = QDir(folder()).filePath(QStringLiteral("files"));
    QDir(target).removeRecursively();
    if (!QDir().mkpath(target))
        return Result<QStringList>::failure(Tr::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(target)));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList written;
    QDirIterator it(resourceFolder(), QDir::Files);
    while (it.hasNext()) {
        const QString source = it.next();
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            return Result<QStringList>::failure(Tr::tr("The sample file %1 is missing from this build").arg(it.fileName()));
        const QString path = QDir(target).filePath(it.fileName());
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(withDates(in.readAll(), now)) < 0 || !out.flush())
            return Result<QStringList>::failure(Tr::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
        written << path;
    }
    if (written.isEmpty())
        return Result<QStringList>::failure(Tr::tr("This build has no sample files"));
    written.sort();
    return written;
}

Status remove()
{
    QDir dir(folder());
    if (!dir.exists())
        return Status::success();
    if (!dir.removeRecursively())
        return Status::failure(Tr::tr("Cannot delete the sample workspace folder %1").arg(QDir::toNativeSeparators(folder())));
    return Status::success();
}

} // namespace podtrends::core::sampleworkspace
