#include "httptypes.h"

#include <core/util/settings.h>

#include <QJsonDocument>
#include <QUuid>

namespace podtrends::core {

HttpSettings HttpSettings::defaults()
{
    HttpSettings s;
    s.transferTimeoutMs = settings::value(QStringLiteral("network/timeout_ms"), s.transferTimeoutMs).toInt();
    s.requestsPerSecond = settings::value(QStringLiteral("network/requests_per_second"), s.requestsPerSecond).toDouble();
    return s;
}

bool HttpRequest::isIdempotent() const
{
    if (idempotent)
        return *idempotent;
    const QByteArray m = method.toUpper();
    return m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" || m == "OPTIONS";
}

HttpRequest HttpRequest::get(const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    return r;
}

HttpRequest HttpRequest::post(const QUrl &url, const QByteArray &body, const QByteArray &contentType)
{
    HttpRequest r;
    r.method = "POST";
    r.url = url;
    r.body = body;
    r.contentType = contentType;
    return r;
}

HttpRequest HttpRequest::postJson(const QUrl &url, const QJsonObject &body)
{
    return post(url, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append(qMakePair(name, value));
}

MultipartForm::MultipartForm()
    : m_boundary("----podtrends" + QUuid::createUuid().toByteArray(QUuid::Id128))
{
}

void MultipartForm::addField(const QByteArray &name, const QByteArray &value)
{
    m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}

void MultipartForm::addFile(const QByteArray &name, const QString &fileName, const QByteArray &mimeType, const QByteArray &data)
{
    QByteArray safeName = fileName.toUtf8();
    safeName.replace('"', "%22").replace('\r', "").replace('\n', "");
    m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + safeName
              + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n" + data + "\r\n";
}

QByteArray MultipartForm::contentType() const
{
    return "multipart/form-data; boundary=" + m_boundary;
}

QByteArray MultipartForm::body() const
{
    return m_body + "--" + m_boundary + "--\r\n";
}

HttpRequest MultipartForm::post(const QUrl &url) const
{
    return HttpRequest::post(url, body(), contentType());
}

} // namespace podtrends::core
