#pragma once

#include <core/storage/databaseconfig.h>

#include <QStringList>

#include <vector>

namespace podtrends::core {

/**
 * One schema step. The SQL is written once with placeholders that each dialect fills:
 * ${PK} serial primary key, ${ID} 64-bit integer, ${TS} timestamp, ${JSON} JSON document,
 * ${REAL} double, ${BOOL} boolean, ${TRUE}/${FALSE}. A statement that starts with ${SQLITE_ONLY} or
 * ${POSTGRES_ONLY} runs on that engine only (full-text search is engine-specific).
 *
 * Versions are allotted in ranges so features can add steps without colliding:
 * 1–9 foundation, 10–19 collection, 20–29 analysis, 30–39 designs, 40–49 publishing,
 * 50–59 team and REST API.
 */
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;
};

/** Every migration this program knows, in ascending version order. */
const std::vector<Migration> &allMigrations();
/** The highest version known; a database above it was written by a newer program. */
int latestSchemaVersion();
/** Fills the placeholders for a dialect. */
QString sqlForDialect(const QString &statement, Dialect dialect);

} // namespace podtrends::core
