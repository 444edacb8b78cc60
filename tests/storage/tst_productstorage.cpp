// ProductWriter and ProductQueries on SQLite and PostgreSQL: bulk upsert, snapshots, transactions, filters.
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>
#include <core/util/json.h>
#include <testenv.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

namespace {

Product makeProduct(int i, const QString &marketplace = QStringLiteral("shopify"))
{
    Product p;
    p.marketplace = marketplace;
    p.externalId = QStringLiteral("ext-%1").arg(i);
    p.title = QStringLiteral("Cat Dad Shirt %1").arg(i);
    p.category = i % 2 ? QStringLiteral("T-Shirts") : QStringLiteral("Mugs");
    p.price = 10.0 + i;
    p.rating = 4.0 + (i % 10) / 10.0;
    p.reviewsCount = i * 3;
    p.tags = {QStringLiteral("cat"), QStringLiteral("dad")};
    p.rawData = podtrends::core::rawRecord(QJsonObject{{QStringLiteral("id"), i}});
    return p;
}

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestProductStorage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void upsertingTheSameBatchTwiceKeepsOneRowAndTwoSnapshots_data() { test::addDialectRows(); }
    void upsertingTheSameBatchTwiceKeepsOneRowAndTwoSnapshots()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QList<Product> batch;
        for (int i = 0; i < 50; ++i)
            batch << makeProduct(i);
        auto first = writer.upsert(batch, {true, 1200, {}});
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QCOMPARE(first->inserted, 50);
        batch[3].price = 99.5;
        auto second = writer.upsert(batch);
        QVERIFY(second.ok());
        QCOMPARE(second->updated, 50);
        QCOMPARE(second->ids, first->ids);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM products")), 50);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM product_snapshots")), 100);
        auto snaps = repo.snapshots(first->ids.at(3));
        QVERIFY(snaps.ok());
        QCOMPARE(snaps->size(), 2);
        QCOMPARE(snaps->at(0).resultCount, 1200);
        QCOMPARE(snaps->at(1).price, 99.5);
    }

    // Every column of a batch reaches its row, unknown numbers as NULL, and the ids come back in
    // batch order whatever order the rows were inserted in (the SQLite path reads the batch
    // through a virtual table; PostgreSQL binds arrays).
    void everyFieldIsStoredAndIdsComeBackInBatchOrder_data() { test::addDialectRows(); }
    void everyFieldIsStoredAndIdsComeBackInBatchOrder()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({makeProduct(2)}).ok()); // an existing row in the middle of the next batch
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO sources (marketplace, target, created_at, updated_at) "
                                      "VALUES ('etsy', 'cat dad', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")));
        const qint64 sourceId = scalar(*db, QStringLiteral("SELECT MAX(id) FROM sources"));
        Product full = makeProduct(3, QStringLiteral("etsy"));
        full.description = QStringLiteral("Soft tee \u2014 100% cotton");
        full.currency = QStringLiteral("EUR");
        full.favorites = 41;
        full.rank = 7;
        full.vendor = QStringLiteral("Sunny Prints");
        full.imageUrl = QStringLiteral("https://img.example/3.jpg");
        full.productUrl = QStringLiteral("https://shop.example/listing/3");
        full.keywords = {QStringLiteral("cat dad")};
        full.sponsored = true;
        full.sourceId = sourceId;
        full.rawData = "{\"listing_id\": 3}"; // the record as received, spacing included
        const QList<Product> batch{makeProduct(1), makeProduct(2), full};
        auto stored = writer.upsert(batch);
        QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
        QCOMPARE(stored->inserted, 2);
        QCOMPARE(stored->updated, 1);
        QCOMPARE(stored->ids.size(), 3);
        for (qsizetype i = 0; i < batch.size(); ++i)
            QCOMPARE(repo.findById(stored->ids.at(i)).value()->externalId, batch.at(i).externalId);

        const Product back = *repo.findById(stored->ids.at(2)).value();
        QCOMPARE(back.marketplace, QStringLiteral("etsy"));
        QCOMPARE(back.title, full.title);
        QCOMPARE(back.description, full.description);
        QCOMPARE(back.category, full.category);
        QCOMPARE(back.price, full.price);
        QCOMPARE(back.currency, full.currency);
        QCOMPARE(back.rating, full.rating);
        QCOMPARE(back.reviewsCount, full.reviewsCount);
        QCOMPARE(back.favorites, 41);
        QCOMPARE(back.rank, 7);
        QCOMPARE(back.vendor, full.vendor);
        QCOMPARE(back.imageUrl, full.imageUrl);
        QCOMPARE(back.productUrl, full.productUrl);
        QCOMPARE(back.tags, full.tags);
        QCOMPARE(back.keywords, full.keywords);
        QCOMPARE(back.rawData, QByteArray("{\"listing_id\": 3}")); // stored and read back byte for byte
        QVERIFY(back.sponsored);
        QCOMPARE(back.sourceId.value_or(-1), sourceId);

        const Product plain = *repo.findById(stored->ids.at(0)).value();
        QCOMPARE(plain.favorites, -1);
        QCOMPARE(plain.rank, -1);
        QVERIFY(!plain.sourceId.has_value());
        QVERIFY(!plain.sponsored);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM products WHERE favorites IS NULL AND rank IS NULL AND description IS NULL")), 2);
    }

    void updateKeepsCreatedAtAndTrend_data() { test::addDialectRows(); }
    void updateKeepsCreatedAtAndTrend()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        auto first = writer.upsert({makeProduct(1)});
        QVERIFY(first.ok());
        const qint64 id = first->ids.first();
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO trends (niche, category, created_at, updated_at) VALUES ('cat dad', 'T-Shirts', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")));
        const qint64 trendId = scalar(*db, QStringLiteral("SELECT MAX(id) FROM trends"));
        QVERIFY(writer.assignTrends({{id, trendId}}).ok());
        const QDateTime created = repo.findById(id).value()->createdAt;
        QTest::qWait(5);
        Product changed = makeProduct(1);
        changed.title = QStringLiteral("Renamed");
        QVERIFY(writer.upsert({changed}).ok());
        const Product stored = *repo.findById(id).value();
        QCOMPARE(stored.title, QStringLiteral("Renamed"));
        QCOMPARE(stored.createdAt, created);
        QVERIFY(stored.trendId.has_value());
        QCOMPARE(*stored.trendId, trendId);
        QCOMPARE(stored.tags, QStringList({QStringLiteral("cat"), QStringLiteral("dad")}));
        QCOMPARE(podtrends::core::rawRecordObject(stored.rawData).value(QStringLiteral("id")).toInt(), 1);
    }

    void productWithoutTitleOrCategoryStoresEmptyText_data() { test::addDialectRows(); }
    void productWithoutTitleOrCategoryStoresEmptyText()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        Product p = makeProduct(1);
        p.title = QString();    // null, not just empty: a source left it out
        p.category = QString();
        auto stored = ProductWriter(db).upsert({p});
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        auto back = ProductQueries(db).findByExternalId(p.marketplace, p.externalId);
        QVERIFY(back && back->has_value());
        QCOMPARE((*back)->title, QString());
        QCOMPARE((*back)->category, QString());
    }

    // Tags and keywords are written as JSON text by the bulk path's own serializer: every kind of
    // character must come back as it went in, and the text must be what a JSON reader expects.
    void tagsWithQuotesBackslashesControlCharactersAndEmojiComeBackUnchanged_data() { test::addDialectRows(); }
    void tagsWithQuotesBackslashesControlCharactersAndEmojiComeBackUnchanged()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        Product p = makeProduct(1);
        p.tags = {QStringLiteral("say \"meow\""), QStringLiteral("back\\slash"), QStringLiteral("tab\there\nnew line\u0001\u000b\u001f"),
                  QStringLiteral("caf\u00e9 \u732b \U0001F408"), QStringLiteral("/slash/ & <b>"), QStringLiteral("")};
        p.keywords = {QStringLiteral("cat \"dad\""), QStringLiteral("\u00fcber")};
        auto stored = ProductWriter(db).upsert({p});
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        auto back = ProductQueries(db).findByExternalId(p.marketplace, p.externalId);
        QVERIFY(back && back->has_value());
        QCOMPARE((*back)->tags, p.tags);
        QCOMPARE((*back)->keywords, p.keywords);
        QCOMPARE(json::compactStringArray(p.tags), QJsonDocument(QJsonArray::fromStringList(p.tags)).toJson(QJsonDocument::Compact));
        QCOMPARE(json::compactStringArray({}), QByteArray("[]"));
    }

    void aFailingBatchStoresNothing_data() { test::addDialectRows(); }
    void aFailingBatchStoresNothing()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QList<Product> batch{makeProduct(1), makeProduct(2), makeProduct(3)};
        batch[2].externalId.clear();
        auto result = writer.upsert(batch);
        QVERIFY(!result.ok());
        QVERIFY(!result.errorMessage().isEmpty());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM products")), 0);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM product_snapshots")), 0);
    }

    void filtersSearchesAndSorts_data() { test::addDialectRows(); }
    void filtersSearchesAndSorts()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QList<Product> batch;
        for (int i = 0; i < 20; ++i)
            batch << makeProduct(i, i < 5 ? QStringLiteral("etsy") : QStringLiteral("amazon"));
        batch[7].title = QStringLiteral("Fishing Grandpa Hoodie");
        batch[7].vendor = QStringLiteral("Lake 100% Co");
        QVERIFY(writer.upsert(batch).ok());

        ProductFilter etsy;
        etsy.marketplace = QStringLiteral("etsy");
        QCOMPARE(repo.count(etsy).value(), 5);

        ProductFilter search;
        search.search = QStringLiteral("fishing GRANDPA");
        auto found = repo.list(search);
        QVERIFY(found.ok());
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().externalId, QStringLiteral("ext-7"));

        ProductFilter percent;
        percent.search = QStringLiteral("100%");
        QCOMPARE(repo.count(percent).value(), 1); // % is matched literally, not as a wildcard

        ProductFilter priced;
        priced.minPrice = 15;
        priced.maxPrice = 20;
        priced.orderBy = QStringLiteral("price");
        priced.descending = true;
        auto byPrice = repo.list(priced);
        QVERIFY(byPrice.ok());
        QCOMPARE(byPrice->size(), 6);
        QCOMPARE(byPrice->first().price, 20.0);
        QCOMPARE(byPrice->last().price, 15.0);

        ProductFilter page;
        page.orderBy = QStringLiteral("reviews_count");
        page.limit = 5;
        page.offset = 5;
        auto ids = repo.ids(page);
        QVERIFY(ids.ok());
        QCOMPARE(ids->size(), 5);

        ProductFilter injected;
        injected.orderBy = QStringLiteral("price; DROP TABLE products");
        QVERIFY(repo.list(injected).ok());
        QCOMPARE(repo.count().value(), 20);
        QCOMPARE(repo.categories().value(), QStringList({QStringLiteral("Mugs"), QStringLiteral("T-Shirts")}));
    }
};

QTEST_GUILESS_MAIN(TestProductStorage)
#include "tst_productstorage.moc"
