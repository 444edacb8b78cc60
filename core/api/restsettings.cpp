#include "restsettings.h"

#include <core/util/settings.h>

namespace podtrends::core::restsettings {

bool runInApp()
{
    return settings::value(QStringLiteral("api/runInApp"), false).toBool();
}

void setRunInApp(bool on)
{
    settings::setValue(QStringLiteral("api/runInApp"), on);
}

RestServerOptions options()
{
    RestServerOptions o;
    o.port = static_cast<quint16>(settings::value(QStringLiteral("api/port"), 8000).toUInt());
    const QHostAddress address(settings::value(QStringLiteral("api/bind"), QStringLiteral("127.0.0.1")).toString());
    if (!address.isNull())
        o.address = address;
    o.requestsPerSecond = settings::value(QStringLiteral("api/requestsPerSecond"), 20.0).toDouble();
    o.corsOrigins = settings::value(QStringLiteral("api/corsOrigins")).toStringList();
    return o;
}

void setOptions(const RestServerOptions &o)
{
    settings::setValue(QStringLiteral("api/port"), o.port);
    settings::setValue(QStringLiteral("api/bind"), o.address.toString());
    settings::setValue(QStringLiteral("api/requestsPerSecond"), o.requestsPerSecond);
    settings::setValue(QStringLiteral("api/corsOrigins"), o.corsOrigins);
}

} // namespace podtrends::core::restsettings
