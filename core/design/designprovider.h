#pragma once

#include <core/design/artwork.h>
#include <core/util/result.h>

#include <atomic>
#include <memory>

namespace podtrends::core {

/**
 * Makes the artwork for one brief. create() is called concurrently from pool threads (one call
 * per variant) and blocks its thread; it checks *cancel and gives up early when it is set.
 */
class DesignProvider
{
public:
    virtual ~DesignProvider() = default;
    /** "builtin", "openai". */
    virtual QString name() const = 0;
    virtual Result<ArtworkPtr> create(const DesignBrief &brief, const std::atomic_bool *cancel) = 0;
};

/** The offline renderer: original designs drawn with QPainter, deterministic for a seed. */
class BuiltinProvider final : public DesignProvider
{
public:
    BuiltinProvider() = default;
    QString name() const override { return QStringLiteral("builtin"); }
    Result<ArtworkPtr> create(const DesignBrief &brief, const std::atomic_bool *cancel) override;
};

} // namespace podtrends::core
