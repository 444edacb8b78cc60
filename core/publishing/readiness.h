#pragma once

#include <core/domain/design.h>
#include <core/util/result.h>

#include <QSize>

namespace podtrends::core {

/**
 * Whether a design may be published: its main print file exists, is a readable image of the
 * size its print specification gives, and every check recorded there passed. The failure
 * message names the first problem.
 */
Status checkReadyForPublishing(const Design &design);

} // namespace podtrends::core
