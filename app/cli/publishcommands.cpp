// Placeholder until publishing (issue 6) lands; the owning feature replaces this file.
#include "cli.h"

#include <QCoreApplication>

namespace podtrends::app {

int publishCommand(CliContext &ctx)
{
    return ctx.fail(QCoreApplication::translate("Cli", "This command is not available in this build yet."), 1);
}

} // namespace podtrends::app
