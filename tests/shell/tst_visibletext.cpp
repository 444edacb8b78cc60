// What a seller reads, walked page by page: the sample workspace (a real import, analysis and
// design generation) in English and German, at 1024 × 700 and 1600 × 1000. Every visible label,
// button, tab, combo box, table header and the first table rows of every page, every Settings tab
// and the dialogs must hold no snake_case key, no "Trend: 143"-style id, and no label, button,
// tab, combo box or column header cut short.
#include <app/servicelayer.h>
#include <core/domain/source.h>
#include <core/sample/sampleworkspace.h>
#include <core/storage/databaseconfig.h>
#include <core/storage/designrepository.h>
#include <core/storage/workspace.h>
#include <core/util/translations.h>
#include <ui/dialogs/databasedialog.h>
#include <ui/dialogs/publishdialog.h>
#include <ui/dialogs/sourcedialog.h>
#include <ui/mainwindow.h>
#include <ui/models/designlistmodel.h>
#include <ui/models/trendtablemodel.h>
#include <ui/pages/designspage.h>
#include <ui/pages/productspage.h>
#include <ui/pages/trendspage.h>
#include <ui/services.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QChartView>
#include <QLineEdit>
#include <QScrollBar>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace podtrends;

namespace {

QString plain(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    QTextDocument doc;
    doc.setHtml(text);
    return doc.toPlainText();
}

// A key where a seller expects words: lower_case_with_underscores, not inside a path, file
// name or URL.
const QRegularExpression &snakeCase()
{
    static const QRegularExpression re(QStringLiteral("(?<![\\w/.:@-])[a-z][a-z0-9]*_[a-z0-9_]*[a-z0-9](?![\\w/.@-])"));
    return re;
}

const QRegularExpression &rawId()
{
    static const QRegularExpression re(QStringLiteral("\\b(?:(?:trend|design|source|job|id)\\s*[:#]|(?:trend|design|source|job)\\s+#?)\\s*\\d+\\b"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString describe(const QWidget *w)
{
    QString name = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        name += QLatin1Char('#') + w->objectName();
    return name;
}

struct Walker
{
    QString where;
    QStringList findings;

    void words(const QWidget *w, const QString &text)
    {
        // Names a seller must type elsewhere exactly (Shopify's permission names) are shown as code.
        static const QRegularExpression code(QStringLiteral("<code>.*?</code>"));
        const QString t = plain(QString(text).remove(code));
        if (const auto m = snakeCase().match(t); m.hasMatch())
            findings << QStringLiteral("%1: %2: key \"%3\" in \"%4\"").arg(where, describe(w), m.captured(), t.left(120));
        if (const auto m = rawId().match(t); m.hasMatch())
            findings << QStringLiteral("%1: %2: id \"%3\" in \"%4\"").arg(where, describe(w), m.captured(), t.left(120));
    }

    void cut(const QWidget *w, const QString &text)
    {
        findings << QStringLiteral("%1: %2: cut short: \"%3\"").arg(where, describe(w), plain(text).left(120));
    }

    void walk(QWidget *root)
    {
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *w : std::as_const(widgets)) {
            if (!w->isVisibleTo(root->window()) || !w->isVisible() || w->width() <= 1 || w->height() <= 1)
                continue;
            if (auto *label = qobject_cast<QLabel *>(w)) {
                if (label->text().isEmpty())
                    continue;
                words(label, label->text());
                if (!label->wordWrap() && label->width() + 1 < label->minimumSizeHint().width())
                    cut(label, label->text());
            } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
                if (button->text().isEmpty() || qobject_cast<QTabBar *>(button->parentWidget()))
                    continue;
                words(button, button->text());
                if (button->width() + 1 < button->minimumSizeHint().width())
                    cut(button, button->text());
            } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
                for (int i = 0; i < combo->count(); ++i)
                    words(combo, combo->itemText(i));
                const QString current = combo->currentText();
                QStyleOptionComboBox option;
                option.initFrom(combo);
                const int editField = combo->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo).width();
                if (!current.isEmpty() && combo->fontMetrics().horizontalAdvance(current) > editField + 2)
                    cut(combo, current);
            } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
                for (int i = 0; i < tabs->count(); ++i) {
                    words(tabs, tabs->tabText(i));
                    if (tabs->fontMetrics().horizontalAdvance(QString(tabs->tabText(i)).remove(QLatin1Char('&'))) > tabs->tabRect(i).width() - 8)
                        cut(tabs, tabs->tabText(i));
                }
            } else if (auto *header = qobject_cast<QHeaderView *>(w)) {
                if (header->orientation() != Qt::Horizontal || !header->model())
                    continue;
                const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
                for (int s = 0; s < header->count(); ++s) {
                    if (header->isSectionHidden(s) || header->sectionSize(s) <= 0)
                        continue;
                    const QString text = header->model()->headerData(s, Qt::Horizontal).toString();
                    words(header, text);
                    int needed = header->fontMetrics().horizontalAdvance(text) + 2 * margin;
                    if (header->isSortIndicatorShown() && header->sortIndicatorSection() == s)
                        needed += header->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header);
                    // A section that reaches past the view's right edge is scrolled, not cut.
                    const int right = header->sectionViewportPosition(s) + header->sectionSize(s);
                    if (needed > header->sectionSize(s) + 2 && right <= header->viewport()->width())
                        cut(header, text);
                }
            } else if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
                const QAbstractItemModel *model = view->model();
                if (!model)
                    continue;
                const int rows = std::min(model->rowCount(), 12);
                for (int r = 0; r < rows; ++r)
                    for (int c = 0; c < model->columnCount(); ++c)
                        words(view, model->index(r, c).data(Qt::DisplayRole).toString());
            }
        }
    }
};

// What a screen reader announces for the controls a seller works with: every input, list, table,
// slider and icon-only button has a name; every chart has a name and a text alternative.
struct AccessibilityWalker
{
    QString where;
    QStringList findings;

    void walk(QWidget *root)
    {
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        for (QWidget *w : std::as_const(widgets)) {
            if (!w->isVisible() || w->width() <= 1 || w->height() <= 1)
                continue;
            const bool input = qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                            || qobject_cast<QAbstractSlider *>(w) || qobject_cast<QChartView *>(w)
                            || (qobject_cast<QAbstractItemView *>(w) && !qobject_cast<QComboBox *>(w->parentWidget()))
                            || (qobject_cast<QAbstractButton *>(w) && static_cast<QAbstractButton *>(w)->text().isEmpty());
            // Headers and buttons inside a table or a line edit are read as parts of it.
            if (qobject_cast<QHeaderView *>(w) || qobject_cast<QLineEdit *>(w->parentWidget()))
                continue;
            if (!input || qobject_cast<QAbstractSpinBox *>(w->parentWidget()) || qobject_cast<QComboBox *>(w->parentWidget())
                || qobject_cast<QTabBar *>(w->parentWidget()) || qobject_cast<QScrollBar *>(w))
                continue;
            if (qobject_cast<QAbstractButton *>(w) && (qobject_cast<QAbstractScrollArea *>(w->parentWidget()) || w->parentWidget()->inherits("QTabBar")
                                                      || w->inherits("QDockWidgetTitleButton") || w->objectName().startsWith(QLatin1String("qt_"))))
                continue;
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            const QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
            if (name.isEmpty())
                findings << QStringLiteral("%1: %2 has no accessible name").arg(where, describe(w));
            if (qobject_cast<QChartView *>(w) && w->accessibleDescription().trimmed().isEmpty())
                findings << QStringLiteral("%1: %2 (%3) has no text alternative").arg(where, describe(w), name);
        }
    }
};

void settle(int ms = 400)
{
    QTest::qWait(ms);
}

} // namespace

class TestVisibleText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PodTrendsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("podtrends-visibletext-test"));
        QSettings().clear();
        QVERIFY(core::sampleworkspace::remove());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        core::installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates));
        QSettings().clear();
        QVERIFY(core::sampleworkspace::remove());
    }

    void openTheSampleWithDesigns()
    {
        core::installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates));
        m_window = std::make_unique<ui::MainWindow>(m_services.services(), m_dir.filePath(QStringLiteral("mine.sqlite")));
        ui::MainWindow &window = *m_window;
        core::Workspace &workspace = m_workspace;
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(workspace.database() != nullptr, 10000);

        // The sample workspace, imported and analysed the way a seller opens it, and designs
        // generated for its best trend.
        QSignalSpy ready(&window, &ui::MainWindow::sampleReady);
        window.openSampleWorkspace();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        auto trendsPage = [&window] { return static_cast<ui::TrendsPage *>(window.page(ui::MainWindow::Trends)); };
        QTRY_VERIFY_WITH_TIMEOUT(trendsPage()->model()->rowCount() > 0 && !trendsPage()->isAnalysisRunning(), 120000);
        window.showPage(ui::MainWindow::Trends);
        settle();
        window.action(QStringLiteral("actionGenerate"))->trigger();
        auto designsPage = [&window] { return static_cast<ui::DesignsPage *>(window.page(ui::MainWindow::Designs)); };
        QTRY_VERIFY_WITH_TIMEOUT(!designsPage()->isGenerating() && designsPage()->model()->rowCount() >= 3, 240000);
        auto designs = core::DesignRepository(workspace.database()).list({});
        QVERIFY(designs && !designs->isEmpty());
        m_designId = designs->first().id;
    }

    void everyPageAndDialogSpeaksToASellerInFull()
    {
        QVERIFY(m_window);
        ui::MainWindow &window = *m_window;
        const qint64 designId = m_designId;
        auto &services = m_services;
        QTemporaryDir &dir = m_dir;
        QStringList findings;
        const QList<std::pair<QLocale, QString>> languages{{QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral("en")},
                                                           {QLocale(QLocale::German, QLocale::Germany), QStringLiteral("de")}};
        const QList<QSize> sizes{QSize(1024, 700), QSize(1600, 1000)};
        for (const auto &[locale, code] : languages) {
            core::installTranslations(qApp, locale);
            settle(800); // the window rebuilds its pages in the language
            for (const QSize &size : sizes) {
                window.resize(size);
                settle();
                const QString at = QStringLiteral("%1 %2×%3").arg(code).arg(size.width()).arg(size.height());
                for (int p = 0; p < ui::MainWindow::PageCount; ++p) {
                    window.showPage(ui::MainWindow::Page(p));
                    QWidget *page = window.page(ui::MainWindow::Page(p));
                    if (p == ui::MainWindow::Products) {
                        auto *products = static_cast<ui::ProductsPage *>(page);
                        QTRY_VERIFY_WITH_TIMEOUT(products->view()->model()->rowCount() > 0, 10000);
                        products->view()->selectRow(0);
                    }
                    settle();
                    const QList<QTabWidget *> tabWidgets = page->findChildren<QTabWidget *>();
                    if (p == ui::MainWindow::Settings && !tabWidgets.isEmpty()) {
                        QTabWidget *tabs = tabWidgets.first();
                        for (int t = 0; t < tabs->count(); ++t) {
                            tabs->setCurrentIndex(t);
                            settle(200);
                            Walker walker{QStringLiteral("%1 Settings/%2").arg(at, tabs->tabText(t)), {}};
                            walker.walk(&window);
                            findings << walker.findings;
                        }
                        tabs->setCurrentIndex(0);
                        continue;
                    }
                    Walker walker{QStringLiteral("%1 page %2").arg(at).arg(p), {}};
                    walker.walk(&window);
                    findings << walker.findings;
                }
                // Dialogs, at the window's size: the Publish dialog (no credentials here), a new
                // source, the database choice.
                {
                    ui::PublishDialog publish(services.services(), designId, &window);
                    publish.show();
                    settle(800);
                    Walker walker{at + QStringLiteral(" Publish dialog"), {}};
                    // It fits the window, so Publish and Close are on the screen.
                    if (publish.width() > size.width() || publish.height() > size.height())
                        walker.findings << QStringLiteral("%1: %2×%3, larger than the window").arg(walker.where).arg(publish.width()).arg(publish.height());
                    walker.walk(&publish);
                    findings << walker.findings;
                }
                {
                    ui::SourceDialog source(&window);
                    source.show();
                    settle(200);
                    Walker walker{at + QStringLiteral(" Source dialog"), {}};
                    walker.walk(&source);
                    findings << walker.findings;
                }
                {
                    core::DatabaseConfig config;
                    config.sqlitePath = dir.filePath(QStringLiteral("mine.sqlite"));
                    ui::DatabaseDialog database(config, &window);
                    database.show();
                    settle(200);
                    Walker walker{at + QStringLiteral(" Database dialog"), {}};
                    walker.walk(&database);
                    findings << walker.findings;
                }
            }
        }
        findings.removeDuplicates();
        for (const QString &finding : std::as_const(findings))
            qWarning("%s", qPrintable(finding));
        QVERIFY2(findings.isEmpty(), qPrintable(QStringLiteral("%1 findings, listed above").arg(findings.size())));
    }

    void everyInputTableAndChartHasANameForScreenReaders()
    {
        QVERIFY(m_window);
        ui::MainWindow &window = *m_window;
        core::installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates));
        settle(800);
        window.resize(1600, 1000);
        QStringList findings;
        for (int p = 0; p < ui::MainWindow::PageCount; ++p) {
            window.showPage(ui::MainWindow::Page(p));
            QWidget *page = window.page(ui::MainWindow::Page(p));
            if (p == ui::MainWindow::Products)
                static_cast<ui::ProductsPage *>(page)->view()->selectRow(0);
            settle();
            const QList<QTabWidget *> tabWidgets = page->findChildren<QTabWidget *>();
            if (p == ui::MainWindow::Settings && !tabWidgets.isEmpty()) {
                QTabWidget *tabs = tabWidgets.first();
                for (int t = 0; t < tabs->count(); ++t) {
                    tabs->setCurrentIndex(t);
                    settle(200);
                    AccessibilityWalker walker{QStringLiteral("Settings/%1").arg(tabs->tabText(t)), {}};
                    walker.walk(&window);
                    findings << walker.findings;
                }
                tabs->setCurrentIndex(0);
                continue;
            }
            AccessibilityWalker walker{QStringLiteral("page %1").arg(p), {}};
            walker.walk(&window);
            findings << walker.findings;
        }
        // The text alternative carries the data: the Dashboard's bars name the best niche.
        window.showPage(ui::MainWindow::Dashboard);
        settle();
        auto *top = window.page(ui::MainWindow::Dashboard)->findChild<QChartView *>();
        QVERIFY(top);
        QCOMPARE(top->accessibleName(), QStringLiteral("Top opportunities"));
        QVERIFY2(top->accessibleDescription().contains(QLatin1String("axolotl")), qPrintable(top->accessibleDescription()));

        ui::PublishDialog publish(m_services.services(), m_designId, &window);
        publish.show();
        settle(800);
        AccessibilityWalker walker{QStringLiteral("Publish dialog"), {}};
        walker.walk(&publish);
        findings << walker.findings;
        findings.removeDuplicates();
        for (const QString &finding : std::as_const(findings))
            qWarning("%s", qPrintable(finding));
        QVERIFY2(findings.isEmpty(), qPrintable(QStringLiteral("%1 findings, listed above").arg(findings.size())));
    }

private:
    QTemporaryDir m_dir;
    core::Workspace m_workspace;
    app::AppServices m_services{&m_workspace};
    std::unique_ptr<ui::MainWindow> m_window;
    qint64 m_designId = 0;
};

QTEST_MAIN(TestVisibleText)
#include "tst_visibletext.moc"
