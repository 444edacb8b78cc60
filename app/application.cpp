#include "application.h"

#include "cli/cli.h"
#include "servicelayer.h"

#include <core/storage/databaseconfig.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>
#include <core/util/logging.h>
#include <core/util/settings.h>
#include <core/util/translations.h>
#include <ui/mainwindow.h>

#include <QApplication>
#include <QDir>
#include <QFile>

#include <unistd.h>
#include <QGuiApplication>

namespace podtrends::app {

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("PodTrends"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("podtrends.app"));
    QCoreApplication::setApplicationName(QStringLiteral("podtrends"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PODTRENDS_VERSION));
}

QString takeOption(const QStringList &args, const QString &name)
{
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == name && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(name + QLatin1Char('=')))
            return args.at(i).mid(name.size() + 1);
    }
    return {};
}

} // namespace

int run(int argc, char *argv[])
{
    QStringList raw;
    for (int i = 0; i < argc; ++i)
        raw << QString::fromLocal8Bit(argv[i]);
    setIdentity();

    if (isCliInvocation(raw)) {
        // Headless: fonts and QPainter need a QGuiApplication, but never a display.
        if (!qEnvironmentVariableIsSet("XDG_RUNTIME_DIR")) {
            // Keeps QStandardPaths quiet on servers without a login session.
            const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/podtrends-runtime-" + QByteArray::number(getuid());
            QDir().mkpath(QString::fromLocal8Bit(dir));
            QFile::setPermissions(QString::fromLocal8Bit(dir), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            qputenv("XDG_RUNTIME_DIR", dir);
        }
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        setIdentity();
        core::installTranslations(&app);
        if (takeOption(raw, QStringLiteral("--log-json")).isEmpty())
            core::installLogging(QString(), nullptr, QtWarningMsg);
        return runCli(raw);
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("POD Trends"));
    QApplication::setDesktopFileName(QStringLiteral("app.podtrends.PodTrends"));
    core::installTranslations(&app);
    core::installLogging(takeOption(raw, QStringLiteral("--log-json")));

    // The composition root: the workspace follows the open database, AppServices builds that
    // database's service layer, and the window's pages receive the services from it.
    core::Workspace workspace;
    AppServices services(&workspace, ServiceLayerOptions{.schedule = true, .watchChanges = true});
    ui::MainWindow window(services.services(), takeOption(raw, QStringLiteral("--db")));
    window.show();
    return app.exec();
}

} // namespace podtrends::app
