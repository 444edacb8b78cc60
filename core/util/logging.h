#pragma once

#include <QLoggingCategory>
#include <QString>

namespace podtrends::core {

/**
 * Installs the process-wide message handler: human-readable lines on stderr and, when a path is
 * given, structured JSON lines (time, level, category, message) appended to that file.
 * Every line passes through redact() first.
 */
bool installLogging(const QString &jsonLogPath, QString *error = nullptr, QtMsgType stderrMinimum = QtDebugMsg);

/** Registers a secret value that must never appear in a log line (replaced by "***"). */
void registerSecret(const QString &value);
/** Replaces every registered secret, bearer token and URL password in text. */
QString redact(QString text);

} // namespace podtrends::core
