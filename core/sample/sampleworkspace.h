#pragma once

#include <core/storage/databaseconfig.h>
#include <core/util/result.h>

#include <QStringList>

namespace podtrends::core {

/**
 * The bundled sample workspace: made-up shops (resources/sample, every shop named "Sample …")
 * that a new seller imports into a database of its own, so trying the app never mixes example
 * listings into real research. Everything lives in one folder under the data folder (the
 * database, the copied files, the generated designs), so removing the sample is deleting it.
 */
namespace sampleworkspace {

/** The sample's folder: sample-workspace/ in the data folder. */
QString folder();
/** Its SQLite database (inside folder()). */
QString databasePath();
/** Where designs generated in the sample go (inside folder(), never beside real designs). */
QString designsFolder();
/** True when the configuration is the sample's database. */
bool isSample(const DatabaseConfig &config);
/** True while the sample's folder exists. */
bool exists();

/**
 * Copies the bundled files into folder()/files, with their listing dates set relative to today,
 * and returns their paths (blocking: call on a pool thread). Replaces an earlier copy.
 */
Result<QStringList> extractFiles();

/** Deletes the sample's folder (its database must be closed first; blocking). */
Status remove();

} // namespace sampleworkspace
} // namespace podtrends::core
