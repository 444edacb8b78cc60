#pragma once

#include <core/publishing/publishconfig.h>
#include <core/publishing/publishplan.h>
#include <core/storage/database.h>

#include <functional>
#include <memory>
#include <optional>

namespace podtrends::core {

/** A step changed state; `message` is the service's reason on failure, a note while waiting. */
struct PublishProgress
{
    enum class State { Running, Waiting, Done, Skipped, Failed };
    qint64 designId = 0;
    PublishStep step = PublishStep::Check;
    State state = State::Running;
    QString message;
};

/**
 * Publishes a design: print file made public (Shopify Files) → Printful library file →
 * Printful sync product → Shopify draft product → design `published`.
 *
 * Each step's result is written to designs.publish_state before the next step starts, so a
 * crash, cancel or error resumes where it stopped; external ids and lookups (Printful
 * @external_id, Shopify handle) make each create idempotent. Blocking: run it on a worker
 * thread (PublishQueue) or from the command line; one Publisher per thread.
 */
class Publisher final
{
public:
    Q_DISABLE_COPY_MOVE(Publisher)
    Publisher(std::shared_ptr<Database> db, PublishConfig config, BlockingHttp *http);
    ~Publisher();

    void setProgressHandler(std::function<void(const PublishProgress &)> handler) { m_progress = std::move(handler); }
    /** Whether each run adds its own row to the jobs table (off when a job worker already did). */
    void setRecordJobs(bool record) { m_recordJobs = record; }

    /** The catalog product of a type (variant ids, colours, sizes, base costs); cached per run. */
    Result<CatalogProduct> catalog(const QString &productType);
    /** One catalog lookup without a publishing run (the Publish dialog's offer). Blocking. */
    static Result<CatalogProduct> fetchCatalog(const PublishConfig &config, const QString &productType);
    /** What the Publish dialog offers: Printful's catalog when it answers, else the bundled one. */
    struct Offer
    {
        std::optional<CatalogProduct> catalog; ///< `bundled` set when it is not Printful's answer
        QString error;                         ///< why Printful's catalog could not be read, or empty
    };
    /** Printful's catalog of a type, falling back to the catalogue bundled with the program. Blocking. */
    static Offer fetchOffer(const PublishConfig &config, const QString &productType);
    /** Builds a plan for a choice (catalog lookup + pricing rules from the settings). */
    Result<PublishPlan> plan(const Design &design, const PublishChoice &choice);

    /**
     * Publishes (or resumes) a design. With a choice and nothing created yet, the choice is
     * planned anew; otherwise the plan saved by the earlier attempt is used, so retries send
     * the same products, SKUs and prices. A draft whose checks pass is marked ready first.
     */
    Result<PublishOutcome> publish(qint64 designId, const std::optional<PublishChoice> &choice = std::nullopt);

private:
    struct Run;
    Status runStep(Run &run, PublishStep step);
    Status stepCheck(Run &run);
    Status stepPublicFile(Run &run);
    Status stepPrintfulFile(Run &run);
    Status stepPrintfulProduct(Run &run);
    Status stepShopifyProduct(Run &run);
    Status stepFinish(Run &run);
    Status save(Run &run, std::optional<DesignStatus> status = std::nullopt);
    void emitProgress(qint64 designId, PublishStep step, PublishProgress::State state, const QString &message = {});

    std::shared_ptr<Database> m_db;
    PublishConfig m_config;
    BlockingHttp *m_http;
    std::unique_ptr<PrintfulClient> m_printful;
    std::unique_ptr<ShopifyClient> m_shopify;
    QHash<qint64, CatalogProduct> m_catalogCache;
    std::function<void(const PublishProgress &)> m_progress;
    qint64 m_currentDesign = 0;
    bool m_recordJobs = true;
    PublishStep m_currentStep = PublishStep::Check;
};

} // namespace podtrends::core
