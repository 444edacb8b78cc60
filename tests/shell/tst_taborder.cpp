// The keyboard alone: on the sample workspace (a real import, analysis and design generation) at
// 1024 × 700, Tab moves through every page, every Settings tab and the dialogs in reading order
// (within one container top to bottom, left to right within a row), never lands on a widget that
// cannot be seen, and reaches every input a seller can click; the navigation list and every page
// are reached with the keyboard alone.
#include <app/servicelayer.h>
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
#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

using namespace podtrends;

namespace {

QString describe(const QWidget *w)
{
    QString name = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        name += QLatin1Char('#') + w->objectName();
    else if (const auto *b = qobject_cast<const QAbstractButton *>(w); b && !b->text().isEmpty())
        name += QStringLiteral(" \"%1\"").arg(b->text());
    else if (!w->accessibleName().isEmpty())
        name += QStringLiteral(" \"%1\"").arg(w->accessibleName());
    return name;
}

// What QWidget::focusNextPrevChild() stops at: Tab focus, no focus proxy, shown, enabled.
bool takesTab(const QWidget *w, const QWidget *window)
{
    return (w->focusPolicy() & Qt::TabFocus) == Qt::TabFocus && !w->focusProxy() && w->isVisibleTo(window) && w->isEnabled();
}

// The widgets Tab visits, in the order it visits them, starting where Tab starts in a window
// where nothing has focus yet.
QList<QWidget *> focusChain(QWidget *window)
{
    QList<QWidget *> chain;
    for (QWidget *w = window->nextInFocusChain(); w && w != window; w = w->nextInFocusChain()) {
        if (takesTab(w, window))
            chain << w;
        if (chain.size() > 2000)
            break;
    }
    return chain;
}

// The rectangle of child (an ancestor of w, or w itself) in its parent's coordinates.
QWidget *childOf(QWidget *ancestor, QWidget *w)
{
    while (w && w->parentWidget() != ancestor)
        w = w->parentWidget();
    return w;
}

QWidget *commonAncestor(QWidget *a, QWidget *b)
{
    for (QWidget *p = a->parentWidget(); p; p = p->parentWidget())
        if (p->isAncestorOf(b))
            return p;
    return nullptr;
}

// Something a seller can click or type into: it must be reachable with Tab as well.
bool isInput(const QWidget *w)
{
    if (qobject_cast<const QHeaderView *>(w) || qobject_cast<const QScrollBar *>(w))
        return false;
    const QWidget *parent = w->parentWidget();
    // Parts of a composite control: a tab bar's scroll arrows, a line edit's clear button, the
    // line edit inside a spin or combo box, a dock's title buttons.
    if (parent
        && (qobject_cast<const QTabBar *>(parent) || qobject_cast<const QLineEdit *>(parent) || qobject_cast<const QAbstractSpinBox *>(parent)
            || qobject_cast<const QComboBox *>(parent) || qobject_cast<const QScrollBar *>(parent)))
        return false;
    if (w->inherits("QDockWidgetTitleButton") || w->objectName().startsWith(QLatin1String("qt_")))
        return false;
    if (const auto *label = qobject_cast<const QLabel *>(w))
        return label->text().contains(QLatin1String("<a "), Qt::CaseInsensitive); // a link is a button too
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w) || qobject_cast<const QComboBox *>(w)
        || qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QAbstractSlider *>(w) || qobject_cast<const QAbstractItemView *>(w)
        || qobject_cast<const QTextEdit *>(w) || qobject_cast<const QPlainTextEdit *>(w) || qobject_cast<const QTabBar *>(w);
}

// Seen on the screen: every ancestor up to the window overlaps it, apart from the scrolled
// content of a scroll area (which scrolls to the widget that takes focus).
bool onScreen(const QWidget *w, const QWidget *window)
{
    if (w->width() <= 1 || w->height() <= 1)
        return false;
    QRect rect = w->rect();
    const QWidget *child = w;
    for (const QWidget *p = w->parentWidget(); p; child = p, p = p->parentWidget()) {
        rect.translate(child->pos());
        if (qobject_cast<const QAbstractScrollArea *>(p->parentWidget()) && p == static_cast<const QAbstractScrollArea *>(p->parentWidget())->viewport())
            return true;
        rect &= p->rect();
        if (rect.width() <= 1 || rect.height() <= 1)
            return false;
        if (p == window)
            break;
    }
    return true;
}

struct Checker
{
    QString where;
    QStringList findings;

    void check(QWidget *window)
    {
        const QList<QWidget *> chain = focusChain(window);
        if (chain.isEmpty()) {
            findings << QStringLiteral("%1: Tab reaches nothing").arg(where);
            return;
        }
        for (QWidget *w : chain)
            if (!onScreen(w, window))
                findings << QStringLiteral("%1: Tab lands on %2, which cannot be seen").arg(where, describe(w));

        // Reading order between neighbours in the chain: compared as the two children of the
        // container they share (two group boxes side by side are read one after the other).
        for (qsizetype i = 1; i < chain.size(); ++i) {
            QWidget *a = chain.at(i - 1);
            QWidget *b = chain.at(i);
            if (a->isAncestorOf(b) || b->isAncestorOf(a))
                continue;
            QWidget *container = commonAncestor(a, b);
            if (!container)
                continue;
            const QRect ra = childOf(container, a)->geometry();
            const QRect rb = childOf(container, b)->geometry();
            const int overlap = std::min(ra.bottom(), rb.bottom()) - std::max(ra.top(), rb.top());
            const bool sameRow = overlap > std::min(ra.height(), rb.height()) / 2;
            QString wrong;
            // Up to the top of the next column (entirely to the right) is reading order too.
            const bool nextColumn = rb.left() >= ra.right() - 2;
            if (sameRow && rb.center().x() < ra.center().x())
                wrong = QStringLiteral("moves left");
            else if (!sameRow && !nextColumn && rb.center().y() < ra.center().y())
                wrong = QStringLiteral("moves up");
            if (!wrong.isEmpty())
                findings << QStringLiteral("%1: Tab %2 from %3 to %4 (in %5)").arg(where, wrong, describe(a), describe(b), describe(container));
        }

        // Every input a seller can click is reached with Tab too.
        QList<QWidget *> all = window->findChildren<QWidget *>();
        for (QWidget *w : std::as_const(all)) {
            if (!w->isVisibleTo(window) || !w->isEnabled() || !isInput(w) || w->width() <= 1 || w->height() <= 1)
                continue;
            // In a group of radio buttons Tab stops at the checked one; the arrow keys choose.
            if (const auto *b = qobject_cast<const QAbstractButton *>(w); b && b->autoExclusive() && !b->isChecked())
                continue;
            QWidget *target = w;
            while (target->focusProxy())
                target = target->focusProxy();
            if (!chain.contains(target))
                findings << QStringLiteral("%1: %2 cannot be reached with Tab").arg(where, describe(w));
        }
    }
};

void settle(int ms = 400)
{
    QTest::qWait(ms);
}

} // namespace

class TestTabOrder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PodTrendsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("podtrends-taborder-test"));
        QSettings().clear();
        QVERIFY(core::sampleworkspace::remove());
        core::installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
        QVERIFY(core::sampleworkspace::remove());
    }

    void openTheSampleWithDesigns()
    {
        m_window = std::make_unique<ui::MainWindow>(m_services.services(), m_dir.filePath(QStringLiteral("mine.sqlite")));
        ui::MainWindow &window = *m_window;
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(m_workspace.database() != nullptr, 10000);
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
        auto designs = core::DesignRepository(m_workspace.database()).list({});
        QVERIFY(designs && !designs->isEmpty());
        m_designId = designs->first().id;
    }

    void tabFollowsReadingOrderOnEveryPageTabAndDialog()
    {
        QVERIFY(m_window);
        ui::MainWindow &window = *m_window;
        window.resize(1024, 700);
        settle();
        QStringList findings;
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
                    Checker checker{QStringLiteral("Settings/%1").arg(tabs->tabText(t)), {}};
                    checker.check(&window);
                    findings << checker.findings;
                }
                tabs->setCurrentIndex(0);
                continue;
            }
            Checker checker{QStringLiteral("page %1").arg(window.page(ui::MainWindow::Page(p))->objectName()), {}};
            checker.check(&window);
            findings << checker.findings;
        }
        {
            ui::PublishDialog publish(m_services.services(), m_designId, &window);
            publish.show();
            settle(800);
            Checker checker{QStringLiteral("Publish dialog"), {}};
            checker.check(&publish);
            findings << checker.findings;
        }
        {
            ui::SourceDialog source(&window);
            source.show();
            settle(200);
            Checker checker{QStringLiteral("Source dialog"), {}};
            checker.check(&source);
            findings << checker.findings;
        }
        {
            core::DatabaseConfig config;
            config.sqlitePath = m_dir.filePath(QStringLiteral("mine.sqlite"));
            ui::DatabaseDialog database(config, &window);
            database.show();
            settle(200);
            Checker checker{QStringLiteral("Database dialog"), {}};
            checker.check(&database);
            findings << checker.findings;
        }
        findings.removeDuplicates();
        for (const QString &finding : std::as_const(findings))
            qWarning("%s", qPrintable(finding));
        QVERIFY2(findings.isEmpty(), qPrintable(QStringLiteral("%1 findings, listed above").arg(findings.size())));
    }

    void everyPageIsReachedWithTheKeyboardAlone()
    {
        QVERIFY(m_window);
        ui::MainWindow &window = *m_window;
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        auto *stack = window.findChild<QStackedWidget *>();
        QVERIFY(stack);
        window.showPage(ui::MainWindow::Dashboard);
        settle();

        // From nothing focused, Tab reaches the navigation list.
        if (QWidget *focused = QApplication::focusWidget())
            focused->clearFocus();
        for (int i = 0; i < 10 && QApplication::focusWidget() != navigation; ++i)
            QTest::keyClick(&window, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), navigation);

        QStringList findings;
        for (int p = 0; p < ui::MainWindow::PageCount; ++p) {
            // The arrow keys choose the page in the list…
            navigation->setFocus(Qt::TabFocusReason);
            QTest::keyClick(navigation, Qt::Key_Home);
            for (int i = 0; i < p; ++i)
                QTest::keyClick(navigation, Qt::Key_Down);
            settle(300);
            if (stack->currentIndex() != p) {
                findings << QStringLiteral("the arrow keys in the navigation do not open page %1").arg(p);
                continue;
            }
            QWidget *page = window.page(ui::MainWindow::Page(p));
            // …and Tab goes on into it, then through every widget it holds, and out again
            // (no table or text box keeps Tab for itself).
            const QList<QWidget *> chain = focusChain(&window);
            QList<QWidget *> expected;
            for (QWidget *w : chain)
                if (page->isAncestorOf(w))
                    expected << w;
            if (expected.isEmpty()) {
                findings << QStringLiteral("page %1 holds nothing Tab reaches").arg(page->objectName());
                continue;
            }
            QTest::keyClick(navigation, Qt::Key_Tab);
            QList<QWidget *> reached;
            for (int i = 0; i < expected.size() + 4; ++i) {
                QWidget *focused = QApplication::focusWidget();
                if (!focused || !page->isAncestorOf(focused))
                    break;
                if (!reached.contains(focused))
                    reached << focused;
                QTest::keyClick(focused, Qt::Key_Tab);
            }
            if (reached.isEmpty() || reached.first() != expected.first())
                findings << QStringLiteral("Tab from the navigation does not go into page %1 (focus on %2)")
                                .arg(page->objectName(), QApplication::focusWidget() ? describe(QApplication::focusWidget()) : QStringLiteral("nothing"));
            for (QWidget *w : std::as_const(expected))
                if (!reached.contains(w))
                    findings << QStringLiteral("page %1: Tab from the navigation never reaches %2 (stopped at %3)")
                                    .arg(page->objectName(), describe(w), reached.isEmpty() ? QStringLiteral("nothing") : describe(reached.last()));
        }
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

QTEST_MAIN(TestTabOrder)
#include "tst_taborder.moc"
