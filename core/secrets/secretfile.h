#pragma once

#include <core/util/result.h>

#include <QString>

namespace podtrends::core::secretfile {

/**
 * The fallback file for keys when no keychain answers: a JSON object of entry name → value,
 * created with mode 0600 (readable only by the user) and replaced atomically on every change.
 * Less safe than a keychain (any program running as the user can read it), which the UI says.
 */
Result<QString> read(const QString &path, const QString &entry);
Status write(const QString &path, const QString &entry, const QString &value);
Status remove(const QString &path, const QString &entry);

} // namespace podtrends::core::secretfile
