// Placeholder until team features (issue 7) lands; the owning feature replaces this file.
#include "cli.h"

#include <QCoreApplication>

namespace podtrends::app {

int workerCommand(CliContext &ctx)
{
    return ctx.fail(QCoreApplication::translate("Cli", "This command is not available in this build yet."), 1);
}

int serveCommand(CliContext &ctx)
{
    return ctx.fail(QCoreApplication::translate("Cli", "This command is not available in this build yet."), 1);
}

} // namespace podtrends::app
