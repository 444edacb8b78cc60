#include "apikeyswidget.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QtConcurrent>

namespace podtrends::ui {

using Key = core::SecretStore::Key;

ApiKeysWidget::ApiKeysWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Keys are stored in your system keychain and are never written to the settings file, the database or the logs. "
                                "An environment variable with the name shown overrides the keychain."), this);
    intro->setWordWrap(true);
    form->addRow(intro);
    for (Key key : {Key::EtsyApiKey, Key::PrintfulToken, Key::ShopifyToken, Key::ShopifyClientSecret, Key::OpenAiApiKey}) {
        auto *row = new QHBoxLayout;
        auto *edit = new QLineEdit(this);
        edit->setEchoMode(QLineEdit::Password);
        edit->setClearButtonEnabled(true);
        auto *state = new QLabel(this);
        auto *save = new QPushButton(tr("Save"), this);
        row->addWidget(edit, 1);
        row->addWidget(save);
        row->addWidget(state);
        form->addRow(core::SecretStore::label(key) + QLatin1Char(':'), row);
        if (core::SecretStore::overriddenByEnvironment(key)) {
            edit->setEnabled(false);
            save->setEnabled(false);
            edit->setPlaceholderText(tr("set by %1").arg(core::SecretStore::envName(key)));
            continue;
        }
        edit->setPlaceholderText(tr("not set (or %1)").arg(core::SecretStore::envName(key)));
        QPointer<QLabel> stateGuard(state);
        core::SecretStore::readAsync(key, this, [stateGuard, edit](core::Result<QString> r) {
            if (!stateGuard)
                return;
            if (!r)
                stateGuard->setText(tr("keychain unavailable"));
            else if (!r->isEmpty())
                edit->setPlaceholderText(tr("saved in the keychain"));
        });
        connect(save, &QPushButton::clicked, this, [this, key, edit, stateGuard] {
            const QString value = edit->text().trimmed();
            stateGuard->setText(tr("saving…"));
            QtConcurrent::run([key, value] {
                return value.isEmpty() ? core::SecretStore::remove(key) : core::SecretStore::write(key, value);
            }).then(this, [edit, stateGuard, value](core::Status s) {
                if (!stateGuard)
                    return;
                stateGuard->setText(s ? (value.isEmpty() ? tr("cleared") : tr("saved")) : s.errorMessage());
                if (s)
                    edit->clear();
            });
        });
    }
}

} // namespace podtrends::ui
