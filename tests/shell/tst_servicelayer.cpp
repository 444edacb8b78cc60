// The composition root (app::ServiceLayer, app::AppServices): one set of services per open
// database, built in app/ and handed to the pages; another database replaces the set and stops
// what the previous one ran. And the rule that keeps it so: nothing under ui/ builds a service.
#include <app/servicelayer.h>
#include <core/api/restservice.h>
#include <core/scraping/scheduler.h>
#include <core/scraping/scrapeservice.h>
#include <core/storage/workspace.h>
#include <testenv.h>
#include <ui/services.h>

#include <QDirIterator>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;

namespace {
QString sourceDir()
{
    return qEnvironmentVariable("PODTRENDS_SOURCE_DIR");
}
} // namespace

class TestServiceLayer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void noFileUnderUiConstructsACoreServiceOrReachesIntoTheWindow()
    {
        QVERIFY2(!sourceDir().isEmpty(), "PODTRENDS_SOURCE_DIR is not set");
        // The services the composition root owns, and the window's internals pages used to reach.
        const QString names = QStringLiteral("(ScrapeService|Scheduler|AnalysisRunner|TrendAnalyzer|DesignGenerator|DesignService|"
                                             "PublishQueue|Publisher|RestService|RestServer|JobWorker|ChangeNotifier)");
        const QRegularExpression construction(QStringLiteral(R"(new\s+core::%1\b|make_(unique|shared)<core::%1>|core::%1\s*[({]|)"
                                                             R"(core::%1\s+\w+\s*[({;]|core::%1::startInThread)")
                                                  .arg(names));
        const QRegularExpression reachIn(QStringLiteral(R"(qobject_cast<\s*MainWindow\s*\*>|#include\s*<ui/mainwindow\.h>)"));
        QStringList found;
        QDirIterator it(sourceDir() + QStringLiteral("/ui"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            ++files;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
            const bool window = path.contains(QLatin1String("/ui/mainwindow."));
            for (int i = 0; i < lines.size(); ++i) {
                if (construction.match(lines.at(i)).hasMatch() || (!window && reachIn.match(lines.at(i)).hasMatch()))
                    found << QStringLiteral("%1:%2: %3").arg(QDir(sourceDir()).relativeFilePath(path)).arg(i + 1).arg(lines.at(i).trimmed());
            }
        }
        QVERIFY(files > 50);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

    void eachDatabaseGetsItsOwnServicesAndTheOldOnesAreTornDown()
    {
        QTemporaryDir dir;
        QString skip;
        auto first = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        auto second = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(first && second);

        core::Workspace workspace;
        app::AppServices root(&workspace);
        ui::Services *services = root.services();
        QVERIFY(!services->scraping());
        QVERIFY(!root.layer());

        QSignalSpy aboutToChange(services, &ui::Services::aboutToChange);
        QSignalSpy changed(services, &ui::Services::changed);
        workspace.setDatabase(first);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(aboutToChange.size(), 0);
        QVERIFY(services->current().database == first);
        QVERIFY(services->scraping() && services->scheduler() && services->analysis() && services->publishing() && services->rest());
        QVERIFY(services->generator() && services->designs());
        QVERIFY(!services->scheduler()->isActive()); // tests and commands: nothing runs behind their back
        QPointer<core::ScrapeService> oldScraping = services->scraping();
        QPointer<core::RestService> oldRest = services->rest();

        // The old services still exist while the pages let go of them.
        bool oldAliveDuringSwitch = false;
        connect(services, &ui::Services::aboutToChange, this, [&] { oldAliveDuringSwitch = !oldScraping.isNull() && services->scraping() == oldScraping; });

        // The REST server of the first database runs…
        QSignalSpy started(services->rest(), &core::RestService::started);
        core::RestServerOptions options;
        options.port = 0;
        services->rest()->setOptions(options);
        services->rest()->start();
        QVERIFY(started.wait(15000));
        const quint16 port = services->rest()->port();
        QVERIFY(port != 0);

        // …until another database opens: new services, the old ones gone and their server closed.
        workspace.setDatabase(second);
        QCOMPARE(aboutToChange.size(), 1);
        QCOMPARE(changed.size(), 2);
        QVERIFY(oldAliveDuringSwitch);
        QVERIFY(oldScraping.isNull());
        QVERIFY(oldRest.isNull());
        QVERIFY(services->current().database == second);
        QVERIFY(services->scraping());
        QVERIFY(!services->rest()->isRunning());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!socket.waitForConnected(2000));

        // No database: no services.
        workspace.setDatabase(nullptr);
        QVERIFY(!services->scraping());
        QVERIFY(!root.layer());
    }

    void theWindowsLayerSchedulesAndTheCommandsDoNot()
    {
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        app::ServiceLayer commands(db);
        QVERIFY(!commands.scheduler()->isActive());
        app::ServiceLayer window(db, app::ServiceLayerOptions{.schedule = true});
        QVERIFY(window.scheduler()->isActive());
        window.shutDown();
        QVERIFY(!window.scheduler()->isActive());
    }
};

QTEST_MAIN(TestServiceLayer)
#include "tst_servicelayer.moc"
