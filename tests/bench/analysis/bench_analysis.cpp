// Trend analysis of N stored SQLite products: read, compute, write, timed by phase.
//
//   bench_analysis [N=1000000] [DB=/tmp/podtrends-bench-analysis-N.sqlite] [threads=0]
//
// The database is generated once through the writer (realistic titles, tags, descriptions, prices,
// ratings over ~1,700 niche phrases in 6 categories on 3 marketplaces; each product's analysis
// features stored with it) and reused by later runs. Phases: the first analysis, a re-analysis, an
// analysis after a scrape re-scraped 5% with edited titles, a database from before stored features
// (computed once), and for comparison the text path every run took before (issue 14).
#include <core/analysis/trendanalyzer.h>
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <sys/resource.h>

using namespace podtrends::core;

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

long maxRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

const char *const kHobbies[] = {"fishing", "hunting", "camping", "hiking", "gardening", "golf", "cooking", "reading", "gaming",
                                "knitting", "yoga", "running", "cycling", "coffee", "wine", "beer", "guitar", "cat", "dog",
                                "horse", "chicken", "football", "soccer", "basketball", "baseball", "bowling", "pickleball",
                                "skiing", "surfing", "boating", "kayak", "bbq", "crochet", "quilting", "photography", "bird",
                                "bee", "tractor", "motorcycle", "jeep", "trucker", "pilot", "chess", "disc golf", "bass"};
const char *const kPeople[] = {"dad", "mom", "grandpa", "grandma", "papa", "nana", "uncle", "aunt", "wife", "husband", "lady",
                               "guy", "girl", "boy", "life", "squad", "crew", "club", "queen", "king", "addict", "lover",
                               "whisperer", "legend", "nurse", "teacher", "mama", "daddy", "bro", "sister", "buddy", "boss",
                               "dude", "gang", "vibes", "season", "nerd", "coach"};
const char *const kStyles[] = {"Funny", "Vintage", "Retro", "Cute", "Minimalist", "Distressed", "Groovy", "Watercolor", "Boho", "Sarcastic"};
const char *const kTypes[] = {"T-Shirt", "Shirt", "Tee", "Hoodie", "Sweatshirt", "Mug", "Tumbler", "Poster", "Sticker", "Tote Bag"};
const char *const kCategories[] = {"T-Shirts", "T-Shirts", "T-Shirts", "Hoodies", "Mugs", "Posters", "Stickers", "Bags"};
const char *const kTails[] = {"Gift For Men", "Gift For Women", "Birthday Gift", "Christmas Gift", "Father's Day Gift",
                              "Mother's Day Present", "Gift Idea", "For Him", "For Her", "Retirement Gift"};
const char *const kMarkets[] = {"etsy", "amazon", "shopify"};

quint64 mix(quint64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

Product makeProduct(qint64 i)
{
    const quint64 r = mix(quint64(i) + 12345);
    // Zipf-like: a few phrases carry many products, most carry few.
    const int phrase = int((mix(r) % 1000) * (mix(r) % 1000) / 1000 * std::size(kHobbies) * std::size(kPeople) / 1000);
    const char *hobby = kHobbies[phrase % std::size(kHobbies)];
    const char *person = kPeople[(phrase / std::size(kHobbies)) % std::size(kPeople)];
    const int type = int(r % std::size(kTypes));
    Product p;
    p.marketplace = QString::fromLatin1(kMarkets[(r >> 8) % 3]);
    p.externalId = QString::number(5'000'000'000LL + i);
    const QString niche = QString::fromLatin1(hobby) + QLatin1Char(' ') + QString::fromLatin1(person);
    p.title = QStringLiteral("%1 %2 %3 %4").arg(QString::fromLatin1(kStyles[(r >> 12) % std::size(kStyles)]), QString(niche).replace(0, 1, niche.at(0).toUpper()),
                                                QString::fromLatin1(kTypes[type]), QString::fromLatin1(kTails[(r >> 16) % std::size(kTails)]));
    p.description = QStringLiteral("This %1 design is printed on demand. Perfect for any %2 who loves %3. Ships in 3-5 business days.")
                        .arg(niche, QString::fromLatin1(person), QString::fromLatin1(hobby));
    p.category = QString::fromLatin1(kCategories[type < 3 ? 0 : (type < 5 ? 3 : (type < 7 ? 4 : (type == 7 ? 5 : (type == 8 ? 6 : 7))))]);
    p.price = 8.99 + double((r >> 20) % 4000) / 100.0;
    p.currency = QStringLiteral("USD");
    p.rating = p.marketplace == QLatin1String("shopify") ? 0.0 : 3.5 + double((r >> 24) % 16) / 10.0;
    p.reviewsCount = int((r >> 28) % 3000);
    p.favorites = p.marketplace == QLatin1String("etsy") ? int((r >> 32) % 9000) : -1;
    p.rank = p.marketplace == QLatin1String("amazon") ? int((r >> 36) % 500000) : -1;
    p.vendor = QStringLiteral("Shop %1").arg((r >> 40) % 5000);
    p.productUrl = QStringLiteral("https://shop.example.com/products/%1").arg(i);
    p.imageUrl = QStringLiteral("https://cdn.example.com/img/%1.jpg").arg(i);
    p.tags = {niche, QString::fromLatin1(hobby) + QStringLiteral(" gift"), QString::fromLatin1(person) + QStringLiteral(" gift"),
              QString::fromLatin1(kStyles[(r >> 44) % std::size(kStyles)]).toLower() + QLatin1Char(' ') + QString::fromLatin1(hobby)};
    return p;
}

bool ensureData(const QString &path, qint64 n)
{
    auto config = DatabaseConfig::parse(path);
    auto db = Database::open(*config);
    if (!db) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(db.errorMessage()));
        return false;
    }
    ProductWriter writer(*db);
    ProductQueries repo(*db);
    const qint64 have = repo.count().value();
    if (have >= n)
        return true;
    std::printf("generating %lld products into %s …\n", static_cast<long long>(n - have), qPrintable(path));
    QElapsedTimer t;
    t.start();
    UpsertOptions options;
    options.snapshots = false;
    for (qint64 from = have; from < n; from += 20000) {
        QList<Product> batch;
        for (qint64 i = from; i < std::min(n, from + 20000); ++i)
            batch << makeProduct(i);
        auto r = writer.upsert(batch, options);
        if (!r) {
            std::fprintf(stderr, "upsert failed: %s\n", qPrintable(r.errorMessage()));
            return false;
        }
    }
    std::printf("generated in %.1f s\n", double(t.elapsed()) / 1000.0);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 n = args.size() > 1 ? args.at(1).toLongLong() : 1'000'000;
    const QString path = args.size() > 2 ? args.at(2) : QStringLiteral("/tmp/podtrends-bench-analysis-%1.sqlite").arg(n);
    AnalysisOptions options;
    options.threads = args.size() > 3 ? args.at(3).toInt() : 0;
    if (!ensureData(path, n))
        return 1;
    auto db = Database::open(*DatabaseConfig::parse(path));
    {
        QSqlQuery q(db.value()->connection());
        q.exec(QStringLiteral("UPDATE products SET trend_id = NULL"));
        q.exec(QStringLiteral("DELETE FROM trends"));
    }
    struct Phase
    {
        double wall = 0;
        double cpu = 0;
    };
    auto timed = [](auto &&fn, Phase *phase) {
        QElapsedTimer wall;
        wall.start();
        const double cpu0 = cpuSeconds();
        auto r = fn();
        phase->wall = double(wall.nsecsElapsed()) / 1e9;
        phase->cpu = cpuSeconds() - cpu0;
        return r;
    };
    // Baseline: the seed's grouping (by category only, no text work) as one SQL aggregate.
    {
        Phase base;
        timed([&] {
            QSqlQuery q(db.value()->connection());
            q.exec(QStringLiteral("SELECT category, COUNT(*), SUM(reviews_count), AVG(rating), AVG(price) FROM products GROUP BY category"));
            int groups = 0;
            while (q.next())
                ++groups;
            return groups;
        }, &base);
        std::printf("baseline (seed: GROUP BY category in SQL): wall %.2f s, cpu %.2f s\n", base.wall, base.cpu);
    }
    // The pipeline as the program runs it (TrendAnalyzer::run: stored features, issue 14), phase by phase.
    const auto runPipeline = [&](const char *label) {
        QElapsedTimer wall;
        wall.start();
        const double cpu0 = cpuSeconds();
        auto stats = TrendAnalyzer(*db, options).run();
        if (!stats) {
            std::fprintf(stderr, "analysis failed: %s\n", qPrintable(stats.errorMessage()));
            return false;
        }
        std::printf("%s: %lld products -> %d trends (%lld in trends, %lld re-assigned, %lld features computed)\n"
                    "  read %.2f s | compute %.2f s | write %.2f s | total wall %.2f s, cpu %.2f s, max RSS so far %ld MB\n",
                    label, static_cast<long long>(stats->products), stats->trends, static_cast<long long>(stats->assignedProducts),
                    static_cast<long long>(stats->saved.productsAssigned), static_cast<long long>(stats->featuresComputed),
                    double(stats->readMs) / 1000.0, double(stats->computeMs) / 1000.0, double(stats->writeMs) / 1000.0,
                    double(wall.nsecsElapsed()) / 1e9, cpuSeconds() - cpu0, maxRssMb());
        return true;
    };
    const auto exec = [&](const QString &sql) {
        QSqlQuery q(db.value()->connection());
        if (!q.exec(sql))
            std::fprintf(stderr, "%s failed\n", qPrintable(sql));
    };
    if (!runPipeline("first analysis (features stored by the writer, trends never computed)") || !runPipeline("re-analysis (nothing changed)"))
        return 1;
    {
        // A day of scraping: every 20th product re-scraped with an edited title (the writer
        // recomputes its features), and the newest 5% without a trend yet.
        ProductWriter writer(*db);
        UpsertOptions upsert;
        upsert.snapshots = false;
        QElapsedTimer t;
        t.start();
        for (qint64 from = 0; from < n; from += 20000 * 20) {
            QList<Product> batch;
            for (qint64 i = from; i < std::min(n, from + 20000 * 20); i += 20) {
                Product p = makeProduct(i);
                p.title += QStringLiteral(" Limited Edition");
                batch << p;
            }
            if (!writer.upsert(batch, upsert)) {
                std::fprintf(stderr, "re-scrape failed\n");
                return 1;
            }
        }
        std::printf("(re-scrape of %lld products through the writer: %.2f s)\n", static_cast<long long>(n / 20), double(t.elapsed()) / 1000.0);
        exec(QStringLiteral("UPDATE products SET trend_id = NULL WHERE id > (SELECT MAX(id) FROM products) - %1").arg(n / 20));
    }
    if (!runPipeline("after a scrape (5% re-scraped with edited titles, 5% without a trend)"))
        return 1;
    exec(QStringLiteral("DELETE FROM product_features"));
    if (!runPipeline("database from before (no stored features: computed once)") || !runPipeline("re-analysis of that database"))
        return 1;

    // Before issue 14, in the same process: every product's text read and tokenized each run.
    for (const char *label : {"text path: re-run (nothing changed)"}) {
        Phase read, spans, compute, write;
        auto rows = timed([&] { return AnalysisInput::readProducts(*db); }, &read);
        TrendRepository repo(*db);
        auto snapshotSpans = timed([&] { return repo.snapshotSpans(); }, &spans);
        auto counts = repo.latestMarketCounts();
        auto result = timed([&] { return TrendAnalyzer::compute(*rows, *snapshotSpans, *counts, options); }, &compute);
        if (!rows || !result) {
            std::fprintf(stderr, "analysis failed\n");
            return 1;
        }
        rows = QList<AnalysisRow>();
        auto saved = timed([&] { return repo.saveAnalysis(&result.value().trends, result->members, result->clearProductIds); }, &write);
        if (!saved) {
            std::fprintf(stderr, "write failed: %s\n", qPrintable(saved.errorMessage()));
            return 1;
        }
        const double wall = read.wall + spans.wall + compute.wall + write.wall;
        const double cpu = read.cpu + spans.cpu + compute.cpu + write.cpu;
        std::printf("%s: %lld products -> %lld trends (%lld products in trends, %lld re-assigned)\n"
                    "  read %.2f s (cpu %.2f) | snapshots %.2f s (cpu %.2f) | compute %.2f s (cpu %.2f) | write %.2f s (cpu %.2f) | total wall %.2f s, cpu %.2f s, max RSS %ld MB\n",
                    label, static_cast<long long>(result->products), static_cast<long long>(result->trends.size()),
                    static_cast<long long>(result->assignedProducts), static_cast<long long>(saved->productsAssigned), read.wall, read.cpu,
                    spans.wall, spans.cpu, compute.wall, compute.cpu, write.wall, write.cpu, wall, cpu, maxRssMb());
    }
    return 0;
}
