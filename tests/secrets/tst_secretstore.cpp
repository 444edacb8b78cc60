// SecretStore without a reachable keychain (DBUS_SESSION_BUS_ADDRESS leads nowhere, set by
// CMake), its fallbacks, and the one redaction point.
#include <core/secrets/secretstore.h>
#include <core/util/redaction.h>

#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace podtrends::core;
using Key = SecretStore::Key;

class TestSecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(SecretStore::fallbackFilePath());
        SecretStore::setFallback(SecretStore::Fallback::Ask);
        for (Key k : {Key::EtsyApiKey, Key::PrintfulToken, Key::ShopifyToken, Key::ShopifyClientSecret, Key::OpenAiApiKey, Key::DatabasePassword})
            qunsetenv(SecretStore::envName(k).toLatin1().constData());
    }

    void environmentOverridesTheKeychain()
    {
        qputenv("POD_OPENAI_API_KEY", "sk-from-the-environment-123");
        QVERIFY(SecretStore::overriddenByEnvironment(Key::OpenAiApiKey));
        auto value = SecretStore::read(Key::OpenAiApiKey);
        QVERIFY(value);
        QCOMPARE(*value, QStringLiteral("sk-from-the-environment-123"));
        QVERIFY(SecretStore::readFuture(Key::OpenAiApiKey).isFinished()); // no keychain job at all
        qunsetenv("POD_OPENAI_API_KEY");
    }

    void missingKeychainEndsInANamedMessage()
    {
        auto value = SecretStore::read(Key::PrintfulToken); // must return, not hang
        QVERIFY(!value);
        QCOMPARE(value.error().code, SecretStore::NoKeychainCode);
        QVERIFY2(value.errorMessage().contains(QLatin1String("POD_PRINTFUL_TOKEN")), qPrintable(value.errorMessage()));
        QVERIFY(value.errorMessage().contains(QStringLiteral("Settings → Accounts")));
        QVERIFY(SecretStore::keychainUnavailable());
        // Writing without a chosen fallback says the same and stores nothing.
        Status s = SecretStore::write(Key::PrintfulToken, QStringLiteral("pf-nowhere-to-go-1234"));
        QVERIFY(!s);
        QCOMPARE(s.error().code, SecretStore::NoKeychainCode);
        QVERIFY(!QFile::exists(SecretStore::fallbackFilePath()));
    }

    void answerForADestroyedContextIsDropped()
    {
        bool delivered = false;
        auto *context = new QObject;
        SecretStore::readAsync(Key::ShopifyToken, context, [&delivered](Result<QString>) { delivered = true; });
        delete context;
        bool live = false;
        QObject keeper;
        SecretStore::readAsync(Key::ShopifyToken, &keeper, [&live](Result<QString> r) { live = !r; });
        QTRY_VERIFY_WITH_TIMEOUT(live, 10000);
        QTest::qWait(100);
        QVERIFY(!delivered);
    }

    void sessionOnlyFallbackKeepsTheKeyInMemory()
    {
        SecretStore::setFallback(SecretStore::Fallback::SessionOnly);
        QVERIFY(SecretStore::write(Key::ShopifyToken, QStringLiteral("shpat_session_only_0123")));
        auto value = SecretStore::read(Key::ShopifyToken);
        QVERIFY(value);
        QCOMPARE(*value, QStringLiteral("shpat_session_only_0123"));
        QVERIFY(!QFile::exists(SecretStore::fallbackFilePath()));
        QVERIFY(!QFile(QSettings().fileName()).exists() || !readAll(QSettings().fileName()).contains("shpat_session_only"));
        QVERIFY(SecretStore::remove(Key::ShopifyToken));
        QVERIFY(!hasValue(SecretStore::read(Key::ShopifyToken)));
    }

    void fileFallbackIsReadableOnlyByTheUser()
    {
        SecretStore::setFallback(SecretStore::Fallback::File);
        QVERIFY(SecretStore::write(Key::EtsyApiKey, QStringLiteral("keystring1234:sharedsecret5678")));
        const QString path = SecretStore::fallbackFilePath();
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFileInfo(path).permissions() & ~(QFile::ReadUser | QFile::WriteUser),
                 QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(readAll(path).contains("keystring1234:sharedsecret5678"));
        QVERIFY(!readAll(QSettings().fileName()).contains("sharedsecret5678"));
        auto value = SecretStore::read(Key::EtsyApiKey);
        QVERIFY(value);
        QCOMPARE(*value, QStringLiteral("keystring1234:sharedsecret5678"));
        QVERIFY(SecretStore::remove(Key::EtsyApiKey));
        QVERIFY(!hasValue(SecretStore::read(Key::EtsyApiKey)));
        QVERIFY(!readAll(path).contains("sharedsecret5678"));
        SecretStore::setFallback(SecretStore::Fallback::Ask);
    }

    void redactsEveryKnownSecretAndEachEtsyHalf()
    {
        registerSecret(QStringLiteral("etsykeystring42:etsysharedsecret99"));
        QCOMPARE(redact(QStringLiteral("key etsykeystring42:etsysharedsecret99 refused")), QStringLiteral("key *** refused"));
        QCOMPARE(redact(QStringLiteral("keystring etsykeystring42 alone")), QStringLiteral("keystring *** alone"));
        QCOMPARE(redact(QStringLiteral("secret etsysharedsecret99 alone")), QStringLiteral("secret *** alone"));
    }

    void redactsCredentialsEchoedByAService_data()
    {
        QTest::addColumn<QString>("echo");
        QTest::addColumn<QString>("leaked");
        QTest::newRow("bearer header") << QStringLiteral("Authorization: Bearer sk-unregistered-abc123") << QStringLiteral("sk-unregistered-abc123");
        QTest::newRow("json header") << QStringLiteral("{\"authorization\":\"Bearer sk-json-echo-777\"}") << QStringLiteral("sk-json-echo-777");
        QTest::newRow("basic") << QStringLiteral("Authorization: Basic dXNlcjpwYXNzd29yZA==") << QStringLiteral("dXNlcjpwYXNzd29yZA==");
        QTest::newRow("shopify") << QStringLiteral("X-Shopify-Access-Token: shpat_abcdef0123") << QStringLiteral("shpat_abcdef0123");
        QTest::newRow("etsy") << QStringLiteral("{\"x-api-key\": \"ks0011:ss2233\"}") << QStringLiteral("ks0011:ss2233");
        QTest::newRow("query") << QStringLiteral("GET /v1/x?limit=5&api_key=q-secret-42&b=1") << QStringLiteral("q-secret-42");
        QTest::newRow("database url") << QStringLiteral("postgres://pod:hunter2hunter@db:5432/x") << QStringLiteral("hunter2hunter");
    }

    void redactsCredentialsEchoedByAService()
    {
        QFETCH(QString, echo);
        QFETCH(QString, leaked);
        const QString clean = redact(echo);
        QVERIFY2(!clean.contains(leaked), qPrintable(clean));
        QVERIFY2(clean.contains(QLatin1String("***")), qPrintable(clean));
    }

    void leavesOrdinaryTextAlone()
    {
        const QString text = QStringLiteral("Basic tee in 5 colours; bearer of good news; https://shop.example/products?page=2");
        QCOMPARE(redact(text), text);
    }

    void redactsJsonAndPrintedLines()
    {
        registerSecret(QStringLiteral("pf-printed-token-5566"));
        const QJsonObject o = redactJson(QJsonObject{{QStringLiteral("error"), QStringLiteral("echo pf-printed-token-5566")},
                                                     {QStringLiteral("n"), 3}});
        QCOMPARE(o.value(QLatin1String("error")).toString(), QStringLiteral("echo ***"));
        QCOMPARE(o.value(QLatin1String("n")).toInt(), 3);
        FILE *f = std::tmpfile();
        {
            RedactingFile device(f);
            QTextStream out(&device);
            out << "first pf-printed-" << "token-5566 line\n" << "tail without newline Bearer sk-tail-0000";
        }
        std::rewind(f);
        char buffer[256] = {};
        const size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
        std::fclose(f);
        const QByteArray printed(buffer, qsizetype(n));
        QCOMPARE(printed, QByteArray("first *** line\ntail without newline Bearer ***"));
    }

private:
    // Gone means empty, or "no keychain" when nothing else holds it.
    static bool hasValue(const Result<QString> &r) { return r && !r->isEmpty(); }
    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};

QTEST_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
