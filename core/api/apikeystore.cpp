#include "apikeystore.h"

#include <core/util/json.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRandomGenerator>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ApiKeyStore)
};

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}

// Compares without an early exit, so timing does not tell how much of a hash matched.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

ApiKey fromRecord(const QSqlQuery &q)
{
    ApiKey k;
    k.id = q.value(0).toLongLong();
    k.name = q.value(1).toString();
    k.prefix = q.value(2).toString();
    k.createdAt = json::dateTimeFrom(q.value(3));
    k.lastUsedAt = json::dateTimeFrom(q.value(4));
    k.revokedAt = json::dateTimeFrom(q.value(5));
    return k;
}

} // namespace

ApiKeyStore::ApiKeyStore(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QByteArray ApiKeyStore::hash(const QByteArray &salt, const QString &token)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(salt);
    h.addData(token.toUtf8());
    return h.result().toHex();
}

Result<std::pair<ApiKey, QString>> ApiKeyStore::create(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error{Tr::tr("Give the key a name, e.g. the tool that will use it"), 2};
    const QString prefix = QStringLiteral("pt_") + QString::fromLatin1(randomBytes(6).toHex());
    const QString secret = QString::fromLatin1(randomBytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QString token = prefix + QLatin1Char('.') + secret;
    const QByteArray salt = randomBytes(16).toHex();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO api_keys (name, prefix, salt, key_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(trimmed);
    q.addBindValue(prefix);
    q.addBindValue(QString::fromLatin1(salt));
    q.addBindValue(QString::fromLatin1(hash(salt, token)));
    q.addBindValue(now);
    if (Status s = exec(q); !s)
        return s.error();
    q.next();
    ApiKey key;
    key.id = q.value(0).toLongLong();
    key.name = trimmed;
    key.prefix = prefix;
    key.createdAt = now;
    return std::pair<ApiKey, QString>(key, token);
}

Status ApiKeyStore::revoke(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"));
    q.addBindValue(QDateTime::currentDateTimeUtc());
    q.addBindValue(id);
    return exec(q);
}

Result<QList<ApiKey>> ApiKeyStore::list()
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_keys ORDER BY id DESC")))
        return Error{describeSqlError(q), 1};
    QList<ApiKey> out;
    while (q.next())
        out << fromRecord(q);
    return out;
}

Result<std::optional<qint64>> ApiKeyStore::verify(const QString &token)
{
    const qsizetype dot = token.indexOf(QLatin1Char('.'));
    if (!token.startsWith(QLatin1String("pt_")) || dot < 4 || dot > 40 || token.size() > 200)
        return std::optional<qint64>();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT id, salt, key_hash FROM api_keys WHERE prefix = ? AND revoked_at IS NULL"));
    q.addBindValue(token.left(dot));
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<qint64>();
    if (!sameBytes(hash(q.value(1).toString().toLatin1(), token), q.value(2).toString().toLatin1()))
        return std::optional<qint64>();
    return std::optional<qint64>(q.value(0).toLongLong());
}

Status ApiKeyStore::touch(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ?"));
    q.addBindValue(QDateTime::currentDateTimeUtc());
    q.addBindValue(id);
    return exec(q);
}

} // namespace podtrends::core
