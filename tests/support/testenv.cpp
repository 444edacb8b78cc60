#include "testenv.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace podtrends::test {

static QString sourceDir()
{
    const QString fromEnv = qEnvironmentVariable("PODTRENDS_SOURCE_DIR");
    return fromEnv.isEmpty() ? QDir::currentPath() : fromEnv;
}

QString realSamplesDir()
{
    const QString fromEnv = qEnvironmentVariable("PODTRENDS_REAL_SAMPLES");
    const QString dir = fromEnv.isEmpty() ? QDir(sourceDir()).filePath(QStringLiteral("../shared/real-samples")) : fromEnv;
    return QFileInfo(dir).isDir() ? QDir::cleanPath(dir) : QString();
}

QString fixturesDir()
{
    return QDir(sourceDir()).filePath(QStringLiteral("tests/fixtures"));
}

QString postgresAdminUrl()
{
    return qEnvironmentVariable("POD_TEST_PG_URL");
}

void addDialectRows()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

QString createPostgresDatabase(QString *skipReason)
{
    const QString admin = postgresAdminUrl();
    if (admin.isEmpty()) {
        *skipReason = QStringLiteral("PostgreSQL half skipped: POD_TEST_PG_URL is not set (run ./test.sh to include it)");
        return {};
    }
    auto config = core::DatabaseConfig::parse(admin);
    if (!config) {
        *skipReason = QStringLiteral("POD_TEST_PG_URL is malformed: ") + config.errorMessage();
        return {};
    }
    const QString name = QStringLiteral("pt_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    const QString connection = QStringLiteral("admin-") + name;
    bool created = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(config->host);
        db.setPort(config->port);
        db.setUserName(config->user);
        db.setPassword(config->password);
        db.setDatabaseName(config->databaseName);
        if (db.open()) {
            QSqlQuery q(db);
            created = q.exec(QStringLiteral("CREATE DATABASE ") + name);
            if (!created)
                qWarning() << "CREATE DATABASE failed:" << q.lastError().text();
        } else {
            qWarning() << "cannot reach the test PostgreSQL server:" << db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!created)
        return {};
    core::DatabaseConfig fresh = *config;
    fresh.databaseName = name;
    return fresh.spec();
}

std::shared_ptr<core::Database> openFreshDatabase(const QString &dialect, const QString &dir, QString *skipReason)
{
    QString spec;
    if (dialect == QLatin1String("sqlite")) {
        spec = QDir(dir).filePath(QStringLiteral("test-%1.sqlite").arg(QUuid::createUuid().toString(QUuid::Id128).left(8)));
    } else {
        spec = createPostgresDatabase(skipReason);
        if (spec.isEmpty())
            return nullptr;
    }
    auto config = core::DatabaseConfig::parse(spec);
    if (!config)
        return nullptr;
    auto db = core::Database::open(*config);
    if (!db) {
        qWarning() << "opening the test database failed:" << db.errorMessage();
        return nullptr;
    }
    return *db;
}

} // namespace podtrends::test
