#include "httppolicy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(HttpClient)
};

/** RFC 9110 HTTP-date: IMF-fixdate, and the obsolete RFC 850 and asctime forms. */
QDateTime parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value).simplified();
    const QLocale c = QLocale::c();
    // IMF-fixdate, RFC 850 and asctime; the day name is redundant (and RFC 850's two-digit year
    // would make it disagree with the date), so it is dropped before parsing.
    const QString withoutDay = text.section(QLatin1Char(' '), text.contains(QLatin1Char(',')) ? 1 : 0);
    const QString asctimeRest = text.section(QLatin1Char(' '), 1);
    const QList<QPair<QString, QString>> forms{{withoutDay, QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'")},
                                               {withoutDay, QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'")},
                                               {asctimeRest, QStringLiteral("MMM d HH:mm:ss yyyy")}};
    for (const auto &[input, format] : forms) {
        QDateTime when = c.toDateTime(input, format);
        if (when.isValid()) {
            if (when.date().year() < 1970)
                when = when.addYears(100); // RFC 850's two-digit year
            return QDateTime(when.date(), when.time(), Qt::UTC);
        }
    }
    // Not HTTP's form, but seen: a numeric zone ("+0000").
    return QDateTime::fromString(text, Qt::RFC2822Date);
}

} // namespace

bool HttpPolicy::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

Status HttpPolicy::checkUrlAllowed(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return Status::failure(Tr::tr("Not a valid web address: %1").arg(url.toDisplayString(QUrl::RemoveUserInfo)), -3);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        return Status::failure(Tr::tr("Plain http is refused for %1; use https (plain http is only allowed to this computer)").arg(url.host()), -3);
    }
    return Status::failure(Tr::tr("Unsupported address scheme \"%1\"").arg(scheme), -3);
}

QByteArray HttpPolicy::userAgent()
{
    return QByteArrayLiteral("PODTrends/" PODTRENDS_VERSION);
}

QString HttpPolicy::hostKey(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("http") ? 80 : 443;
    return url.host().toLower() + QLatin1Char(':') + QString::number(url.port(defaultPort));
}

qint64 HttpPolicy::parseRetryAfter(const QByteArray &value)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok)
        return seconds < 0 || !std::isfinite(seconds) ? -1 : qint64(std::ceil(std::min(seconds, 1e9) * 1000.0));
    const QDateTime when = parseHttpDate(v);
    if (!when.isValid())
        return -1;
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

} // namespace podtrends::core
