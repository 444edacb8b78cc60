#include "databasedialog.h"

#include <core/storage/database.h>
#include <core/util/whenready.h>

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace podtrends::ui {

DatabaseDialog::DatabaseDialog(const core::DatabaseConfig &current, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Database"));
    auto *layout = new QVBoxLayout(this);

    m_sqlite = new QRadioButton(tr("&Embedded SQLite file (works offline, one computer)"), this);
    m_path = new QLineEdit(current.dialect == core::Dialect::SQLite ? current.sqlitePath : core::DatabaseConfig::defaultSqlitePath(), this);
    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a database file"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Database file"), m_path->text(), tr("SQLite databases (*.sqlite *.db)"),
                                                          nullptr, QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_path->setText(file);
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_postgres = new QRadioButton(tr("&PostgreSQL server (shared by a team)"), this);
    m_host = new QLineEdit(current.host.isEmpty() ? QStringLiteral("localhost") : current.host, this);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setValue(current.port);
    m_user = new QLineEdit(current.user, this);
    m_password = new QLineEdit(current.password, this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Kept in the system keychain, never in the settings file."));
    m_database = new QLineEdit(current.databaseName.isEmpty() ? QStringLiteral("podtrends") : current.databaseName, this);
    auto *pgForm = new QFormLayout;
    pgForm->addRow(tr("Host:"), m_host);
    pgForm->addRow(tr("Port:"), m_port);
    pgForm->addRow(tr("User:"), m_user);
    pgForm->addRow(tr("Password:"), m_password);
    pgForm->addRow(tr("Database:"), m_database);

    layout->addWidget(m_sqlite);
    layout->addLayout(pathRow);
    layout->addSpacing(8);
    layout->addWidget(m_postgres);
    layout->addLayout(pgForm);

    m_test = new QPushButton(tr("&Test connection"), this);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_result, 1);
    layout->addLayout(testRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    (current.dialect == core::Dialect::SQLite ? m_sqlite : m_postgres)->setChecked(true);
    connect(m_sqlite, &QRadioButton::toggled, this, &DatabaseDialog::updateEnabled);
    connect(m_test, &QPushButton::clicked, this, &DatabaseDialog::testConnection);
    updateEnabled();
    resize(520, sizeHint().height());
}

void DatabaseDialog::updateEnabled()
{
    const bool sqlite = m_sqlite->isChecked();
    m_path->setEnabled(sqlite);
    for (QWidget *w : {static_cast<QWidget *>(m_host), static_cast<QWidget *>(m_port), static_cast<QWidget *>(m_user),
                       static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_database)})
        w->setEnabled(!sqlite);
    m_result->clear();
}

core::DatabaseConfig DatabaseDialog::config() const
{
    core::DatabaseConfig c;
    if (m_sqlite->isChecked()) {
        c.dialect = core::Dialect::SQLite;
        c.sqlitePath = m_path->text().trimmed();
    } else {
        c.dialect = core::Dialect::PostgreSQL;
        c.host = m_host->text().trimmed();
        c.port = m_port->value();
        c.user = m_user->text().trimmed();
        c.password = m_password->text();
        c.databaseName = m_database->text().trimmed();
    }
    return c;
}

void DatabaseDialog::testConnection()
{
    m_test->setEnabled(false);
    m_result->setText(tr("Connecting…"));
    QPointer<DatabaseDialog> self(this);
    core::whenReady(QtConcurrent::run([cfg = config()] { return core::Database::testConnection(cfg); }), this, [self](core::Status status) {
            if (!self)
                return;
            self->m_test->setEnabled(true);
            self->m_result->setText(status ? tr("✔ Connected.") : tr("✘ %1").arg(status.errorMessage()));
        });
}

} // namespace podtrends::ui
