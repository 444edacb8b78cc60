#pragma once

#include <core/domain/design.h>
#include <core/util/result.h>

#include <QSize>

#include <optional>

namespace podtrends::core {

/**
 * The print file a product is made from: the design's own file for that product (the mug's
 * wrap, the poster, the tote) when it has one, else its main (T-shirt front) file. A remote
 * design (https) has one file for everything.
 */
QString printFileFor(const Design &design, ProductKind product);

/**
 * Whether a design may be published as a product (its main product when none is given): the
 * print file for it exists, is a readable image of the size its print specification gives, and
 * every check recorded there passed. The failure message names the first problem.
 */
Status checkReadyForPublishing(const Design &design, std::optional<ProductKind> product = std::nullopt);

} // namespace podtrends::core
