#include "secretstore.h"

#include <core/util/logging.h>

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcSecrets, "podtrends.core.secrets")

namespace podtrends::core {

namespace {
const QString kService = QStringLiteral("podtrends");

QString keychainError(QKeychain::Job *job)
{
    return QCoreApplication::translate("SecretStore", "The system keychain is not available (%1). Set the environment variable instead, or start a keychain service.")
        .arg(job->errorString());
}
} // namespace

QString SecretStore::envName(Key key)
{
    switch (key) {
    case Key::EtsyApiKey: return QStringLiteral("POD_ETSY_API_KEY");
    case Key::PrintfulToken: return QStringLiteral("POD_PRINTFUL_TOKEN");
    case Key::ShopifyToken: return QStringLiteral("POD_SHOPIFY_TOKEN");
    case Key::ShopifyClientSecret: return QStringLiteral("POD_SHOPIFY_CLIENT_SECRET");
    case Key::OpenAiApiKey: return QStringLiteral("POD_OPENAI_API_KEY");
    case Key::DatabasePassword: return QStringLiteral("POD_DB_PASSWORD");
    }
    return {};
}

QString SecretStore::keyName(Key key)
{
    switch (key) {
    case Key::EtsyApiKey: return QStringLiteral("etsy/api_key");
    case Key::PrintfulToken: return QStringLiteral("printful/token");
    case Key::ShopifyToken: return QStringLiteral("shopify/token");
    case Key::ShopifyClientSecret: return QStringLiteral("shopify/client_secret");
    case Key::OpenAiApiKey: return QStringLiteral("openai/api_key");
    case Key::DatabasePassword: return QStringLiteral("database/password");
    }
    return {};
}

QString SecretStore::label(Key key)
{
    switch (key) {
    case Key::EtsyApiKey: return QCoreApplication::translate("SecretStore", "Etsy API key");
    case Key::PrintfulToken: return QCoreApplication::translate("SecretStore", "Printful token");
    case Key::ShopifyToken: return QCoreApplication::translate("SecretStore", "Shopify Admin token");
    case Key::ShopifyClientSecret: return QCoreApplication::translate("SecretStore", "Shopify client secret");
    case Key::OpenAiApiKey: return QCoreApplication::translate("SecretStore", "OpenAI-compatible API key");
    case Key::DatabasePassword: return QCoreApplication::translate("SecretStore", "Database password");
    }
    return {};
}

bool SecretStore::overriddenByEnvironment(Key key)
{
    return qEnvironmentVariableIsSet(envName(key).toLatin1().constData());
}

Result<QString> SecretStore::read(Key key)
{
    if (overriddenByEnvironment(key)) {
        const QString value = qEnvironmentVariable(envName(key).toLatin1().constData());
        registerSecret(value);
        return value;
    }
    QKeychain::ReadPasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(keyName(key));
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::EntryNotFound)
        return QString();
    if (job.error() != QKeychain::NoError) {
        qCWarning(lcSecrets) << "keychain read failed for" << keyName(key) << job.errorString();
        return Error{keychainError(&job), 1};
    }
    const QString value = job.textData();
    registerSecret(value);
    return value;
}

void SecretStore::readAsync(Key key, QObject *context, std::function<void(Result<QString>)> done)
{
    if (overriddenByEnvironment(key)) {
        const QString value = qEnvironmentVariable(envName(key).toLatin1().constData());
        registerSecret(value);
        QMetaObject::invokeMethod(context, [done, value] { done(value); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(keyName(key));
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, done, guard] {
        if (!guard)
            return;
        if (job->error() == QKeychain::EntryNotFound)
            done(QString());
        else if (job->error() != QKeychain::NoError)
            done(Error{keychainError(job), 1});
        else {
            registerSecret(job->textData());
            done(job->textData());
        }
    });
    job->start();
}

void SecretStore::fillDatabasePassword(DatabaseConfig &config)
{
    if (config.dialect != Dialect::PostgreSQL || !config.password.isEmpty())
        return;
    if (auto password = read(Key::DatabasePassword))
        config.password = *password;
}

Status SecretStore::write(Key key, const QString &value)
{
    QKeychain::WritePasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(keyName(key));
    job.setTextData(value);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError)
        return Status::failure(keychainError(&job), 1);
    registerSecret(value);
    return {};
}

Status SecretStore::remove(Key key)
{
    QKeychain::DeletePasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(keyName(key));
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return Status::failure(keychainError(&job), 1);
    return {};
}

} // namespace podtrends::core
