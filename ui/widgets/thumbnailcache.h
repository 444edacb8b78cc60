#pragma once

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QThread>

namespace podtrends::ui {

class ThumbnailLoader;

/**
 * Product thumbnails for table cells. Downloads, decoding, scaling and the disk cache (PNG files
 * under the cache directory, keyed by a hash of the URL) all run on a worker thread; the GUI
 * thread only looks up finished pixmaps in memory. Plain http is refused except to loopback.
 */
class ThumbnailCache final : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ThumbnailCache)
    /** `directory` defaults to <CacheLocation>/thumbnails; `edge` is the longest side in pixels. */
    explicit ThumbnailCache(const QString &directory = {}, int edge = 40, QObject *parent = nullptr);
    ~ThumbnailCache() override;

    /** The thumbnail when it is in memory; otherwise a null pixmap, and a load is queued once. */
    QPixmap thumbnail(const QString &url);
    QString directory() const { return m_directory; }
    int edge() const { return m_edge; }

Q_SIGNALS:
    /** A thumbnail finished loading (null pixmap from thumbnail() means it failed for good). */
    void thumbnailReady(const QString &url);

private:
    void deliver(const QString &url, const QImage &image);

    QString m_directory;
    int m_edge;
    QThread m_thread;
    ThumbnailLoader *m_loader = nullptr;
    QCache<QString, QPixmap> m_pixmaps;
    QSet<QString> m_pending;
    QSet<QString> m_failed;
};

} // namespace podtrends::ui
