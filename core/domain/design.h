#pragma once

#include <core/domain/designbrief.h>
#include <core/domain/printspec.h>
#include <core/domain/publishstate.h>

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace podtrends::core {

/** A design's lifecycle: draft → ready → published. Stored as its key. */
enum class DesignStatus : quint8 { Draft, Ready, Published };

/** "draft", "ready", "published". */
const QString &toKey(DesignStatus status);
std::optional<DesignStatus> designStatusFromKey(QStringView key);
/** A translated word for the status ("draft", "ready", "published"). */
QString displayName(DesignStatus status);

/** A generated design (the seed's designs table). Status lifecycle: draft → ready → published. */
struct Design
{
    qint64 id = 0;
    qint64 trendId = 0;
    QString title;
    QString description;
    QString designPrompt;
    DesignMetadata designMetadata;    ///< the brief (colours, style, slogan, provider, seed), safety, tags
    QString imageUrl;                 ///< path of the main (t-shirt front) print file
    QStringList mockupUrls;           ///< paths of the mockup images
    PrintSpecification printSpecifications; ///< per product: placement, pixels, DPI, checks
    DesignStatus status = DesignStatus::Draft;
    QString printfulTemplateId;
    PublishState publishState;        ///< per-step results of the publisher (resumable), its plan, the last error
    QDateTime createdAt;
    QDateTime updatedAt;

    /**
     * The mockups of one product, by its type key ("mockup-mug-white.jpg" for "mug"); every
     * mockup when none is named for it (designs from before per-product mockups).
     */
    QStringList mockupsOf(QStringView productKey) const;

    QJsonObject toJson() const;
};

} // namespace podtrends::core
