// Protected names: matching rules, the user's own list, and the block on "ready".
#include "designtestutil.h"

#include <core/design/designgenerator.h>
#include <core/design/designservice.h>
#include <core/design/textsafety.h>
#include <core/storage/designrepository.h>
#include <support/testenv.h>

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace podtrends;
using namespace podtrends::core;

class TestTextSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void matchesWholeWordsCaseInsensitively()
    {
        TextSafety safety;
        QCOMPARE(safety.check(QStringLiteral("JUST DO IT for camping")), QStringList{QStringLiteral("Just Do It")});
        QVERIFY(safety.check(QStringLiteral("nike\nCAMPING CLUB")).contains(QStringLiteral("Nike")));
        QVERIFY(safety.check(QStringLiteral("spider man camp")).contains(QStringLiteral("Spider-Man")));
        QVERIFY(safety.check(QStringLiteral("SPIDERMAN camp")).contains(QStringLiteral("Spider-Man")));
        QVERIFY(safety.check(QStringLiteral("Pokémon trainer")).contains(QStringLiteral("Pokemon")));
        QVERIFY(safety.check(QStringLiteral("RETRO CAMPING CREW")).isEmpty());
        QVERIFY(safety.check(QStringLiteral("Nikes are not a word here? nikeland")).isEmpty()); // whole words only
        QVERIFY(safety.warning(QStringLiteral("Disney vibes")).contains(QStringLiteral("Disney")));
        QVERIFY(safety.warning(QStringLiteral("camping vibes")).isEmpty());
    }

    void userListExtendsTheBundledOne()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("protected-names.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# my own\nTrail Blazerz\n\n");
        f.close();
        TextSafety safety(path);
        QVERIFY(safety.check(QStringLiteral("trail blazerz forever")).contains(QStringLiteral("Trail Blazerz")));
        QVERIFY(TextSafety(dir.filePath(QStringLiteral("absent.txt"))).check(QStringLiteral("trail blazerz")).isEmpty());
    }

    // Rendering-heavy; the repository calls it makes run on both engines in builtinWritesThreePrintReadyVariants.
    void brandInSloganIsBlockedFromReady_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }
    void brandInSloganIsBlockedFromReady()
    {
        QTemporaryDir dir;
        PT_OPEN_DATABASE(db, dir);
        GenerateRequest request;
        request.trendId = test::insertCampingTrend(db);
        request.variants = 1;
        request.seed = 2;
        request.outputRoot = dir.filePath(QStringLiteral("designs"));
        auto report = DesignGenerator(db).generate(request);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        const qint64 id = report->designs.first().id;

        DesignService service(db, request.outputRoot);
        auto edited = service.editSlogan(id, QStringLiteral("CAMPING\nWITH\nNIKE"));
        QVERIFY2(edited.ok(), qPrintable(edited.errorMessage()));
        QVERIFY(edited->designMetadata.safety.warning.contains(QStringLiteral("Nike")));

        const Status ready = service.markReady(id);
        QVERIFY(!ready.ok());
        QVERIFY2(ready.errorMessage().contains(QStringLiteral("“Nike”")), qPrintable(ready.errorMessage()));
        QCOMPARE((*DesignRepository(db).findById(id))->status, DesignStatus::Draft);

        // Fixing the text lifts the block.
        QVERIFY(service.editSlogan(id, QStringLiteral("CAMPING\nWITH\nFRIENDS")).ok());
        QVERIFY2(service.markReady(id).ok(), qPrintable(service.markReady(id).errorMessage()));
    }

    void failedPrintCheckIsBlockedFromReady()
    {
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        Design d;
        d.title = QStringLiteral("Camping Club");
        PrintFile failed;
        failed.checks = {PrintCheckResult{PrintCheck::Transparency, false, {}}};
        d.printSpecifications.files = {failed};
        auto id = DesignRepository(db).insert(d);
        QVERIFY(id.ok());
        const Status ready = DesignService(db, dir.path()).markReady(*id);
        QVERIFY(!ready.ok());
        QVERIFY(ready.errorMessage().contains(QStringLiteral("checks")));
    }
};

QTEST_MAIN(TestTextSafety)
#include "tst_textsafety.moc"
