// analysis_demo_db FILE: a realistic workspace for screenshots (products with two weeks of
// snapshots, marketplace scrape status, jobs, two designs), analysed.
#include "analysisfixture.h"

#include <core/analysis/trendanalyzer.h>
#include <core/storage/designrepository.h>
#include <core/storage/jobrepository.h>
#include <core/storage/sourcerepository.h>

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>

#include <cstdio>

using namespace podtrends;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: analysis_demo_db FILE\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    QFile::remove(path);
    auto db = core::Database::open(*core::DatabaseConfig::parse(path));
    if (!db)
        return 1;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!test::AnalysisFixture::write(*db, now))
        return 1;
    core::SourceRepository sources(*db);
    (void)sources.setMarketplaceStatus(core::Marketplace::Etsy, core::ScrapeStatus::Ok, {}, now.addSecs(-3 * 3600), now.addSecs(3 * 3600));
    (void)sources.setMarketplaceStatus(core::Marketplace::Amazon, core::ScrapeStatus::Blocked,
                                       QStringLiteral("Amazon answered with a captcha page; retrying later."), now.addSecs(-26 * 3600), now.addSecs(2 * 3600));
    (void)sources.setMarketplaceStatus(core::Marketplace::Shopify, core::ScrapeStatus::Ok, {}, now.addSecs(-50 * 60), now.addSecs(5 * 3600));
    core::JobRepository jobs(*db);
    const std::tuple<const char *, const char *, int, const char *> past[] = {
        {"scrape", "done", 96, ""}, {"scrape", "failed", 0, "Amazon answered with a captcha page"}, {"scrape", "done", 140, ""}};
    for (const auto &[kind, status, items, error] : past) {
        core::Job job;
        job.kind = *core::jobKindFromKey(QString::fromLatin1(kind));
        auto id = jobs.create(job);
        if (id) {
            (void)jobs.start(*id, QStringLiteral("demo:1"));
            (void)jobs.finish(*id, *core::jobStatusFromKey(QString::fromLatin1(status)), items, QString::fromLatin1(error));
        }
    }
    QSqlQuery q(db.value()->connection());
    q.prepare(QStringLiteral("INSERT INTO market_counts (marketplace, query, result_count, observed_at) VALUES (?, ?, ?, ?)"));
    for (const auto &[market, query, count] : {std::tuple{"etsy", "nurse life shirt", 48210}, std::tuple{"etsy", "cat dad shirt", 9120}}) {
        q.addBindValue(QString::fromLatin1(market));
        q.addBindValue(QString::fromLatin1(query));
        q.addBindValue(qint64(count));
        q.addBindValue(now.addSecs(-3 * 3600));
        q.exec();
    }
    auto stats = core::TrendAnalyzer(*db).run();
    if (!stats) {
        std::fprintf(stderr, "%s\n", qPrintable(stats.errorMessage()));
        return 1;
    }
    core::TrendRepository trends(*db);
    const auto list = trends.list().value();
    core::DesignRepository designs(*db);
    for (int i = 0; i < 2 && i < list.size(); ++i) {
        core::Design d;
        d.trendId = list.at(i).id;
        d.title = list.at(i).niche + QStringLiteral(" — variant 1");
        d.status = i == 0 ? core::DesignStatus::Published : core::DesignStatus::Draft;
        (void)designs.insert(d);
    }
    std::printf("%lld products, %d trends in %s\n", static_cast<long long>(stats->products), stats->trends, qPrintable(path));
    return 0;
}
