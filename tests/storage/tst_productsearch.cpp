// The Products search box on SQLite (FTS5) and PostgreSQL (GIN tsvector): words match as
// prefixes of words, every word is required, typed syntax is only text, the index follows
// inserts, renames and deletes, and migration 18 indexes a database that already has products.
#include <core/storage/migrations.h>
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>
#include <core/storage/productsearch_p.h>
#include <core/storage/productwindow_p.h>
#include <testenv.h>

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

namespace {

Product product(const QString &externalId, const QString &title, const QStringList &tags = {}, const QString &vendor = {})
{
    Product p;
    p.marketplace = QStringLiteral("etsy");
    p.externalId = externalId;
    p.title = title;
    p.tags = tags;
    p.vendor = vendor;
    p.category = QStringLiteral("Apparel");
    p.price = 20;
    p.rating = 4.5;
    return p;
}

// The external ids the search finds, sorted, through every query path of the repository.
QStringList found(ProductQueries &repo, const QString &search)
{
    ProductFilter f;
    f.search = search;
    f.orderBy = QStringLiteral("title");
    const auto listed = repo.list(f);
    if (!listed) {
        qWarning() << "list failed:" << listed.errorMessage();
        return {QStringLiteral("<error>")};
    }
    QStringList out;
    for (const Product &p : *listed)
        out << p.externalId;
    const auto counted = repo.count(f);
    const auto ids = repo.ids(f);
    const auto window = repo.windowIds(f, 200);
    if (!counted || *counted != out.size() || !ids || ids->size() != out.size() || !window || *window != *ids) {
        qWarning() << "the query paths disagree for" << search << out << (counted ? *counted : -1) << (ids ? *ids : QList<qint64>())
                   << (window ? *window : QList<qint64>());
        return {QStringLiteral("<paths disagree>")};
    }
    out.sort();
    return out;
}

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool exec(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql)) {
        qWarning() << sql << describeSqlError(q);
        return false;
    }
    return true;
}

// SQLite: FTS5 compares its index with the products table.
bool sqliteIndexConsistent(Database &db)
{
    return db.isPostgres() || exec(db, QStringLiteral("INSERT INTO products_fts (products_fts, rank) VALUES ('integrity-check', 1)"));
}

} // namespace

class TestProductSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsWordsByTheirBeginning_data() { test::addDialectRows(); }
    void findsWordsByTheirBeginning()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Pickleball Paddle Tee")),
                             product(QStringLiteral("b"), QStringLiteral("Pickle Jar Mug")),
                             product(QStringLiteral("c"), QStringLiteral("Basketball Hoodie"))}).ok());
        QCOMPARE(found(repo, QStringLiteral("pickle")), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(found(repo, QStringLiteral("PICKLEB")), QStringList({QStringLiteral("a")}));
        // A word matches from its start, not from its middle.
        QCOMPARE(found(repo, QStringLiteral("ball")), QStringList());
    }

    void requiresEveryWord_data() { test::addDialectRows(); }
    void requiresEveryWord()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Retro Sunset Mug")),
                             product(QStringLiteral("b"), QStringLiteral("Retro Sunset T-Shirt")),
                             product(QStringLiteral("c"), QStringLiteral("Floral Mug"))}).ok());
        QCOMPARE(found(repo, QStringLiteral("retro mug")), QStringList({QStringLiteral("a")}));
        QCOMPARE(found(repo, QStringLiteral("mug  retro ")), QStringList({QStringLiteral("a")}));
        QCOMPARE(found(repo, QStringLiteral("sun")), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(found(repo, QStringLiteral("t-shirt")), QStringList({QStringLiteral("b")}));
    }

    void searchesTitleTagsAndVendor_data() { test::addDialectRows(); }
    void searchesTitleTagsAndVendor()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Mountain Tee"), {QStringLiteral("camping"), QStringLiteral("outdoors")}),
                             product(QStringLiteral("b"), QStringLiteral("Lake Hoodie"), {}, QStringLiteral("Northwind Studio")),
                             product(QStringLiteral("c"), QStringLiteral("Plain Mug"))}).ok());
        QCOMPARE(found(repo, QStringLiteral("camp")), QStringList({QStringLiteral("a")}));
        QCOMPARE(found(repo, QStringLiteral("northwind")), QStringList({QStringLiteral("b")}));
        QCOMPARE(found(repo, QStringLiteral("studio lake")), QStringList({QStringLiteral("b")}));
    }

    void treatsQuotesOperatorsAndWildcardsAsText_data() { test::addDialectRows(); }
    void treatsQuotesOperatorsAndWildcardsAsText()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Cat Dad Shirt")),
                             product(QStringLiteral("b"), QStringLiteral("Cat or Dad? Funny Mug")),
                             product(QStringLiteral("c"), QStringLiteral("Lake 100% Co. \"Best\" Tee"))}).ok());
        // As FTS5 or tsquery syntax these would find a and b; as words only b has "cat", "or" and "dad".
        QCOMPARE(found(repo, QStringLiteral("\"cat\" OR -(dad)*")), QStringList({QStringLiteral("b")}));
        QCOMPARE(found(repo, QStringLiteral("cat | !dad & or")), QStringList({QStringLiteral("b")}));
        // Column filters, NEAR groups and carets are words too.
        QCOMPARE(found(repo, QStringLiteral("title:shirt")), QStringList());
        QCOMPARE(found(repo, QStringLiteral("NEAR(cat dad)")), QStringList());
        QCOMPARE(found(repo, QStringLiteral("^cat dad")), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(found(repo, QStringLiteral("'; DROP TABLE products; --")), QStringList());
        QCOMPARE(found(repo, QStringLiteral("\"best\"")), QStringList({QStringLiteral("c")}));
        QCOMPARE(found(repo, QStringLiteral("100%")), QStringList({QStringLiteral("c")}));
        QCOMPARE(found(repo, QStringLiteral("'lake':*")), QStringList({QStringLiteral("c")}));
        // Punctuation alone holds no word to look for: the search filters nothing.
        QCOMPARE(found(repo, QStringLiteral("\"")).size(), 3);
        QCOMPARE(found(repo, QStringLiteral("* - ()")).size(), 3);
        QCOMPARE(found(repo, QStringLiteral("★ ♥")).size(), 3);
        QCOMPARE(repo.count().value(), 3);
    }

    void findsNothingWhenNoWordMatches_data() { test::addDialectRows(); }
    void findsNothingWhenNoWordMatches()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Retro Mug"))}).ok());
        QCOMPARE(found(repo, QStringLiteral("zzzz")), QStringList());
        QCOMPARE(found(repo, QStringLiteral("retro zzzz")), QStringList());
    }

    void matchesLettersBeyondAscii_data() { test::addDialectRows(); }
    void matchesLettersBeyondAscii()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Café Crème Tasse")),
                             product(QStringLiteral("b"), QStringLiteral("ÆRØ Ferry Poster")),
                             product(QStringLiteral("c"), QStringLiteral("Cafeteria Sign"))}).ok());
        QCOMPARE(found(repo, QStringLiteral("CAFÉ")), QStringList({QStringLiteral("a")}));
        QCOMPARE(found(repo, QStringLiteral("crè")), QStringList({QStringLiteral("a")}));
        QCOMPARE(found(repo, QStringLiteral("ærø")), QStringList({QStringLiteral("b")}));
        // Accents count, on both engines.
        QCOMPARE(found(repo, QStringLiteral("cafe")), QStringList({QStringLiteral("c")}));
    }

    void renamedProductIsFoundByItsNewWordsOnly_data() { test::addDialectRows(); }
    void renamedProductIsFoundByItsNewWordsOnly()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Vintage Camper Tee"), {QStringLiteral("camping")})}).ok());
        QCOMPARE(found(repo, QStringLiteral("camper")), QStringList({QStringLiteral("a")}));
        // The same words again (a re-scrape) keep it findable.
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Vintage Camper Tee"), {QStringLiteral("camping")})}).ok());
        QCOMPARE(found(repo, QStringLiteral("camper")), QStringList({QStringLiteral("a")}));
        QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Retro Kayak Hoodie"), {QStringLiteral("paddling")}, QStringLiteral("Riverside"))}).ok());
        QCOMPARE(found(repo, QStringLiteral("kayak")), QStringList({QStringLiteral("a")}));
        QCOMPARE(found(repo, QStringLiteral("paddl river")), QStringList({QStringLiteral("a")}));
        QCOMPARE(found(repo, QStringLiteral("camper")), QStringList());
        QCOMPARE(found(repo, QStringLiteral("camping")), QStringList());
        QVERIFY(sqliteIndexConsistent(*db));
    }

    void oneBatchThatInsertsAndRenamesTheSameProductIndexesItsLastWords_data() { test::addDialectRows(); }
    void oneBatchThatInsertsAndRenamesTheSameProductIndexesItsLastWords()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        QVERIFY(writer.upsert({product(QStringLiteral("old"), QStringLiteral("Walrus Mug"))}).ok());
        // A new product twice (the second time renamed), an old one renamed, an old one unchanged.
        const auto stored = writer.upsert({product(QStringLiteral("new"), QStringLiteral("Otter Tee")),
                                         product(QStringLiteral("old"), QStringLiteral("Narwhal Mug")),
                                         product(QStringLiteral("new"), QStringLiteral("Beaver Tee")),
                                         product(QStringLiteral("same"), QStringLiteral("Puffin Poster"))});
        QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
        QCOMPARE(found(repo, QStringLiteral("beaver")), QStringList({QStringLiteral("new")}));
        QCOMPARE(found(repo, QStringLiteral("otter")), QStringList());
        QCOMPARE(found(repo, QStringLiteral("narwhal")), QStringList({QStringLiteral("old")}));
        QCOMPARE(found(repo, QStringLiteral("walrus")), QStringList());
        QCOMPARE(found(repo, QStringLiteral("tee")), QStringList({QStringLiteral("new")}));
        QVERIFY(writer.upsert({product(QStringLiteral("same"), QStringLiteral("Puffin Poster"))}).ok());
        QCOMPARE(found(repo, QStringLiteral("puffin")), QStringList({QStringLiteral("same")}));
        QVERIFY(sqliteIndexConsistent(*db));
    }

    void rowsWrittenOutsideTheRepositoryAreIndexedToo_data() { test::addDialectRows(); }
    void rowsWrittenOutsideTheRepositoryAreIndexedToo()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductQueries repo(db);
        QVERIFY(exec(*db, QStringLiteral("INSERT INTO products (marketplace, external_id, title, tags, vendor, created_at, updated_at) "
                                         "VALUES ('etsy', 'a', 'Heron Print', '[\"birds\"]', 'Marsh Press', '2025-01-01T00:00:00Z', "
                                         "'2025-01-01T00:00:00Z')")));
        QCOMPARE(found(repo, QStringLiteral("heron marsh bird")), QStringList({QStringLiteral("a")}));
        QVERIFY(exec(*db, QStringLiteral("UPDATE products SET title = 'Egret Print' WHERE external_id = 'a'")));
        QCOMPARE(found(repo, QStringLiteral("egret")), QStringList({QStringLiteral("a")}));
        QCOMPARE(found(repo, QStringLiteral("heron")), QStringList());
        QVERIFY(sqliteIndexConsistent(*db));
    }

    void deletedProductIsNoLongerFound_data() { test::addDialectRows(); }
    void deletedProductIsNoLongerFound()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        ProductWriter writer(db);
        ProductQueries repo(db);
        const auto stored = writer.upsert({product(QStringLiteral("a"), QStringLiteral("Gnome Garden Flag")),
                                         product(QStringLiteral("b"), QStringLiteral("Gnome Mug"))});
        QVERIFY(stored.ok());
        QVERIFY(exec(*db, QStringLiteral("DELETE FROM products WHERE id = %1").arg(stored->ids.first())));
        QCOMPARE(found(repo, QStringLiteral("gnome")), QStringList({QStringLiteral("b")}));
        QVERIFY(sqliteIndexConsistent(*db));
    }

    void windowIdsAgreeWithTheFullList_data()
    {
        // SQLite's planner (productwindow.cpp) is steered into each of its paths.
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<qint64>("firstWalkBudgetNs");
        QTest::addColumn<qint64>("candidateCap");
        QTest::newRow("sqlite, walk first") << QStringLiteral("sqlite") << productwindow::firstWalkBudgetNs.load() << productwindow::candidateCap.load();
        QTest::newRow("sqlite, sort first") << QStringLiteral("sqlite") << qint64(0) << productwindow::candidateCap.load();
        QTest::newRow("sqlite, walk in steps") << QStringLiteral("sqlite") << qint64(0) << qint64(0);
        QTest::newRow("postgres") << QStringLiteral("postgres") << qint64(0) << qint64(0);
    }
    void windowIdsAgreeWithTheFullList()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        QFETCH(qint64, firstWalkBudgetNs);
        QFETCH(qint64, candidateCap);
        const qint64 defaultBudget = productwindow::firstWalkBudgetNs.load();
        const qint64 defaultCap = productwindow::candidateCap.load();
        auto restore = qScopeGuard([=] {
            productwindow::firstWalkBudgetNs = defaultBudget;
            productwindow::candidateCap = defaultCap;
        });
        productwindow::firstWalkBudgetNs = firstWalkBudgetNs;
        productwindow::candidateCap = candidateCap;
        ProductWriter writer(db);
        ProductQueries repo(db);
        static const char *words[] = {"Retro", "Café", "T-Shirt", "Mug", "ÆRØ", "Pickleball", "2024", "don't", "Cat", "Dad"};
        static const char *markets[] = {"etsy", "amazon", "shopify"};
        QList<Product> batch;
        for (int i = 0; i < 600; ++i) {
            Product p = product(QString::number(i), QStringLiteral("%1 %2 %3").arg(QString::fromUtf8(words[i % 10]), QString::fromUtf8(words[i * 7 % 10]),
                                                                                QString::fromUtf8(words[i * 3 % 10])),
                                {QString::fromUtf8(words[i * 11 % 10]).toLower()}, QStringLiteral("Studio %1").arg(i % 13));
            p.marketplace = QString::fromLatin1(markets[i % 3]);
            p.category = i % 4 ? QStringLiteral("Apparel") : QStringLiteral("Home");
            p.price = 5 + i % 40;
            p.rating = 3 + (i % 21) / 10.0;
            p.reviewsCount = (i * 37) % 101;
            p.favorites = i % 3 ? (i * 13) % 50 : -1; // NULL for a third: sorted first ascending, last descending
            batch << p;
        }
        QVERIFY(writer.upsert(batch).ok());
        for (const char *search : {"", "caf", "ærø mug", "t-sh", "202", "don", "studio 1", "zzzz", "cat dad retro"}) {
            for (const char *order : {"reviews_count", "title", "price", "id", "favorites"}) {
                for (int filters = 0; filters < 6; ++filters) {
                    ProductFilter f;
                    f.search = QString::fromUtf8(search);
                    f.orderBy = QString::fromLatin1(order);
                    f.descending = filters % 2 == 0;
                    if (filters >= 2) {
                        f.marketplace = QStringLiteral("etsy");
                        f.category = QStringLiteral("Apparel");
                    }
                    if (filters >= 4) {
                        f.minPrice = 15;
                        f.maxPrice = 25;
                        f.minRating = 4.5;
                        f.maxRating = 5;
                    }
                    const auto all = repo.ids(f);
                    const auto window = repo.windowIds(f, 20);
                    QVERIFY2(all.ok() && window.ok(), search);
                    QVERIFY2(*window == all->mid(0, 20), qPrintable(QStringLiteral("%1 by %2 %3 with %4 filters").arg(QString::fromUtf8(search), QLatin1String(order),
                                                                                                           f.descending ? QStringLiteral("descending") : QStringLiteral("ascending")).arg(filters / 2 * 2)));
                }
            }
        }
    }

    void migrationIndexesAnExistingDatabaseAtVersion50_data() { test::addDialectRows(); }
    void migrationIndexesAnExistingDatabaseAtVersion50()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        {
            ProductWriter writer(db);
            ProductQueries repo(db);
            QVERIFY(writer.upsert({product(QStringLiteral("a"), QStringLiteral("Fishing Grandpa Hoodie"))}).ok());
        }
        // Back to the schema before migration 18 (the database is at 50, with 19, from earlier
        // releases, and later ones), with rows the index has never seen.
        const QStringList downgrade = db->isPostgres()
            ? QStringList{QStringLiteral("DROP INDEX ix_products_search"), QStringLiteral("ALTER TABLE products DROP COLUMN search_vector"),
                          QStringLiteral("DROP INDEX ix_products_filters")}
            : QStringList{QStringLiteral("DROP TRIGGER products_fts_insert"), QStringLiteral("DROP TRIGGER products_fts_delete"),
                          QStringLiteral("DROP TRIGGER products_fts_update"), QStringLiteral("DROP TABLE products_fts"),
                          QStringLiteral("DROP INDEX ix_products_filters")};
        for (const QString &sql : downgrade)
            QVERIFY(exec(*db, sql));
        QVERIFY(exec(*db, QStringLiteral("DELETE FROM schema_version WHERE version = 18")));
        QVERIFY(exec(*db, QStringLiteral("UPDATE products SET title = 'Fishing Grandma Hoodie'")));
        QVERIFY(exec(*db, QStringLiteral("INSERT INTO products (marketplace, external_id, title, tags, vendor, created_at, updated_at) "
                                         "VALUES ('etsy', 'b', 'Grandpa Fishing Mug', '[\"angler\"]', 'Tackle Box', '2025-01-01T00:00:00Z', "
                                         "'2025-01-01T00:00:00Z')")));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT MAX(version) FROM schema_version")), qint64(latestSchemaVersion()));
        const DatabaseConfig config = db->config();
        db.reset();

        auto reopened = Database::open(config);
        QVERIFY2(reopened.ok(), qPrintable(reopened.errorMessage()));
        QCOMPARE(scalar(**reopened, QStringLiteral("SELECT COUNT(*) FROM schema_version WHERE version = 18")), 1);
        ProductWriter writer(*reopened);
        ProductQueries repo(*reopened);
        QCOMPARE(found(repo, QStringLiteral("fishing")), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(found(repo, QStringLiteral("grandpa")), QStringList({QStringLiteral("b")}));
        QCOMPARE(found(repo, QStringLiteral("angl tackle")), QStringList({QStringLiteral("b")}));
        QVERIFY(sqliteIndexConsistent(**reopened));
        // From here on the index follows new rows.
        QVERIFY(writer.upsert({product(QStringLiteral("c"), QStringLiteral("Fishing Lure Sticker"))}).ok());
        QCOMPARE(found(repo, QStringLiteral("lure")), QStringList({QStringLiteral("c")}));
    }

    void postgresSearchUsesTheIndex()
    {
        QString skip;
        QTemporaryDir dir;
        auto db = test::openFreshDatabase(QStringLiteral("postgres"), dir.path(), &skip);
        if (!db)
            QSKIP(qPrintable(skip.isEmpty() ? QStringLiteral("no PostgreSQL") : skip));
        // The repository's search must name what the index holds, or the planner cannot use it.
        QVERIFY(exec(*db, QStringLiteral("SET enable_seqscan = off")));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("EXPLAIN SELECT id FROM products WHERE ") + productsearch::postgresDocument()
                       + QStringLiteral(" @@ to_tsquery('simple'::regconfig, '''cat'':*')")));
        QString plan;
        while (q.next())
            plan += q.value(0).toString() + QLatin1Char('\n');
        QVERIFY2(plan.contains(QLatin1String("ix_products_search")), qPrintable(plan));
    }
};

QTEST_GUILESS_MAIN(TestProductSearch)
#include "tst_productsearch.moc"
