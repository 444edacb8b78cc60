#include "publishjob.h"

#include <core/publishing/publisher.h>

#include <QCoreApplication>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PublishJob)
};

} // namespace

Result<JobResult> runPublishJob(JobContext &context)
{
    const PublishJob p = context.payloadAs<PublishJob>();
    const qint64 designId = p.designId;
    if (designId <= 0)
        return Error{Tr::tr("The publish job names no design."), 2};
    PublishChoice choice;
    const bool printful = p.printful.value_or(false);
    const bool shopify = p.shopify.value_or(false);
    choice.toPrintful = printful || !shopify;
    choice.toShopify = shopify || !printful;
    if (!p.productType.isEmpty())
        choice.productType = p.productType;
    choice.colours = p.colours;
    choice.sizes = p.sizes;
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
    return JobResult(publishJobResult(*outcome));
}

void registerPublishJobHandler()
{
    JobHandlers::registerHandler(JobKind::Publish, &runPublishJob);
}

} // namespace podtrends::core
