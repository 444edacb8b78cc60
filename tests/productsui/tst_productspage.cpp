#include "productfixture.h"

#include <core/storage/productqueries.h>
#include <core/storage/workspace.h>
#include <support/testenv.h>
#include <ui/models/producthistorymodel.h>
#include <ui/models/producttablemodel.h>
#include <ui/pages/productspage.h>
#include <ui/widgets/productdetailspane.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace podtrends;
using ui::ProductTableModel;

class TestProductsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<core::Database> m_db;
    static constexpr int Rows = 600;

    /** Waits for a load that `spy` (made before the change) watches; it may already have ended. */
    static bool waitLoaded(QSignalSpy &spy)
    {
        return !spy.isEmpty() || spy.wait(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        auto db = core::Database::open(*core::DatabaseConfig::parse(m_dir.filePath(QStringLiteral("page.sqlite"))));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        m_db = *db;
        test::storeProducts(m_db, Rows);
    }

    void detailsPaneShowsRawJsonAndHistory()
    {
        core::Workspace workspace;
        ui::ProductsPage page(&workspace);
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy opened(page.model(), &ProductTableModel::loadFinished);
        workspace.setDatabase(m_db);
        QVERIFY(waitLoaded(opened));
        QCOMPARE(page.model()->rowCount(), Rows);
        QSignalSpy loaded(page.detailsPane(), &ui::ProductDetailsPane::loaded);
        page.view()->setCurrentIndex(page.model()->index(3, ProductTableModel::Title));
        QVERIFY(!loaded.isEmpty() || loaded.wait(5000));
        const qint64 id = page.model()->productId(3);
        QCOMPARE(loaded.first().at(0).toLongLong(), id);
        const auto product = core::ProductQueries(m_db).findById(id);
        QVERIFY(product.ok() && product->has_value());
        QCOMPARE(page.detailsPane()->titleText(), (*product)->title);
        const QString json = page.detailsPane()->rawJsonText();
        QVERIFY2(json.contains(QStringLiteral("\"handle\"")), qPrintable(json));
        QVERIFY2(json.contains((*product)->externalId), qPrintable(json));
        QCOMPARE(page.detailsPane()->historyModel()->rowCount(), 2);
    }

    // German writes the symbol after the amount ("15,00 $"), English before it ("$15.00"): the
    // Products table and its price filter follow the app's language.
    void pricesAreWrittenTheWayTheLanguageWritesThem()
    {
        const QLocale saved;
        for (const auto &[locale, german] : {std::pair{QLocale(QLocale::German, QLocale::Germany), true},
                                             std::pair{QLocale(QLocale::English, QLocale::UnitedStates), false}}) {
            QLocale::setDefault(locale);
            core::Workspace workspace;
            ui::ProductsPage page(&workspace);
            QSignalSpy opened(page.model(), &ProductTableModel::loadFinished);
            workspace.setDatabase(m_db);
            QVERIFY(waitLoaded(opened));
            const qint64 id = page.model()->productId(0);
            const auto product = core::ProductQueries(m_db).findById(id);
            QVERIFY(product.ok() && product->has_value());
            QString shown = page.model()->index(0, ProductTableModel::Price).data().toString();
            shown.replace(QChar(0x00A0), QLatin1Char(' '));
            const QString amount = QString::number((*product)->price, 'f', 2);
            const QString expected = german ? QString(amount).replace(QLatin1Char('.'), QLatin1Char(',')) + QStringLiteral(" $")
                                            : QStringLiteral("$") + amount;
            QCOMPARE(shown, expected);
            auto *box = page.findChild<QDoubleSpinBox *>();
            QVERIFY(box);
            QCOMPARE(box->prefix(), german ? QString() : QStringLiteral("$"));
            QCOMPARE(QString(box->suffix()).replace(QChar(0x00A0), QLatin1Char(' ')), german ? QStringLiteral(" $") : QString());
        }
        QLocale::setDefault(saved);
    }

    void searchBoxFiltersAfterAPause()
    {
        core::Workspace workspace;
        ui::ProductsPage page(&workspace);
        QSignalSpy opened(page.model(), &ProductTableModel::loadFinished);
        workspace.setDatabase(m_db);
        QVERIFY(waitLoaded(opened));
        QSignalSpy searched(page.model(), &ProductTableModel::loadFinished);
        QTest::keyClicks(page.searchEdit(), QStringLiteral("camping"));
        // Debounced: typing alone does not reload at once.
        QVERIFY(page.model()->filter().search.isEmpty());
        QVERIFY(waitLoaded(searched));
        QCOMPARE(page.model()->filter().search, QStringLiteral("camping"));
        QVERIFY(page.model()->rowCount() > 0);
        QVERIFY(page.model()->rowCount() < Rows);
    }

    void csvExportWritesTheFilteredRows()
    {
        core::Workspace workspace;
        ui::ProductsPage page(&workspace);
        QSignalSpy opened(page.model(), &ProductTableModel::loadFinished);
        workspace.setDatabase(m_db);
        QVERIFY(waitLoaded(opened));
        auto *marketplace = page.findChildren<QComboBox *>().first();
        QSignalSpy filtered(page.model(), &ProductTableModel::loadFinished);
        marketplace->setCurrentIndex(marketplace->findData(QStringLiteral("shopify")));
        QVERIFY(waitLoaded(filtered));
        QCOMPARE(page.model()->rowCount(), Rows / 3);

        const QString path = m_dir.filePath(QStringLiteral("shopify.csv"));
        QSignalSpy finished(&page, &ui::ProductsPage::exportFinished);
        page.exportCsv(path);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QCOMPARE(finished.first().at(2).toString(), QString());
        QCOMPARE(finished.first().at(1).toLongLong(), qint64(Rows / 3));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), Rows / 3 + 1);
        QVERIFY(lines.first().startsWith("id,marketplace,external_id,title"));
        for (qsizetype i = 1; i < lines.size(); ++i)
            QVERIFY2(lines.at(i).split(',').at(1) == "shopify", lines.at(i).constData());
    }

    void csvExportToAnUnwritablePlaceReportsIt()
    {
        core::Workspace workspace;
        ui::ProductsPage page(&workspace);
        QSignalSpy opened(page.model(), &ProductTableModel::loadFinished);
        workspace.setDatabase(m_db);
        QVERIFY(waitLoaded(opened));
        QSignalSpy finished(&page, &ui::ProductsPage::exportFinished);
        page.exportCsv(m_dir.filePath(QStringLiteral("missing-folder/out.csv")));
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY(!finished.first().at(2).toString().isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("missing-folder/out.csv"))));
    }

    void emptyDatabaseShowsHowToStart()
    {
        QTemporaryDir dir;
        auto db = core::Database::open(*core::DatabaseConfig::parse(dir.filePath(QStringLiteral("empty.sqlite"))));
        QVERIFY(db.ok());
        core::Workspace workspace;
        ui::ProductsPage page(&workspace);
        QSignalSpy opened(page.model(), &ProductTableModel::loadFinished);
        workspace.setDatabase(*db);
        QVERIFY(waitLoaded(opened));
        bool found = false;
        for (QLabel *label : page.findChildren<QLabel *>())
            found = found || label->text().contains(QStringLiteral("No products yet"));
        QVERIFY(found);
    }
};

QTEST_MAIN(TestProductsPage)
#include "tst_productspage.moc"
