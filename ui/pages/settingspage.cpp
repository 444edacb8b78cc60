#include "settingspage.h"

#include <core/secrets/secretstore.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>
#include <core/util/settings.h>
#include <core/util/translations.h>
#include <ui/dialogs/databasedialog.h>
#include <ui/services.h>
#include <ui/widgets/apikeyswidget.h>
#include <ui/widgets/pageheader.h>
#include <ui/widgets/publishingsettingswidget.h>
#include <ui/widgets/restapisettings.h>
#include <ui/widgets/scoringsettings.h>

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QHash>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace podtrends::ui {

SettingsPage::SettingsPage(Services *services, QWidget *parent)
    : QWidget(parent)
    , m_workspace(services->workspace())
{
    core::Workspace *workspace = m_workspace;
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addWidget(new PageHeader(tr("Settings"), tr("Where data lives, your accounts and how features behave."), this));
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs, 1);
    addTab(createDatabaseTab(), tr("Database"));
    m_accounts = new ApiKeysWidget(this);
    addTab(m_accounts, tr("Accounts"));
    addTab(new PublishingSettingsWidget(this), tr("Publishing"));
    addTab(new RestApiSettings(services, this), tr("REST API"));
    addTab(new ScoringSettings(this), tr("Scoring"));
    addTab(createLanguageTab(), tr("Language"));
    connect(workspace, &core::Workspace::databaseChanged, this, &SettingsPage::updateDatabaseInfo);
}

void SettingsPage::showAccounts()
{
    m_tabs->setCurrentWidget(m_accounts);
}

void SettingsPage::addTab(QWidget *tab, const QString &title)
{
    m_tabs->addTab(tab, title);
}

QWidget *SettingsPage::createDatabaseTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    m_databaseInfo = new QLabel(tab);
    m_databaseInfo->setWordWrap(true);
    m_databaseInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *change = new QPushButton(tr("&Change database…"), tab);
    connect(change, &QPushButton::clicked, this, &SettingsPage::changeDatabase);
    layout->addWidget(m_databaseInfo);
    layout->addWidget(change, 0, Qt::AlignLeft);
    layout->addStretch(1);
    updateDatabaseInfo();
    return tab;
}

QWidget *SettingsPage::createLanguageTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    auto *form = new QFormLayout;
    auto *language = new QComboBox(tab);
    language->setObjectName(QStringLiteral("languageCombo"));
    language->setAccessibleName(tr("Language"));
    // Each language is named in itself, so a seller finds theirs whatever the app speaks now.
    const QLocale system = QLocale::system();
    language->addItem(tr("Same as the system (%1)").arg(system.nativeLanguageName()), QString());
    for (const QString &code : core::availableLanguages()) {
        // Qt's native names carry the region for some ("español de España"); ours are plain.
        static const QHash<QString, QString> names{{QStringLiteral("en"), QStringLiteral("English")},
                                                   {QStringLiteral("de"), QStringLiteral("Deutsch")},
                                                   {QStringLiteral("es"), QStringLiteral("Español")}};
        QString name = names.value(code, QLocale(code).nativeLanguageName());
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        language->addItem(name, code);
    }
    language->setCurrentIndex(std::max(0, language->findData(core::chosenLanguage())));
    form->addRow(tr("&Language:"), language);
    layout->addLayout(form);
    auto *note = new QLabel(tr("The window switches at once. Numbers, prices and dates follow the language you choose."), tab);
    note->setWordWrap(true);
    layout->addWidget(note);
    layout->addStretch(1);
    connect(language, &QComboBox::activated, this, [language](int index) {
        const QString code = language->itemData(index).toString();
        if (code == core::chosenLanguage())
            return;
        core::setChosenLanguage(code);
        // Every widget receives QEvent::LanguageChange; the window rebuilds its pages in the new language.
        core::installTranslations(qApp, core::chosenLocale());
    });
    return tab;
}

void SettingsPage::updateDatabaseInfo()
{
    const auto db = m_workspace->database();
    if (!db) {
        m_databaseInfo->setText(tr("No database is open."));
        return;
    }
    m_databaseInfo->setText(db->isPostgres()
                                ? tr("Working on the PostgreSQL server <b>%1</b>, shared with your team.").arg(db->config().displayName().toHtmlEscaped())
                                : tr("Working offline on the SQLite file <b>%1</b>.").arg(db->config().displayName().toHtmlEscaped()));
}

void SettingsPage::changeDatabase()
{
    core::DatabaseConfig current;
    if (const auto db = m_workspace->database())
        current = db->config();
    else
        current.sqlitePath = core::DatabaseConfig::defaultSqlitePath();
    DatabaseDialog dialog(current, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    core::DatabaseConfig chosen = dialog.config();
    // The password goes to the keychain; the settings file keeps the rest.
    const QString password = chosen.password;
    chosen.password.clear();
    core::settings::setDatabaseSpec(chosen.spec());
    if (chosen.dialect == core::Dialect::PostgreSQL && !password.isEmpty()) {
        core::SecretStore::writeAsync(core::SecretStore::Key::DatabasePassword, password, this, [](core::Status s) {
            if (!s)
                core::ActivityLog::instance()->warning(tr("Database"), s.errorMessage());
        });
    }
    chosen.password = password;
    Q_EMIT databaseChosen(chosen.spec());
}

} // namespace podtrends::ui
