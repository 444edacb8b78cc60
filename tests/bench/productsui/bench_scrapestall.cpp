// The longest GUI event-loop stall while the app scrapes 10,000 products from a loopback
// Shopify store (goal: < 50 ms). The window's Products and Sources pages are alive, the scrape
// goes through SourcesPage → ScrapeService exactly as "Scrape now" does, and a 5 ms QTimer on
// the GUI thread records the largest gap between its ticks.
//
//   QT_QPA_PLATFORM=offscreen bench_scrapestall [products=10000] [rounds=3]
#include <core/scraping/scrapeservice.h>
#include <core/storage/productqueries.h>
#include <core/storage/sourcerepository.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <ui/models/producttablemodel.h>
#include <ui/pages/productspage.h>
#include <ui/pages/sourcespage.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>

using namespace podtrends;

namespace {

/** products.json pages for a store of `count` products, 250 per page, then an empty page. */
QList<QByteArray> makePages(int count)
{
    QList<QByteArray> pages;
    for (int first = 0; first < count; first += 250) {
        QJsonArray products;
        for (int i = first; i < std::min(count, first + 250); ++i) {
            const QString title = QStringLiteral("Retro Sunset Camping Mug No. %1").arg(i);
            products.append(QJsonObject{
                {QStringLiteral("id"), 7000000000000LL + i},
                {QStringLiteral("title"), title},
                {QStringLiteral("handle"), QStringLiteral("retro-sunset-camping-mug-%1").arg(i)},
                {QStringLiteral("body_html"), QStringLiteral("<p>Ceramic mug, 11 oz, dishwasher safe.</p>")},
                {QStringLiteral("published_at"), QStringLiteral("2026-10-01T10:00:00-07:00")},
                {QStringLiteral("created_at"), QStringLiteral("2026-10-01T10:00:00-07:00")},
                {QStringLiteral("updated_at"), QStringLiteral("2026-11-01T10:00:00-07:00")},
                {QStringLiteral("vendor"), QStringLiteral("Sunset Goods")},
                {QStringLiteral("product_type"), QStringLiteral("Mugs")},
                {QStringLiteral("tags"), QJsonArray{QStringLiteral("camping"), QStringLiteral("retro"), QStringLiteral("mug")}},
                {QStringLiteral("variants"), QJsonArray{QJsonObject{{QStringLiteral("id"), 8000000000000LL + i},
                                                                    {QStringLiteral("title"), QStringLiteral("11 oz")},
                                                                    {QStringLiteral("price"), QStringLiteral("%1.99").arg(12 + i % 9)},
                                                                    {QStringLiteral("available"), true}}}},
                {QStringLiteral("images"), QJsonArray{QJsonObject{{QStringLiteral("src"), QStringLiteral("https://cdn.shopify.com/s/files/1/mug-%1.jpg").arg(i)}}}},
            });
        }
        pages << QJsonDocument(QJsonObject{{QStringLiteral("products"), products}}).toJson(QJsonDocument::Compact);
    }
    pages << QByteArray("{\"products\":[]}");
    return pages;
}

/** The fake store runs on its own thread so that serving pages never counts as a GUI stall. */
class FakeStore final : public QThread
{
public:
    explicit FakeStore(QList<QByteArray> pages)
        : m_pages(std::move(pages))
    {
    }
    quint16 port() const { return m_port.load(); }

protected:
    void run() override
    {
        QHttpServer server;
        server.route(QStringLiteral("/products.json"), [this](const QHttpServerRequest &request) {
            const int page = QUrlQuery(request.url()).queryItemValue(QStringLiteral("page")).toInt();
            const QByteArray body = page >= 1 && page <= m_pages.size() ? m_pages.at(page - 1) : m_pages.last();
            return QHttpServerResponse(QByteArrayLiteral("application/json; charset=utf-8"), body);
        });
        m_port.store(server.listen(QHostAddress::LocalHost, 0));
        exec();
    }

private:
    QList<QByteArray> m_pages;
    std::atomic<quint16> m_port{0};
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const int rounds = argc > 2 ? QByteArray(argv[2]).toInt() : 3;
    FakeStore store(makePages(count));
    store.start();
    while (store.port() == 0)
        QThread::msleep(5);

    QTemporaryDir dir;
    auto db = core::Database::open(*core::DatabaseConfig::parse(dir.filePath(QStringLiteral("stall.sqlite"))));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    core::Workspace workspace;
    ui::ProductsPage products(&workspace);
    app::AppServices services(&workspace);
    ui::SourcesPage sources(services.services());
    products.resize(1280, 800);
    sources.resize(1280, 800);
    products.show();
    sources.show();
    workspace.setDatabase(*db);

    core::Source source;
    source.marketplace = core::Marketplace::Shopify;
    source.target = QStringLiteral("http://127.0.0.1:%1").arg(store.port());
    source.label = QStringLiteral("Loopback store");
    source.maxPages = 1000;
    QSignalSpy saved(&sources, &ui::SourcesPage::sourceSaved);
    sources.saveSource(source);
    if (saved.isEmpty() && !saved.wait(10000))
        return 1;
    const qint64 sourceId = saved.first().at(0).toLongLong();
    QSignalSpy refreshed(&sources, &ui::SourcesPage::refreshed);
    refreshed.wait(5000);

    // The rate limit would make this a test of patience: the bench measures stalls, not pacing.
    core::HttpSettings http = core::HttpSettings::defaults();
    http.requestsPerSecond = 0;

    std::printf("| round | products stored | scrape wall ms | ticks | longest stall ms | p99 gap ms |\n");
    std::printf("|------:|----------------:|---------------:|------:|-----------------:|-----------:|\n");
    for (int round = 1; round <= rounds; ++round) {
        sources.scrapeService()->setHttpSettings(http);
        QList<double> gaps;
        QElapsedTimer sinceTick;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        ticker.setInterval(5);
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            gaps << sinceTick.nsecsElapsed() / 1e6;
            sinceTick.restart();
        });
        QSignalSpy finished(sources.scrapeService(), &core::ScrapeService::finished);
        QElapsedTimer wall;
        wall.start();
        sinceTick.start();
        ticker.start();
        sources.scrapeSource(sourceId);
        if (!finished.wait(300000)) {
            std::fprintf(stderr, "the scrape did not finish\n");
            return 1;
        }
        // Let the pages' reloads triggered by the scrape run under the ticker too.
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 2500)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        ticker.stop();
        const double wallMs = wall.nsecsElapsed() / 1e6;
        // Subtract the timer's own period: a gap of 5 ms is no stall at all.
        QList<double> stalls;
        for (double g : gaps)
            stalls << std::max(0.0, g - 5.0);
        std::sort(stalls.begin(), stalls.end());
        const double longest = stalls.isEmpty() ? 0 : stalls.last();
        const double p99 = stalls.isEmpty() ? 0 : stalls.at(qsizetype(stalls.size() * 0.99));
        const qint64 stored = core::ProductQueries(*db).count().value();
        std::printf("| %5d | %15lld | %14.0f | %5lld | %16.1f | %10.1f |\n", round, stored, wallMs, qint64(gaps.size()), longest, p99);
        std::printf("  status: %s %s\n", qPrintable(finished.first().at(1).toString()), qPrintable(finished.first().at(2).toString()));
        std::fflush(stdout);
    }
    store.quit();
    store.wait();
    return 0;
}
