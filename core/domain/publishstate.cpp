#include "publishstate.h"

#include "jobresult.h"

#include "design.h"
#include "keytable.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Publisher)
};

const detail::KeyTable<PublishStep, 6> &stepKeys()
{
    static const detail::KeyTable<PublishStep, 6> table(
        {"check", "public_file", "printful_file", "printful_product", "shopify_product", "finish"});
    return table;
}

const detail::KeyTable<PublishStepStatus, 5> &stepStatusKeys()
{
    static const detail::KeyTable<PublishStepStatus, 5> table({"", "waiting", "done", "failed", "cancelled"});
    return table;
}

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QJsonObject recordJson(const PublishStepRecord &r)
{
    QJsonObject o;
    if (r.status != PublishStepStatus::NotStarted)
        o.insert(QStringLiteral("status"), toKey(r.status));
    if (!r.error.isEmpty())
        o.insert(QStringLiteral("error"), r.error);
    return o;
}

void readRecord(const QJsonObject &o, PublishStepRecord &r)
{
    r.status = publishStepStatusFromKey(text(o, "status")).value_or(PublishStepStatus::NotStarted);
    r.error = text(o, "error");
}

/** Inserts a text field only when it has a value, so a step not reached stays empty. */
void insertText(QJsonObject &o, const char *key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(QLatin1String(key), value);
}

QString orderedDate(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}
} // namespace

const QString &toKey(PublishStep step)
{
    return stepKeys().key(step);
}

std::optional<PublishStep> publishStepFromKey(QStringView key)
{
    return stepKeys().find(key);
}

QString publishStepLabel(PublishStep step)
{
    switch (step) {
    case PublishStep::Check: return Tr::tr("Check the print file");
    case PublishStep::PublicFile: return Tr::tr("Public URL of the print file");
    case PublishStep::PrintfulFile: return Tr::tr("Printful file");
    case PublishStep::PrintfulProduct: return Tr::tr("Printful product");
    case PublishStep::ShopifyProduct: return Tr::tr("Shopify draft product");
    case PublishStep::Finish: return Tr::tr("Mark published");
    }
    return {};
}

QList<PublishStep> allPublishSteps()
{
    return {PublishStep::Check, PublishStep::PublicFile, PublishStep::PrintfulFile, PublishStep::PrintfulProduct,
            PublishStep::ShopifyProduct, PublishStep::Finish};
}

const QString &toKey(PublishStepStatus status)
{
    return stepStatusKeys().key(status);
}

std::optional<PublishStepStatus> publishStepStatusFromKey(QStringView key)
{
    return stepStatusKeys().find(key);
}

PublishStepRecord &PublishState::record(PublishStep step)
{
    return const_cast<PublishStepRecord &>(std::as_const(*this).record(step));
}

const PublishStepRecord &PublishState::record(PublishStep step) const
{
    switch (step) {
    case PublishStep::Check: return check;
    case PublishStep::PublicFile: return publicFile;
    case PublishStep::PrintfulFile: return printfulFile;
    case PublishStep::PrintfulProduct: return printfulProduct;
    case PublishStep::ShopifyProduct: return shopifyProduct;
    case PublishStep::Finish: return finish;
    }
    return check;
}

bool PublishState::anyCreated() const
{
    return publicFile != PublicFileRecord() || printfulFile != PrintfulFileRecord() || printfulProduct.isDone()
           || shopifyProduct.isDone();
}

QJsonObject PublishState::toJson() const
{
    QJsonObject steps;
    auto put = [&steps](PublishStep step, const QJsonObject &o) {
        if (!o.isEmpty())
            steps.insert(toKey(step), o);
    };
    put(PublishStep::Check, recordJson(check));
    QJsonObject o = recordJson(publicFile);
    insertText(o, "resource_url", publicFile.resourceUrl);
    insertText(o, "shopify_file_id", publicFile.shopifyFileId);
    insertText(o, "url", publicFile.url);
    put(PublishStep::PublicFile, o);
    o = recordJson(printfulFile);
    if (printfulFile.id > 0)
        o.insert(QStringLiteral("id"), printfulFile.id);
    insertText(o, "preview_url", printfulFile.previewUrl);
    put(PublishStep::PrintfulFile, o);
    o = recordJson(printfulProduct);
    if (printfulProduct.id > 0)
        o.insert(QStringLiteral("id"), printfulProduct.id);
    insertText(o, "external_id", printfulProduct.externalId);
    insertText(o, "url", printfulProduct.url);
    if (printfulProduct.foundExisting)
        o.insert(QStringLiteral("found_existing"), true);
    put(PublishStep::PrintfulProduct, o);
    o = recordJson(shopifyProduct);
    insertText(o, "id", shopifyProduct.id);
    insertText(o, "handle", shopifyProduct.handle);
    insertText(o, "product_status", shopifyProduct.productStatus);
    insertText(o, "admin_url", shopifyProduct.adminUrl);
    if (!shopifyProduct.media.isEmpty()) {
        QJsonObject media;
        for (auto it = shopifyProduct.media.cbegin(); it != shopifyProduct.media.cend(); ++it)
            media.insert(it.key(), it.value());
        o.insert(QStringLiteral("media"), media);
    }
    put(PublishStep::ShopifyProduct, o);
    put(PublishStep::Finish, recordJson(finish));

    QJsonObject out;
    if (!steps.isEmpty())
        out.insert(QStringLiteral("steps"), steps);
    if (plan)
        out.insert(QStringLiteral("plan"), plan->toJson());
    if (lastError)
        out.insert(QStringLiteral("last_error"), QJsonObject{{QStringLiteral("step"), toKey(lastError->step)},
                                                             {QStringLiteral("message"), lastError->message},
                                                             {QStringLiteral("at"), orderedDate(lastError->at)}});
    if (publishedAt.isValid())
        out.insert(QStringLiteral("published_at"), orderedDate(publishedAt));
    return out;
}

PublishState PublishState::fromJson(const QJsonObject &object)
{
    PublishState s;
    const QJsonObject steps = object.value(QLatin1String("steps")).toObject();
    auto step = [&steps](PublishStep st) { return steps.value(toKey(st)).toObject(); };
    readRecord(step(PublishStep::Check), s.check);
    QJsonObject o = step(PublishStep::PublicFile);
    readRecord(o, s.publicFile);
    s.publicFile.resourceUrl = text(o, "resource_url");
    s.publicFile.shopifyFileId = text(o, "shopify_file_id");
    s.publicFile.url = text(o, "url");
    o = step(PublishStep::PrintfulFile);
    readRecord(o, s.printfulFile);
    s.printfulFile.id = o.value(QLatin1String("id")).toInteger();
    s.printfulFile.previewUrl = text(o, "preview_url");
    o = step(PublishStep::PrintfulProduct);
    readRecord(o, s.printfulProduct);
    s.printfulProduct.id = o.value(QLatin1String("id")).toInteger();
    s.printfulProduct.externalId = text(o, "external_id");
    s.printfulProduct.url = text(o, "url");
    s.printfulProduct.foundExisting = o.value(QLatin1String("found_existing")).toBool();
    o = step(PublishStep::ShopifyProduct);
    readRecord(o, s.shopifyProduct);
    s.shopifyProduct.id = text(o, "id");
    s.shopifyProduct.handle = text(o, "handle");
    s.shopifyProduct.productStatus = text(o, "product_status");
    s.shopifyProduct.adminUrl = text(o, "admin_url");
    const QJsonObject media = o.value(QLatin1String("media")).toObject();
    for (auto it = media.begin(); it != media.end(); ++it)
        s.shopifyProduct.media.insert(it.key(), it.value().toString());
    readRecord(step(PublishStep::Finish), s.finish);
    const QJsonObject plan = object.value(QLatin1String("plan")).toObject();
    if (!plan.isEmpty())
        s.plan = PublishPlan::fromJson(plan);
    const QJsonObject error = object.value(QLatin1String("last_error")).toObject();
    if (!error.isEmpty())
        s.lastError = PublishError{publishStepFromKey(text(error, "step")).value_or(PublishStep::Check), text(error, "message"),
                                   QDateTime::fromString(text(error, "at"), Qt::ISODate)};
    s.publishedAt = QDateTime::fromString(text(object, "published_at"), Qt::ISODate);
    return s;
}

QJsonObject PublishOutcome::toJson() const
{
    // The job result's one JSON form (core/domain/jobresult.cpp).
    return core::toJson(JobResult(publishJobResult(*this)));
}

} // namespace podtrends::core
