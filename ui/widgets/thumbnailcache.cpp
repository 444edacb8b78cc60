#include "thumbnailcache.h"

#include <core/net/httpclient.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

#include <deque>

namespace podtrends::ui {

Q_LOGGING_CATEGORY(lcThumbnails, "podtrends.ui.thumbnails")

namespace {
constexpr int MaxParallelDownloads = 4;
constexpr int MaxQueued = 300;
constexpr qint64 MaxImageBytes = 8 * 1024 * 1024;
constexpr int TransferTimeoutMs = 15000;

/** Thumbnails' transport policy: small images, no pacing (at most four at a time), one retry. */
core::HttpSettings thumbnailHttp()
{
    core::HttpSettings s = core::HttpSettings::defaults();
    s.transferTimeoutMs = std::min(s.transferTimeoutMs, TransferTimeoutMs);
    s.maxBodyBytes = MaxImageBytes;
    s.maxRetries = 1;
    s.maxRateLimitWaits = 1;
    s.maxRetryAfterMs = 10000;
    s.requestsPerSecond = 0;
    return s;
}
} // namespace

/**
 * Lives on the cache's worker thread: its HttpClient delivers answers there, so file reads and
 * image decoding never touch the GUI thread.
 */
class ThumbnailLoader final : public QObject
{
public:
    ThumbnailLoader(QString directory, int edge, std::function<void(QString, QImage)> done)
        : m_directory(std::move(directory))
        , m_edge(edge)
        , m_done(std::move(done))
    {
    }

    void request(const QString &url)
    {
        const QString file = cacheFile(url);
        if (QFile::exists(file)) {
            QImage image(file);
            if (!image.isNull()) {
                m_done(url, image);
                return;
            }
        }
        const QUrl parsed(url);
        if (parsed.isLocalFile()) {
            finish(url, QImage(parsed.toLocalFile()));
            return;
        }
        if (url.isEmpty() || !core::HttpPolicy::checkUrlAllowed(parsed)) {
            m_done(url, {});
            return;
        }
        // The newest requests are what is on screen now: serve them first, drop the oldest.
        m_queue.push_front(url);
        while (m_queue.size() > MaxQueued) {
            m_done(m_queue.back(), {});
            m_queue.pop_back();
        }
        pump();
    }

private:
    QString cacheFile(const QString &url) const
    {
        const QByteArray hash = QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha1).toHex();
        return m_directory + QLatin1Char('/') + QString::fromLatin1(hash) + QStringLiteral("-%1.png").arg(m_edge);
    }

    void pump()
    {
        if (!m_http)
            m_http = new core::HttpClient(thumbnailHttp(), this);
        while (m_running < MaxParallelDownloads && !m_queue.empty()) {
            const QString url = m_queue.front();
            m_queue.pop_front();
            core::HttpRequest request = core::HttpRequest::get(QUrl(url));
            request.accept = "image/*";
            ++m_running;
            m_http->send(request, [this, url](core::Result<core::HttpReply> reply) {
                --m_running;
                QImage image;
                if (reply && reply->isSuccess())
                    image.loadFromData(reply->body);
                else
                    qCDebug(lcThumbnails) << "thumbnail failed:" << (reply ? QStringLiteral("HTTP %1").arg(reply->status) : reply.errorMessage());
                finish(url, image);
                pump();
            });
        }
    }

    void finish(const QString &url, const QImage &original)
    {
        if (original.isNull()) {
            m_done(url, {});
            return;
        }
        // Twice the cell size keeps thumbnails sharp on high-DPI screens.
        const int edge = m_edge * 2;
        const QImage scaled = original.scaled(edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QDir().mkpath(m_directory);
        QSaveFile out(cacheFile(url));
        if (out.open(QIODevice::WriteOnly) && scaled.save(&out, "PNG"))
            out.commit();
        m_done(url, scaled);
    }

    QString m_directory;
    int m_edge;
    std::function<void(QString, QImage)> m_done;
    core::HttpClient *m_http = nullptr;
    std::deque<QString> m_queue;
    int m_running = 0;
};

ThumbnailCache::ThumbnailCache(const QString &directory, int edge, QObject *parent)
    : QObject(parent)
    , m_directory(directory.isEmpty()
                      ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/thumbnails")
                      : directory)
    , m_edge(edge)
{
    m_pixmaps.setMaxCost(2000);
    // The loader calls back on the worker thread. The cache outlives the worker (the destructor
    // stops the thread first), and a queued call to a deleted receiver is dropped by Qt.
    ThumbnailCache *cache = this;
    m_loader = new ThumbnailLoader(m_directory, m_edge, [cache](QString url, QImage image) {
        QMetaObject::invokeMethod(cache, [cache, url, image] { cache->deliver(url, image); }, Qt::QueuedConnection);
    });
    m_loader->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("thumbnails"));
    m_thread.start(QThread::LowPriority);
}

ThumbnailCache::~ThumbnailCache()
{
    m_thread.quit();
    m_thread.wait();
}

QPixmap ThumbnailCache::thumbnail(const QString &url)
{
    if (url.isEmpty() || m_failed.contains(url))
        return {};
    if (QPixmap *p = m_pixmaps.object(url))
        return *p;
    if (!m_pending.contains(url)) {
        m_pending.insert(url);
        ThumbnailLoader *loader = m_loader;
        QMetaObject::invokeMethod(m_loader, [loader, url] { loader->request(url); }, Qt::QueuedConnection);
    }
    return {};
}

void ThumbnailCache::deliver(const QString &url, const QImage &image)
{
    m_pending.remove(url);
    if (image.isNull()) {
        m_failed.insert(url);
    } else {
        auto *pixmap = new QPixmap(QPixmap::fromImage(image));
        pixmap->setDevicePixelRatio(2.0);
        m_pixmaps.insert(url, pixmap);
    }
    Q_EMIT thumbnailReady(url);
}

} // namespace podtrends::ui
