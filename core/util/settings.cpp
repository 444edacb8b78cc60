#include "settings.h"

namespace podtrends::core::settings {

QVariant value(const QString &key, const QVariant &defaultValue)
{
    return QSettings().value(key, defaultValue);
}

void setValue(const QString &key, const QVariant &v)
{
    QSettings().setValue(key, v);
}

QString envOrSetting(const char *envName, const QString &key, const QString &defaultValue)
{
    if (qEnvironmentVariableIsSet(envName) && !qEnvironmentVariableIsEmpty(envName))
        return qEnvironmentVariable(envName);
    return value(key, defaultValue).toString();
}

QString databaseSpec()
{
    return value(QStringLiteral("database/spec")).toString();
}

void setDatabaseSpec(const QString &spec)
{
    setValue(QStringLiteral("database/spec"), spec);
}

} // namespace podtrends::core::settings
