// The schema holds every table, column and index of the seed's schema, on both engines.
#include <core/storage/database.h>
#include <testenv.h>

#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace podtrends;
using namespace podtrends::core;

class TestSchema : public QObject
{
    Q_OBJECT

private:
    // Each index as "table(col1,col2)" plus a uniqueness flag, read from the catalog.
    static QStringList indexes(Database &db, bool uniqueOnly)
    {
        QStringList out;
        QSqlQuery q(db.connection());
        if (db.isPostgres()) {
            q.exec(QStringLiteral(
                "SELECT t.relname, ix.indisunique, array_to_string(array_agg(a.attname ORDER BY k.n), ',') "
                "FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid "
                "JOIN pg_namespace ns ON ns.oid = t.relnamespace "
                "CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n) "
                "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum "
                "WHERE ns.nspname = 'public' GROUP BY t.relname, i.relname, ix.indisunique"));
            while (q.next())
                if (!uniqueOnly || q.value(1).toBool())
                    out << q.value(0).toString() + QLatin1Char('(') + q.value(2).toString() + QLatin1Char(')');
            return out;
        }
        QSqlQuery tables(db.connection());
        tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
        while (tables.next()) {
            const QString table = tables.value(0).toString();
            QSqlQuery list(db.connection());
            list.exec(QStringLiteral("PRAGMA index_list('%1')").arg(table));
            while (list.next()) {
                const QString index = list.value(1).toString();
                const bool unique = list.value(2).toInt() == 1;
                if (uniqueOnly && !unique)
                    continue;
                QSqlQuery info(db.connection());
                info.exec(QStringLiteral("PRAGMA index_info('%1')").arg(index));
                QStringList cols;
                while (info.next())
                    cols << info.value(2).toString();
                out << table + QLatin1Char('(') + cols.join(QLatin1Char(',')) + QLatin1Char(')');
            }
        }
        return out;
    }

private Q_SLOTS:
    void holdsEverySeedTableAndColumn_data() { test::addDialectRows(); }
    void holdsEverySeedTableAndColumn()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        const QMap<QString, QStringList> seed{
            {QStringLiteral("products"), {QStringLiteral("id"), QStringLiteral("marketplace"), QStringLiteral("external_id"), QStringLiteral("title"),
                                          QStringLiteral("description"), QStringLiteral("category"), QStringLiteral("price"), QStringLiteral("rating"),
                                          QStringLiteral("reviews_count"), QStringLiteral("image_url"), QStringLiteral("product_url"), QStringLiteral("tags"),
                                          QStringLiteral("keywords"), QStringLiteral("raw_data"), QStringLiteral("trend_id"), QStringLiteral("created_at"),
                                          QStringLiteral("updated_at")}},
            {QStringLiteral("trends"), {QStringLiteral("id"), QStringLiteral("niche"), QStringLiteral("category"), QStringLiteral("demand_score"),
                                        QStringLiteral("competition_score"), QStringLiteral("growth_score"), QStringLiteral("profitability_score"),
                                        QStringLiteral("overall_score"), QStringLiteral("marketplace_counts"), QStringLiteral("avg_price"),
                                        QStringLiteral("price_range"), QStringLiteral("target_audience"), QStringLiteral("style_patterns"),
                                        QStringLiteral("created_at"), QStringLiteral("updated_at")}},
            {QStringLiteral("designs"), {QStringLiteral("id"), QStringLiteral("trend_id"), QStringLiteral("title"), QStringLiteral("description"),
                                         QStringLiteral("design_prompt"), QStringLiteral("design_metadata"), QStringLiteral("image_url"),
                                         QStringLiteral("mockup_urls"), QStringLiteral("print_specifications"), QStringLiteral("status"),
                                         QStringLiteral("printful_template_id"), QStringLiteral("created_at"), QStringLiteral("updated_at")}},
            {QStringLiteral("marketplaces"), {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("last_scraped"), QStringLiteral("next_scrape"),
                                              QStringLiteral("status"), QStringLiteral("error_message"), QStringLiteral("created_at"),
                                              QStringLiteral("updated_at")}},
            {QStringLiteral("sources"), {QStringLiteral("marketplace"), QStringLiteral("target"), QStringLiteral("interval_minutes"), QStringLiteral("enabled"),
                                         QStringLiteral("last_scraped"), QStringLiteral("next_scrape"), QStringLiteral("status"), QStringLiteral("error_message")}},
            {QStringLiteral("product_snapshots"), {QStringLiteral("product_id"), QStringLiteral("price"), QStringLiteral("rating"), QStringLiteral("reviews_count"),
                                                   QStringLiteral("rank"), QStringLiteral("favorites"), QStringLiteral("result_count"), QStringLiteral("scraped_at")}},
            {QStringLiteral("jobs"), {QStringLiteral("kind"), QStringLiteral("status"), QStringLiteral("started_at"), QStringLiteral("finished_at"),
                                      QStringLiteral("items"), QStringLiteral("error")}},
            {QStringLiteral("schema_version"), {QStringLiteral("version")}},
        };
        const QStringList tables = db->connection().tables();
        for (auto it = seed.cbegin(); it != seed.cend(); ++it) {
            QVERIFY2(tables.contains(it.key()), qPrintable(it.key()));
            const QSqlRecord record = db->connection().record(it.key());
            for (const QString &column : it.value())
                QVERIFY2(record.contains(column), qPrintable(it.key() + QLatin1Char('.') + column));
        }
    }

    // A seed index is held when an index starts with its columns: the planner uses
    // (marketplace, category, price, rating) for a lookup on marketplace and category alone.
    // The seed's unique external_id is unique per marketplace here (a Shopify id is per store).
    void holdsEverySeedIndex_data() { test::addDialectRows(); }
    void holdsEverySeedIndex()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        const QStringList all = indexes(*db, false);
        const QStringList unique = indexes(*db, true);
        for (const char *expected : {"products(marketplace", "products(created_at", "products(marketplace,category", "trends(niche",
                                     "trends(category", "trends(overall_score", "trends(created_at", "designs(trend_id", "designs(created_at"}) {
            const QString prefix = QString::fromLatin1(expected);
            const bool held = std::any_of(all.begin(), all.end(), [&](const QString &index) {
                return index.startsWith(prefix) && (index.at(prefix.size()) == QLatin1Char(')') || index.at(prefix.size()) == QLatin1Char(','));
            });
            QVERIFY2(held, expected);
        }
        QVERIFY2(unique.contains(QStringLiteral("products(marketplace,external_id)")), qPrintable(unique.join(QLatin1Char(' '))));
        QVERIFY(unique.contains(QStringLiteral("marketplaces(name)")));
    }

    // Every index on products costs every stored product its upkeep (migration 20): none may be
    // the leading columns of another, which serves the same lookups.
    void noProductIndexIsTheLeadingColumnsOfAnother_data() { test::addDialectRows(); }
    void noProductIndexIsTheLeadingColumnsOfAnother()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        QStringList products;
        for (const QString &index : indexes(*db, false))
            if (index.startsWith(QLatin1String("products(")))
                products << index.mid(9).chopped(1);
        QVERIFY(products.size() >= 8);
        for (const QString &shorter : std::as_const(products))
            for (const QString &longer : std::as_const(products))
                QVERIFY2(shorter == longer || !longer.startsWith(shorter + QLatin1Char(',')), qPrintable(shorter + QStringLiteral(" duplicates ") + longer));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
