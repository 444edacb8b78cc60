// podtrends generate through the real binary.
#include "designtestutil.h"

#include <core/design/printfiles.h>
#include <support/testenv.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

using namespace podtrends;

struct Run
{
    int code;
    QByteArray out;
    QByteArray err;
};

static Run runApp(const QStringList &args, const QString &dataHome)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dataHome + QStringLiteral("/config"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PODTRENDS_BINARY), args);
    p.waitForFinished(50000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

class TestGenerateCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatesDesignsIntoTheDataFolder()
    {
        QTemporaryDir dir;
        QString skip;
        auto db = test::openFreshDatabase(QStringLiteral("sqlite"), dir.path(), &skip);
        QVERIFY(db);
        const qint64 trendId = test::insertCampingTrend(db);
        const QString dbPath = db->config().spec();
        const Run r = runApp({QStringLiteral("--db"), dbPath, QStringLiteral("generate"), QString::number(trendId),
                              QStringLiteral("--variants"), QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("3"),
                              QStringLiteral("--json")},
                             dir.filePath(QStringLiteral("data")));
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonArray designs = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(designs.size(), 1);
        const QJsonObject d = designs.first().toObject();
        const QString image = d.value(QStringLiteral("image_url")).toString();
        QVERIFY2(image.startsWith(dir.filePath(QStringLiteral("data"))), qPrintable(image));
        auto info = core::printfiles::readPngInfo(image);
        QVERIFY(info.ok());
        QCOMPARE(info->size, QSize(4500, 5400));
        QCOMPARE(d.value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
        QCOMPARE(d.value(QStringLiteral("mockup_urls")).toArray().size(), 5);
        QVERIFY(d.value(QStringLiteral("print_specifications")).toObject().value(QStringLiteral("checks_passed")).toBool());

        // The listing command sees the stored design.
        const Run list = runApp({QStringLiteral("--db"), dbPath, QStringLiteral("designs"), QStringLiteral("--json")},
                                dir.filePath(QStringLiteral("data")));
        QCOMPARE(list.code, 0);
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 1);
    }

    void badInputExitsWithTwo()
    {
        QTemporaryDir dir;
        const QString dbPath = dir.filePath(QStringLiteral("x.sqlite"));
        const QString data = dir.filePath(QStringLiteral("data"));
        Run r = runApp({QStringLiteral("--db"), dbPath, QStringLiteral("generate"), QStringLiteral("77")}, data);
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("77"));
        r = runApp({QStringLiteral("--db"), dbPath, QStringLiteral("generate"), QStringLiteral("1"), QStringLiteral("--provider"),
                    QStringLiteral("dalle")},
                   data);
        QCOMPARE(r.code, 2);
        r = runApp({QStringLiteral("--db"), dbPath, QStringLiteral("generate"), QStringLiteral("1"), QStringLiteral("--variants"),
                    QStringLiteral("0")},
                   data);
        QCOMPARE(r.code, 2);
        r = runApp({QStringLiteral("--db"), dbPath, QStringLiteral("generate")}, data);
        QCOMPARE(r.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestGenerateCli)
#include "tst_generatecli.moc"
