// The Products page over a large SQLite database: time from opening, sorting and filtering to
// the first visible rows (the goal is < 200 ms each) and to the full id list, with the page
// shown offscreen so the view really asks the model for its rows.
//
//   QT_QPA_PLATFORM=offscreen bench_productsui [db=/tmp/bench-productsui.sqlite] [rows=1000000]
//
// The database is generated on first use (realistic titles, tags, raw JSON) and reused.
#include <core/storage/productqueries.h>
#include <core/storage/productwriter.h>
#include <core/storage/workspace.h>
#include <ui/models/producttablemodel.h>
#include <ui/pages/productspage.h>

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <cstdio>

using namespace podtrends;

namespace {

QList<core::Product> makeBatch(int first, int count)
{
    static const char *adjectives[] = {"Funny", "Vintage", "Retro", "Cute", "Minimalist", "Floral", "Boho", "Sarcastic",
                                       "Spooky", "Cozy", "Rainbow", "Distressed"};
    static const char *niches[] = {"Cat Dad", "Nurse Life", "Fishing Grandpa", "Teacher", "Dog Mom", "Camping", "Gym",
                                   "Halloween", "Christmas", "Book Lover", "Coffee", "Gardening", "Pickleball", "Mama"};
    static const char *items[] = {"T-Shirt", "Hoodie", "Mug", "Poster", "Sticker", "Tote Bag", "Sweatshirt", "Phone Case"};
    static const char *categories[] = {"Apparel", "Home & Living", "Accessories", "Art & Collectibles", "Paper & Party"};
    static const char *markets[] = {"amazon", "etsy", "shopify"};
    QList<core::Product> rows;
    rows.reserve(count);
    for (int i = first; i < first + count; ++i) {
        core::Product p;
        const unsigned h = unsigned(i) * 2654435761u;
        p.marketplace = QString::fromLatin1(markets[i % 3]);
        p.externalId = QString::number(100000000 + i);
        const QString niche = QString::fromLatin1(niches[(h >> 3) % 14]);
        p.title = QStringLiteral("%1 %2 %3 Gift for %4").arg(QString::fromLatin1(adjectives[h % 12]), niche,
                                                               QString::fromLatin1(items[(h >> 7) % 8]),
                                                               (h >> 11) % 2 ? QStringLiteral("Her") : QStringLiteral("Him"));
        p.description = QStringLiteral("Printed on demand. Soft, durable and made to order for every %1 fan.").arg(niche);
        p.category = QString::fromLatin1(categories[(h >> 13) % 5]);
        p.price = 8.0 + ((h >> 5) % 5000) / 100.0;
        p.currency = QStringLiteral("USD");
        p.rating = (h >> 17) % 7 == 0 ? 0.0 : 3.0 + ((h >> 19) % 21) / 10.0;
        p.reviewsCount = int((h >> 9) % 20000);
        p.vendor = QStringLiteral("Studio %1").arg((h >> 15) % 800);
        p.imageUrl = QStringLiteral("https://cdn.example.com/img/%1.jpg").arg(i);
        p.productUrl = QStringLiteral("https://shop.example.com/products/%1").arg(i);
        p.tags = {niche.toLower(), QString::fromLatin1(items[(h >> 7) % 8]).toLower(), QStringLiteral("gift")};
        p.rawData = podtrends::core::rawRecord(QJsonObject{{QStringLiteral("id"), i}, {QStringLiteral("title"), p.title},
                                {QStringLiteral("vendor"), p.vendor}, {QStringLiteral("product_type"), p.category},
                                {QStringLiteral("tags"), QJsonArray::fromStringList(p.tags)},
                                {QStringLiteral("variants"), QJsonArray{QJsonObject{{QStringLiteral("price"), QString::number(p.price, 'f', 2)}}}}});
        rows << p;
    }
    return rows;
}

bool fill(const std::shared_ptr<core::Database> &db, qint64 rows)
{
    core::ProductWriter writer(db);
    core::ProductQueries repo(db);
    const qint64 have = repo.count().value();
    if (have >= rows)
        return true;
    std::printf("generating %lld products...\n", rows - have);
    std::fflush(stdout);
    QElapsedTimer t;
    t.start();
    core::UpsertOptions options;
    options.snapshots = false;
    constexpr int Batch = 20000;
    for (qint64 i = have; i < rows; i += Batch) {
        const auto stats = writer.upsert(makeBatch(int(i), int(std::min<qint64>(Batch, rows - i))), options);
        if (!stats) {
            std::fprintf(stderr, "upsert failed: %s\n", qPrintable(stats.errorMessage()));
            return false;
        }
    }
    std::printf("generated in %.1f s\n", t.elapsed() / 1000.0);
    return true;
}

struct Measure
{
    double firstRows = 0;
    double allIds = 0;
    int rows = 0;
};

/** Runs `change` and waits for the model's first rows and the end of the load. */
template<typename F>
Measure measure(ui::ProductsPage &page, F change)
{
    ui::ProductTableModel *model = page.model();
    QSignalSpy first(model, &ui::ProductTableModel::firstRowsReady);
    QSignalSpy done(model, &ui::ProductTableModel::loadFinished);
    QElapsedTimer t;
    t.start();
    change();
    Measure m;
    if (first.isEmpty() && !first.wait(60000))
        return m;
    m.firstRows = t.nsecsElapsed() / 1e6;
    // Let the view paint the first rows before the full id list lands.
    QCoreApplication::processEvents();
    if (done.isEmpty() && !done.wait(120000))
        return m;
    m.allIds = t.nsecsElapsed() / 1e6;
    m.rows = model->rowCount();
    return m;
}

void report(const char *what, const Measure &m)
{
    std::printf("| %-44s | %8.1f | %8.1f | %9d |\n", what, m.firstRows, m.allIds, m.rows);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/bench-productsui.sqlite");
    const qint64 rows = argc > 2 ? QByteArray(argv[2]).toLongLong() : 1000000;
    // Opening an older database migrates it (a new index over a million rows is built here).
    QElapsedTimer opening;
    opening.start();
    auto db = core::Database::open(*core::DatabaseConfig::parse(path));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    std::printf("opened %s in %.1f s (schema %d)\n", qPrintable(path), opening.elapsed() / 1000.0, (*db)->schemaVersion().value());
    if (!fill(*db, rows))
        return 1;

    core::Workspace workspace;
    ui::ProductsPage page(&workspace);
    page.resize(1280, 800);
    page.show();
    std::printf("| %-44s | %8s | %8s | %9s |\n", "operation", "first ms", "all ms", "rows");
    std::printf("|%s|%s|%s|%s|\n", "----------------------------------------------", "---------:", "---------:", "----------:");
    report("open (default: most reviews first)", measure(page, [&] { workspace.setDatabase(*db); }));
    ui::ProductTableModel *model = page.model();
    const struct
    {
        const char *name;
        int column;
        Qt::SortOrder order;
    } sorts[] = {{"sort by price, ascending", ui::ProductTableModel::Price, Qt::AscendingOrder},
                 {"sort by price, descending", ui::ProductTableModel::Price, Qt::DescendingOrder},
                 {"sort by title", ui::ProductTableModel::Title, Qt::AscendingOrder},
                 {"sort by reviews, descending", ui::ProductTableModel::Reviews, Qt::DescendingOrder},
                 {"sort by rating, descending", ui::ProductTableModel::Rating, Qt::DescendingOrder},
                 {"sort by marketplace", ui::ProductTableModel::Marketplace, Qt::AscendingOrder},
                 {"sort by category", ui::ProductTableModel::Category, Qt::AscendingOrder},
                 {"sort by last seen, descending", ui::ProductTableModel::LastSeen, Qt::DescendingOrder}};
    for (const auto &s : sorts)
        report(s.name, measure(page, [&] { page.view()->sortByColumn(s.column, s.order); }));

    const auto withFilter = [&](auto edit) {
        return [&, edit] {
            core::ProductFilter f = model->filter();
            edit(f);
            model->setFilter(f);
        };
    };
    report("filter marketplace = etsy", measure(page, withFilter([](core::ProductFilter &f) { f.marketplace = QStringLiteral("etsy"); })));
    report("+ category = Apparel", measure(page, withFilter([](core::ProductFilter &f) { f.category = QStringLiteral("Apparel"); })));
    report("+ price 15-25", measure(page, withFilter([](core::ProductFilter &f) { f.minPrice = 15; f.maxPrice = 25; })));
    report("+ rating 4.5-5", measure(page, withFilter([](core::ProductFilter &f) { f.minRating = 4.5; f.maxRating = 5; })));
    report("clear filters", measure(page, withFilter([](core::ProductFilter &f) {
        f.marketplace.clear(); f.category.clear(); f.minPrice = f.maxPrice = f.minRating = f.maxRating = -1; })));
    report("search \"retro\" (common word)", measure(page, withFilter([](core::ProductFilter &f) { f.search = QStringLiteral("retro"); })));
    report("search \"pickleball mug\"", measure(page, withFilter([](core::ProductFilter &f) { f.search = QStringLiteral("pickleball mug"); })));
    report("search \"zzzz\" (no match)", measure(page, withFilter([](core::ProductFilter &f) { f.search = QStringLiteral("zzzz"); })));
    report("clear search", measure(page, withFilter([](core::ProductFilter &f) { f.search.clear(); })));
    report("search \"g\" (a first letter)", measure(page, withFilter([](core::ProductFilter &f) { f.search = QStringLiteral("g"); })));
    report("search \"gift\" (every product)", measure(page, withFilter([](core::ProductFilter &f) { f.search = QStringLiteral("gift"); })));
    report("clear search", measure(page, withFilter([](core::ProductFilter &f) { f.search.clear(); })));
    // The default order walks reviews_count, which is not correlated with where rows are stored.
    report("sort by reviews, descending", measure(page, [&] { page.view()->sortByColumn(ui::ProductTableModel::Reviews, Qt::DescendingOrder); }));
    report("all four filters at once", measure(page, withFilter([](core::ProductFilter &f) {
        f.marketplace = QStringLiteral("etsy"); f.category = QStringLiteral("Apparel"); f.minPrice = 15; f.maxPrice = 25; f.minRating = 4.5; f.maxRating = 5; })));
    report("+ search \"retro\"", measure(page, withFilter([](core::ProductFilter &f) { f.search = QStringLiteral("retro"); })));
    report("category = Home & Living, rating 4.9-5", measure(page, withFilter([](core::ProductFilter &f) {
        f.search.clear(); f.marketplace.clear(); f.category = QStringLiteral("Home & Living"); f.minPrice = f.maxPrice = -1; f.minRating = 4.9; })));
    report("clear filters", measure(page, withFilter([](core::ProductFilter &f) {
        f.marketplace.clear(); f.category.clear(); f.minPrice = f.maxPrice = f.minRating = f.maxRating = -1; })));

    // Jump to the end of the table: the block at the bottom arrives on demand.
    QSignalSpy block(model, &ui::ProductTableModel::blockLoaded);
    QElapsedTimer t;
    t.start();
    page.view()->scrollToBottom();
    QCoreApplication::processEvents();
    if (block.isEmpty())
        block.wait(10000);
    std::printf("\nscroll to the last row: its block arrived after %.1f ms\n", t.nsecsElapsed() / 1e6);
    return 0;
}
