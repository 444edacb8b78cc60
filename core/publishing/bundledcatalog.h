#pragma once

#include <core/publishing/printfulclient.h>

#include <optional>

namespace podtrends::core::bundledcatalog {

/**
 * The Printful catalogue products POD Trends offers, as bundled with the program
 * (resources/catalog/printful-catalog.json): what the Publish dialog offers when Printful cannot
 * be reached or no token is set. Products captured from Printful carry their variant ids and base
 * prices; the others only their colours and sizes (ids 0, prices 0), which publishing always
 * reads from Printful. The result has `bundled` set.
 */
std::optional<CatalogProduct> product(qint64 catalogProductId);

} // namespace podtrends::core::bundledcatalog
