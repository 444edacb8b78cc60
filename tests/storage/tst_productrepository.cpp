// ProductRepository on SQLite and PostgreSQL: bulk upsert, snapshots, transactions, filters.
#include <core/storage/productrepository.h>
#include <testenv.h>

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
    p.rawData = QJsonObject{{QStringLiteral("id"), i}};
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

class TestProductRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void upsertingTheSameBatchTwiceKeepsOneRowAndTwoSnapshots_data() { test::addDialectRows(); }
    void upsertingTheSameBatchTwiceKeepsOneRowAndTwoSnapshots()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductRepository repo(db);
        QList<Product> batch;
        for (int i = 0; i < 50; ++i)
            batch << makeProduct(i);
        auto first = repo.upsert(batch, {true, 1200, {}});
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QCOMPARE(first->inserted, 50);
        batch[3].price = 99.5;
        auto second = repo.upsert(batch);
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

    void updateKeepsCreatedAtAndTrend_data() { test::addDialectRows(); }
    void updateKeepsCreatedAtAndTrend()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductRepository repo(db);
        auto first = repo.upsert({makeProduct(1)});
        QVERIFY(first.ok());
        const qint64 id = first->ids.first();
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO trends (niche, category, created_at, updated_at) VALUES ('cat dad', 'T-Shirts', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")));
        const qint64 trendId = scalar(*db, QStringLiteral("SELECT MAX(id) FROM trends"));
        QVERIFY(repo.assignTrends({{id, trendId}}).ok());
        const QDateTime created = repo.findById(id).value()->createdAt;
        QTest::qWait(5);
        Product changed = makeProduct(1);
        changed.title = QStringLiteral("Renamed");
        QVERIFY(repo.upsert({changed}).ok());
        const Product stored = *repo.findById(id).value();
        QCOMPARE(stored.title, QStringLiteral("Renamed"));
        QCOMPARE(stored.createdAt, created);
        QVERIFY(stored.trendId.has_value());
        QCOMPARE(*stored.trendId, trendId);
        QCOMPARE(stored.tags, QStringList({QStringLiteral("cat"), QStringLiteral("dad")}));
        QCOMPARE(stored.rawData.value(QStringLiteral("id")).toInt(), 1);
    }

    void productWithoutTitleOrCategoryStoresEmptyText_data() { test::addDialectRows(); }
    void productWithoutTitleOrCategoryStoresEmptyText()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        Product p = makeProduct(1);
        p.title = QString();    // null, not just empty: a source left it out
        p.category = QString();
        auto stored = ProductRepository(db).upsert({p});
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        auto back = ProductRepository(db).findByExternalId(p.marketplace, p.externalId);
        QVERIFY(back && back->has_value());
        QCOMPARE((*back)->title, QString());
        QCOMPARE((*back)->category, QString());
    }

    void aFailingBatchStoresNothing_data() { test::addDialectRows(); }
    void aFailingBatchStoresNothing()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductRepository repo(db);
        QList<Product> batch{makeProduct(1), makeProduct(2), makeProduct(3)};
        batch[2].externalId.clear();
        auto result = repo.upsert(batch);
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
        ProductRepository repo(db);
        QList<Product> batch;
        for (int i = 0; i < 20; ++i)
            batch << makeProduct(i, i < 5 ? QStringLiteral("etsy") : QStringLiteral("amazon"));
        batch[7].title = QStringLiteral("Fishing Grandpa Hoodie");
        batch[7].vendor = QStringLiteral("Lake 100% Co");
        QVERIFY(repo.upsert(batch).ok());

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

QTEST_GUILESS_MAIN(TestProductRepository)
#include "tst_productrepository.moc"
