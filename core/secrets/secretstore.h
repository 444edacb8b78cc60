#pragma once

#include <core/storage/databaseconfig.h>
#include <core/util/result.h>

#include <QFuture>
#include <QObject>

#include <functional>

namespace podtrends::core {

/**
 * API keys and tokens. An environment variable with the documented name overrides everything
 * (CI, headless use). Otherwise a key lives in the OS keychain (QtKeychain), or, when no
 * keychain answers and the seller chose so, in memory for this session or in a file readable
 * only by the user (0600, in the config folder). Every value read or written is registered
 * with the redactor (core/util/logging.h) so it never reaches a log, the database or a reply.
 *
 * Threads: keychain jobs run on one keychain thread with its own event loop (keychainthread.h);
 * nothing here spins a nested event loop. readAsync()/writeAsync() deliver to a context object
 * (an answer for a closed dialog is dropped); read()/write() block the calling thread on a
 * future for at most keychainTimeoutMs() and are for the CLI and worker threads only.
 */
class SecretStore final
{
public:
    enum class Key { EtsyApiKey, PrintfulToken, ShopifyToken, ShopifyClientSecret, OpenAiApiKey, DatabasePassword };
    /** Where keys go when no keychain answers (the seller's choice, kept in the settings). */
    enum class Fallback { Ask, SessionOnly, File };
    /** Error::code of a read or write that failed because no keychain answered. */
    static constexpr int NoKeychainCode = 2;

    /** POD_ETSY_API_KEY, POD_PRINTFUL_TOKEN, … */
    static QString envName(Key key);
    /** The keychain entry name, e.g. "etsy/api_key". */
    static QString keyName(Key key);
    /** A translated label for settings and messages ("Etsy API key"). */
    static QString label(Key key);

    /** Environment, session memory, the fallback file, then the keychain. Absent is "". */
    static QFuture<Result<QString>> readFuture(Key key);
    static void readAsync(Key key, QObject *context, std::function<void(Result<QString>)> done);
    /** Blocking form of readFuture() for CLI and worker threads (never the GUI thread). */
    static Result<QString> read(Key key);

    /** Stores where the fallback choice says (the keychain by default); "" removes the key. */
    static QFuture<Status> writeFuture(Key key, const QString &value);
    static void writeAsync(Key key, const QString &value, QObject *context, std::function<void(Status)> done);
    static Status write(Key key, const QString &value);
    static Status remove(Key key);

    /** True when the environment overrides this key (the Settings dialog shows it read-only). */
    static bool overriddenByEnvironment(Key key);
    /** A PostgreSQL config without a password takes it from POD_DB_PASSWORD or the store (blocking). */
    static void fillDatabasePassword(DatabaseConfig &config);

    /** Known once a keychain job answered or timed out; until then both are false. */
    static bool keychainUnavailable();
    static bool keychainAvailable();
    /** Forget that the keychain did not answer, so the next request tries it again. */
    static void retryKeychain();
    /** How long a keychain job may take before the keychain counts as missing (POD_KEYCHAIN_TIMEOUT_MS). */
    static int keychainTimeoutMs();

    static Fallback fallback();
    static void setFallback(Fallback fallback);
    /** The 0600 file used by Fallback::File. */
    static QString fallbackFilePath();

    /** "No keychain answered… set POD_…, or save it in Settings → Accounts…" for this key. */
    static QString noKeychainMessage(Key key);
    /** "No Printful token is set: set POD_PRINTFUL_TOKEN, or save it in Settings → Accounts." */
    static QString missingMessage(Key key);
};

} // namespace podtrends::core
