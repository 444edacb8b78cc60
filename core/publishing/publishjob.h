#pragma once

#include <core/jobs/jobhandlers.h>

namespace podtrends::core {

/**
 * The "publish" job kind, so `podtrends worker` processes publish designs queued in a shared
 * database. Payload: {"design_id": N, "printful": bool, "shopify": bool, "product_type": "tshirt",
 * "colours": [...], "sizes": [...]} (all but design_id optional; both targets when neither is
 * given). Credentials come from the worker's environment or keychain. Resumable like every publish.
 */
Result<QJsonObject> runPublishJob(JobContext &context);

/** Registers runPublishJob as the handler of the "publish" kind. */
void registerPublishJobHandler();

} // namespace podtrends::core
