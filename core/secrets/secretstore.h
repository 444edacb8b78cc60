#pragma once

#include <core/storage/databaseconfig.h>
#include <core/util/result.h>

#include <QObject>

#include <functional>

namespace podtrends::core {

/**
 * API keys and tokens. They live in the OS keychain (QtKeychain); an environment variable with
 * the documented name overrides the keychain for CI and headless use. Every value read is
 * registered with the log redactor so it can never reach a log line.
 */
class SecretStore final
{
public:
    enum class Key { EtsyApiKey, PrintfulToken, ShopifyToken, ShopifyClientSecret, OpenAiApiKey, DatabasePassword };

    /** POD_ETSY_API_KEY, POD_PRINTFUL_TOKEN, … (empty when the key has no override). */
    static QString envName(Key key);
    /** The keychain entry name, e.g. "etsy/api_key". */
    static QString keyName(Key key);
    /** A translated label for settings and messages ("Etsy API key"). */
    static QString label(Key key);

    /**
     * Environment first, then the keychain. Blocks the calling thread (it spins a local event loop
     * for the keychain): call it from worker threads and the CLI, use readAsync() on the GUI thread.
     * An absent secret is an empty string, not an error.
     */
    static Result<QString> read(Key key);
    static void readAsync(Key key, QObject *context, std::function<void(Result<QString>)> done);
    static Status write(Key key, const QString &value);
    static Status remove(Key key);
    /** True when the environment overrides this key (the Settings dialog shows it read-only). */
    static bool overriddenByEnvironment(Key key);
    /** A PostgreSQL config without a password takes it from POD_DB_PASSWORD or the keychain (blocking). */
    static void fillDatabasePassword(DatabaseConfig &config);
};

} // namespace podtrends::core
