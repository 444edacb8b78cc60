#pragma once

#include <core/util/result.h>

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace podtrends::core {

/**
 * The rules every outgoing request follows, kept in one place: which addresses may be called
 * (https anywhere, plain http only to this computer, so secrets never cross a network in the
 * clear), the user agent, the rate limiter's key and the reading of Retry-After.
 */
class HttpPolicy final
{
public:
    HttpPolicy() = delete;

    /** http is allowed only to 127.0.0.0/8, ::1 and localhost; https everywhere. */
    static Status checkUrlAllowed(const QUrl &url);
    /** localhost, 127.0.0.0/8 or ::1. */
    static bool isLoopbackHost(const QString &host);
    /** "PODTrends/<version>", what every request sends as User-Agent. */
    static QByteArray userAgent();
    /** "host:port", the rate limiter's key for a URL. */
    static QString hostKey(const QUrl &url);
    /** Retry-After as milliseconds (delta-seconds or an HTTP date), or -1. */
    static qint64 parseRetryAfter(const QByteArray &value);
};

} // namespace podtrends::core
