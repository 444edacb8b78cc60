#pragma once

#include <QCache>
#include <QDateTime>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QSize>

namespace podtrends::ui {

/**
 * A process-wide cache of decoded, downscaled images (thumbnails, previews), keyed by path,
 * modification time and size. Decoding runs on the global thread pool with QImageReader's scaled
 * decode, never on the GUI thread; imageReady() announces a finished decode.
 */
class ImageCache final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ImageCache)
    static ImageCache *instance();

    /**
     * The image scaled to fit size, or a null image while it is being decoded (imageReady follows).
     * @param modified the file's modification time as known to the caller (e.g. the row's
     *        updated_at, bumped whenever the files are rewritten); part of the key.
     */
    QImage request(const QString &path, QSize size, const QDateTime &modified = {});
    /** Forgets every cached size of a file (after it was rewritten or deleted). */
    void invalidate(const QString &path);

Q_SIGNALS:
    void imageReady(const QString &path);

private:
    explicit ImageCache(QObject *parent = nullptr);
    static QString key(const QString &path, QSize size, const QDateTime &modified);

    QCache<QString, QImage> m_cache;
    QSet<QString> m_pending;
};

} // namespace podtrends::ui
