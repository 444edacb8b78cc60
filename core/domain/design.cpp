#include "design.h"

#include <core/util/json.h>

namespace podtrends::core {

QJsonObject Design::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("trend_id"), trendId);
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("description"), description);
    o.insert(QStringLiteral("design_prompt"), designPrompt);
    o.insert(QStringLiteral("design_metadata"), designMetadata);
    o.insert(QStringLiteral("image_url"), imageUrl);
    o.insert(QStringLiteral("mockup_urls"), mockupUrls);
    o.insert(QStringLiteral("print_specifications"), printSpecifications);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("printful_template_id"),
             printfulTemplateId.isEmpty() ? QJsonValue() : QJsonValue(printfulTemplateId));
    o.insert(QStringLiteral("publish_state"), publishState);
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("updated_at"), json::fromDateTime(updatedAt));
    return o;
}

} // namespace podtrends::core
