#pragma once

namespace podtrends::app {

/** Builds the services and runs either the window or a headless command. */
int run(int argc, char *argv[]);

} // namespace podtrends::app
