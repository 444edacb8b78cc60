#include "secretstore.h"

#include <core/secrets/keychainthread.h>
#include <core/secrets/secretfile.h>
#include <core/util/logging.h>
#include <core/util/settings.h>
#include <core/util/whenready.h>

#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QStandardPaths>

#include <atomic>

Q_LOGGING_CATEGORY(lcSecrets, "podtrends.core.secrets")

namespace podtrends::core {

namespace {

using keychain::Answer;

enum KeychainState { Unknown, Available, Unavailable };
std::atomic<int> g_keychain{Unknown};

// Keys the seller chose to keep for this session only (no keychain answered).
QMutex g_sessionMutex;
QHash<QString, QString> g_session;

// lupdate reads the context from the macro (a free tr() function would be filed under the namespace).
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SecretStore)
};

std::optional<QString> sessionValue(const QString &entry)
{
    QMutexLocker lock(&g_sessionMutex);
    auto it = g_session.constFind(entry);
    if (it == g_session.constEnd())
        return std::nullopt;
    return *it;
}

void setSessionValue(const QString &entry, const QString &value)
{
    QMutexLocker lock(&g_sessionMutex);
    if (value.isEmpty())
        g_session.remove(entry);
    else
        g_session.insert(entry, value);
}

QString envValue(SecretStore::Key key)
{
    return qEnvironmentVariable(SecretStore::envName(key).toLatin1().constData());
}

void noteKeychain(const Answer &a)
{
    if (a.kind == Answer::Unavailable) {
        if (g_keychain.exchange(Unavailable) != Unavailable)
            qCWarning(lcSecrets) << "no system keychain answered:" << a.detail;
    } else {
        g_keychain = Available;
    }
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
    case Key::EtsyApiKey: return Tr::tr("Etsy API key");
    case Key::PrintfulToken: return Tr::tr("Printful token");
    case Key::ShopifyToken: return Tr::tr("Shopify Admin token");
    case Key::ShopifyClientSecret: return Tr::tr("Shopify client secret");
    case Key::OpenAiApiKey: return Tr::tr("OpenAI-compatible API key");
    case Key::DatabasePassword: return Tr::tr("Database password");
    }
    return {};
}

QString SecretStore::noKeychainMessage(Key key)
{
    return Tr::tr("No system keychain answered, so the %1 cannot be kept there. Set %2, or save the key in %3 "
              "for this session only or in a file only you can read.")
        .arg(label(key), envName(key), Tr::tr("Settings → Accounts"));
}

QString SecretStore::missingMessage(Key key)
{
    return Tr::tr("No %1 is set: set %2, or save it in %3.").arg(label(key), envName(key), Tr::tr("Settings → Accounts"));
}

bool SecretStore::overriddenByEnvironment(Key key)
{
    return qEnvironmentVariableIsSet(envName(key).toLatin1().constData());
}

bool SecretStore::keychainUnavailable() { return g_keychain == Unavailable; }
bool SecretStore::keychainAvailable() { return g_keychain == Available; }
void SecretStore::retryKeychain() { g_keychain = Unknown; }

int SecretStore::keychainTimeoutMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("POD_KEYCHAIN_TIMEOUT_MS", &ok);
    return ok && ms > 0 ? ms : 10000;
}

SecretStore::Fallback SecretStore::fallback()
{
    const QString v = settings::value(QStringLiteral("secrets/fallback")).toString();
    if (v == QLatin1String("session"))
        return Fallback::SessionOnly;
    if (v == QLatin1String("file"))
        return Fallback::File;
    return Fallback::Ask;
}

void SecretStore::setFallback(Fallback fallback)
{
    settings::setValue(QStringLiteral("secrets/fallback"),
                       fallback == Fallback::SessionOnly ? QStringLiteral("session")
                       : fallback == Fallback::File      ? QStringLiteral("file")
                                                         : QString());
}

QString SecretStore::fallbackFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/keys.json");
}

QFuture<Result<QString>> SecretStore::readFuture(Key key)
{
    if (overriddenByEnvironment(key)) {
        const QString value = envValue(key);
        registerSecret(value);
        return QtFuture::makeReadyFuture(Result<QString>(value));
    }
    const QString entry = keyName(key);
    if (auto value = sessionValue(entry)) {
        registerSecret(*value);
        return QtFuture::makeReadyFuture(Result<QString>(*value));
    }
    const QString path = fallbackFilePath();
    const bool skipKeychain = keychainUnavailable();
    // The fallback file is read on the keychain thread: never disk on the caller's thread.
    auto first = [path, entry, skipKeychain]() -> std::optional<Answer> {
        auto stored = secretfile::read(path, entry);
        if (!stored)
            return Answer{Answer::Failed, {}, stored.errorMessage()};
        if (!stored->isEmpty())
            return Answer{Answer::Value, *stored, QStringLiteral("file")};
        if (skipKeychain)
            return Answer{Answer::Unavailable, {}, QStringLiteral("known unavailable")};
        return std::nullopt;
    };
    return keychain::run(keychain::Op::Read, entry, {}, keychainTimeoutMs(), first).then([key](Answer a) -> Result<QString> {
        if (a.detail != QLatin1String("file") && a.detail != QLatin1String("known unavailable") && a.kind != Answer::Failed)
            noteKeychain(a);
        switch (a.kind) {
        case Answer::Value: registerSecret(a.value); return a.value;
        case Answer::NotFound: return QString();
        case Answer::Unavailable: return Error{noKeychainMessage(key), NoKeychainCode};
        case Answer::Failed: break;
        }
        return Error{Tr::tr("The system keychain refused to read the %1 (%2).").arg(label(key), a.detail), 1};
    });
}

namespace {

// The answer reaches `done` on the context's thread, always later from its event loop, and
// never once the context is destroyed (see whenReady).
template<typename T>
void deliver(QFuture<T> future, QObject *context, std::function<void(T)> done)
{
    whenReady(std::move(future), context, std::move(done));
}

} // namespace

void SecretStore::readAsync(Key key, QObject *context, std::function<void(Result<QString>)> done)
{
    deliver(readFuture(key), context, std::move(done));
}

Result<QString> SecretStore::read(Key key)
{
    QFuture<Result<QString>> f = readFuture(key);
    // No event loop: the keychain thread finishes the future, within keychainTimeoutMs().
    f.waitForFinished();
    if (f.resultCount() == 0)
        return Error{noKeychainMessage(key), NoKeychainCode};
    return f.result();
}

QFuture<Status> SecretStore::writeFuture(Key key, const QString &value)
{
    if (overriddenByEnvironment(key))
        return QtFuture::makeReadyFuture(Status::failure(Tr::tr("The %1 is set by %2; change or unset that variable instead.").arg(label(key), envName(key))));
    registerSecret(value);
    const QString entry = keyName(key);
    const QString path = fallbackFilePath();
    const Fallback where = fallback();
    setSessionValue(entry, {});
    if (value.isEmpty()) {
        // Removed everywhere it may be: the file, and the keychain when there is one.
        const bool skipKeychain = keychainUnavailable();
        auto first = [path, entry, skipKeychain]() -> std::optional<Answer> {
            Status s = secretfile::remove(path, entry);
            if (!s)
                return Answer{Answer::Failed, {}, s.errorMessage()};
            if (skipKeychain)
                return Answer{Answer::Value, {}, QStringLiteral("file")};
            return std::nullopt;
        };
        return keychain::run(keychain::Op::Remove, entry, {}, keychainTimeoutMs(), first).then([key](Answer a) -> Status {
            if (a.kind == Answer::Failed)
                return Status::failure(Tr::tr("Could not remove the %1: %2").arg(label(key), a.detail));
            return {}; // nothing left to remove from a keychain that is not there
        });
    }
    if (where == Fallback::SessionOnly && keychainUnavailable()) {
        setSessionValue(entry, value);
        return QtFuture::makeReadyFuture(Status());
    }
    if (where == Fallback::File && keychainUnavailable()) {
        return keychain::post([path, entry, value] {
                   Status s = secretfile::write(path, entry, value);
                   return s ? Answer{Answer::Value, {}, {}} : Answer{Answer::Failed, {}, s.errorMessage()};
               })
            .then([key](Answer a) -> Status {
                if (a.kind != Answer::Value)
                    return Status::failure(Tr::tr("Could not save the %1: %2").arg(label(key), a.detail));
                return {};
            });
    }
    return keychain::run(keychain::Op::Write, entry, value, keychainTimeoutMs()).then([key, path, entry](Answer a) -> Status {
        noteKeychain(a);
        switch (a.kind) {
        case Answer::Value:
            // The keychain holds it now: an older copy in the fallback file must not win.
            if (Status s = secretfile::remove(path, entry); !s)
                qCWarning(lcSecrets) << s.errorMessage();
            return {};
        case Answer::Unavailable: return Status::failure(noKeychainMessage(key), NoKeychainCode);
        case Answer::NotFound:
        case Answer::Failed: break;
        }
        return Status::failure(Tr::tr("The system keychain refused to save the %1 (%2).").arg(label(key), a.detail), 1);
    });
}

void SecretStore::writeAsync(Key key, const QString &value, QObject *context, std::function<void(Status)> done)
{
    deliver(writeFuture(key, value), context, std::move(done));
}

Status SecretStore::write(Key key, const QString &value)
{
    QFuture<Status> f = writeFuture(key, value);
    f.waitForFinished();
    if (f.resultCount() == 0)
        return Status::failure(noKeychainMessage(key), NoKeychainCode);
    return f.result();
}

Status SecretStore::remove(Key key)
{
    return write(key, QString());
}

void SecretStore::fillDatabasePassword(DatabaseConfig &config)
{
    if (config.dialect != Dialect::PostgreSQL || !config.password.isEmpty())
        return;
    if (auto password = read(Key::DatabasePassword))
        config.password = *password;
}

} // namespace podtrends::core
