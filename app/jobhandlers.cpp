#include "jobhandlers.h"

#include <core/jobs/jobhandlers.h>

namespace podtrends::app {

void registerJobHandlers()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    // Feature services register here as they land, e.g.
    // core::JobHandlers::registerHandler(QStringLiteral("scrape"), &scrapeJob);
}

} // namespace podtrends::app
