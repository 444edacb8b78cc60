#include "restapisettings.h"

#include <core/api/restservice.h>
#include <core/api/restsettings.h>
#include <core/storage/workspace.h>
#include <core/util/whenready.h>
#include <ui/services.h>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace podtrends::ui {

RestApiSettings::RestApiSettings(Services *services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_workspace(services->workspace())
{
    core::Workspace *workspace = m_workspace;
    const core::RestServerOptions saved = core::restsettings::options();
    auto *layout = new QVBoxLayout(this);

    auto *serverBox = new QGroupBox(tr("Local REST API"), this);
    auto *form = new QFormLayout(serverBox);
    auto *intro = new QLabel(tr("Other tools can read trends, products and designs and start design generation over HTTP at "
                                "<code>/api/v1/…</code>, with an API key from the list below."), serverBox);
    intro->setWordWrap(true);
    form->addRow(intro);
    m_run = new QCheckBox(tr("&Run the REST API while POD Trends is open"), serverBox);
    form->addRow(m_run);
    m_port = new QSpinBox(serverBox);
    m_port->setRange(1, 65535);
    m_port->setValue(saved.port);
    m_port->setObjectName(QStringLiteral("port"));
    form->addRow(tr("&Port:"), m_port);
    m_bind = new QComboBox(serverBox);
    m_bind->addItem(tr("This computer only (127.0.0.1)"), QStringLiteral("127.0.0.1"));
    m_bind->addItem(tr("Every network (0.0.0.0, plain HTTP)"), QStringLiteral("0.0.0.0"));
    m_bind->setCurrentIndex(saved.address.isLoopback() ? 0 : 1);
    form->addRow(tr("&Listen on:"), m_bind);
    m_rate = new QDoubleSpinBox(serverBox);
    m_rate->setRange(0, 100000);
    m_rate->setDecimals(0);
    m_rate->setSuffix(tr(" requests/s per key"));
    m_rate->setSpecialValueText(tr("unlimited"));
    m_rate->setValue(saved.requestsPerSecond);
    form->addRow(tr("&Rate limit:"), m_rate);
    m_cors = new QLineEdit(saved.corsOrigins.join(QStringLiteral(", ")), serverBox);
    m_cors->setPlaceholderText(tr("e.g. http://localhost:3000 (empty: no browser access)"));
    form->addRow(tr("Allowed &origins (CORS):"), m_cors);
    m_status = new QLabel(tr("Not running."), serverBox);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Status:"), m_status);
    layout->addWidget(serverBox);

    auto *keysBox = new QGroupBox(tr("API keys"), this);
    auto *keysLayout = new QVBoxLayout(keysBox);
    auto *keysIntro = new QLabel(tr("Send a key as <code>Authorization: Bearer &lt;key&gt;</code>. Keys are stored hashed: "
                                    "a new key is shown only once, right after you create it."), keysBox);
    keysIntro->setWordWrap(true);
    keysLayout->addWidget(keysIntro);
    m_keys = new QTableWidget(0, 5, keysBox);
    m_keys->setAccessibleName(tr("API keys"));
    m_keys->setHorizontalHeaderLabels({tr("Name"), tr("Key starts with"), tr("Created"), tr("Last used"), tr("State")});
    m_keys->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_keys->setSelectionMode(QAbstractItemView::SingleSelection);
    m_keys->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_keys->verticalHeader()->hide();
    m_keys->horizontalHeader()->setStretchLastSection(true);
    keysLayout->addWidget(m_keys, 1);
    auto *createRow = new QHBoxLayout;
    m_keyName = new QLineEdit(keysBox);
    m_keyName->setPlaceholderText(tr("Name of the tool that will use the key"));
    m_keyName->setObjectName(QStringLiteral("keyName"));
    m_create = new QPushButton(tr("&Create key"), keysBox);
    m_revoke = new QPushButton(tr("Re&voke selected"), keysBox);
    m_create->setObjectName(QStringLiteral("createKey"));
    m_revoke->setObjectName(QStringLiteral("revokeKey"));
    createRow->addWidget(m_keyName, 1);
    createRow->addWidget(m_create);
    createRow->addWidget(m_revoke);
    keysLayout->addLayout(createRow);
    auto *newKeyRow = new QHBoxLayout;
    m_newKey = new QLineEdit(keysBox);
    m_newKey->setReadOnly(true);
    m_newKey->setObjectName(QStringLiteral("newKey"));
    m_newKey->setVisible(false);
    auto *copy = new QPushButton(tr("Cop&y"), keysBox);
    copy->setVisible(false);
    newKeyRow->addWidget(m_newKey, 1);
    newKeyRow->addWidget(copy);
    keysLayout->addLayout(newKeyRow);
    m_newKeyNote = new QLabel(keysBox);
    m_newKeyNote->setWordWrap(true);
    keysLayout->addWidget(m_newKeyNote);
    layout->addWidget(keysBox, 1);

    connect(m_run, &QCheckBox::toggled, this, [this](bool on) {
        core::restsettings::setRunInApp(on);
        applyServerState();
    });
    connect(m_port, &QSpinBox::editingFinished, this, &RestApiSettings::applyServerState);
    connect(m_bind, &QComboBox::currentIndexChanged, this, &RestApiSettings::applyServerState);
    connect(m_rate, &QDoubleSpinBox::editingFinished, this, &RestApiSettings::applyServerState);
    connect(m_cors, &QLineEdit::editingFinished, this, &RestApiSettings::applyServerState);
    connect(m_create, &QPushButton::clicked, this, &RestApiSettings::createKey);
    connect(m_keyName, &QLineEdit::returnPressed, this, &RestApiSettings::createKey);
    connect(m_revoke, &QPushButton::clicked, this, &RestApiSettings::revokeSelectedKey);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_newKey->text()); });
    connect(m_newKey, &QLineEdit::textChanged, copy, [copy](const QString &text) { copy->setVisible(!text.isEmpty()); });
    // The service layer owns the server and stops it when the database closes.
    connect(services, &Services::aboutToChange, this, [this] {
        if (m_service)
            m_service->disconnect(this);
        m_service = nullptr;
    });
    connect(services, &Services::changed, this, [this] {
        takeService();
        reloadKeys();
        applyServerState();
    });
    connect(workspace, &core::Workspace::dataChanged, this, [this](const QString &table) {
        if (table.isEmpty() || table == QLatin1String("api_keys"))
            reloadKeys();
    });
    m_run->setChecked(core::restsettings::runInApp());
    takeService();
    reloadKeys();
    applyServerState();
}

RestApiSettings::~RestApiSettings() = default;

core::RestService *RestApiSettings::service() const
{
    return m_service;
}

void RestApiSettings::takeService()
{
    m_service = m_services->rest();
    if (!m_service)
        return;
    connect(m_service, &core::RestService::started, this, [this](quint16 port) {
        m_status->setText(tr("Serving at http://%1:%2/api/v1/").arg(m_service->options().address.toString()).arg(port));
        Q_EMIT serviceStateChanged();
    });
    connect(m_service, &core::RestService::failed, this, [this](const QString &message) {
        m_status->setText(tr("Not running: %1").arg(message));
        Q_EMIT serviceStateChanged();
    });
}

core::RestServerOptions RestApiSettings::currentOptions() const
{
    core::RestServerOptions o;
    o.port = static_cast<quint16>(m_port->value());
    o.address = QHostAddress(m_bind->currentData().toString());
    o.requestsPerSecond = m_rate->value();
    for (const QString &origin : m_cors->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        o.corsOrigins << origin.trimmed();
    return o;
}

void RestApiSettings::applyServerState()
{
    const core::RestServerOptions options = currentOptions();
    core::restsettings::setOptions(options);
    // Any change restarts the server with the new options; stopping only waits for its thread.
    if (m_service) {
        m_service->stop();
        m_service->setOptions(options);
    }
    if (!m_run->isChecked() || !m_service) {
        m_status->setText(m_run->isChecked() ? tr("Waiting for a database.") : tr("Not running."));
        Q_EMIT serviceStateChanged();
        return;
    }
    m_status->setText(tr("Starting…"));
    m_service->start();
}

void RestApiSettings::reloadKeys()
{
    const auto db = m_workspace->database();
    if (!db)
        return;
    QPointer<RestApiSettings> self(this);
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db] { return core::ApiKeyStore(db).list(); }), this, [self](core::Result<QList<core::ApiKey>> keys) {
            if (!self)
                return;
            if (keys)
                self->showKeys(*keys);
            else
                self->m_newKeyNote->setText(keys.errorMessage());
            Q_EMIT self->keysReloaded();
        });
}

void RestApiSettings::showKeys(const QList<core::ApiKey> &keys)
{
    m_keys->setRowCount(int(keys.size()));
    auto when = [](const QDateTime &t) { return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : tr("never"); };
    for (int row = 0; row < keys.size(); ++row) {
        const core::ApiKey &k = keys.at(row);
        auto *name = new QTableWidgetItem(k.name);
        name->setData(Qt::UserRole, k.id);
        m_keys->setItem(row, 0, name);
        m_keys->setItem(row, 1, new QTableWidgetItem(k.prefix + QStringLiteral(".…")));
        m_keys->setItem(row, 2, new QTableWidgetItem(when(k.createdAt)));
        m_keys->setItem(row, 3, new QTableWidgetItem(when(k.lastUsedAt)));
        m_keys->setItem(row, 4, new QTableWidgetItem(k.revoked() ? tr("revoked %1").arg(when(k.revokedAt)) : tr("active")));
    }
    m_keys->resizeColumnsToContents();
}

void RestApiSettings::createKey()
{
    const auto db = m_workspace->database();
    const QString name = m_keyName->text().trimmed();
    if (!db)
        return;
    if (name.isEmpty()) {
        m_newKeyNote->setText(tr("Give the key a name first, e.g. the tool that will use it."));
        return;
    }
    m_create->setEnabled(false);
    QPointer<RestApiSettings> self(this);
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db, name] { return core::ApiKeyStore(db).create(name); }), this, [self](core::Result<std::pair<core::ApiKey, QString>> created) {
            if (!self)
                return;
            self->m_create->setEnabled(true);
            if (!created) {
                self->m_newKeyNote->setText(created.errorMessage());
                return;
            }
            self->m_keyName->clear();
            self->m_newKey->setText(created->second);
            self->m_newKey->setVisible(true);
            self->m_newKey->selectAll();
            self->m_newKeyNote->setText(tr("Copy the key now: it is not stored and will not be shown again."));
            self->reloadKeys();
        });
}

void RestApiSettings::revokeSelectedKey()
{
    const auto db = m_workspace->database();
    const QList<QTableWidgetItem *> selected = m_keys->selectedItems();
    if (!db || selected.isEmpty())
        return;
    const qint64 id = m_keys->item(selected.first()->row(), 0)->data(Qt::UserRole).toLongLong();
    QPointer<RestApiSettings> self(this);
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db, id] { return core::ApiKeyStore(db).revoke(id); }), this, [self](core::Status s) {
        if (!self)
            return;
        self->m_newKeyNote->setText(s ? tr("The key was revoked; tools using it are refused from now on.") : s.errorMessage());
        self->reloadKeys();
    });
}

} // namespace podtrends::ui
