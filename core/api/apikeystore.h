#pragma once

#include <core/storage/database.h>

#include <QDateTime>
#include <QList>

#include <memory>
#include <optional>

namespace podtrends::core {

/** One REST API key as listed in Settings: never the key itself, only its public prefix. */
struct ApiKey
{
    qint64 id = 0;
    QString name;
    QString prefix;          ///< "pt_1a2b3c4d5e6f", shown to tell keys apart
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime revokedAt;
    bool revoked() const { return revokedAt.isValid(); }
};

/**
 * API keys for the local REST server. A key reads `pt_<12 hex>.<43 chars>`; the table stores the
 * prefix, a random per-key salt and SHA-256(salt ‖ key), so a copy of the database does not reveal
 * working keys. The full key is returned once, by create(). Use from one thread (its connection).
 */
class ApiKeyStore final
{
public:
    explicit ApiKeyStore(std::shared_ptr<Database> db);

    /** Creates a key named `name`; returns the stored row and the full key (show it once). */
    Result<std::pair<ApiKey, QString>> create(const QString &name);
    Status revoke(qint64 id);
    /** Newest first, revoked ones included. */
    Result<QList<ApiKey>> list();
    /** The id of the live key matching `token`, or nullopt for an unknown, wrong or revoked key. */
    Result<std::optional<qint64>> verify(const QString &token);
    /** Records when a key was last used (best effort). */
    Status touch(qint64 id);

    static QByteArray hash(const QByteArray &salt, const QString &token);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
