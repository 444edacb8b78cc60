#include "designrepository.h"
#include <core/util/redaction.h>

#include <core/util/json.h>

#include <QCoreApplication>

namespace podtrends::core {

DesignRepository::DesignRepository(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

QString DesignRepository::designColumns()
{
    return QStringLiteral("id, trend_id, title, description, design_prompt, design_metadata, image_url, mockup_urls, "
                          "print_specifications, status, printful_template_id, publish_state, created_at, updated_at");
}

Design DesignRepository::fromRecord(const QSqlQuery &q, int c)
{
    Design d;
    d.id = q.value(c + 0).toLongLong();
    d.trendId = q.value(c + 1).toLongLong();
    d.title = q.value(c + 2).toString();
    d.description = q.value(c + 3).toString();
    d.designPrompt = q.value(c + 4).toString();
    // The JSON columns keep the text they always had, so every database still loads.
    d.designMetadata = DesignMetadata::fromJson(json::objectFrom(q.value(c + 5)));
    d.imageUrl = q.value(c + 6).toString();
    d.mockupUrls = json::toStringList(json::arrayFrom(q.value(c + 7)));
    d.printSpecifications = PrintSpecification::fromJson(json::objectFrom(q.value(c + 8)));
    d.status = designStatusFromKey(q.value(c + 9).toString()).value_or(DesignStatus::Draft);
    d.printfulTemplateId = q.value(c + 10).toString();
    d.publishState = PublishState::fromJson(json::objectFrom(q.value(c + 11)));
    d.createdAt = json::dateTimeFrom(q.value(c + 12));
    d.updatedAt = json::dateTimeFrom(q.value(c + 13));
    return d;
}

Result<QList<Design>> DesignRepository::list(const DesignFilter &f)
{
    QStringList clauses;
    QVariantList binds;
    if (f.trendId) {
        clauses << QStringLiteral("trend_id = ?");
        binds << *f.trendId;
    }
    if (f.status) {
        clauses << QStringLiteral("status = ?");
        binds << toKey(*f.status);
    }
    QString sql = QStringLiteral("SELECT ") + designColumns() + QStringLiteral(" FROM designs");
    if (!clauses.isEmpty())
        sql += QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY created_at DESC, id DESC");
    if (f.limit >= 0 || f.offset > 0)
        sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(f.limit < 0 ? std::numeric_limits<qint32>::max() : f.limit).arg(f.offset);
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    if (Status s = exec(q); !s)
        return s.error();
    QList<Design> out;
    while (q.next())
        out << fromRecord(q);
    return out;
}

Result<std::optional<Design>> DesignRepository::findById(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT ") + designColumns() + QStringLiteral(" FROM designs WHERE id = ?"));
    q.addBindValue(id);
    if (Status s = exec(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<Design>();
    return std::optional<Design>(fromRecord(q));
}

static void bindDesign(QSqlQuery &q, const Design &d)
{
    q.addBindValue(d.trendId > 0 ? QVariant(d.trendId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(d.title);
    q.addBindValue(d.description);
    q.addBindValue(d.designPrompt);
    q.addBindValue(json::toText(d.designMetadata.toJson()));
    q.addBindValue(d.imageUrl);
    q.addBindValue(json::toText(json::fromStringList(d.mockupUrls)));
    q.addBindValue(json::toText(d.printSpecifications.toJson()));
    q.addBindValue(toKey(d.status));
    q.addBindValue(d.printfulTemplateId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(d.printfulTemplateId));
    q.addBindValue(json::toText(redactJson(d.publishState.toJson())));
}

Result<qint64> DesignRepository::insert(const Design &d)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("INSERT INTO designs (trend_id, title, description, design_prompt, design_metadata, image_url, "
                             "mockup_urls, print_specifications, status, printful_template_id, publish_state, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindDesign(q, d);
    q.addBindValue(d.createdAt.isValid() ? d.createdAt.toUTC() : now);
    q.addBindValue(now);
    if (Status s = exec(q); !s)
        return s.error();
    q.next();
    return q.value(0).toLongLong();
}

Status DesignRepository::update(const Design &d)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE designs SET trend_id = ?, title = ?, description = ?, design_prompt = ?, design_metadata = ?, "
                             "image_url = ?, mockup_urls = ?, print_specifications = ?, status = ?, printful_template_id = ?, "
                             "publish_state = ?, updated_at = ? WHERE id = ?"));
    bindDesign(q, d);
    q.addBindValue(QDateTime::currentDateTimeUtc());
    q.addBindValue(d.id);
    return exec(q);
}

Status DesignRepository::updatePublishState(qint64 id, const PublishState &publishState, std::optional<DesignStatus> status)
{
    QSqlQuery q(m_db->connection());
    q.prepare(!status ? QStringLiteral("UPDATE designs SET publish_state = ?, updated_at = ? WHERE id = ?")
                      : QStringLiteral("UPDATE designs SET publish_state = ?, updated_at = ?, status = ? WHERE id = ?"));
    // last_error quotes Printful's and Shopify's answers, which may echo a request's token.
    q.addBindValue(json::toText(redactJson(publishState.toJson())));
    q.addBindValue(QDateTime::currentDateTimeUtc());
    if (status)
        q.addBindValue(toKey(*status));
    q.addBindValue(id);
    if (Status s = exec(q); !s)
        return s;
    if (q.numRowsAffected() == 0)
        return Status::failure(QCoreApplication::translate("DesignRepository", "Design %1 no longer exists.").arg(id), 2);
    return {};
}

Status DesignRepository::remove(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("DELETE FROM designs WHERE id = ?"));
    q.addBindValue(id);
    return exec(q);
}

} // namespace podtrends::core
