// Fills a database for the REST benchmark: N products (raw INSERT … SELECT, once), T trends that
// look like the analysis output, and one API key, printed on stdout.
//   bench_rest_seed DB_SPEC [products=1000000] [trends=2000]
#include <team/restfixture.h>

#include <core/api/apikeystore.h>
#include <core/storage/databaseconfig.h>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace podtrends;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_rest_seed DB_SPEC [products=1000000] [trends=2000]\n");
        return 2;
    }
    const qint64 products = args.size() > 2 ? args.at(2).toLongLong() : 1000000;
    const int trends = args.size() > 3 ? args.at(3).toInt() : 2000;
    auto config = core::DatabaseConfig::parse(args.at(1));
    if (!config) {
        std::fprintf(stderr, "%s\n", qPrintable(config.errorMessage()));
        return 2;
    }
    auto opened = core::Database::open(*config);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    auto db = *opened;
    QElapsedTimer timer;
    timer.start();
    {
        core::Transaction tx(db->connection());
        for (int i = 0; i < trends; ++i) {
            static const char *const categories[] = {"apparel", "home", "wall art", "accessories", "stationery"};
            if (test::insertTrend(*db, QStringLiteral("niche %1 %2").arg(i).arg(i % 7 ? QStringLiteral("camping") : QStringLiteral("cats")),
                                  QString::fromLatin1(categories[i % 5]), 100.0 * (trends - i) / trends) < 0) {
                std::fprintf(stderr, "inserting trends failed\n");
                return 1;
            }
        }
        if (!tx.commit()) {
            std::fprintf(stderr, "committing trends failed\n");
            return 1;
        }
    }
    std::fprintf(stderr, "%d trends in %lld ms\n", trends, static_cast<long long>(timer.restart()));

    // One statement per dialect: the rows differ in marketplace, category, price, rating and text.
    const QString series = db->isPostgres()
        ? QStringLiteral("SELECT g AS n FROM generate_series(1, %1) AS g").arg(products)
        : QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < %1) SELECT n FROM s").arg(products);
    const QString now = db->isPostgres() ? QStringLiteral("now()") : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    const QString cat = db->isPostgres() ? QStringLiteral("::text") : QString();
    QString sql = QStringLiteral(
        "INSERT INTO products (marketplace, external_id, title, description, category, price, currency, rating, reviews_count, "
        "vendor, image_url, product_url, tags, keywords, raw_data, trend_id, created_at, updated_at) "
        "SELECT CASE n % 3 WHEN 0 THEN 'amazon' WHEN 1 THEN 'etsy' ELSE 'shopify' END, 'B' || n${CAST}, "
        "'Retro camping shirt design number ' || n${CAST} || ' for outdoor lovers', 'A soft cotton tee with a vintage mountain print.', "
        "CASE n % 5 WHEN 0 THEN 'apparel' WHEN 1 THEN 'home' WHEN 2 THEN 'wall art' WHEN 3 THEN 'accessories' ELSE 'stationery' END, "
        "10 + (n % 2500) / 100.0, 'USD', (n % 50) / 10.0, n % 4000, 'Shop ' || (n % 997)${CAST}, "
        "'https://img.example/' || n${CAST} || '.jpg', 'https://shop.example/p/' || n${CAST}, '[\"retro\",\"camping\",\"outdoors\"]', "
        "'[\"camping shirt\"]', '{\"source\":\"bench\"}', (n % ${TRENDS}) + 1, ${NOW}, ${NOW} FROM (${SERIES}) AS rows");
    sql.replace(QLatin1String("${JSON}"), db->isPostgres() ? QStringLiteral("::jsonb") : QString());
    sql.replace(QLatin1String("${CAST}"), cat).replace(QLatin1String("${NOW}"), now).replace(QLatin1String("${TRENDS}"), QString::number(trends))
        .replace(QLatin1String("${SERIES}"), series);
    const QString &filled = sql;
    if (core::Status s = core::execSql(db->connection(), filled); !s) {
        std::fprintf(stderr, "inserting products failed: %s\n", qPrintable(s.errorMessage()));
        return 1;
    }
    if (db->isPostgres())
        (void)core::execSql(db->connection(), QStringLiteral("VACUUM ANALYZE products"));
    else
        (void)core::execSql(db->connection(), QStringLiteral("ANALYZE"));
    std::fprintf(stderr, "%lld products in %lld ms\n", static_cast<long long>(products), static_cast<long long>(timer.restart()));
    auto key = core::ApiKeyStore(db).create(QStringLiteral("benchmark"));
    if (!key) {
        std::fprintf(stderr, "%s\n", qPrintable(key.errorMessage()));
        return 1;
    }
    std::printf("%s\n", qPrintable(key->second));
    return 0;
}
