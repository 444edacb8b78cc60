#pragma once

#include "loopbackserver.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <functional>

namespace podtrends::test {

/**
 * Printful API v1 on loopback, following API-CONTRACTS.md §3: the {code, result, error}
 * envelope, Bearer auth, X-PF-Store-Id, the T-shirt catalog from the real captured response (and
 * a mug, a poster and a tote in the documented shape), files that
 * go waiting → ok, sync products by external id, X-Ratelimit-* headers and 429 lockouts.
 * Every request is checked; what breaks the contract is recorded in `violations`.
 */
class FakePrintful final : public QObject
{
    Q_OBJECT
public:
    explicit FakePrintful(QString token, QString storeId, QObject *parent = nullptr);
    QUrl baseUrl() const { return m_server.baseUrl(); }
    LoopbackServer &server() { return m_server; }

    struct File { qint64 id; QString url; int polls = 0; };
    struct SyncProduct { qint64 id; QString externalId; QJsonObject body; };

    QStringList violations;
    QList<File> files;
    QList<SyncProduct> products;
    QSet<qint64> catalogVariantIds;

    // Scripted behaviour.
    int filePollsUntilOk = 2;          ///< GET /files/{id} answers waiting this many times; -1 = forever
    int rateLimitNextPosts = 0;        ///< answer the next N POSTs with 429 (Retry-After: lockoutSeconds)
    int lockoutSeconds = 1;
    bool exhaustBudgetOnNextReply = false; ///< next success says X-Ratelimit-Remaining: 0, Reset: 1 s
    int serverErrorsOnFileGet = 0;     ///< 503 for the next N GET /files/{id}
    int createThenFail = 0;            ///< create the sync product but answer 500, N times
    int syncProductStatus = 0;         ///< non-zero: reject POST /store/products with this status …
    QString syncProductMessage;        ///< … and this message
    std::function<void()> onSyncProductPost; ///< runs when a POST /store/products arrives (before answering)

    int requestCount(const QByteArray &method, const QString &pathPrefix) const;

private:
    FakeReply handle(const FakeRequest &r);
    FakeReply error(int code, const QString &reason, const QString &message, QList<QPair<QByteArray, QByteArray>> headers = {});
    FakeReply ok(const QJsonValue &result, QList<QPair<QByteArray, QByteArray>> headers = {});
    void checkSyncProduct(const QJsonObject &body);

    LoopbackServer m_server;
    QString m_token;
    QString m_storeId;
    QHash<qint64, QJsonObject> m_catalogs;   ///< GET /products/{id} results
    QHash<qint64, QJsonObject> m_printfiles; ///< GET /mockup-generator/printfiles/{id} results
    QDateTime m_lockedUntil;
    qint64 m_nextId = 9001;
};

} // namespace podtrends::test
