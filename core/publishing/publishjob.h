#pragma once

#include <core/jobs/jobhandlers.h>

namespace podtrends::core {

/**
 * The "publish" job kind, so `podtrends worker` processes publish designs queued in a shared
 * database. Payload: a PublishJob (all but the design optional; both targets when neither is
 * given). Credentials come from the worker's environment or keychain. Resumable like every
 * publish. Its result is the run's PublishJobResult.
 */
Result<JobResult> runPublishJob(JobContext &context);

/** Registers runPublishJob as the handler of the "publish" kind. */
void registerPublishJobHandler();

} // namespace podtrends::core
