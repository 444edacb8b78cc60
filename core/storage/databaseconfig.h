#pragma once

#include <core/util/result.h>

#include <QString>

namespace podtrends::core {

enum class Dialect { SQLite, PostgreSQL };

/** Where the data lives: a SQLite file or a PostgreSQL server. */
struct DatabaseConfig
{
    Dialect dialect = Dialect::SQLite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password; ///< never logged; displayName() leaves it out
    QString databaseName;

    /** Parses a path or a postgres://user:pass@host:port/dbname URL. */
    static Result<DatabaseConfig> parse(const QString &spec);
    /** podtrends.sqlite under QStandardPaths::AppDataLocation. */
    static QString defaultSqlitePath();
    /** For the status bar and messages: path, or postgres://user@host:port/db (no password). */
    QString displayName() const;
    /** The spec that parse() accepts again (includes the password for PostgreSQL). */
    QString spec() const;
};

} // namespace podtrends::core
