#include <core/storage/sourcerepository.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <ui/models/sourcemarketplacemodel.h>
#include <ui/models/sourcetablemodel.h>
#include <ui/pages/sourcespage.h>

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using ui::SourceTableModel;

class TestSourcesPage : public QObject
{
    Q_OBJECT

    static std::shared_ptr<core::Database> openDb(const QTemporaryDir &dir)
    {
        auto db = core::Database::open(*core::DatabaseConfig::parse(dir.filePath(QStringLiteral("sources.sqlite"))));
        return db ? *db : nullptr;
    }

    static bool waitFor(QSignalSpy &spy) { return !spy.isEmpty() || spy.wait(10000); }

private Q_SLOTS:
    void showsTheEmptyStateWithoutSources()
    {
        QTemporaryDir dir;
        auto db = openDb(dir);
        QVERIFY(db);
        core::Workspace workspace;
        app::AppServices services(&workspace); // the scheduler stays off: nothing is scraped behind the test's back
        ui::SourcesPage page(services.services());
        QSignalSpy refreshed(&page, &ui::SourcesPage::refreshed);
        workspace.setDatabase(db);
        QVERIFY(waitFor(refreshed));
        auto *empty = page.findChild<QLabel *>(QStringLiteral("emptyState"));
        QVERIFY(empty);
        QVERIFY(empty->text().contains(QStringLiteral("No sources yet")));
        QCOMPARE(page.findChild<QStackedWidget *>()->currentIndex(), 1);
    }

    void savedSourceAppearsWithItsSchedule()
    {
        QTemporaryDir dir;
        auto db = openDb(dir);
        QVERIFY(db);
        core::Workspace workspace;
        app::AppServices services(&workspace); // the scheduler stays off: nothing is scraped behind the test's back
        ui::SourcesPage page(services.services());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&page, &ui::SourcesPage::refreshed);
        workspace.setDatabase(db);
        QVERIFY(waitFor(refreshed));

        core::Source s;
        s.marketplace = core::Marketplace::Shopify;
        s.target = QStringLiteral("https://shop.example.com");
        s.label = QStringLiteral("Example shop");
        QSignalSpy saved(&page, &ui::SourcesPage::sourceSaved);
        refreshed.clear();
        page.saveSource(s);
        QVERIFY(waitFor(saved));
        QCOMPARE(saved.first().at(1).toString(), QString());
        QVERIFY(waitFor(refreshed));
        QCOMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->index(0, SourceTableModel::Name).data().toString(), QStringLiteral("Example shop"));
        QCOMPARE(page.model()->index(0, SourceTableModel::Interval).data().toString(), QStringLiteral("every 6 hours"));
        QCOMPARE(page.model()->index(0, SourceTableModel::LastRun).data().toString(), QStringLiteral("never"));
        QCOMPARE(page.findChild<QStackedWidget *>()->currentIndex(), 0);

        // The same store twice is refused with a plain message.
        saved.clear();
        page.saveSource(s);
        QVERIFY(waitFor(saved));
        QVERIFY(!saved.first().at(1).toString().isEmpty());

        const qint64 id = page.model()->source(0).id;
        saved.clear();
        refreshed.clear();
        page.removeSource(id);
        QVERIFY(waitFor(saved));
        QVERIFY(waitFor(refreshed));
        QCOMPARE(page.model()->rowCount(), 0);
    }

    void aFailedFirstRunSaysSoInsteadOfNever()
    {
        SourceTableModel model;
        core::Source s;
        s.id = 1;
        s.target = QStringLiteral("shop.example");
        s.status = core::ScrapeStatus::Error;
        s.errorMessage = QStringLiteral("HTTP 503");
        s.updatedAt = QDateTime::currentDateTimeUtc().addSecs(-600);
        model.setSources({s});
        const QString text = model.index(0, SourceTableModel::LastRun).data().toString();
        QVERIFY2(text.startsWith(QStringLiteral("failed")), qPrintable(text));
        s.status = core::ScrapeStatus::Idle;
        model.setSources({s});
        QCOMPARE(model.index(0, SourceTableModel::LastRun).data().toString(), QStringLiteral("never"));
    }

    void invalidSourceIsNotStored()
    {
        QTemporaryDir dir;
        auto db = openDb(dir);
        QVERIFY(db);
        core::Workspace workspace;
        workspace.setDatabase(db);
        app::AppServices services(&workspace); // the scheduler stays off: nothing is scraped behind the test's back
        ui::SourcesPage page(services.services());
        core::Source s;
        s.marketplace = core::Marketplace::Etsy;
        s.target = QStringLiteral("  ");
        QSignalSpy saved(&page, &ui::SourcesPage::sourceSaved);
        page.saveSource(s);
        QVERIFY(waitFor(saved));
        QVERIFY(!saved.first().at(1).toString().isEmpty());
        QCOMPARE(core::SourceRepository(db).list()->size(), 0);
    }

    void marketplacesTableShowsStatusAndError()
    {
        QTemporaryDir dir;
        auto db = openDb(dir);
        QVERIFY(db);
        core::SourceRepository repo(db);
        QVERIFY(repo.setMarketplaceStatus(core::Marketplace::Etsy, core::ScrapeStatus::Error,
                                          QStringLiteral("Etsy refused the API key (403)"),
                                          QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc().addSecs(6 * 3600)).ok());
        core::Workspace workspace;
        app::AppServices services(&workspace); // the scheduler stays off: nothing is scraped behind the test's back
        ui::SourcesPage page(services.services());
        QAbstractItemModelTester tester(page.marketplaceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&page, &ui::SourcesPage::refreshed);
        workspace.setDatabase(db);
        QVERIFY(waitFor(refreshed));
        auto *markets = page.marketplaceModel();
        QCOMPARE(markets->rowCount(), 1);
        QCOMPARE(markets->index(0, ui::SourceMarketplaceModel::Name).data().toString(), QStringLiteral("Etsy"));
        QCOMPARE(markets->index(0, ui::SourceMarketplaceModel::Status).data().toString(), QStringLiteral("Error"));
        QCOMPARE(markets->index(0, ui::SourceMarketplaceModel::Error).data().toString(), QStringLiteral("Etsy refused the API key (403)"));
        QVERIFY(!markets->index(0, ui::SourceMarketplaceModel::NextScrape).data().toString().isEmpty());
    }

    void progressShowsOnTheRunningSource()
    {
        SourceTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        core::Source s;
        s.id = 7;
        s.marketplace = core::Marketplace::Amazon;
        s.target = QStringLiteral("camping mug");
        s.status = core::ScrapeStatus::Ok;
        model.setSources({s});
        QVERIFY(!model.index(0, SourceTableModel::Progress).data(SourceTableModel::ProgressRole).isValid());
        QCOMPARE(model.index(0, SourceTableModel::Status).data().toString(), QStringLiteral("OK"));
        model.setProgress(7, 40, QStringLiteral("page 2 of 5"));
        QCOMPARE(model.index(0, SourceTableModel::Progress).data(SourceTableModel::ProgressRole).toInt(), 40);
        QCOMPARE(model.index(0, SourceTableModel::Status).data().toString(), QStringLiteral("Running"));
        QVERIFY(model.isRunning(7));
        model.clearProgress(7);
        QVERIFY(!model.isRunning(7));
        QCOMPARE(model.index(0, SourceTableModel::Status).data().toString(), QStringLiteral("OK"));
    }
};

QTEST_MAIN(TestSourcesPage)
#include "tst_sourcespage.moc"
