#pragma once

#include <QMainWindow>

#include <functional>

class QAction;
class QDockWidget;
class QFrame;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

class ActivityLogPanel;
class Services;

/** What the window asks the seller to choose in a file dialog (see MainWindow::setFileChooser). */
struct FileRequest
{
    enum Kind { ImportFiles, ImportFolder, OpenDatabase, NewDatabase, ExportProducts, ExportReport };
    Kind kind = ImportFiles;
    QString title;
    QString filter;     ///< name filter ("Saved pages and exports (*.html *.json *.csv)")
    QString suggestion; ///< the folder or file the dialog starts at
};

/** The seam in front of QFileDialog: returns the chosen paths (empty when cancelled). */
using FileChooser = std::function<QStringList(QWidget *parent, const FileRequest &request)>;

/** The window: navigation on the left, one page at a time, activity log at the bottom. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(MainWindow)
    /**
     * The pages get the services the composition root (app::AppServices) built for the open
     * database. databaseSpec overrides the stored database for this run (the --db option).
     */
    explicit MainWindow(Services *services, const QString &databaseSpec = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    enum Page { Dashboard, Trends, Products, Designs, Sources, Settings, PageCount };
    void showPage(Page page);
    QWidget *page(Page page) const;

    /**
     * In-app links from messages and empty states: "podtrends:settings/accounts", ":import",
     * ":sample", ":analyze", ":sources/add", ":generate", ":trends". QDesktopServices calls it.
     */
    Q_INVOKABLE void openInternalUrl(const QUrl &url);

    /** Opens a database off the GUI thread and switches the workspace to it when it opened. */
    void openDatabase(const QString &spec);

    /** Replaces the file dialogs (tests; the default shows QFileDialog). */
    void setFileChooser(FileChooser chooser);
    /** A menu action by object name ("actionImportFiles", …), for tests and the shortcuts list. */
    QAction *action(const QString &objectName) const;

    /**
     * Opens the sample workspace: on first use copies the bundled sample shops into a database of
     * their own, imports them and (with "Analyze after importing") analyses them.
     */
    void openSampleWorkspace();
    /** Closes the sample, returns to the seller's own database and deletes the sample's folder. */
    void removeSampleWorkspace();
    /** True while the sample workspace is the open database. */
    bool isSampleOpen() const;

    /** "Analyze after importing" (File menu; on by default). */
    static bool analyzeAfterImport();
    static void setAnalyzeAfterImport(bool on);
    /** Recently opened databases, newest first (without the sample). */
    static QStringList recentDatabases();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    /** Files dropped anywhere on the window; the collection feature imports them. */
    void filesDropped(const QStringList &paths);
    /** The sample workspace finished its first import (error empty on success). */
    void sampleReady(const QString &error);

private:
    /** Pages, navigation and menus: built at start and again in a newly chosen language. */
    void buildInterface();
    void rebuildInterface();
    /** Moves the activity log after the page in the Tab order (it is made first). */
    void placeActivityLogLast();
    void addPage(Page page, QWidget *widget, const QString &title, const QString &iconName);
    void createActions();
    void createFileMenu();
    void createHelpMenu();
    void fillRecentMenu();
    void connectPages();
    void updateDatabaseLabel();
    void rememberDatabase(const QString &spec);
    QStringList chooseFiles(const FileRequest &request);
    void importFromDialog(FileRequest::Kind kind);
    void importPaths(const QStringList &paths);
    void newDatabase();
    void openDatabaseFromDialog();
    void exportProducts();
    void exportReport();
    void generateForCurrentTrend();
    void showShortcuts();
    void showAbout();

    Services *m_services;
    core::Workspace *m_workspace;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    ActivityLogPanel *m_activity = nullptr;
    QDockWidget *m_activityDock = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QFrame *m_sampleBanner = nullptr;
    QMenu *m_recentMenu = nullptr;
    FileChooser m_fileChooser;
    bool m_importSample = false;
    bool m_rebuildQueued = false; ///< a language change will rebuild the interface  ///< the next database opened is a new sample to import
};

} // namespace podtrends::ui
