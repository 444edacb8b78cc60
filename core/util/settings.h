#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

namespace podtrends::core {

/**
 * Typed application settings. Keys are "group/key"; each feature declares its own accessors
 * next to the code that uses them (see e.g. core/net/httpclient.h), built on these helpers.
 * Secrets never go here: see SecretStore.
 */
namespace settings {

QVariant value(const QString &key, const QVariant &defaultValue = {});
void setValue(const QString &key, const QVariant &value);

/** The environment variable wins over the stored setting, which wins over the default. */
QString envOrSetting(const char *envName, const QString &key, const QString &defaultValue);

/** The database the GUI opens: a path or postgres:// URL (its password comes from SecretStore). */
QString databaseSpec();
void setDatabaseSpec(const QString &spec);

} // namespace settings
} // namespace podtrends::core
