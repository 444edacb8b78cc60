#pragma once

#include <core/domain/design.h>
#include <core/util/result.h>

#include <QSize>

namespace podtrends::core {

/**
 * Whether a design may be published: its main print file exists, is a readable image of the
 * size its print_specifications give, and every check recorded there passed. The failure
 * message names the first problem.
 */
Status checkReadyForPublishing(const Design &design);

/** The pixel size print_specifications expects of the main (t-shirt front) file, if it says. */
QSize expectedPrintSize(const QJsonObject &printSpecifications);

} // namespace podtrends::core
