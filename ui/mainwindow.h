#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

class ActivityLogPanel;
class Services;

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

    /** In-app links ("podtrends:settings/accounts" from a message); QDesktopServices calls it. */
    Q_INVOKABLE void openInternalUrl(const QUrl &url);

    /** Opens a database off the GUI thread and switches the workspace to it when it opened. */
    void openDatabase(const QString &spec);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

Q_SIGNALS:
    /** Files dropped on the window; the collection feature imports them. */
    void filesDropped(const QStringList &paths);

private:
    void addPage(Page page, QWidget *widget, const QString &title, const QString &iconName);
    void createActions();
    void connectPages();
    void updateDatabaseLabel();

    Services *m_services;
    core::Workspace *m_workspace;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_stack = nullptr;
    ActivityLogPanel *m_activity = nullptr;
    QLabel *m_databaseLabel = nullptr;
};

} // namespace podtrends::ui
