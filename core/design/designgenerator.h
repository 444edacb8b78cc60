#pragma once

#include <core/design/openaiprovider.h>
#include <core/domain/design.h>
#include <core/storage/database.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace podtrends::core {

/** What to generate. */
struct GenerateRequest
{
    qint64 trendId = 0;
    int variants = 3;
    QString provider = QStringLiteral("builtin");   ///< builtin | openai
    std::optional<quint32> seed;                     ///< random when unset (recorded in the metadata)
    QString outputRoot;                              ///< default: designs/ in the data folder
    OpenAiSettings openai;                           ///< used when provider is "openai"
};

/** How one variant went. */
struct VariantOutcome
{
    int variant = 0;
    qint64 designId = 0;    ///< 0 when it failed
    QString error;          ///< one line, names the variant's problem
    QString warning;        ///< e.g. a protected name in the slogan
};

struct GenerateReport
{
    QList<Design> designs;          ///< the stored drafts, variant order
    QList<VariantOutcome> variants;
    bool cancelled = false;
};

/** Called from worker threads: done steps of total, and what just happened. */
using GenerateProgress = std::function<void(int done, int total, const QString &step)>;

/**
 * Trend → PromptBuilder → provider → print files → mockups → safety check → designs rows
 * (status draft), with the variants in parallel. Blocking: run it on a worker thread (the GUI)
 * or in the CLI. A failing variant is reported and the others continue.
 */
class DesignGenerator final
{
public:
    explicit DesignGenerator(std::shared_ptr<Database> db);

    Result<GenerateReport> generate(const GenerateRequest &request, const GenerateProgress &progress = {},
                                    const std::atomic_bool *cancel = nullptr);

    /** The provider for a name, or an error naming the choices (code 2). */
    static Result<std::shared_ptr<class DesignProvider>> makeProvider(const QString &name, const OpenAiSettings &openai);
    /** <data folder>/designs. */
    static QString defaultOutputRoot();
    /** Renders files and mockups for a brief into dir and fills the design's file columns. */
    static Status renderInto(Design &design, const class Artwork &artwork, const QString &dir);

private:
    std::shared_ptr<Database> m_db;
};

} // namespace podtrends::core
