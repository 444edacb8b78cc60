#pragma once

#include <core/api/restserver.h>

namespace podtrends::core::restsettings {

/** Whether the app runs the REST API while it is open (Settings › REST API). */
bool runInApp();
void setRunInApp(bool on);
/** The saved listening options (port, bind address, rate limit, CORS origins). */
RestServerOptions options();
void setOptions(const RestServerOptions &options);

} // namespace podtrends::core::restsettings
