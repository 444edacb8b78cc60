#pragma once

#include <core/api/apikeystore.h>
#include <core/api/restserver.h>

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

/**
 * Settings › REST API: run the local REST API inside the app (port, address, rate limit, CORS)
 * and create or revoke the API keys that external tools use. A new key is shown once.
 */
class RestApiSettings final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(RestApiSettings)
    explicit RestApiSettings(core::Workspace *workspace, QWidget *parent = nullptr);
    ~RestApiSettings() override;

    /** The running service, or null. */
    core::RestService *service() const { return m_service; }

Q_SIGNALS:
    void keysReloaded();
    void serviceStateChanged();

private:
    void applyServerState();
    void reloadKeys();
    void createKey();
    void revokeSelectedKey();
    void showKeys(const QList<core::ApiKey> &keys);
    core::RestServerOptions currentOptions() const;

    core::Workspace *m_workspace;
    core::RestService *m_service = nullptr;
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
