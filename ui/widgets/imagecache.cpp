#include "imagecache.h"

#include <core/util/whenready.h>

#include <QFileInfo>
#include <QImageReader>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace podtrends::ui {

ImageCache *ImageCache::instance()
{
    static ImageCache *cache = new ImageCache;
    return cache;
}

ImageCache::ImageCache(QObject *parent)
    : QObject(parent)
{
    m_cache.setMaxCost(256 * 1024); // KiB: a few hundred thumbnails and previews
}

QString ImageCache::key(const QString &path, QSize size, const QDateTime &modified)
{
    return QStringLiteral("%1|%2x%3|%4").arg(path).arg(size.width()).arg(size.height()).arg(modified.toMSecsSinceEpoch());
}

QImage ImageCache::request(const QString &path, QSize size, const QDateTime &modified)
{
    if (path.isEmpty() || size.isEmpty())
        return {};
    const QString k = key(path, size, modified);
    if (QImage *hit = m_cache.object(k))
        return *hit;
    if (m_pending.contains(k))
        return {};
    m_pending.insert(k);
    QPointer<ImageCache> self(this);
    core::whenReady(QtConcurrent::run([path, size] {
        // Decoding a 4500×5400 PNG takes a second: QImageReader scales while it decodes.
        QImageReader reader(path);
        QSize target = reader.size();
        if (target.isValid()) {
            target.scale(size, Qt::KeepAspectRatio);
            reader.setScaledSize(target);
        }
        QImage image = reader.read();
        if (!image.isNull() && (image.width() > size.width() || image.height() > size.height()))
            image = image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    }), this, [this, self, k, path](const QImage &image) {
        if (!self)
            return;
        m_pending.remove(k);
        m_cache.insert(k, new QImage(image), std::max<qsizetype>(1, image.sizeInBytes() / 1024));
        Q_EMIT imageReady(path);
    });
    return {};
}

void ImageCache::invalidate(const QString &path)
{
    const QList<QString> keys = m_cache.keys();
    for (const QString &k : keys)
        if (k.startsWith(path + QLatin1Char('|')))
            m_cache.remove(k);
}

} // namespace podtrends::ui
