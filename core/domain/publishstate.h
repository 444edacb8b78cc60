#pragma once

#include <core/domain/publishplan.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace podtrends::core {

enum class DesignStatus : quint8;

/** The publisher's steps, in order. Stored as their keys ("check", "public_file", …). */
enum class PublishStep : quint8 { Check, PublicFile, PrintfulFile, PrintfulProduct, ShopifyProduct, Finish };

/** "check", "public_file", "printful_file", "printful_product", "shopify_product", "finish". */
const QString &toKey(PublishStep step);
std::optional<PublishStep> publishStepFromKey(QStringView key);
/** A translated label ("Printful product"). */
QString publishStepLabel(PublishStep step);
QList<PublishStep> allPublishSteps();

/** Where one step stands in the saved state. Stored as its key (not started: no key). */
enum class PublishStepStatus : quint8 { NotStarted, Waiting, Done, Failed, Cancelled };

/** "", "waiting", "done", "failed", "cancelled". */
const QString &toKey(PublishStepStatus status);
std::optional<PublishStepStatus> publishStepStatusFromKey(QStringView key);

/** A step's saved status and, when it failed, the reason (already redacted). */
struct PublishStepRecord
{
    PublishStepStatus status = PublishStepStatus::NotStarted;
    QString error;

    bool isDone() const { return status == PublishStepStatus::Done; }

    friend bool operator==(const PublishStepRecord &, const PublishStepRecord &) = default;
};

/** The print file made public: Shopify's staged upload, its Files entry, and the public URL. */
struct PublicFileRecord : PublishStepRecord
{
    QString resourceUrl;
    QString shopifyFileId;
    QString url;

    friend bool operator==(const PublicFileRecord &, const PublicFileRecord &) = default;
};

/** The Printful library file the variants print. */
struct PrintfulFileRecord : PublishStepRecord
{
    qint64 id = 0;
    QString previewUrl;

    friend bool operator==(const PrintfulFileRecord &, const PrintfulFileRecord &) = default;
};

/** The Printful sync product (created, or found by its external id). */
struct PrintfulProductRecord : PublishStepRecord
{
    qint64 id = 0;
    QString externalId;
    QString url;               ///< Printful's dashboard page of the product
    bool foundExisting = false;

    friend bool operator==(const PrintfulProductRecord &, const PrintfulProductRecord &) = default;
};

/** The Shopify product and the images uploaded for it. */
struct ShopifyProductRecord : PublishStepRecord
{
    QString id;                   ///< Shopify's gid
    QString handle;
    QString productStatus;        ///< Shopify's status of the product ("DRAFT")
    QString adminUrl;
    QMap<QString, QString> media; ///< local image path → its uploaded resource URL (each uploaded once)

    friend bool operator==(const ShopifyProductRecord &, const ShopifyProductRecord &) = default;
};

/** The step that failed last and why. */
struct PublishError
{
    PublishStep step = PublishStep::Check;
    QString message;
    QDateTime at;

    friend bool operator==(const PublishError &, const PublishError &) = default;
};

/**
 * A design's publishing progress (designs.publish_state): each step's result, the plan every
 * retry sends again, the last error. Saved after every step so a crash, cancel or error resumes
 * where it stopped.
 */
struct PublishState
{
    PublishStepRecord check;
    PublicFileRecord publicFile;
    PrintfulFileRecord printfulFile;
    PrintfulProductRecord printfulProduct;
    ShopifyProductRecord shopifyProduct;
    PublishStepRecord finish;
    std::optional<PublishPlan> plan;
    std::optional<PublishError> lastError;
    QDateTime publishedAt;

    /** The status and error of any step. */
    PublishStepRecord &record(PublishStep step);
    const PublishStepRecord &record(PublishStep step) const;
    bool isDone(PublishStep step) const { return record(step).isDone(); }
    /** Whether an earlier attempt created anything at Shopify or Printful (the plan is then kept). */
    bool anyCreated() const;
    bool isEmpty() const { return *this == PublishState(); }

    /**
     * {"steps": {"check": {"status", "error"}, "public_file": {…, "resource_url", "shopify_file_id",
     * "url"}, "printful_file": {…, "id", "preview_url"}, "printful_product": {…, "id", "external_id",
     * "url", "found_existing"}, "shopify_product": {…, "id", "handle", "product_status", "admin_url",
     * "media": {path: url}}, "finish": {…}}, "plan": {…}, "last_error": {"step", "message", "at"},
     * "published_at"}. Steps not started are left out.
     */
    QJsonObject toJson() const;
    static PublishState fromJson(const QJsonObject &object);

    friend bool operator==(const PublishState &, const PublishState &) = default;
};

/** What a publish run ended with: the design's status and its saved state (ids, URLs, plan). */
struct PublishOutcome
{
    qint64 designId = 0;
    DesignStatus status{};
    PublishState state;

    QString printfulUrl() const { return state.printfulProduct.url; }
    QString shopifyAdminUrl() const { return state.shopifyProduct.adminUrl; }
    /**
     * The command line's and the job result's summary: {design_id, status, public_file_url,
     * printful{file_id, product_id, external_id, url}, shopify{product_id, handle, status,
     * admin_url}, skus[]}; ids and URLs not made yet are null.
     */
    QJsonObject toJson() const;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::PublishOutcome)
