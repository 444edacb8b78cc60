#pragma once

#include <core/util/result.h>

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QUrl>

#include <utility>

namespace podtrends::core {

/** What one HTTP connection may send and how long it may take (HttpFront). */
struct HttpLimits
{
    int maxHeaderBytes = 16 * 1024;     ///< request line and header fields together; more: 431
    int maxTargetBytes = 8 * 1024;      ///< the request target alone; more: 414
    int maxHeaderCount = 64;            ///< header fields; more: 431
    qint64 maxBodyBytes = 64 * 1024;    ///< Content-Length above this: 413, before any of the body is read
    int headerTimeoutMs = 10000;        ///< from a request's first byte to its blank line; then 408
    int bodyTimeoutMs = 10000;          ///< from the head to the body's last byte; then 408
    int idleTimeoutMs = 15000;          ///< a connection with nothing to do is closed after this
    int writeTimeoutMs = 30000;         ///< a client that stops reading its replies is dropped after this
    int maxConnections = 256;           ///< open connections; also kept below the process's file limit
    int maxPipelined = 16;              ///< requests of one connection being answered at once
};

/** A request as HttpFront read it. Header names are lower case. */
struct IncomingRequest
{
    QByteArray method;
    QByteArray target;                  ///< as sent
    QUrl url;                           ///< path and query of the target
    int minorVersion = 1;               ///< HTTP/1.x
    QList<std::pair<QByteArray, QByteArray>> headers;
    qint64 contentLength = 0;
    bool keepAlive = true;
    bool expectContinue = false;
    QByteArray body;
    QHostAddress remoteAddress;

    /** The value of a header field (name in lower case); empty when absent. */
    QByteArray header(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;
};

/**
 * Reads a request head: the request line and the header fields, without the blank line after
 * them (RFC 9112). Strict where lenience lets a request mean two things to two servers: CRLF line
 * ends only, no obs-fold, no space before a colon, one Host, one Content-Length of digits only,
 * no Transfer-Encoding beside it. The error's code is the status to answer: 400 malformed or
 * ambiguous, 414 target too long, 417 an Expect other than 100-continue, 431 too many or too
 * large header fields, 501 a Transfer-Encoding (bodies come with Content-Length), 505 not HTTP/1.x.
 */
Result<IncomingRequest> parseRequestHead(QByteArrayView head, const HttpLimits &limits = {});

} // namespace podtrends::core
