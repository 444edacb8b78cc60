#include "jobresult.h"

#include "job.h"

#include <core/util/json.h>

#include <QJsonArray>

namespace podtrends::core {

namespace {

template <class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

QJsonValue textOrNull(const QString &v)
{
    return v.isEmpty() ? QJsonValue() : QJsonValue(v);
}

QJsonValue idOrNull(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue();
}

QString text(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toString();
}

qint64 integer(const QJsonObject &o, QLatin1String key, qint64 fallback = 0)
{
    return o.value(key).toInteger(fallback);
}

QJsonObject scrapeToJson(const ScrapeJobResult &r)
{
    return QJsonObject{{QStringLiteral("run_id"), r.runId},
                       {QStringLiteral("job_id"), r.jobId},
                       {QStringLiteral("kind"), toKey(r.kind)},
                       {QStringLiteral("marketplace"), r.marketplace ? QJsonValue(toKey(*r.marketplace)) : QJsonValue(QString())},
                       {QStringLiteral("target"), r.target},
                       {QStringLiteral("status"), toKey(r.status)},
                       {QStringLiteral("message"), r.message},
                       {QStringLiteral("items"), r.items},
                       {QStringLiteral("inserted"), r.inserted},
                       {QStringLiteral("updated"), r.updated},
                       {QStringLiteral("snapshots"), r.snapshots},
                       {QStringLiteral("pages"), r.pages},
                       {QStringLiteral("skipped"), r.skipped},
                       {QStringLiteral("result_count"), r.resultCount},
                       {QStringLiteral("started_at"), json::fromDateTime(r.startedAt)},
                       {QStringLiteral("finished_at"), json::fromDateTime(r.finishedAt)},
                       {QStringLiteral("source_id"), r.sourceId ? QJsonValue(*r.sourceId) : QJsonValue()}};
}

ScrapeJobResult scrapeFromJson(JobKind kind, const QJsonObject &o)
{
    ScrapeJobResult r;
    r.runId = integer(o, QLatin1String("run_id"));
    r.jobId = integer(o, QLatin1String("job_id"));
    r.kind = jobKindFromKey(text(o, QLatin1String("kind"))).value_or(kind);
    r.marketplace = marketplaceFromKey(text(o, QLatin1String("marketplace")));
    r.target = text(o, QLatin1String("target"));
    r.status = scrapeStatusFromKey(text(o, QLatin1String("status"))).value_or(ScrapeStatus::Idle);
    r.message = text(o, QLatin1String("message"));
    r.items = int(integer(o, QLatin1String("items")));
    r.inserted = int(integer(o, QLatin1String("inserted")));
    r.updated = int(integer(o, QLatin1String("updated")));
    r.snapshots = int(integer(o, QLatin1String("snapshots")));
    r.pages = int(integer(o, QLatin1String("pages")));
    r.skipped = int(integer(o, QLatin1String("skipped")));
    r.resultCount = integer(o, QLatin1String("result_count"), -1);
    r.startedAt = json::dateTimeFrom(o.value(QLatin1String("started_at")).toVariant());
    r.finishedAt = json::dateTimeFrom(o.value(QLatin1String("finished_at")).toVariant());
    if (o.value(QLatin1String("source_id")).isDouble())
        r.sourceId = integer(o, QLatin1String("source_id"));
    return r;
}

QJsonObject analyzeToJson(const AnalyzeJobResult &r)
{
    return QJsonObject{{QStringLiteral("products"), r.products},
                       {QStringLiteral("assigned_products"), r.assignedProducts},
                       {QStringLiteral("trends"), r.trends},
                       {QStringLiteral("inserted"), r.inserted},
                       {QStringLiteral("updated"), r.updated},
                       {QStringLiteral("deleted"), r.deleted},
                       {QStringLiteral("read_ms"), r.readMs},
                       {QStringLiteral("compute_ms"), r.computeMs},
                       {QStringLiteral("write_ms"), r.writeMs}};
}

AnalyzeJobResult analyzeFromJson(const QJsonObject &o)
{
    AnalyzeJobResult r;
    r.products = integer(o, QLatin1String("products"));
    r.assignedProducts = integer(o, QLatin1String("assigned_products"));
    r.trends = int(integer(o, QLatin1String("trends")));
    r.inserted = int(integer(o, QLatin1String("inserted")));
    r.updated = int(integer(o, QLatin1String("updated")));
    r.deleted = int(integer(o, QLatin1String("deleted")));
    r.readMs = integer(o, QLatin1String("read_ms"));
    r.computeMs = integer(o, QLatin1String("compute_ms"));
    r.writeMs = integer(o, QLatin1String("write_ms"));
    return r;
}

QJsonObject generateToJson(const GenerateJobResult &r)
{
    QJsonArray ids;
    for (qint64 id : r.designIds)
        ids.append(id);
    return QJsonObject{{QStringLiteral("design_ids"), ids}, {QStringLiteral("errors"), QJsonArray::fromStringList(r.errors)}};
}

GenerateJobResult generateFromJson(const QJsonObject &o)
{
    GenerateJobResult r;
    for (const QJsonValue &v : o.value(QLatin1String("design_ids")).toArray())
        r.designIds << v.toInteger();
    r.errors = json::toStringList(o.value(QLatin1String("errors")).toArray());
    return r;
}

QJsonObject publishToJson(const PublishJobResult &r)
{
    QJsonObject out{{QStringLiteral("design_id"), r.designId},
                    {QStringLiteral("status"), toKey(r.status)},
                    {QStringLiteral("public_file_url"), textOrNull(r.publicFileUrl)},
                    {QStringLiteral("skus"), QJsonArray::fromStringList(r.skus)}};
    if (r.printful)
        out.insert(QStringLiteral("printful"), QJsonObject{{QStringLiteral("file_id"), idOrNull(r.printful->fileId)},
                                                           {QStringLiteral("product_id"), idOrNull(r.printful->productId)},
                                                           {QStringLiteral("external_id"), r.printful->externalId},
                                                           {QStringLiteral("url"), textOrNull(r.printful->url)}});
    if (r.shopify)
        out.insert(QStringLiteral("shopify"), QJsonObject{{QStringLiteral("product_id"), textOrNull(r.shopify->productId)},
                                                          {QStringLiteral("handle"), textOrNull(r.shopify->handle)},
                                                          {QStringLiteral("status"), textOrNull(r.shopify->status)},
                                                          {QStringLiteral("admin_url"), textOrNull(r.shopify->adminUrl)}});
    return out;
}

PublishJobResult publishFromJson(const QJsonObject &o)
{
    PublishJobResult r;
    r.designId = integer(o, QLatin1String("design_id"));
    r.status = designStatusFromKey(text(o, QLatin1String("status"))).value_or(DesignStatus::Draft);
    r.publicFileUrl = text(o, QLatin1String("public_file_url"));
    r.skus = json::toStringList(o.value(QLatin1String("skus")).toArray());
    if (o.value(QLatin1String("printful")).isObject()) {
        const QJsonObject p = o.value(QLatin1String("printful")).toObject();
        r.printful = PublishJobResult::Printful{integer(p, QLatin1String("file_id")), integer(p, QLatin1String("product_id")),
                                                text(p, QLatin1String("external_id")), text(p, QLatin1String("url"))};
    }
    if (o.value(QLatin1String("shopify")).isObject()) {
        const QJsonObject s = o.value(QLatin1String("shopify")).toObject();
        r.shopify = PublishJobResult::Shopify{text(s, QLatin1String("product_id")), text(s, QLatin1String("handle")),
                                              text(s, QLatin1String("status")), text(s, QLatin1String("admin_url"))};
    }
    return r;
}

} // namespace

PublishJobResult publishJobResult(const PublishOutcome &outcome)
{
    const PublishState &state = outcome.state;
    PublishJobResult r;
    r.designId = outcome.designId;
    r.status = outcome.status;
    r.publicFileUrl = state.publicFile.url;
    if (state.plan) {
        for (const PlannedVariant &v : state.plan->variants)
            r.skus << v.sku;
        if (state.plan->toPrintful)
            r.printful = PublishJobResult::Printful{state.printfulFile.id, state.printfulProduct.id, state.plan->externalId,
                                                    state.printfulProduct.url};
        if (state.plan->toShopify)
            r.shopify = PublishJobResult::Shopify{state.shopifyProduct.id, state.shopifyProduct.handle,
                                                  state.shopifyProduct.productStatus, state.shopifyProduct.adminUrl};
    }
    return r;
}

QJsonObject toJson(const JobResult &result)
{
    return std::visit(Overloaded{
                          [](std::monostate) { return QJsonObject(); },
                          [](const ScrapeJobResult &r) { return scrapeToJson(r); },
                          [](const AnalyzeJobResult &r) { return analyzeToJson(r); },
                          [](const GenerateJobResult &r) { return generateToJson(r); },
                          [](const PublishJobResult &r) { return publishToJson(r); },
                          [](const NoopJobResult &r) { return QJsonObject{{QStringLiteral("ok"), r.ok}}; },
                          [](const SleepJobResult &r) { return QJsonObject{{QStringLiteral("slept_ms"), r.sleptMs}}; },
                          [](const InterruptedJobResult &r) {
                              QJsonObject o{{QStringLiteral("interrupted"), true}};
                              if (!r.scheduleKey.isEmpty())
                                  o.insert(QStringLiteral("schedule_key"), r.scheduleKey);
                              return o;
                          },
                      },
                      result);
}

JobResult jobResultFromJson(JobKind kind, const QJsonObject &object)
{
    if (object.isEmpty())
        return std::monostate{};
    if (object.value(QLatin1String("interrupted")).toBool())
        return InterruptedJobResult{text(object, QLatin1String("schedule_key"))};
    switch (kind) {
    case JobKind::Scrape:
    case JobKind::Import: return scrapeFromJson(kind, object);
    case JobKind::Analyze: return analyzeFromJson(object);
    case JobKind::Generate: return generateFromJson(object);
    case JobKind::Publish: return publishFromJson(object);
    case JobKind::Noop: return NoopJobResult{object.value(QLatin1String("ok")).toBool(true)};
    case JobKind::Sleep: return SleepJobResult{int(integer(object, QLatin1String("slept_ms")))};
    }
    return std::monostate{};
}

} // namespace podtrends::core
