#include "design.h"

#include "keytable.h"

#include <core/util/json.h>

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Design)
};

const detail::KeyTable<DesignStatus, 3> &statusKeys()
{
    static const detail::KeyTable<DesignStatus, 3> table({"draft", "ready", "published"});
    return table;
}
} // namespace

const QString &toKey(DesignStatus status)
{
    return statusKeys().key(status);
}

std::optional<DesignStatus> designStatusFromKey(QStringView key)
{
    return statusKeys().find(key);
}

QString displayName(DesignStatus status)
{
    switch (status) {
    case DesignStatus::Draft: return Tr::tr("draft");
    case DesignStatus::Ready: return Tr::tr("ready");
    case DesignStatus::Published: return Tr::tr("published");
    }
    return {};
}

QStringList Design::mockupsOf(QStringView productKey) const
{
    const QString prefix = QStringLiteral("mockup-") + productKey + QLatin1Char('-');
    QStringList own;
    for (const QString &path : mockupUrls) {
        const qsizetype slash = std::max(path.lastIndexOf(QLatin1Char('/')), path.lastIndexOf(QLatin1Char('\\')));
        if (QStringView(path).mid(slash + 1).startsWith(prefix))
            own << path;
    }
    return own.isEmpty() ? mockupUrls : own;
}

QJsonObject Design::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("trend_id"), trendId);
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("description"), description);
    o.insert(QStringLiteral("design_prompt"), designPrompt);
    o.insert(QStringLiteral("design_metadata"), designMetadata.toJson());
    o.insert(QStringLiteral("image_url"), imageUrl);
    o.insert(QStringLiteral("mockup_urls"), QJsonArray::fromStringList(mockupUrls));
    o.insert(QStringLiteral("print_specifications"), printSpecifications.toJson());
    o.insert(QStringLiteral("status"), toKey(status));
    o.insert(QStringLiteral("printful_template_id"),
             printfulTemplateId.isEmpty() ? QJsonValue() : QJsonValue(printfulTemplateId));
    o.insert(QStringLiteral("publish_state"), publishState.toJson());
    o.insert(QStringLiteral("created_at"), json::fromDateTime(createdAt));
    o.insert(QStringLiteral("updated_at"), json::fromDateTime(updatedAt));
    return o;
}

} // namespace podtrends::core
