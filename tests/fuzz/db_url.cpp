// The --db argument: a SQLite path or a postgres:// URL (DatabaseConfig::parse). What parses
// must give a spec() that parses to the same configuration.
#include "fuzzsupport.h"

#include <core/storage/databaseconfig.h>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace podtrends::core;
    podtrends::fuzz::ensureApp();
    auto config = DatabaseConfig::parse(QString::fromUtf8(podtrends::fuzz::bytes(data, size)));
    if (!config)
        return 0;
    (void)config->displayName();
    auto again = DatabaseConfig::parse(config->spec());
    if (!again || again->dialect != config->dialect || again->sqlitePath != config->sqlitePath || again->host != config->host
        || again->port != config->port || again->user != config->user || again->password != config->password
        || again->databaseName != config->databaseName)
        std::abort(); // spec() does not round-trip
    return 0;
}
