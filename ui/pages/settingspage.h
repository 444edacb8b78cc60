#pragma once

#include <QWidget>

class QLabel;
class QTabWidget;

namespace podtrends::core {
class Workspace;
}

namespace podtrends::ui {

class Services;

/** Settings: one tab per area (database, accounts and keys, and what features add). */
class SettingsPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(SettingsPage)
    explicit SettingsPage(Services *services, QWidget *parent = nullptr);

    /** Features add their own settings tab here. */
    void addTab(QWidget *tab, const QString &title);
    /** Selects the Accounts tab (the target of every "Settings → Accounts" link). */
    void showAccounts();

Q_SIGNALS:
    /** The user chose another database (a spec for DatabaseConfig::parse); the window opens it. */
    void databaseChosen(const QString &spec);

private:
    QWidget *createDatabaseTab();
    QWidget *createLanguageTab();
    void changeDatabase();
    void updateDatabaseInfo();

    core::Workspace *m_workspace;
    QTabWidget *m_tabs;
    QWidget *m_accounts = nullptr;
    QLabel *m_databaseInfo = nullptr;
};

} // namespace podtrends::ui
