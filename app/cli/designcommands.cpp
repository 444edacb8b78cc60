// Placeholder until design generation (issue 5) lands; the owning feature replaces this file.
#include "cli.h"

#include <QCoreApplication>

namespace podtrends::app {

int generateCommand(CliContext &ctx)
{
    return ctx.fail(QCoreApplication::translate("Cli", "This command is not available in this build yet."), 1);
}

} // namespace podtrends::app
