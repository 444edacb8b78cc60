#include "accountslink.h"

#include <QCoreApplication>
#include <QLabel>

namespace podtrends::ui {

QUrl accountsUrl()
{
    return QUrl(QStringLiteral("podtrends:settings/accounts"));
}

QString withAccountsLink(const QString &message)
{
    // The phrase is translated with the message that contains it (core's SecretStore).
    const QString phrase = QCoreApplication::translate("SecretStore", "Settings → Accounts");
    QString html = message.toHtmlEscaped();
    html.replace(phrase.toHtmlEscaped(), QStringLiteral("<a href=\"%1\">%2</a>").arg(accountsUrl().toString(), phrase.toHtmlEscaped()));
    return html;
}

void setAccountsMessage(QLabel *label, const QString &message)
{
    const QString phrase = QCoreApplication::translate("SecretStore", "Settings → Accounts");
    if (!message.contains(phrase)) {
        label->setTextFormat(Qt::PlainText);
        label->setText(message);
        return;
    }
    label->setTextFormat(Qt::RichText);
    label->setOpenExternalLinks(true);
    // The link is reached with Tab and followed with Enter, not only clicked.
    label->setTextInteractionFlags(Qt::TextBrowserInteraction); // QDesktopServices dispatches the scheme to MainWindow
    label->setText(withAccountsLink(message));
}

} // namespace podtrends::ui
