#include "incomingrequest.h"

namespace podtrends::core {

namespace {

// RFC 9110 tchar: the characters of a method or a header field name.
bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isTchar(c))
            return false;
    return true;
}

// Field values: visible characters, space, tab and obs-text; never NUL or another control.
bool isFieldValue(QByteArrayView text)
{
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    return true;
}

Error bad(int status, const char *why)
{
    return Error{QString::fromLatin1(why), status};
}

} // namespace

QByteArray IncomingRequest::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerName)
            return value;
    return {};
}

bool IncomingRequest::hasHeader(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerName)
            return true;
    return false;
}

Result<IncomingRequest> parseRequestHead(QByteArrayView head, const HttpLimits &limits)
{
    if (head.size() > limits.maxHeaderBytes)
        return bad(431, "Request header fields too large");
    // Lines end in CRLF and nowhere else: a lone CR or LF is read differently by different servers.
    QList<QByteArrayView> lines;
    qsizetype from = 0;
    for (qsizetype i = 0; i < head.size(); ++i) {
        if (head.at(i) == '\r') {
            if (i + 1 >= head.size() || head.at(i + 1) != '\n')
                return bad(400, "Bare CR in the request head");
            lines << head.sliced(from, i - from);
            from = i + 2;
            ++i;
        } else if (head.at(i) == '\n') {
            return bad(400, "Bare LF in the request head");
        }
    }
    lines << head.sliced(from);

    IncomingRequest r;
    const QByteArrayView requestLine = lines.value(0);
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return bad(400, "Malformed request line");
    r.method = requestLine.first(sp1).toByteArray();
    const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(r.method))
        return bad(400, "Malformed method");
    if (target.size() > limits.maxTargetBytes)
        return bad(414, "Request target too long");
    if (target.isEmpty())
        return bad(400, "Empty request target");
    for (char ch : target) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f)
            return bad(400, "Malformed request target");
    }
    if (version.size() != 8 || !version.startsWith("HTTP/") || version.at(6) != '.' || version.at(5) < '0' || version.at(5) > '9'
        || version.at(7) < '0' || version.at(7) > '9')
        return bad(400, "Malformed HTTP version");
    if (version.at(5) != '1')
        return bad(505, "HTTP version not supported");
    r.minorVersion = version.at(7) - '0';
    r.target = target.toByteArray();
    if (target == "*") {
        if (r.method != "OPTIONS")
            return bad(400, "Malformed request target");
        r.url = QUrl(QStringLiteral("*"));
    } else if (target.startsWith('/')) {
        r.url = QUrl::fromEncoded(r.target, QUrl::StrictMode);
    } else if (target.startsWith("http://") || target.startsWith("https://")) {
        const QUrl absolute = QUrl::fromEncoded(r.target, QUrl::StrictMode);
        r.url = absolute.adjusted(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        if (r.url.path().isEmpty())
            r.url.setPath(QStringLiteral("/"));
    } else {
        return bad(400, "Malformed request target");
    }
    if (!r.url.isValid())
        return bad(400, "Malformed request target");

    int hosts = 0;
    int lengths = 0;
    bool chunkedOrOther = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines.at(i);
        if (line.isEmpty())
            return bad(400, "Empty line inside the request head");
        if (line.front() == ' ' || line.front() == '\t')
            return bad(400, "Folded header lines (obs-fold) are not accepted");
        if (r.headers.size() >= limits.maxHeaderCount)
            return bad(431, "Too many request header fields");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return bad(400, "Malformed header field");
        const QByteArrayView name = line.first(colon);
        if (!isToken(name))
            return bad(400, "Malformed header field name");
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (!isFieldValue(value))
            return bad(400, "Control characters in a header field value");
        const QByteArray lower = name.toByteArray().toLower();
        if (lower == "host") {
            ++hosts;
        } else if (lower == "content-length") {
            ++lengths;
            if (!isDigits(value))
                return bad(400, "Malformed Content-Length");
            r.contentLength = value.toByteArray().toLongLong();
        } else if (lower == "transfer-encoding") {
            chunkedOrOther = true;
        }
        r.headers.append({lower, value.toByteArray()});
    }
    if (lengths > 1)
        return bad(400, "More than one Content-Length");
    if (chunkedOrOther && lengths > 0)
        return bad(400, "Transfer-Encoding together with Content-Length");
    if (chunkedOrOther)
        return bad(501, "Transfer-Encoding is not supported; send the body with a Content-Length");
    if (r.minorVersion >= 1 && hosts != 1)
        return bad(400, hosts == 0 ? "Missing Host header" : "More than one Host header");
    if (hosts > 1)
        return bad(400, "More than one Host header");

    const QByteArray connection = r.header("connection").toLower();
    r.keepAlive = r.minorVersion >= 1 ? !connection.contains("close") : connection.contains("keep-alive");
    if (r.hasHeader("expect")) {
        if (r.header("expect").toLower() != "100-continue")
            return bad(417, "Only Expect: 100-continue is understood");
        r.expectContinue = r.minorVersion >= 1;
    }
    return r;
}

} // namespace podtrends::core
