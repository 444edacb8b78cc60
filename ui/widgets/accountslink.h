#pragma once

#include <QString>
#include <QUrl>

class QLabel;

namespace podtrends::ui {

/** The in-app address of Settings → Accounts; MainWindow handles the "podtrends" scheme. */
QUrl accountsUrl();
/** HTML for a message: escaped, with "Settings → Accounts" turned into a link to that tab. */
QString withAccountsLink(const QString &message);
/** Shows message in label with a working Settings → Accounts link. */
void setAccountsMessage(QLabel *label, const QString &message);

} // namespace podtrends::ui
