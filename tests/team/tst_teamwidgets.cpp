// The jobs panel and the REST API settings tab, offscreen, on a real SQLite file.
#include <core/api/apikeystore.h>
#include <core/api/restservice.h>
#include <core/jobs/jobqueue.h>
#include <app/servicelayer.h>
#include <core/storage/workspace.h>
#include <support/testenv.h>
#include <ui/widgets/jobspanel.h>
#include <ui/widgets/restapisettings.h>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using namespace podtrends::core;

class TestTeamWidgets : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::shared_ptr<Database> openDb()
    {
        auto config = DatabaseConfig::parse(m_dir.filePath(QStringLiteral("team-%1.sqlite").arg(QDateTime::currentMSecsSinceEpoch())));
        auto db = Database::open(*config);
        return db ? *db : nullptr;
    }
    static void saveShot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("PODTRENDS_SCREENSHOTS_DIR");
        if (!dir.isEmpty())
            w->grab().save(dir + QLatin1Char('/') + name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void jobsPanelShowsWhichMachineRunsWhichJob()
    {
        auto db = openDb();
        QVERIFY(db);
        JobQueue queue(db);
        for (const char *kind : {"scrape", "analyze", "generate", "publish"}) {
            Job j;
            j.kind = *jobKindFromKey(QString::fromLatin1(kind));
            QVERIFY(queue.enqueue(j));
        }
        auto running = queue.claim(QStringLiteral("builder-7:4242#1"), {JobKind::Scrape}, 60);
        QVERIFY(running && running->has_value());
        QVERIFY(queue.progress((*running)->id, QStringLiteral("builder-7:4242#1"), 0.4, QStringLiteral("page 4 of 10"), 96, 60));
        auto done = queue.claim(QStringLiteral("laptop-anna:977#2"), {JobKind::Analyze}, 60);
        QVERIFY(queue.complete((*done)->id, QStringLiteral("laptop-anna:977#2"), JobResult(AnalyzeJobResult{.trends = 41})));

        Workspace workspace;
        workspace.setDatabase(db);
        ui::JobsPanel panel(&workspace);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&panel, &ui::JobsPanel::refreshed);
        panel.resize(1100, 320);
        panel.show();
        QTRY_VERIFY_WITH_TIMEOUT(panel.model()->rowCount() == 4, 15000);
        // Running first, with its machine and process split out of the lease owner.
        const ui::JobsModel *model = panel.model();
        QCOMPARE(model->jobAt(0).kind, JobKind::Scrape);
        QCOMPARE(model->index(0, ui::JobsModel::MachineColumn).data().toString(), QStringLiteral("builder-7"));
        QCOMPARE(model->index(0, ui::JobsModel::ProcessColumn).data().toString(), QStringLiteral("4242#1"));
        QCOMPARE(model->index(0, ui::JobsModel::ProgressColumn).data().toString(), QStringLiteral("40 %"));
        QCOMPARE(model->index(0, ui::JobsModel::DetailColumn).data().toString(), QStringLiteral("page 4 of 10"));
        QCOMPARE(model->index(0, ui::JobsModel::ProgressColumn).data(ui::JobsModel::RawRole).toDouble(), 0.4);
        bool sawAnna = false;
        for (int row = 0; row < model->rowCount(); ++row)
            sawAnna |= model->index(row, ui::JobsModel::MachineColumn).data().toString() == QLatin1String("laptop-anna");
        QVERIFY(sawAnna);

        // Another process queues a job; the change notification makes the panel reload.
        Job extra;
        extra.kind = JobKind::Scrape;
        QVERIFY(JobQueue(db).enqueue(extra));
        refreshed.clear();
        Q_EMIT workspace.dataChanged(QStringLiteral("jobs"));
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 5, 15000);
        panel.findChild<QTableView *>()->resizeColumnsToContents();
        saveShot(&panel, QStringLiteral("jobs-panel.png"));
    }

    void restApiSettingsCreatesKeyOnceAndRunsTheServer()
    {
        auto db = openDb();
        QVERIFY(db);
        Workspace workspace;
        workspace.setDatabase(db);
        app::AppServices services(&workspace);
        ui::RestApiSettings settings(services.services());
        settings.resize(900, 640);
        settings.show();

        auto *name = settings.findChild<QLineEdit *>(QStringLiteral("keyName"));
        QVERIFY(name);
        name->setText(QStringLiteral("Zapier export"));
        settings.findChild<QPushButton *>(QStringLiteral("createKey"))->click();
        auto *shown = settings.findChild<QLineEdit *>(QStringLiteral("newKey"));
        auto *table = settings.findChild<QTableWidget *>();
        QTRY_VERIFY_WITH_TIMEOUT(shown->text().startsWith(QStringLiteral("pt_")) && table->rowCount() == 1, 15000);
        QVERIFY(shown->isReadOnly());
        const QString key = shown->text();
        QVERIFY(key.startsWith(QStringLiteral("pt_")));
        auto verified = ApiKeyStore(db).verify(key);
        QVERIFY(verified && verified->has_value());
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Zapier export"));
        QVERIFY(!table->item(0, 1)->text().contains(key.section(QLatin1Char('.'), 1)));

        // Run the server on a free port and call it with the new key.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        auto *portBox = settings.findChild<QSpinBox *>(QStringLiteral("port"));
        portBox->setValue(port);
        QSignalSpy state(&settings, &ui::RestApiSettings::serviceStateChanged);
        settings.findChild<QCheckBox *>()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(settings.service() && settings.service()->isRunning(), 15000);
        QCOMPARE(settings.service()->port(), port);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(3000));
        socket.write("GET /api/v1/trends HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key.toUtf8() + "\r\n\r\n");
        QByteArray reply;
        QTRY_VERIFY_WITH_TIMEOUT((reply += socket.readAll()).contains("\r\n\r\n[]"), 15000);
        QVERIFY(reply.startsWith("HTTP/1.1 200"));
        saveShot(&settings, QStringLiteral("settings-rest-api.png"));
        settings.findChild<QCheckBox *>()->setChecked(false);
        QVERIFY(!settings.service()->isRunning());
    }
};

QTEST_MAIN(TestTeamWidgets)
#include "tst_teamwidgets.moc"
