#pragma once

#include <core/api/apikeystore.h>
#include <core/api/restserver.h>

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace podtrends::core {
class RestService;
class Workspace;
}

namespace podtrends::ui {

class Services;

/**
 * Settings › REST API: run the local REST API inside the app (port, address, rate limit, CORS)
 * and create or revoke the API keys that external tools use. A new key is shown once.
 */
class RestApiSettings final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(RestApiSettings)
    explicit RestApiSettings(Services *services, QWidget *parent = nullptr);
    ~RestApiSettings() override;

    /** The REST server of the open database (the service layer's), or null. */
    core::RestService *service() const;

Q_SIGNALS:
    void keysReloaded();
    void serviceStateChanged();

private:
    void applyServerState();
    void takeService();
    void reloadKeys();
    void createKey();
    void revokeSelectedKey();
    void showKeys(const QList<core::ApiKey> &keys);
    core::RestServerOptions currentOptions() const;

    Services *m_services;
    core::Workspace *m_workspace;
    QPointer<core::RestService> m_service;
    QCheckBox *m_run;
    QSpinBox *m_port;
    QComboBox *m_bind;
    QDoubleSpinBox *m_rate;
    QLineEdit *m_cors;
    QLabel *m_status;
    QTableWidget *m_keys;
    QLineEdit *m_keyName;
    QPushButton *m_create;
    QPushButton *m_revoke;
    QLineEdit *m_newKey;
    QLabel *m_newKeyNote;
};

} // namespace podtrends::ui
