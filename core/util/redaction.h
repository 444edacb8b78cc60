#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace podtrends::core {

/**
 * The one redaction point. Every text that leaves the process or is stored — log lines,
 * stderr and stdout of the CLI, activity-log lines, job errors and results, source and
 * marketplace error messages, publish state, REST replies — passes through redact() first.
 *
 * It replaces with "***": every secret value registered here (SecretStore registers each key
 * it reads or writes, Etsy's "keystring:secret" also half by half; Database registers the
 * password of its URL), and, even when unregistered, the value after Bearer/Basic, of an
 * Authorization, X-Shopify-Access-Token or x-api-key header (in header, JSON or form echo),
 * of a credential in a query string (api_key=, token=, access_token=, client_secret=, key=,
 * password=), and the password of a URL (scheme://user:password@host).
 */
QString redact(QString text);
QByteArray redactUtf8(const QByteArray &text);
/** Redacts every string inside (keys stay). */
QJsonObject redactJson(const QJsonObject &object);

/** Registers a secret value that must never leave the process (values under 4 characters are ignored). */
void registerSecret(const QString &value);

/**
 * A write-only device for QTextStream that redacts each line before writing it to a FILE
 * (stdout, stderr): lines are held until their newline so a secret is never split.
 */
class RedactingFile final : public QIODevice
{
public:
    explicit RedactingFile(FILE *file);
    ~RedactingFile() override;
    void flushPending();

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 len) override;

private:
    FILE *m_file;
    QByteArray m_pending;
};

} // namespace podtrends::core
