#pragma once

#include <core/util/redaction.h>

#include <QLoggingCategory>
#include <QString>

namespace podtrends::core {

/**
 * Installs the process-wide message handler: human-readable lines on stderr and, when a path is
 * given, structured JSON lines (time, level, category, message) appended to that file.
 * Every line passes through redact() first.
 */
bool installLogging(const QString &jsonLogPath, QString *error = nullptr, QtMsgType stderrMinimum = QtDebugMsg);

/** The lowest level the handler prints on stderr from now on (the JSON log keeps every line). */
void setStderrMinimum(QtMsgType minimum);

} // namespace podtrends::core
