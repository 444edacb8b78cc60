#include "productfixture.h"

#include <core/storage/productqueries.h>
#include <support/testenv.h>
#include <ui/models/producthistorymodel.h>
#include <ui/models/producttablemodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using ui::ProductTableModel;

class TestProductTableModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;
    static constexpr int Rows = 1234;

    /** Waits for the load that follows; it may already have ended. */
    static bool waitLoaded(ProductTableModel &model)
    {
        if (model.isComplete() && !model.isLoading())
            return true;
        QSignalSpy finished(&model, &ProductTableModel::loadFinished);
        return finished.wait(10000) || model.isComplete();
    }

    /** Reads a cell, letting the model fetch its block first. */
    static QVariant cell(ProductTableModel &model, int row, int column, int role = Qt::DisplayRole)
    {
        const QModelIndex index = model.index(row, column);
        model.data(index);
        QDeadlineTimer deadline(5000);
        while (!model.cachedProduct(row) && !deadline.hasExpired())
            QTest::qWait(2);
        return model.data(index, role);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto db = core::Database::open(*core::DatabaseConfig::parse(m_dir.filePath(QStringLiteral("products.sqlite"))));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        m_db = *db;
        test::storeProducts(m_db, Rows);
    }

    void loadsEveryRowLazilyUnderTheModelTester()
    {
        ProductTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(m_db);
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.rowCount(), Rows);
        QCOMPARE(model.columnCount(), int(ProductTableModel::ColumnCount));
        // Only the first block is in memory after the load; a far row arrives on demand.
        QVERIFY(model.cachedProduct(0));
        QVERIFY(!model.cachedProduct(Rows - 1));
        QVERIFY(model.data(model.index(Rows - 1, ProductTableModel::Title)).toString().isEmpty());
        const QString title = cell(model, Rows - 1, ProductTableModel::Title).toString();
        QVERIFY2(title.contains(QLatin1Char('#')), qPrintable(title));
        QVERIFY(model.data(model.index(Rows - 1, ProductTableModel::Price), ProductTableModel::RawRole).toDouble() > 0);
        QVERIFY(model.data(model.index(Rows - 1, ProductTableModel::Price)).toString().startsWith(QLatin1Char('$')));
    }

    void sortingOrdersRowsInTheDatabase()
    {
        ProductTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(m_db);
        QVERIFY(waitLoaded(model));
        model.sort(ProductTableModel::Price, Qt::DescendingOrder);
        QCOMPARE(model.filter().orderBy, QStringLiteral("price"));
        QVERIFY(model.filter().descending);
        QVERIFY(waitLoaded(model));
        core::ProductFilter top;
        top.orderBy = QStringLiteral("price");
        top.descending = true;
        top.limit = 1;
        const auto expected = core::ProductQueries(m_db).list(top);
        QVERIFY(expected.ok() && expected->size() == 1);
        QCOMPARE(model.productId(0), expected->first().id);
        double previous = 1e9;
        for (int row : {0, 1, 2, 500, 900, Rows - 1}) {
            const double price = cell(model, row, ProductTableModel::Price, ProductTableModel::RawRole).toDouble();
            QVERIFY2(price <= previous, qPrintable(QStringLiteral("row %1: %2 after %3").arg(row).arg(price).arg(previous)));
            previous = price;
        }
        model.sort(ProductTableModel::Title, Qt::AscendingOrder);
        QVERIFY(waitLoaded(model));
        QVERIFY(cell(model, 0, ProductTableModel::Title).toString() <= cell(model, 1, ProductTableModel::Title).toString());
    }

    void filteringRunsTheFilterQuery()
    {
        ProductTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(m_db);
        QVERIFY(waitLoaded(model));
        core::ProductFilter f = model.filter();
        f.marketplace = QStringLiteral("etsy");
        f.minPrice = 20;
        f.maxPrice = 30;
        f.minRating = 4.0;
        model.setFilter(f);
        QVERIFY(waitLoaded(model));
        const auto expected = core::ProductQueries(m_db).count(f);
        QVERIFY(expected.ok());
        QVERIFY(*expected > 0 && *expected < Rows / 3);
        QCOMPARE(qint64(model.rowCount()), *expected);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(cell(model, row, ProductTableModel::Marketplace).toString(), QStringLiteral("Etsy"));
            const double price = cell(model, row, ProductTableModel::Price, ProductTableModel::RawRole).toDouble();
            QVERIFY(price >= 20 && price <= 30);
            QVERIFY(cell(model, row, ProductTableModel::Rating, ProductTableModel::RawRole).toDouble() >= 4.0);
        }
    }

    void searchKeepsRowsWithEveryWord()
    {
        ProductTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(m_db);
        QVERIFY(waitLoaded(model));
        core::ProductFilter f = model.filter();
        f.search = QStringLiteral("retro mug");
        model.setFilter(f);
        QVERIFY(waitLoaded(model));
        QVERIFY(model.rowCount() > 0);
        QVERIFY(model.rowCount() < Rows / 5);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString title = cell(model, row, ProductTableModel::Title).toString().toLower();
            QVERIFY2(title.contains(QLatin1String("retro")) && title.contains(QLatin1String("mug")), qPrintable(title));
        }
        f.search = QStringLiteral("no-such-word-anywhere");
        model.setFilter(f);
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.rowCount(), 0);
    }

    void historyModelExposesSnapshotsForTheChart()
    {
        ui::ProductHistoryModel history;
        QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto snapshots = core::ProductQueries(m_db).snapshots(1);
        QVERIFY(snapshots.ok());
        QCOMPARE(snapshots->size(), 2);
        history.setSnapshots(*snapshots);
        QCOMPARE(history.rowCount(), 2);
        const double firstPrice = history.index(0, ui::ProductHistoryModel::Price).data().toDouble();
        QCOMPARE(history.index(1, ui::ProductHistoryModel::Price).data().toDouble(), firstPrice + 1.0);
        QVERIFY(history.index(1, ui::ProductHistoryModel::Time).data().toDouble()
                > history.index(0, ui::ProductHistoryModel::Time).data().toDouble());
    }

    void emptyDatabaseGivesNoRows()
    {
        QTemporaryDir dir;
        auto db = core::Database::open(*core::DatabaseConfig::parse(dir.filePath(QStringLiteral("empty.sqlite"))));
        QVERIFY(db.ok());
        ProductTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &ProductTableModel::loadFinished);
        model.setDatabase(*db);
        QVERIFY(!finished.isEmpty() || finished.wait(5000));
        QCOMPARE(finished.first().at(0).toLongLong(), 0);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestProductTableModel)
#include "tst_producttablemodel.moc"
