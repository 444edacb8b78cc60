// Importer: saved Amazon pages, products.json, Etsy API JSON and CSV exports, folders recursively.
#include "scrapetesthelpers.h"

#include <core/scraping/amazonparser.h>
#include <core/scraping/importer.h>
#include <core/storage/jobrepository.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace podtrends;
using namespace podtrends::test;

class TstImporter final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;
    QString m_files;

    void copyFixture(const QString &name, const QString &to)
    {
        QDir().mkpath(QFileInfo(to).absolutePath());
        QVERIFY(QFile::copy(fixturesDir() + QStringLiteral("/collection/") + name, to));
    }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        const QString sub = m_dir.path() + QStringLiteral("/db%1").arg(++n);
        QVERIFY(QDir().mkpath(sub));
        QString skip;
        m_db = openFreshDatabase(QStringLiteral("sqlite"), sub, &skip);
        QVERIFY(m_db);
        m_files = sub + QStringLiteral("/files");
        copyFixture(QStringLiteral("amazon-search-page1.html"), m_files + QStringLiteral("/amazon/search.html"));
        copyFixture(QStringLiteral("amazon-product-B0TEST0001.html"), m_files + QStringLiteral("/amazon/deep/product.htm"));
        copyFixture(QStringLiteral("amazon-captcha.html"), m_files + QStringLiteral("/amazon/captcha.html"));
        copyFixture(QStringLiteral("etsy-listings.json"), m_files + QStringLiteral("/etsy/listings.json"));
        copyFixture(QStringLiteral("etsy-shop-export.csv"), m_files + QStringLiteral("/etsy/SunnyShop.csv"));
        QDir().mkpath(m_files + QStringLiteral("/shopify"));
        QFile json(m_files + QStringLiteral("/shopify/products.json"));
        QVERIFY(json.open(QIODevice::WriteOnly));
        FakeRequest r;
        r.url = QUrl(QStringLiteral("/products.json?limit=250&page=1"));
        json.write(shopifyPage(r, 7).body);
        json.close();
        QFile broken(m_files + QStringLiteral("/shopify/broken.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"products\":[{\"id\":1,\"title\":\"half");
        QFile ignored(m_files + QStringLiteral("/notes.txt"));
        QVERIFY(ignored.open(QIODevice::WriteOnly));
    }

    void importsAFolderRecursively()
    {
        core::ScrapeService service(m_db);
        const auto s = runToEnd(service, [&] { return service.importPaths({m_files}); });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        // 3 Amazon cards + the product page (same ASIN as a card) + 2 Etsy + 2 CSV rows + 7 Shopify
        QCOMPARE(s.items, 3 + 1 + 2 + 2 + 7);
        QCOMPARE(s.pages, 5);
        QCOMPARE(s.skipped, 2); // the captcha page and the broken JSON, with reasons
        QVERIFY2(s.message.contains(QLatin1String("skipped")), qPrintable(s.message));
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products")), 3 + 2 + 2 + 7);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM products WHERE marketplace = 'shopify' AND title LIKE 'half%'")), 0);
        auto product = core::ProductQueries(m_db).findByExternalId(QStringLiteral("amazon"), QStringLiteral("B0TEST0001"));
        QVERIFY(product && product->has_value());
        auto snaps = core::ProductQueries(m_db).snapshots((*product)->id);
        QVERIFY(snaps && snaps->size() == 2); // one from the search page, one from the product page
        QVERIFY(snaps->at(0).rank == 1234 || snaps->at(1).rank == 1234); // the Best Sellers Rank
        auto jobs = core::JobRepository(m_db).recent(1, core::JobKind::Import);
        QVERIFY(jobs && jobs->size() == 1);
        QCOMPARE(jobs->first().status, core::JobStatus::Done);
    }

    // Issue 16: a file imported again is no new observation of its products' figures.
    void importingTheSameFileTwiceAddsNoSnapshots()
    {
        core::ScrapeService service(m_db);
        const QString file = m_files + QStringLiteral("/shopify/products.json");
        QCOMPARE(runToEnd(service, [&] { return service.importPaths({file}); }).inserted, 7);
        const auto again = runToEnd(service, [&] { return service.importPaths({file}); });
        QCOMPARE(again.updated, 7);
        QCOMPARE(again.snapshots, 0);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM product_snapshots")), 7);
    }

    // ...but a product whose figures changed gets its snapshot.
    void importingAChangedPriceAddsOneSnapshot()
    {
        core::ScrapeService service(m_db);
        const QString file = m_files + QStringLiteral("/shopify/products.json");
        QCOMPARE(runToEnd(service, [&] { return service.importPaths({file}); }).inserted, 7);
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
        QJsonArray products = root.value(QLatin1String("products")).toArray();
        QJsonObject first = products.at(0).toObject();
        QJsonArray variants = first.value(QLatin1String("variants")).toArray();
        for (qsizetype i = 0; i < variants.size(); ++i) { // every variant: the price is read from all of them
            QJsonObject variant = variants.at(i).toObject();
            variant.insert(QStringLiteral("price"), QStringLiteral("1.23"));
            variants.replace(i, variant);
        }
        QVERIFY(!variants.isEmpty());
        first.insert(QStringLiteral("variants"), variants);
        products.replace(0, first);
        root.insert(QStringLiteral("products"), products);
        const QString changed = m_files + QStringLiteral("/changed-products.json");
        QFile out(changed);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QJsonDocument(root).toJson());
        out.close();
        const auto again = runToEnd(service, [&] { return service.importPaths({changed}); });
        QCOMPARE(again.updated, 7);
        QCOMPARE(again.snapshots, 1);
        QCOMPARE(countRows(m_db, QStringLiteral("SELECT COUNT(*) FROM product_snapshots")), 8);
    }

    void parsesTheEtsyCsvExport()
    {
        QFile f(fixturesDir() + QStringLiteral("/collection/etsy-shop-export.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString error;
        const QList<core::Product> products = core::Importer::parseEtsyCsv(f.readAll(), QStringLiteral("SunnyShop"), &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(products.size(), 2); // the row without a title is skipped
        QCOMPARE(products.first().title, QStringLiteral("Retro Sunset Tee, Unisex"));
        QCOMPARE(products.first().description, QStringLiteral("Soft \"vintage\" tee\nwith two lines"));
        QCOMPARE(products.first().price, 24.0);
        QCOMPARE(products.first().tags, (QStringList{QStringLiteral("retro"), QStringLiteral("sunset"), QStringLiteral("tee")}));
        QCOMPARE(products.first().vendor, QStringLiteral("SunnyShop"));
        QVERIFY(products.first().externalId.startsWith(QLatin1String("csv-")));
        QVERIFY(products.first().externalId != products.last().externalId);
    }

    void rejectsAnUnknownFileWithAReason()
    {
        const QString path = m_files + QStringLiteral("/other.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"hello":"world"})");
        f.close();
        const auto result = core::Importer::parseFile(path, core::AmazonParser());
        QVERIFY(result.products.isEmpty());
        QVERIFY(!result.error.isEmpty());
        core::ScrapeService service(m_db);
        const auto s = runToEnd(service, [&] { return service.importPaths({path}); });
        QCOMPARE(s.status, core::ScrapeStatus::Error);
        QVERIFY(s.message.contains(QLatin1String("other.json")));
    }

    void importsEveryRealSample()
    {
        const QString dir = realSamplesDir();
        if (dir.isEmpty())
            QSKIP("real samples are absent");
        core::ScrapeService service(m_db);
        const auto s = runToEnd(service, [&] {
            return service.importPaths({dir + QStringLiteral("/amazon"), dir + QStringLiteral("/shopify")});
        });
        QCOMPARE(s.status, core::ScrapeStatus::Ok);
        QCOMPARE(s.skipped, 1); // the captcha page
        QVERIFY(s.items > 80);
    }
};

QTEST_GUILESS_MAIN(TstImporter)
#include "tst_importer.moc"
