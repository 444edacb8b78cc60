#pragma once

#include <core/domain/marketplace.h>
#include <core/util/result.h>

#include <QJsonObject>
#include <QStringList>

#include <optional>
#include <variant>

namespace podtrends::core {

enum class JobKind : quint8;

/**
 * What a "scrape" job collects: a source (queued by the schedule, {"source_id": N}), or a
 * marketplace and a target (a run this process records itself, {"marketplace", "target",
 * "max_pages", "limit"}).
 */
struct ScrapeJob
{
    std::optional<qint64> sourceId;
    std::optional<Marketplace> marketplace;
    QString target;                ///< store URL or keywords, with marketplace
    std::optional<int> maxPages;
    std::optional<int> limit;

    friend bool operator==(const ScrapeJob &, const ScrapeJob &) = default;
};

/** The files an "import" job reads ({"paths": [...]}). */
struct ImportJob
{
    QStringList paths;

    friend bool operator==(const ImportJob &, const ImportJob &) = default;
};

/** An "analyze" job: {} or {"min_products": N}; 0 keeps the settings' minimum. */
struct AnalyzeJob
{
    int minProducts = 0;

    friend bool operator==(const AnalyzeJob &, const AnalyzeJob &) = default;
};

/** A "generate" job: {"trend_id": N, "variants": N, "provider": "builtin" | "openai"}. */
struct GenerateJob
{
    qint64 trendId = 0;
    int variants = 3;
    QString provider;              ///< empty: the built-in renderer

    friend bool operator==(const GenerateJob &, const GenerateJob &) = default;
};

/**
 * A "publish" job: {"design_id": N, "printful": bool, "shopify": bool, "product_type": "tshirt",
 * "colours": [...], "sizes": [...]}; all but design_id optional, both targets when neither is set.
 */
struct PublishJob
{
    qint64 designId = 0;
    std::optional<bool> printful;
    std::optional<bool> shopify;
    QString productType;           ///< empty: the publisher's default
    QStringList colours;
    QStringList sizes;

    friend bool operator==(const PublishJob &, const PublishJob &) = default;
};

/** The test kind "noop": no parameters. */
struct NoopJob
{
    friend bool operator==(const NoopJob &, const NoopJob &) = default;
};

/** The test kind "sleep": {"ms": N, "record": bool}. */
struct SleepJob
{
    int ms = 100;
    bool record = false;

    friend bool operator==(const SleepJob &, const SleepJob &) = default;
};

/**
 * A job's parameters, one type per kind. std::monostate: none given (stored as {}); a handler
 * then sees its kind's defaults (jobPayloadAs).
 */
using JobPayload = std::variant<std::monostate, ScrapeJob, ImportJob, AnalyzeJob, GenerateJob, PublishJob, NoopJob, SleepJob>;

/** The kind a payload belongs to; nullopt for std::monostate. */
std::optional<JobKind> kindOf(const JobPayload &payload);

/** The payload as its kind's type, or that type's defaults when it holds none or another kind's. */
template <typename T>
T jobPayloadAs(const JobPayload &payload)
{
    if (const T *p = std::get_if<T>(&payload))
        return *p;
    return T{};
}

/**
 * The one JSON pair of job payloads (the jobs.payload column, REST and `--json`). The text is the
 * one stored before payloads were typed: keys a payload does not set are left out.
 */
QJsonObject toJson(const JobPayload &payload);
/** Reads a stored payload of the given kind. Unknown keys are ignored; a value of the wrong type
 *  or an unknown marketplace is an Error that names the key. */
Result<JobPayload> jobPayloadFromJson(JobKind kind, const QJsonObject &object);

} // namespace podtrends::core
