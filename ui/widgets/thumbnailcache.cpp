#include "thumbnailcache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QImage>
#include <QImageReader>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
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

bool allowedUrl(const QUrl &url)
{
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() == QLatin1String("http")) {
        const QHostAddress host(url.host());
        return url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback());
    }
    return url.isLocalFile();
}
} // namespace

/**
 * Lives on the cache's worker thread: owns the network manager there, so replies, file reads
 * and image decoding never touch the GUI thread.
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
        if (url.isEmpty() || !parsed.isValid() || !allowedUrl(parsed)) {
            m_done(url, {});
            return;
        }
        if (parsed.isLocalFile()) {
            finish(url, QImage(parsed.toLocalFile()));
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
        if (!m_network) {
            m_network = new QNetworkAccessManager(this);
            m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
            m_network->setTransferTimeout(TransferTimeoutMs);
        }
        while (m_running < MaxParallelDownloads && !m_queue.empty()) {
            const QString url = m_queue.front();
            m_queue.pop_front();
            QNetworkRequest request{QUrl(url)};
            request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("PODTrends/" PODTRENDS_VERSION " (thumbnails)"));
            QNetworkReply *reply = m_network->get(request);
            ++m_running;
            connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
                if (received > MaxImageBytes)
                    reply->abort();
            });
            connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
                reply->deleteLater();
                --m_running;
                QImage image;
                if (reply->error() == QNetworkReply::NoError)
                    image.loadFromData(reply->readAll());
                else
                    qCDebug(lcThumbnails) << "thumbnail failed:" << reply->errorString();
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
    QNetworkAccessManager *m_network = nullptr;
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
