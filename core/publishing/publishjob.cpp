#include "publishjob.h"

#include <core/publishing/publisher.h>

#include <QCoreApplication>
#include <QJsonArray>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PublishJob)
};

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}
} // namespace

Result<QJsonObject> runPublishJob(JobContext &context)
{
    const QJsonObject p = context.payload();
    const qint64 designId = p.value(QLatin1String("design_id")).toInteger();
    if (designId <= 0)
        return Error{Tr::tr("The publish job has no design_id."), 2};
    PublishChoice choice;
    const bool printful = p.value(QLatin1String("printful")).toBool();
    const bool shopify = p.value(QLatin1String("shopify")).toBool();
    choice.toPrintful = printful || !shopify;
    choice.toShopify = shopify || !printful;
    choice.productType = p.value(QLatin1String("product_type")).toString(choice.productType);
    choice.colours = strings(p.value(QLatin1String("colours")));
    choice.sizes = strings(p.value(QLatin1String("sizes")));
    auto config = PublishConfig::load();
    if (!config)
        return config.error();
    BlockingHttp http;
    http.setCancelCheck([&context] { return context.isCancelled(); });
    Publisher publisher(context.database(), *config, &http);
    publisher.setRecordJobs(false); // the worker's own jobs row records this run
    const QList<PublishStep> steps = allPublishSteps();
    publisher.setProgressHandler([&](const PublishProgress &progress) {
        const qsizetype index = steps.indexOf(progress.step);
        context.reportProgress(double(index + (progress.state == PublishProgress::State::Done ? 1 : 0)) / double(steps.size()),
                               publishStepLabel(progress.step) + (progress.message.isEmpty() ? QString() : QStringLiteral(": ") + progress.message),
                               int(index));
    });
    auto outcome = publisher.publish(designId, choice);
    if (!outcome)
        return outcome.error().code == -2 ? JobContext::cancelled() : outcome.error();
    return outcome->toJson();
}

void registerPublishJobHandler()
{
    JobHandlers::registerHandler(JobKind::Publish, &runPublishJob);
}

} // namespace podtrends::core
