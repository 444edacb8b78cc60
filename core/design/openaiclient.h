#pragma once

#include <core/util/result.h>

#include <QJsonObject>
#include <QUrl>

#include <atomic>

namespace podtrends::core {

/**
 * A minimal blocking JSON-over-HTTP client for the design providers, used on worker threads:
 * each call makes its own QNetworkAccessManager on the calling thread and spins a local event
 * loop with a timeout and a cancel check. Plain http is refused except to loopback.
 * TODO: move to core/net/HttpClient once it has landed (retries and rate limits live there).
 */
namespace openaiclient {

/** POSTs body as JSON with a bearer key; returns the JSON object of a 2xx answer. */
Result<QJsonObject> postJson(const QUrl &url, const QJsonObject &body, const QString &apiKey, int timeoutMs,
                             const std::atomic_bool *cancel);
/** {base}/{path} with exactly one slash between. */
QUrl endpoint(const QString &base, const QString &path);

} // namespace openaiclient
} // namespace podtrends::core
