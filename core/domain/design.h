#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace podtrends::core {

/** A generated design (the seed's designs table). Status lifecycle: draft → ready → published. */
struct Design
{
    qint64 id = 0;
    qint64 trendId = 0;
    QString title;
    QString description;
    QString designPrompt;
    QJsonObject designMetadata;       ///< colors, style, elements, slogan, provider, seed
    QString imageUrl;                 ///< path of the main (t-shirt front) print file
    QJsonArray mockupUrls;            ///< paths of the mockup images
    QJsonObject printSpecifications;  ///< per product type: placement, pixels, DPI, checks
    QString status = QStringLiteral("draft");
    QString printfulTemplateId;
    QJsonObject publishState;         ///< per-step results of the publisher (resumable)
    QDateTime createdAt;
    QDateTime updatedAt;

    static inline const QString Draft = QStringLiteral("draft");
    static inline const QString Ready = QStringLiteral("ready");
    static inline const QString Published = QStringLiteral("published");

    QJsonObject toJson() const;
};

} // namespace podtrends::core
