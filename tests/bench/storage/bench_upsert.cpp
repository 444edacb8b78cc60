// Bulk upsert of N products into SQLite through ProductWriter, against a raw SQLite C API
// insert of the same rows into the same schema, measured in the same run.
//
//   bench_upsert [N=1000000] [batch=10000]
#include <core/storage/productwriter.h>
#include <core/util/json.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdio>
#include <ctime>

static double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct Timing
{
    double wall = 1e9;
    double cpu = 1e9;
};

using namespace podtrends::core;

static QList<Product> makeRows(int n)
{
    static const char *niches[] = {"cat dad", "nurse life", "fishing grandpa", "teacher", "dog mom", "retro sunset", "gym", "camping"};
    QList<Product> rows;
    rows.reserve(n);
    for (int i = 0; i < n; ++i) {
        Product p;
        p.marketplace = i % 3 == 0 ? QStringLiteral("etsy") : (i % 3 == 1 ? QStringLiteral("amazon") : QStringLiteral("shopify"));
        p.externalId = QString::number(1000000000LL + i);
        p.title = QStringLiteral("Funny %1 T-Shirt Vintage Gift #%2").arg(QString::fromLatin1(niches[i % 8])).arg(i);
        p.description = QStringLiteral("Soft cotton tee for every %1.").arg(QString::fromLatin1(niches[i % 8]));
        p.category = i % 2 ? QStringLiteral("T-Shirts") : QStringLiteral("Hoodies");
        p.price = 14.99 + (i % 20);
        p.currency = QStringLiteral("USD");
        p.rating = 3.5 + (i % 15) / 10.0;
        p.reviewsCount = i % 5000;
        p.vendor = QStringLiteral("Shop %1").arg(i % 500);
        p.imageUrl = QStringLiteral("https://cdn.example.com/img/%1.jpg").arg(i);
        p.productUrl = QStringLiteral("https://shop.example.com/products/%1").arg(i);
        p.tags = {QString::fromLatin1(niches[i % 8]), QStringLiteral("gift"), QStringLiteral("funny")};
        p.rawData = podtrends::core::rawRecord(QJsonObject{{QStringLiteral("id"), i}, {QStringLiteral("title"), p.title}});
        rows << p;
    }
    return rows;
}

static Timing runRepository(const QString &path, const QList<Product> &rows, int batch, bool snapshots)
{
    auto db = Database::open(*DatabaseConfig::parse(path));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
        std::exit(1);
    }
    ProductWriter writer(*db);
    QElapsedTimer t;
    t.start();
    const double cpu0 = cpuSeconds();
    for (qsizetype i = 0; i < rows.size(); i += batch) {
        auto r = writer.upsert(rows.mid(i, batch), {snapshots, -1, {}});
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.errorMessage()));
            std::exit(1);
        }
    }
    return {t.nsecsElapsed() / 1e9, cpuSeconds() - cpu0};
}

static void check(int rc, sqlite3 *db, int expected = SQLITE_OK)
{
    if (rc != expected) {
        std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        std::exit(1);
    }
}

// The baseline: the same schema (created by our migrations), the same rows and batches, the same
// JSON serialisation, bound and stepped with the C API directly, one INSERT per row. Without the
// search index, its triggers are dropped first: the plain cost of storing the rows.
static Timing runRaw(const QString &path, const QList<Product> &rows, int batch, bool searchIndex)
{
    { auto db = Database::open(*DatabaseConfig::parse(path)); } // schema only
    sqlite3 *db = nullptr;
    check(sqlite3_open(QFile::encodeName(path).constData(), &db), db);
    if (!searchIndex)
        check(sqlite3_exec(db, "DROP TRIGGER products_fts_insert; DROP TRIGGER products_fts_delete; DROP TRIGGER products_fts_update",
                           nullptr, nullptr, nullptr), db);
    check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192", nullptr, nullptr, nullptr), db);
    sqlite3_stmt *stmt = nullptr;
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO products (marketplace, external_id, title, description, category, price, currency, rating, "
                             "reviews_count, favorites, rank, vendor, image_url, product_url, tags, keywords, raw_data, sponsored, "
                             "source_id, created_at, updated_at, last_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             -1, &stmt, nullptr), db);
    QElapsedTimer t;
    t.start();
    const double cpu0 = cpuSeconds();
    const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
    auto text = [&](int col, const QString &s) {
        const QByteArray b = s.toUtf8();
        sqlite3_bind_text(stmt, col, b.constData(), int(b.size()), SQLITE_TRANSIENT);
    };
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (i % batch == 0)
            check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db);
        const Product &p = rows.at(i);
        text(1, p.marketplace);
        text(2, p.externalId);
        text(3, p.title);
        text(4, p.description);
        text(5, p.category);
        sqlite3_bind_double(stmt, 6, p.price);
        text(7, p.currency);
        sqlite3_bind_double(stmt, 8, p.rating);
        sqlite3_bind_int(stmt, 9, p.reviewsCount);
        sqlite3_bind_null(stmt, 10);
        sqlite3_bind_null(stmt, 11);
        text(12, p.vendor);
        text(13, p.imageUrl);
        text(14, p.productUrl);
        text(15, json::toText(QJsonArray::fromStringList(p.tags)));
        text(16, json::toText(QJsonArray::fromStringList(p.keywords)));
        text(17, QString::fromUtf8(p.rawData));
        sqlite3_bind_int(stmt, 18, 0);
        sqlite3_bind_null(stmt, 19);
        for (int c : {20, 21, 22})
            sqlite3_bind_text(stmt, c, now.constData(), int(now.size()), SQLITE_STATIC);
        check(sqlite3_step(stmt), db, SQLITE_DONE);
        sqlite3_reset(stmt);
        if ((i + 1) % batch == 0 || i + 1 == rows.size())
            check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db);
    }
    const Timing timing{t.nsecsElapsed() / 1e9, cpuSeconds() - cpu0};
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return timing;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000000;
    const int batch = argc > 2 ? std::atoi(argv[2]) : 10000;
    QTemporaryDir dir;
    std::printf("generating %d rows...\n", n);
    const QList<Product> rows = makeRows(n);

    // Alternate the runs and keep the best of each: the machine is shared, so single runs are noisy.
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 2;
    Timing raw, rawPlain, repo, again, snaps;
    auto best = [](Timing &acc, Timing t) {
        acc.wall = std::min(acc.wall, t.wall);
        acc.cpu = std::min(acc.cpu, t.cpu);
    };
    for (int r = 0; r < rounds; ++r) {
        const QString tag = QString::number(r);
        best(raw, runRaw(dir.filePath(QStringLiteral("raw%1.sqlite").arg(tag)), rows, batch, true));
        QFile::remove(dir.filePath(QStringLiteral("raw%1.sqlite").arg(tag)));
        best(rawPlain, runRaw(dir.filePath(QStringLiteral("raw%1.sqlite").arg(tag)), rows, batch, false));
        best(repo, runRepository(dir.filePath(QStringLiteral("repo%1.sqlite").arg(tag)), rows, batch, false));
        best(again, runRepository(dir.filePath(QStringLiteral("repo%1.sqlite").arg(tag)), rows, batch, false));
        best(snaps, runRepository(dir.filePath(QStringLiteral("snap%1.sqlite").arg(tag)), rows, batch, true));
        for (const char *f : {"raw", "repo", "snap"})
            QFile::remove(dir.filePath(QStringLiteral("%1%2.sqlite").arg(QString::fromLatin1(f), tag)));
    }

    std::printf("rows=%d batch=%d rounds=%d (best of each; wall and process CPU seconds)\n", n, batch, rounds);
    std::printf("raw C API insert          wall %7.2f s %9.0f rows/s   cpu %7.2f s   (row by row, search index triggers firing)\n", raw.wall, n / raw.wall, raw.cpu);
    std::printf("raw, no search index      wall %7.2f s %9.0f rows/s   cpu %7.2f s   (the same without the search index)\n", rawPlain.wall, n / rawPlain.wall, rawPlain.cpu);
    std::printf("repository upsert (new)   wall %7.2f s %9.0f rows/s   cpu %7.2f s   %.0f%% of raw (wall), %.0f%% of raw without the search index\n", repo.wall,
                n / repo.wall, repo.cpu, 100.0 * raw.wall / repo.wall, 100.0 * rawPlain.wall / repo.wall);
    std::printf("repository upsert (again) wall %7.2f s %9.0f rows/s   cpu %7.2f s   (every row an update)\n", again.wall, n / again.wall, again.cpu);
    std::printf("repository + snapshots    wall %7.2f s %9.0f rows/s   cpu %7.2f s\n", snaps.wall, n / snaps.wall, snaps.cpu);
    return 0;
}
