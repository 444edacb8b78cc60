#include "publishfixture.h"

#include <core/publishing/shopifyclient.h>

#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

class TestShopifyClient final : public QObject
{
    Q_OBJECT

private:
    static ShopifyOptions options(const test::FakeShopify &fake)
    {
        ShopifyOptions o;
        o.adminBase = fake.adminBase();
        o.shop = QStringLiteral("retro-angler.myshopify.com");
        o.apiVersion = test::kShopifyVersion;
        o.accessToken = test::kShopifyToken;
        o.pollIntervalMs = 20;
        o.pollTimeoutMs = 2000;
        o.retryBaseMs = 50;
        return o;
    }

    static ShopifyProductInput product()
    {
        ShopifyProductInput in;
        in.title = QStringLiteral("Retro Sunset Tee");
        in.descriptionHtml = QStringLiteral("<p>Soft tee</p>");
        in.vendor = QStringLiteral("Retro Angler Co.");
        in.productType = QStringLiteral("T-Shirt");
        in.handle = QStringLiteral("retro-sunset-tee-pt1-abcd1234");
        in.tags = {QStringLiteral("retro"), QStringLiteral("sunset")};
        in.sizes = {QStringLiteral("S"), QStringLiteral("M")};
        in.colours = {QStringLiteral("Black")};
        in.variants = {{QStringLiteral("S"), QStringLiteral("Black"), QStringLiteral("24.99"), QStringLiteral("PT1-TS-BLA-S")},
                       {QStringLiteral("M"), QStringLiteral("Black"), QStringLiteral("24.99"), QStringLiteral("PT1-TS-BLA-M")}};
        return in;
    }

private Q_SLOTS:
    void uploadsALocalFileAndReturnsItsCdnUrl()
    {
        QTemporaryDir dir;
        QImage image(200, 300, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        const QString path = dir.filePath(QStringLiteral("print.png"));
        QVERIFY(image.save(path));
        test::FakeShopify fake(test::kShopifyToken, test::kShopifyVersion);
        BlockingHttp http;
        ShopifyClient client(options(fake), &http);
        auto resource = client.uploadLocalFile(path, QStringLiteral("image/png"));
        QVERIFY2(resource, qPrintable(resource.errorMessage()));
        QCOMPARE(fake.uploads, QStringList{*resource});
        auto fileId = client.createFile(*resource, QStringLiteral("Retro Sunset"));
        QVERIFY2(fileId, qPrintable(fileId.errorMessage()));
        QVERIFY(fileId->startsWith(QLatin1String("gid://shopify/MediaImage/")));
        auto url = client.waitForFileUrl(*fileId);
        QVERIFY2(url, qPrintable(url.errorMessage()));
        QVERIFY(url->startsWith(QLatin1String("https://cdn.shopify.com/")));
        QVERIFY2(fake.violations.isEmpty(), qPrintable(fake.violations.join(QLatin1Char('\n'))));
    }

    void createsADraftProductAndFindsItByHandle()
    {
        test::FakeShopify fake(test::kShopifyToken, test::kShopifyVersion);
        BlockingHttp http;
        ShopifyClient client(options(fake), &http);
        auto p = client.productSet(product());
        QVERIFY2(p, qPrintable(p.errorMessage()));
        QCOMPARE(p->status, QStringLiteral("DRAFT"));
        QCOMPARE(p->skus, (QStringList{QStringLiteral("PT1-TS-BLA-S"), QStringLiteral("PT1-TS-BLA-M")}));
        QCOMPARE(client.adminUrl(p->id), QStringLiteral("https://admin.shopify.com/store/retro-angler/products/") + p->id.section(QLatin1Char('/'), -1));
        auto found = client.productByHandle(product().handle);
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->id, p->id);
        auto again = client.productSet(product(), (*found)->id);
        QVERIFY(again);
        QCOMPARE(fake.products.size(), 1);
        QVERIFY2(fake.violations.isEmpty(), qPrintable(fake.violations.join(QLatin1Char('\n'))));
        const test::FakeRequest r = fake.server().requests().first();
        QCOMPARE(r.header("x-shopify-access-token"), test::kShopifyToken.toUtf8());
    }

    void waitsAsThrottleStatusSaysWhenThrottled()
    {
        test::FakeShopify fake(test::kShopifyToken, test::kShopifyVersion);
        fake.throttleNextProductSets = 1;
        BlockingHttp http;
        ShopifyClient client(options(fake), &http);
        QElapsedTimer timer;
        timer.start();
        auto p = client.productSet(product());
        QVERIFY2(p, qPrintable(p.errorMessage()));
        QVERIFY(timer.elapsed() >= 950);
        QCOMPARE(fake.products.size(), 1);
        QCOMPARE(fake.server().requests().size(), 2);
        QVERIFY2(fake.violations.isEmpty(), qPrintable(fake.violations.join(QLatin1Char('\n'))));
    }

    void showsUserErrorsFieldByField()
    {
        test::FakeShopify fake(test::kShopifyToken, test::kShopifyVersion);
        fake.userErrorsOnProductSet = 1;
        BlockingHttp http;
        ShopifyClient client(options(fake), &http);
        auto p = client.productSet(product());
        QVERIFY(!p);
        QCOMPARE(p.errorMessage(), QStringLiteral("Shopify refused the product: variants.0.price: Price must be greater than or equal to 0.50; title: Title is too long"));
        QVERIFY(fake.products.isEmpty());
    }

    void rejectsAWrongTokenWithAReadableMessage()
    {
        test::FakeShopify fake(test::kShopifyToken, test::kShopifyVersion);
        BlockingHttp http;
        ShopifyOptions o = options(fake);
        o.accessToken = QStringLiteral("shpat_wrong_000000000000");
        ShopifyClient client(o, &http);
        auto p = client.productSet(product());
        QVERIFY(!p);
        QCOMPARE(p.error().code, 401);
        QVERIFY(p.errorMessage().contains(QLatin1String("rejected the access token (401)")));
        QCOMPARE(fake.server().requests().size(), 1);
    }

    void exchangesClientCredentialsAndRefreshesOn401()
    {
        test::FakeShopify fake(QString(), test::kShopifyVersion);
        fake.clientId = QStringLiteral("client-id-123");
        fake.clientSecret = QStringLiteral("client-secret-abcdef123456");
        fake.tokenUses = 1;
        BlockingHttp http;
        ShopifyOptions o = options(fake);
        o.accessToken.clear();
        o.clientId = fake.clientId;
        o.clientSecret = fake.clientSecret;
        ShopifyClient client(o, &http);
        auto first = client.productByHandle(QStringLiteral("nothing"));
        QVERIFY2(first, qPrintable(first.errorMessage()));
        auto second = client.productSet(product()); // the token is spent: 401, new token, success
        QVERIFY2(second, qPrintable(second.errorMessage()));
        QCOMPARE(fake.tokensIssued, 2);
    }

    void buildsTheAdminUrlFromTheShopHandle()
    {
        QCOMPARE(ShopifyClient::storeHandle(QStringLiteral("https://retro-angler.myshopify.com/")), QStringLiteral("retro-angler"));
        QCOMPARE(ShopifyOptions::defaultAdminBase(QStringLiteral("retro-angler"), QStringLiteral("2025-04")).toString(),
                 QStringLiteral("https://retro-angler.myshopify.com/admin/api/2025-04"));
    }
};

QTEST_GUILESS_MAIN(TestShopifyClient)
#include "tst_shopifyclient.moc"
