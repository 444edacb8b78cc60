// The domain enums and their stored spellings: every value round-trips through its key, the keys
// are the strings existing databases, REST clients and job payloads already hold, and anything
// else is refused instead of guessed.
#include <core/domain/design.h>
#include <core/domain/job.h>
#include <core/domain/marketplace.h>
#include <core/domain/source.h>

#include <QTest>

using namespace podtrends::core;

class TestDomainEnums : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void marketplaceKeysRoundTrip()
    {
        QStringList keys;
        for (Marketplace m : allMarketplaces()) {
            QCOMPARE(marketplaceFromKey(toKey(m)), std::optional<Marketplace>(m));
            QVERIFY(!displayName(m).isEmpty());
            keys << toKey(m);
        }
        QCOMPARE(keys, (QStringList{QStringLiteral("amazon"), QStringLiteral("etsy"), QStringLiteral("shopify")}));
        QVERIFY(!marketplaceFromKey(u"Etsy"));
        QVERIFY(!marketplaceFromKey(u"redbubble"));
        QVERIFY(!marketplaceFromKey(u""));
    }

    void marketplaceCountsRoundTripAndDropUnknownKeys()
    {
        MarketplaceCounts counts;
        counts.add(Marketplace::Etsy, 30);
        counts.add(Marketplace::Amazon, 12);
        counts.add(Marketplace::Etsy);
        QCOMPARE(counts.count(Marketplace::Etsy), 31);
        QCOMPARE(counts.total(), 43);
        const QJsonObject json = counts.toJson();
        QCOMPARE(json, (QJsonObject{{QStringLiteral("amazon"), 12}, {QStringLiteral("etsy"), 31}}));
        QCOMPARE(MarketplaceCounts::fromJson(json), counts);
        QJsonObject odd = json;
        odd.insert(QStringLiteral("redbubble"), 4);
        QCOMPARE(MarketplaceCounts::fromJson(odd), counts);
    }

    void scrapeStatusKeysRoundTrip()
    {
        const QStringList keys{QStringLiteral("idle"), QStringLiteral("running"), QStringLiteral("ok"),
                               QStringLiteral("error"), QStringLiteral("blocked"), QStringLiteral("cancelled")};
        for (const QString &key : keys) {
            const auto status = scrapeStatusFromKey(key);
            QVERIFY2(status, qPrintable(key));
            QCOMPARE(toKey(*status), key);
            QVERIFY(!displayName(*status).isEmpty());
        }
        QVERIFY(!scrapeStatusFromKey(u"OK"));
    }

    void jobKindAndStatusKeysRoundTrip()
    {
        for (const QString &key : {QStringLiteral("scrape"), QStringLiteral("import"), QStringLiteral("analyze"), QStringLiteral("generate"),
                                   QStringLiteral("publish"), QStringLiteral("noop"), QStringLiteral("sleep")}) {
            const auto kind = jobKindFromKey(key);
            QVERIFY2(kind, qPrintable(key));
            QCOMPARE(toKey(*kind), key);
        }
        QVERIFY(!productionJobKinds().contains(JobKind::Sleep));
        for (const QString &key : {QStringLiteral("queued"), QStringLiteral("running"), QStringLiteral("done"), QStringLiteral("failed"),
                                   QStringLiteral("cancelled")}) {
            const auto status = jobStatusFromKey(key);
            QVERIFY2(status, qPrintable(key));
            QCOMPARE(toKey(*status), key);
        }
        QVERIFY(!jobKindFromKey(u"lost"));
    }

    void designStatusKeysRoundTrip()
    {
        for (DesignStatus s : {DesignStatus::Draft, DesignStatus::Ready, DesignStatus::Published}) {
            QCOMPARE(designStatusFromKey(toKey(s)), std::optional<DesignStatus>(s));
            QVERIFY(!displayName(s).isEmpty());
        }
        QCOMPARE(toKey(DesignStatus::Published), QStringLiteral("published"));
        QVERIFY(!designStatusFromKey(u"archived"));
    }
};

QTEST_GUILESS_MAIN(TestDomainEnums)
#include "tst_domainenums.moc"
