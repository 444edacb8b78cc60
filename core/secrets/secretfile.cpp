#include "secretfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace podtrends::core::secretfile {

namespace {

// lupdate reads the context from the macro (a free tr() function would be filed under the namespace).
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SecretFile)
};

Result<QJsonObject> load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Could not read the key file %1: %2").arg(QDir::toNativeSeparators(path), file.errorString())};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        return Error{Tr::tr("The key file %1 is damaged; remove it and save the keys again.").arg(QDir::toNativeSeparators(path))};
    return doc.object();
}

Status store(const QString &path, const QJsonObject &entries)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Status::failure(Tr::tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(info.absolutePath())));
    // Created 0600 from the first byte (never readable by others, not even briefly), then
    // renamed over the old file so a crash leaves either the old or the new keys.
    const QString temp = path + QStringLiteral(".new");
    QFile::remove(temp);
    QFile file(temp);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return Status::failure(Tr::tr("Could not write the key file %1: %2").arg(QDir::toNativeSeparators(temp), file.errorString()));
    const QByteArray bytes = QJsonDocument(entries).toJson(QJsonDocument::Indented);
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        file.remove();
        return Status::failure(Tr::tr("Could not write the key file %1: %2").arg(QDir::toNativeSeparators(temp), file.errorString()));
    }
    file.close();
    if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(temp);
        return Status::failure(Tr::tr("Could not replace the key file %1.").arg(QDir::toNativeSeparators(path)));
    }
    return {};
}

} // namespace

Result<QString> read(const QString &path, const QString &entry)
{
    auto entries = load(path);
    if (!entries)
        return entries.error();
    return entries->value(entry).toString();
}

Status write(const QString &path, const QString &entry, const QString &value)
{
    auto entries = load(path);
    if (!entries)
        return entries.error();
    QJsonObject o = *entries;
    o.insert(entry, value);
    return store(path, o);
}

Status remove(const QString &path, const QString &entry)
{
    auto entries = load(path);
    if (!entries)
        return entries.error();
    if (!entries->contains(entry))
        return {};
    QJsonObject o = *entries;
    o.remove(entry);
    return store(path, o);
}

} // namespace podtrends::core::secretfile
