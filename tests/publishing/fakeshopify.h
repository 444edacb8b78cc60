#pragma once

#include "loopbackserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QStringList>

namespace podtrends::test {

/**
 * Shopify Admin GraphQL on loopback, following API-CONTRACTS.md §2: X-Shopify-Access-Token
 * (401 JSON otherwise), the client-credentials token exchange, HTTP 200 for userErrors and
 * THROTTLED, extensions.cost on every reply, gid ids, staged uploads that accept a multipart
 * POST, Files that go UPLOADED → READY, productSet. Every request is checked; contract breaks are
 * recorded in `violations`.
 */
class FakeShopify final : public QObject
{
    Q_OBJECT
public:
    explicit FakeShopify(QString token, QString version, QObject *parent = nullptr);
    QUrl adminBase() const;
    LoopbackServer &server() { return m_server; }

    struct Product { QString id; QString handle; QJsonObject input; };
    QStringList violations;
    QList<Product> products;
    QStringList uploads;   ///< resourceUrls that received their bytes
    QStringList cdnUrls;   ///< READY file URLs handed out

    // Scripted behaviour.
    int throttleNextProductSets = 0;
    int userErrorsOnProductSet = 0; ///< answer productSet with userErrors this many times
    int filePollsUntilReady = 2;
    QString clientId;               ///< when set, tokens come from the client-credentials exchange …
    QString clientSecret;
    int tokenUses = -1;             ///< … and expire after this many GraphQL calls (-1: never)
    int tokensIssued = 0;

private:
    FakeReply handle(const FakeRequest &r);
    FakeReply graphql(const FakeRequest &r);
    FakeReply data(const QJsonObject &data, double available = 1990);
    FakeReply productSet(const QJsonObject &variables);

    LoopbackServer m_server;
    QString m_token;
    QString m_version;
    int m_tokenCalls = 0;
    int m_nextId = 1000;
    QHash<QString, QString> m_targets; ///< staged path → resourceUrl
    QHash<QString, int> m_filePolls;    ///< file gid → polls
    QHash<QString, QString> m_fileSource;
    QDateTime m_throttledUntil;
};

} // namespace podtrends::test
