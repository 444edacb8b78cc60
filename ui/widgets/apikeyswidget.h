#pragma once

#include <core/secrets/secretstore.h>

#include <QWidget>

class QButtonGroup;
class QFrame;
class QLabel;
class QLineEdit;

namespace podtrends::ui {

/**
 * Settings → Accounts: enter, replace or clear the API keys and tokens. They go to the system
 * keychain; when no keychain answers, one notice says so and offers the choice between keeping
 * keys for this session only and a file readable only by the user (marked less safe).
 * Every keychain call is asynchronous: closing the page drops answers still on their way.
 */
class ApiKeysWidget final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ApiKeysWidget)
    explicit ApiKeysWidget(QWidget *parent = nullptr);

    /** The no-keychain notice with the fallback choice (for tests and screenshots). */
    QWidget *noKeychainNotice() const;

private:
    struct Row
    {
        core::SecretStore::Key key;
        QLineEdit *edit = nullptr;
        QLabel *state = nullptr;
    };
    void readAll();
    void save(int row);
    void showNoKeychain();
    void chooseFallback(core::SecretStore::Fallback fallback);
    QString savedText() const;

    QList<Row> m_rows;
    QFrame *m_notice = nullptr;
    QButtonGroup *m_choice = nullptr;
    QList<int> m_waitingForChoice; ///< rows whose save failed for want of a keychain
};

} // namespace podtrends::ui
