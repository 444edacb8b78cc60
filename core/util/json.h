#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QVariant>

namespace podtrends::core::json {

/** Compact JSON text for storing an object or array in a TEXT/JSONB column. */
QString toText(const QJsonObject &object);
QString toText(const QJsonArray &array);
QJsonObject objectFrom(const QVariant &columnValue);
QJsonArray arrayFrom(const QVariant &columnValue);
QJsonArray fromStringList(const QStringList &list);
QStringList toStringList(const QJsonArray &array);
/** A list of strings as compact JSON text in UTF-8, the same text QJsonDocument writes for it, without
 *  building the QJsonArray (the database writer stores tags and keywords of every product). */
QByteArray compactStringArray(const QStringList &list);

/** ISO 8601 UTC with milliseconds, or null when invalid. */
QJsonValue fromDateTime(const QDateTime &dt);
/** Reads a timestamp column from either dialect (SQLite text, PostgreSQL timestamptz). */
QDateTime dateTimeFrom(const QVariant &columnValue);

} // namespace podtrends::core::json
