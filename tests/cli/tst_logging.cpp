// Secrets never reach a log line; environment variables override the keychain.
#include <core/secrets/secretstore.h>
#include <core/util/logging.h>

#include <QTest>

using namespace podtrends::core;

class TestLogging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redactsRegisteredSecrets()
    {
        registerSecret(QStringLiteral("shpat_abcdef123456"));
        QCOMPARE(redact(QStringLiteral("token shpat_abcdef123456 used")), QStringLiteral("token *** used"));
    }

    void redactsBearerTokensAndUrlPasswords()
    {
        QVERIFY(!redact(QStringLiteral("Authorization: Bearer pf-live-987654")).contains(QStringLiteral("987654")));
        QVERIFY(!redact(QStringLiteral("x-api-key: key123:secret456")).contains(QStringLiteral("secret456")));
        QCOMPARE(redact(QStringLiteral("postgres://ann:hunter22@db:5432/x")), QStringLiteral("postgres://ann:***@db:5432/x"));
    }

    void environmentOverridesKeychainAndIsRedacted()
    {
        qputenv("POD_PRINTFUL_TOKEN", "pf-env-token-555");
        QVERIFY(SecretStore::overriddenByEnvironment(SecretStore::Key::PrintfulToken));
        auto value = SecretStore::read(SecretStore::Key::PrintfulToken);
        QVERIFY(value.ok());
        QCOMPARE(*value, QStringLiteral("pf-env-token-555"));
        QVERIFY(!redact(QStringLiteral("sent pf-env-token-555")).contains(QStringLiteral("555")));
        qunsetenv("POD_PRINTFUL_TOKEN");
    }

    void everyKeyHasAnEnvironmentName()
    {
        using K = SecretStore::Key;
        for (K k : {K::EtsyApiKey, K::PrintfulToken, K::ShopifyToken, K::ShopifyClientSecret, K::OpenAiApiKey, K::DatabasePassword}) {
            QVERIFY(SecretStore::envName(k).startsWith(QStringLiteral("POD_")));
            QVERIFY(!SecretStore::keyName(k).isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
