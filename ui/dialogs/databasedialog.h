#pragma once

#include <core/storage/databaseconfig.h>

#include <QDialog>

class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QPushButton;

namespace podtrends::ui {

/** Chooses between the embedded SQLite file and a PostgreSQL server, with "Test connection". */
class DatabaseDialog final : public QDialog
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(DatabaseDialog)
    explicit DatabaseDialog(const core::DatabaseConfig &current, QWidget *parent = nullptr);

    /** The chosen configuration, including the password (which is saved to the keychain, not settings). */
    core::DatabaseConfig config() const;

private:
    void updateEnabled();
    void testConnection();

    QRadioButton *m_sqlite;
    QRadioButton *m_postgres;
    QLineEdit *m_path;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_database;
    QPushButton *m_test;
    QLabel *m_result;
};

} // namespace podtrends::ui
