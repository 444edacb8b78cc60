#include "redaction.h"

#include <QJsonArray>

#include <algorithm>
#include <QReadWriteLock>
#include <QRegularExpression>
#include <QSet>

namespace podtrends::core {

namespace {

struct Secrets
{
    QReadWriteLock lock;
    QSet<QString> values;
};

Secrets &secrets()
{
    static Secrets s;
    return s;
}

QJsonValue redactValue(const QJsonValue &v)
{
    if (v.isString())
        return redact(v.toString());
    if (v.isObject())
        return redactJson(v.toObject());
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(redactValue(item));
        return out;
    }
    return v;
}

} // namespace

void registerSecret(const QString &value)
{
    const QString v = value.trimmed();
    if (v.size() < 4)
        return; // too short to redact without mangling ordinary words
    Secrets &s = secrets();
    QWriteLocker lock(&s.lock);
    s.values.insert(v);
    // Etsy's "keystring:shared_secret": a service may echo either half alone.
    const int colon = v.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        const QString left = v.left(colon);
        const QString right = v.mid(colon + 1);
        if (left.size() >= 8)
            s.values.insert(left);
        if (right.size() >= 8)
            s.values.insert(right);
    }
}

QString redact(QString text)
{
    if (text.isEmpty())
        return text;
    {
        Secrets &s = secrets();
        QReadLocker lock(&s.lock);
        // Longest first, so a half never leaves the rest of the whole key behind.
        QList<QString> values(s.values.begin(), s.values.end());
        std::sort(values.begin(), values.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
        for (const QString &secret : std::as_const(values))
            text.replace(secret, QLatin1String("***"));
    }
    // "Bearer <token>" anywhere (a bare "Basic" is an ordinary word, so only after a header).
    static const QRegularExpression bearer(QStringLiteral("\\b(Bearer)\\s+(?!\\*\\*\\*)[A-Za-z0-9._~+/=:-]{4,}"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression basic(
        QStringLiteral("((?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?basic)\\s+(?!\\*\\*\\*)[A-Za-z0-9+/=]+"),
        QRegularExpression::CaseInsensitiveOption);
    // Header values echoed as "Name: value", "\"Name\": \"value\"" or "Name=value".
    static const QRegularExpression header(
        QStringLiteral("((?:(?:proxy-)?authorization|x-shopify-access-token|x-api-key|api-key)[\"']?\\s*[:=]\\s*[\"']?)"
                       "(?!\\*\\*\\*)(?!(?:bearer|basic)\\s)[^\\s\"',;}&]+"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression query(
        QStringLiteral("([?&;](?:api_key|apikey|key|token|access_token|client_secret|password|secret)=)(?!\\*\\*\\*)[^&\\s\"'#]+"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression urlPassword(QStringLiteral("(://[^:/@\\s]+:)[^@/\\s]+@"));
    text.replace(bearer, QStringLiteral("\\1 ***"));
    text.replace(basic, QStringLiteral("\\1 ***"));
    text.replace(header, QStringLiteral("\\1***"));
    text.replace(query, QStringLiteral("\\1***"));
    text.replace(urlPassword, QStringLiteral("\\1***@"));
    return text;
}

QByteArray redactUtf8(const QByteArray &text)
{
    return redact(QString::fromUtf8(text)).toUtf8();
}

QJsonObject redactJson(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), redactValue(it.value()));
    return out;
}

RedactingFile::RedactingFile(FILE *file)
    : m_file(file)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

RedactingFile::~RedactingFile()
{
    flushPending();
}

qint64 RedactingFile::writeData(const char *data, qint64 len)
{
    m_pending.append(data, len);
    const qsizetype lastNewline = m_pending.lastIndexOf('\n');
    if (lastNewline >= 0) {
        const QByteArray lines = redactUtf8(m_pending.left(lastNewline + 1));
        m_pending.remove(0, lastNewline + 1);
        std::fwrite(lines.constData(), 1, size_t(lines.size()), m_file);
        std::fflush(m_file);
    }
    return len;
}

void RedactingFile::flushPending()
{
    if (m_pending.isEmpty())
        return;
    const QByteArray rest = redactUtf8(m_pending);
    m_pending.clear();
    std::fwrite(rest.constData(), 1, size_t(rest.size()), m_file);
    std::fflush(m_file);
}

} // namespace podtrends::core
