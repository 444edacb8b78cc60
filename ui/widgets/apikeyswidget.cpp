#include "apikeyswidget.h"

#include <QButtonGroup>
#include <QDir>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace podtrends::ui {

using core::SecretStore;
using Key = SecretStore::Key;
using Fallback = SecretStore::Fallback;

ApiKeysWidget::ApiKeysWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Keys are stored in your system keychain and are never written to the settings file, the database or the logs. "
                                "An environment variable with the name shown overrides what is saved here."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    // The one notice for a desktop without a keychain, with the seller's choice.
    m_notice = new QFrame(this);
    m_notice->setObjectName(QStringLiteral("noKeychainNotice"));
    m_notice->setFrameShape(QFrame::StyledPanel);
    auto *noticeLayout = new QVBoxLayout(m_notice);
    auto *noticeText = new QLabel(tr("<b>No system keychain answered.</b> This desktop runs no keychain service (such as GNOME Keyring, "
                                     "KeePassXC or KWallet), so keys cannot be kept safely. Choose what happens to the keys you save here:"),
                                  m_notice);
    noticeText->setWordWrap(true);
    auto *session = new QRadioButton(tr("Keep them for this session only: they are forgotten when POD Trends closes"), m_notice);
    auto *file = new QRadioButton(tr("Save them in a file only you can read (less safe: any program running as you can read it)"), m_notice);
    auto *path = new QLabel(tr("File: %1").arg(QDir::toNativeSeparators(SecretStore::fallbackFilePath())), m_notice);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    path->setWordWrap(true);
    auto *retry = new QPushButton(tr("Try the keychain again"), m_notice);
    m_choice = new QButtonGroup(this);
    m_choice->addButton(session, int(Fallback::SessionOnly));
    m_choice->addButton(file, int(Fallback::File));
    noticeLayout->addWidget(noticeText);
    noticeLayout->addWidget(session);
    noticeLayout->addWidget(file);
    noticeLayout->addWidget(path);
    noticeLayout->addWidget(retry, 0, Qt::AlignLeft);
    m_notice->hide();
    layout->addWidget(m_notice);
    connect(m_choice, &QButtonGroup::idClicked, this, [this](int id) { chooseFallback(Fallback(id)); });
    connect(retry, &QPushButton::clicked, this, [this] {
        SecretStore::retryKeychain();
        m_notice->hide();
        readAll();
    });

    auto *form = new QFormLayout;
    layout->addLayout(form);
    layout->addStretch(1);
    for (Key key : {Key::EtsyApiKey, Key::PrintfulToken, Key::ShopifyToken, Key::ShopifyClientSecret, Key::OpenAiApiKey}) {
        auto *row = new QHBoxLayout;
        Row r{key, new QLineEdit(this), new QLabel(this)};
        r.edit->setEchoMode(QLineEdit::Password);
        r.edit->setAccessibleName(core::SecretStore::label(key));
        r.edit->setClearButtonEnabled(true);
        auto *saveButton = new QPushButton(tr("Save"), this);
        row->addWidget(r.edit, 1);
        row->addWidget(saveButton);
        row->addWidget(r.state);
        form->addRow(SecretStore::label(key) + QLatin1Char(':'), row);
        if (SecretStore::overriddenByEnvironment(key)) {
            r.edit->setEnabled(false);
            saveButton->setEnabled(false);
            r.edit->setPlaceholderText(tr("set by %1").arg(SecretStore::envName(key)));
        } else {
            r.edit->setPlaceholderText(tr("not set (or set %1)").arg(SecretStore::envName(key)));
            const int index = int(m_rows.size());
            connect(saveButton, &QPushButton::clicked, this, [this, index] { save(index); });
            connect(r.edit, &QLineEdit::returnPressed, this, [this, index] { save(index); });
        }
        m_rows.append(r);
    }
    readAll();
}

QWidget *ApiKeysWidget::noKeychainNotice() const
{
    return m_notice;
}

void ApiKeysWidget::readAll()
{
    for (const Row &r : std::as_const(m_rows)) {
        if (SecretStore::overriddenByEnvironment(r.key))
            continue;
        r.state->setText(tr("checking…"));
        QLineEdit *edit = r.edit;
        QLabel *state = r.state;
        // Delivered on this widget's thread, or dropped when the page is gone.
        SecretStore::readAsync(r.key, this, [this, edit, state](core::Result<QString> value) {
            if (!value) {
                state->setText(value.error().code == SecretStore::NoKeychainCode ? tr("no keychain") : tr("could not read"));
                state->setToolTip(value.errorMessage());
                if (value.error().code == SecretStore::NoKeychainCode)
                    showNoKeychain();
                return;
            }
            state->setText(value->isEmpty() ? QString() : savedText());
            if (!value->isEmpty())
                edit->setPlaceholderText(tr("saved; type to replace"));
        });
    }
}

QString ApiKeysWidget::savedText() const
{
    if (SecretStore::keychainUnavailable() && SecretStore::fallback() == Fallback::File)
        return tr("saved in the file (less safe)");
    if (SecretStore::keychainUnavailable() && SecretStore::fallback() == Fallback::SessionOnly)
        return tr("kept for this session");
    return tr("saved");
}

void ApiKeysWidget::save(int index)
{
    const Row r = m_rows.at(index);
    const QString value = r.edit->text().trimmed();
    r.state->setText(tr("saving…"));
    QLineEdit *edit = r.edit;
    QLabel *state = r.state;
    SecretStore::writeAsync(r.key, value, this, [this, index, edit, state, value](core::Status s) {
        if (!s && s.error().code == SecretStore::NoKeychainCode && SecretStore::fallback() != Fallback::Ask
            && SecretStore::keychainUnavailable()) {
            // Chosen before (an earlier session): the keychain is now known missing, so the
            // same save goes where the seller said, without asking twice.
            save(index);
            return;
        }
        if (!s && s.error().code == SecretStore::NoKeychainCode) {
            // Kept in the field until the seller chooses where it may go instead.
            if (!m_waitingForChoice.contains(index))
                m_waitingForChoice.append(index);
            state->setText(tr("choose above"));
            state->setToolTip(s.errorMessage());
            showNoKeychain();
            return;
        }
        if (!s) {
            state->setText(tr("not saved"));
            state->setToolTip(s.errorMessage());
            return;
        }
        state->setToolTip({});
        state->setText(value.isEmpty() ? tr("cleared") : savedText());
        edit->clear();
        if (!value.isEmpty())
            edit->setPlaceholderText(tr("saved; type to replace"));
    });
}

void ApiKeysWidget::showNoKeychain()
{
    if (m_notice->isVisible())
        return;
    const Fallback chosen = SecretStore::fallback();
    if (QAbstractButton *b = m_choice->button(int(chosen)))
        b->setChecked(true);
    m_notice->show();
}

void ApiKeysWidget::chooseFallback(Fallback fallback)
{
    SecretStore::setFallback(fallback);
    const QList<int> waiting = std::exchange(m_waitingForChoice, {});
    for (int index : waiting)
        save(index);
    readAll();
}

} // namespace podtrends::ui
