#pragma once

#include "fakeprintful.h"
#include "fakeshopify.h"

#include <core/domain/design.h>
#include <core/publishing/publishconfig.h>
#include <core/storage/database.h>

#include <QList>

#include <memory>

namespace podtrends::test {

inline const QString kPrintfulToken = QStringLiteral("pf-test-token-7Hq2ZkV9xR4mW8nB");
inline const QString kPrintfulStore = QStringLiteral("10");
inline const QString kShopifyToken = QStringLiteral("shpat_test_4f9c2b7e1a0d8c6b5e3f");
inline const QString kShopifyVersion = QStringLiteral("2025-01");

/** A real 1800×2400 print PNG and a JPEG mockup in `dir`, and a design row pointing at them. */
qint64 insertDesign(const std::shared_ptr<core::Database> &db, const QString &dir, bool checksPass = true,
                    core::DesignStatus status = core::DesignStatus::Draft);

/**
 * Designs made the way a seller's are: the collection fixtures through the real importer, the
 * real analysis, then `count` variants of the top niche from the built-in provider into
 * `dir`/designs (each with its T-shirt, mug, poster and tote print files and mockups). Empty,
 * with a failed QVERIFY, when a step fails.
 */
QList<core::Design> generateDesigns(const std::shared_ptr<core::Database> &db, const QString &dir, int count);

/** Options pointing the real clients at the fakes, with short polls and backoffs for tests. */
core::PublishConfig fakeConfig(const FakePrintful &printful, const FakeShopify &shopify);

} // namespace podtrends::test
