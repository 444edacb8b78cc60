#include "databaseconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QUrl>

namespace podtrends::core {

Result<DatabaseConfig> DatabaseConfig::parse(const QString &spec)
{
    DatabaseConfig config;
    const QString trimmed = spec.trimmed();
    if (trimmed.isEmpty()) {
        config.sqlitePath = defaultSqlitePath();
        return config;
    }
    if (trimmed.startsWith(QLatin1String("postgres://")) || trimmed.startsWith(QLatin1String("postgresql://"))) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return Error{QCoreApplication::translate("Database", "Malformed PostgreSQL URL: expected postgres://user:password@host:port/dbname"), 2};
        const QString db = url.path().mid(1);
        if (db.isEmpty() || db.contains(QLatin1Char('/')))
            return Error{QCoreApplication::translate("Database", "Malformed PostgreSQL URL: the database name is missing (postgres://user:password@host:port/dbname)"), 2};
        if (url.port() == 0)
            return Error{QCoreApplication::translate("Database", "Malformed PostgreSQL URL: invalid port"), 2};
        config.dialect = Dialect::PostgreSQL;
        config.host = url.host();
        config.port = url.port(5432);
        config.user = url.userName(QUrl::FullyDecoded);
        config.password = url.password(QUrl::FullyDecoded);
        config.databaseName = db;
        return config;
    }
    if (trimmed.contains(QLatin1String("://")) && !trimmed.startsWith(QLatin1String("file://")))
        return Error{QCoreApplication::translate("Database", "Unsupported database URL \"%1\": use a file path or postgres://…").arg(trimmed.section(QLatin1String("://"), 0, 0)), 2};
    config.sqlitePath = trimmed.startsWith(QLatin1String("file://")) ? QUrl(trimmed).toLocalFile() : trimmed;
    // Cleaned and trimmed until neither changes it: "name /" cleans to "name " and "dir/\r"
    // trims to "dir/", which spec() could not give back, since parse() trims and cleans
    // (found by fuzz_db_url). Each round that changes the path shortens it.
    QString path = QDir::cleanPath(QDir::current().absoluteFilePath(config.sqlitePath));
    while (path != path.trimmed())
        path = QDir::cleanPath(path.trimmed());
    config.sqlitePath = path;
    return config;
}

QString DatabaseConfig::defaultSqlitePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("podtrends.sqlite"));
}

QString DatabaseConfig::displayName() const
{
    if (dialect == Dialect::SQLite)
        return sqlitePath;
    QString s = QStringLiteral("postgres://");
    if (!user.isEmpty())
        s += user + QLatin1Char('@');
    return s + host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + databaseName;
}

QString DatabaseConfig::spec() const
{
    if (dialect == Dialect::SQLite)
        return sqlitePath;
    QUrl url;
    url.setScheme(QStringLiteral("postgres"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPassword(password);
    url.setPath(QLatin1Char('/') + databaseName);
    // Fully encoded: the pretty form leaves a space in a user name or password as it is, and
    // parse() (strict) then refuses the spec (found by fuzz_db_url).
    return url.toString(QUrl::FullyEncoded);
}

} // namespace podtrends::core
