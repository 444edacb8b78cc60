#pragma once

#include <core/net/httptypes.h>
#include <core/util/result.h>

#include <QJsonObject>
#include <QUrl>

#include <atomic>

namespace podtrends::core {

/**
 * Requests to an OpenAI-compatible server (API-CONTRACTS.md §6) over the one network stack
 * (BlockingHttp): a JSON POST with a bearer key, its transport policy, and the reading of the
 * answer or the {"error":{"message"}} body. Blocking: used on the design generation's threads.
 */
namespace openaiclient {

/** The transport policy: `timeoutMs` bounds the whole call; 429 waits are honoured, nothing else is repeated. */
HttpSettings httpSettings(int timeoutMs);
/** The request postJson() sends. */
HttpRequest request(const QUrl &url, const QJsonObject &body, const QString &apiKey, int timeoutMs);
/** The JSON object of a 2xx answer, or a one-line error naming the host. */
Result<QJsonObject> parseReply(const QUrl &url, const HttpReply &reply);
/** POSTs body as JSON with a bearer key; returns the JSON object of a 2xx answer. */
Result<QJsonObject> postJson(const QUrl &url, const QJsonObject &body, const QString &apiKey, int timeoutMs,
                             const std::atomic_bool *cancel);
/** {base}/{path} with exactly one slash between. */
QUrl endpoint(const QString &base, const QString &path);

} // namespace openaiclient
} // namespace podtrends::core
