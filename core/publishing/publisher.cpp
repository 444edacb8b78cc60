#include "publisher.h"

#include <core/secrets/secretstore.h>
#include <core/publishing/readiness.h>
#include <core/storage/designrepository.h>
#include <core/storage/jobrepository.h>
#include <core/util/logging.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMimeDatabase>

Q_LOGGING_CATEGORY(lcPublisher, "podtrends.publishing.publisher")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Publisher)
};

const QString kSteps = QStringLiteral("steps");
const QString kStatus = QStringLiteral("status");
const QString kDone = QStringLiteral("done");
} // namespace

QString publishStepKey(PublishStep step)
{
    switch (step) {
    case PublishStep::Check: return QStringLiteral("check");
    case PublishStep::PublicFile: return QStringLiteral("public_file");
    case PublishStep::PrintfulFile: return QStringLiteral("printful_file");
    case PublishStep::PrintfulProduct: return QStringLiteral("printful_product");
    case PublishStep::ShopifyProduct: return QStringLiteral("shopify_product");
    case PublishStep::Finish: return QStringLiteral("finish");
    }
    return {};
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

QString PublishOutcome::printfulUrl() const
{
    return state.value(kSteps).toObject().value(QLatin1String("printful_product")).toObject().value(QLatin1String("url")).toString();
}

QString PublishOutcome::shopifyAdminUrl() const
{
    return state.value(kSteps).toObject().value(QLatin1String("shopify_product")).toObject().value(QLatin1String("admin_url")).toString();
}

QJsonObject PublishOutcome::toJson() const
{
    const QJsonObject steps = state.value(kSteps).toObject();
    const QJsonObject pub = steps.value(QLatin1String("public_file")).toObject();
    const QJsonObject pfFile = steps.value(QLatin1String("printful_file")).toObject();
    const QJsonObject pfProduct = steps.value(QLatin1String("printful_product")).toObject();
    const QJsonObject sp = steps.value(QLatin1String("shopify_product")).toObject();
    const PublishPlan plan = PublishPlan::fromJson(state.value(QLatin1String("plan")).toObject());
    QJsonArray skus;
    for (const PlannedVariant &v : plan.variants)
        skus.append(v.sku);
    auto orNull = [](const QJsonValue &v) { return (v.isUndefined() || (v.isString() && v.toString().isEmpty())) ? QJsonValue() : v; };
    QJsonObject out{{QStringLiteral("design_id"), designId},
                    {QStringLiteral("status"), toKey(status)},
                    {QStringLiteral("public_file_url"), orNull(pub.value(QLatin1String("url")))},
                    {QStringLiteral("skus"), skus}};
    if (plan.toPrintful)
        out.insert(QStringLiteral("printful"), QJsonObject{{QStringLiteral("file_id"), orNull(pfFile.value(QLatin1String("id")))},
                                                           {QStringLiteral("product_id"), orNull(pfProduct.value(QLatin1String("id")))},
                                                           {QStringLiteral("external_id"), plan.externalId},
                                                           {QStringLiteral("url"), orNull(pfProduct.value(QLatin1String("url")))}});
    if (plan.toShopify)
        out.insert(QStringLiteral("shopify"), QJsonObject{{QStringLiteral("product_id"), orNull(sp.value(QLatin1String("id")))},
                                                          {QStringLiteral("handle"), orNull(sp.value(QLatin1String("handle")))},
                                                          {QStringLiteral("status"), orNull(sp.value(QLatin1String("status")))},
                                                          {QStringLiteral("admin_url"), orNull(sp.value(QLatin1String("admin_url")))}});
    return out;
}

struct Publisher::Run
{
    Design design;
    QJsonObject state;
    PublishPlan plan;
    qint64 jobId = 0;

    QJsonObject step(PublishStep s) const { return state.value(kSteps).toObject().value(publishStepKey(s)).toObject(); }
    void setStep(PublishStep s, const QJsonObject &o)
    {
        QJsonObject steps = state.value(kSteps).toObject();
        steps.insert(publishStepKey(s), o);
        state.insert(kSteps, steps);
    }
    bool done(PublishStep s) const { return step(s).value(kStatus).toString() == kDone; }
    QString publicUrl() const { return step(PublishStep::PublicFile).value(QLatin1String("url")).toString(); }
};

Publisher::Publisher(std::shared_ptr<Database> db, PublishConfig config, BlockingHttp *http)
    : m_db(std::move(db))
    , m_config(std::move(config))
    , m_http(http)
    , m_printful(std::make_unique<PrintfulClient>(m_config.printful, http))
    , m_shopify(std::make_unique<ShopifyClient>(m_config.shopify, http))
{
    auto notify = [this](const QString &note) { emitProgress(m_currentDesign, m_currentStep, PublishProgress::State::Waiting, note); };
    m_printful->setWaitNotifier(notify);
    m_shopify->setWaitNotifier(notify);
}

Publisher::~Publisher() = default;

void Publisher::emitProgress(qint64 designId, PublishStep step, PublishProgress::State state, const QString &message)
{
    if (m_progress)
        m_progress(PublishProgress{designId, step, state, redact(message)});
}

Result<CatalogProduct> Publisher::catalog(const QString &productType)
{
    const ProductType type = producttypes::find(productType);
    if (type.key.isEmpty())
        return Error{Tr::tr("Unknown product type \"%1\".").arg(productType), 2};
    if (m_catalogCache.contains(type.catalogProductId))
        return m_catalogCache.value(type.catalogProductId);
    auto c = m_printful->catalogProduct(type.catalogProductId);
    if (c)
        m_catalogCache.insert(type.catalogProductId, *c);
    return c;
}

Result<CatalogProduct> Publisher::fetchCatalog(const PublishConfig &config, const QString &productType)
{
    const ProductType type = producttypes::find(productType);
    if (type.key.isEmpty())
        return Error{Tr::tr("Unknown product type \"%1\".").arg(productType), 2};
    BlockingHttp http;
    return PrintfulClient(config.printful, &http).catalogProduct(type.catalogProductId);
}

Result<PublishPlan> Publisher::plan(const Design &design, const PublishChoice &choice)
{
    auto c = catalog(choice.productType);
    if (!c)
        return c.error();
    return PublishPlan::build(design, choice, *c, pricing::rule(choice.productType), m_config.vendor);
}

Status Publisher::save(Run &run, std::optional<DesignStatus> status)
{
    DesignRepository repo(m_db);
    if (status)
        run.design.status = *status;
    run.design.publishState = run.state;
    Status s = repo.updatePublishState(run.design.id, run.state, status);
    if (!s)
        qCWarning(lcPublisher) << "cannot save the publish state of design" << run.design.id << s.errorMessage();
    return s;
}

Result<PublishOutcome> Publisher::publish(qint64 designId, const std::optional<PublishChoice> &choice)
{
    m_currentDesign = designId;
    DesignRepository repo(m_db);
    auto found = repo.findById(designId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{Tr::tr("There is no design %1.").arg(designId), 2};
    Run run;
    run.design = **found;
    run.state = run.design.publishState;

    const bool anyCreated = run.done(PublishStep::PublicFile) || !run.step(PublishStep::PublicFile).isEmpty()
                            || !run.step(PublishStep::PrintfulFile).isEmpty() || run.done(PublishStep::PrintfulProduct)
                            || run.done(PublishStep::ShopifyProduct);
    const QJsonObject savedPlan = run.state.value(QLatin1String("plan")).toObject();
    if (!savedPlan.isEmpty() && (anyCreated || !choice)) {
        run.plan = PublishPlan::fromJson(savedPlan);
        if (choice) {
            run.plan.toPrintful = run.plan.toPrintful || choice->toPrintful;
            run.plan.toShopify = run.plan.toShopify || choice->toShopify;
        }
        const bool complete = (!run.plan.toPrintful || run.done(PublishStep::PrintfulProduct))
                              && (!run.plan.toShopify || run.done(PublishStep::ShopifyProduct)) && run.done(PublishStep::Finish);
        if (complete && run.design.status == DesignStatus::Published) {
            for (PublishStep s : allPublishSteps())
                emitProgress(designId, s, run.done(s) ? PublishProgress::State::Done : PublishProgress::State::Skipped);
            return PublishOutcome{designId, run.design.status, run.state};
        }
        if (complete)
            run.setStep(PublishStep::Finish, {});
    } else {
        m_currentStep = PublishStep::Check;
        auto p = plan(run.design, choice.value_or(PublishChoice{}));
        if (!p) {
            emitProgress(designId, PublishStep::Check, PublishProgress::State::Failed, p.errorMessage());
            return p.error();
        }
        run.plan = *p;
    }
    run.state.insert(QStringLiteral("plan"), run.plan.toJson());
    run.state.remove(QStringLiteral("last_error"));

    JobRepository jobs(m_db);
    Job job;
    job.kind = JobKind::Publish;
    job.payload = QJsonObject{{QStringLiteral("design_id"), designId}, {QStringLiteral("printful"), run.plan.toPrintful},
                              {QStringLiteral("shopify"), run.plan.toShopify}};
    if (!m_recordJobs) {
    } else if (auto id = jobs.begin(job)) {
        run.jobId = *id;
    }
    const QList<PublishStep> steps = allPublishSteps();
    for (int i = 0; i < steps.size(); ++i) {
        if (run.jobId)
            (void)jobs.progress(run.jobId, double(i) / steps.size(), publishStepLabel(steps.at(i)), i);
        if (Status s = runStep(run, steps.at(i)); !s) {
            if (run.jobId)
                (void)jobs.finish(run.jobId, s.error().code == -2 ? JobStatus::Cancelled : JobStatus::Failed, i, redact(s.errorMessage()));
            return s.error();
        }
    }
    if (run.jobId)
        (void)jobs.finish(run.jobId, JobStatus::Done, steps.size(), {}, PublishOutcome{designId, run.design.status, run.state}.toJson());
    return PublishOutcome{designId, run.design.status, run.state};
}

Status Publisher::runStep(Run &run, PublishStep step)
{
    m_currentStep = step;
    const qint64 id = run.design.id;
    const bool wanted = step == PublishStep::Check || step == PublishStep::Finish
                        || (step == PublishStep::ShopifyProduct ? run.plan.toShopify : run.plan.toPrintful);
    if (!wanted) {
        emitProgress(id, step, PublishProgress::State::Skipped);
        return {};
    }
    if (step != PublishStep::Check && run.done(step)) {
        emitProgress(id, step, PublishProgress::State::Done, Tr::tr("done earlier"));
        return {};
    }
    emitProgress(id, step, PublishProgress::State::Running);
    Status s;
    switch (step) {
    case PublishStep::Check: s = stepCheck(run); break;
    case PublishStep::PublicFile: s = stepPublicFile(run); break;
    case PublishStep::PrintfulFile: s = stepPrintfulFile(run); break;
    case PublishStep::PrintfulProduct: s = stepPrintfulProduct(run); break;
    case PublishStep::ShopifyProduct: s = stepShopifyProduct(run); break;
    case PublishStep::Finish: s = stepFinish(run); break;
    }
    if (!s) {
        const QString message = redact(s.errorMessage());
        QJsonObject st = run.step(step);
        st.insert(kStatus, s.error().code == -2 ? QStringLiteral("cancelled") : QStringLiteral("failed"));
        st.insert(QStringLiteral("error"), message);
        run.setStep(step, st);
        run.state.insert(QStringLiteral("last_error"), QJsonObject{{QStringLiteral("step"), publishStepKey(step)},
                                                                  {QStringLiteral("message"), message},
                                                                  {QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
        (void)save(run);
        qCWarning(lcPublisher).noquote() << "design" << id << publishStepKey(step) << "failed:" << message;
        emitProgress(id, step, PublishProgress::State::Failed, message);
        return Error{message, s.error().code};
    }
    emitProgress(id, step, PublishProgress::State::Done);
    return {};
}

Status Publisher::stepCheck(Run &run)
{
    if (Status s = checkReadyForPublishing(run.design); !s)
        return s;
    if (run.plan.toPrintful && !m_config.hasPrintful())
        return Status::failure(SecretStore::missingMessage(SecretStore::Key::PrintfulToken), 2);
    if ((run.plan.toShopify || (run.plan.toPrintful && !run.design.imageUrl.startsWith(QLatin1String("https://")))) && !m_config.hasShopify())
        return Status::failure(run.plan.toShopify ? Tr::tr("No Shopify Admin token is set. Add the shop and token in Settings (or set POD_SHOPIFY_SHOP and POD_SHOPIFY_TOKEN).")
                                                  : Tr::tr("Printful fetches the print file by URL and POD Trends hosts it in your Shopify Files: add the Shopify shop and token in Settings."),
                               2);
    if (run.plan.toPrintful && !run.design.imageUrl.startsWith(QLatin1String("https://"))) {
        auto areas = m_printful->frontPrintAreas(run.plan.catalogProductId);
        if (!areas)
            return areas.error();
        const QSize size = QImageReader(run.design.imageUrl).size();
        for (const PlannedVariant &v : std::as_const(run.plan.variants)) {
            const PrintArea area = areas->value(v.catalogVariantId);
            if (area.width > 0 && (size.width() < area.width || size.height() < area.height))
                return Status::failure(Tr::tr("The print file is %1×%2 px; Printful's front print area for %3 / %4 needs at least %5×%6 px.")
                                           .arg(size.width()).arg(size.height()).arg(v.colour, v.size).arg(area.width).arg(area.height),
                                       2);
        }
    }
    if (run.design.status == DesignStatus::Draft)
        return save(run, DesignStatus::Ready);
    return save(run);
}

Status Publisher::stepPublicFile(Run &run)
{
    QJsonObject st = run.step(PublishStep::PublicFile);
    if (run.design.imageUrl.startsWith(QLatin1String("https://"))) {
        st.insert(QStringLiteral("url"), run.design.imageUrl);
    } else {
        if (st.value(QLatin1String("resource_url")).toString().isEmpty()) {
            auto resource = m_shopify->uploadLocalFile(run.design.imageUrl, QStringLiteral("image/png"));
            if (!resource)
                return resource.error();
            st.insert(QStringLiteral("resource_url"), *resource);
            run.setStep(PublishStep::PublicFile, st);
            if (Status s = save(run); !s)
                return s;
        }
        if (st.value(QLatin1String("shopify_file_id")).toString().isEmpty()) {
            auto fileId = m_shopify->createFile(st.value(QLatin1String("resource_url")).toString(), run.plan.title);
            if (!fileId)
                return fileId.error();
            st.insert(QStringLiteral("shopify_file_id"), *fileId);
            run.setStep(PublishStep::PublicFile, st);
            if (Status s = save(run); !s)
                return s;
        }
        auto url = m_shopify->waitForFileUrl(st.value(QLatin1String("shopify_file_id")).toString());
        if (!url)
            return url.error();
        st.insert(QStringLiteral("url"), *url);
    }
    st.insert(kStatus, kDone);
    st.remove(QStringLiteral("error"));
    run.setStep(PublishStep::PublicFile, st);
    return save(run);
}

Status Publisher::stepPrintfulFile(Run &run)
{
    QJsonObject st = run.step(PublishStep::PrintfulFile);
    if (st.value(QLatin1String("id")).toInteger() <= 0) {
        auto file = m_printful->addFile(run.publicUrl(), QFileInfo(run.design.imageUrl).fileName());
        if (!file)
            return file.error();
        st.insert(QStringLiteral("id"), file->id);
        st.insert(kStatus, QStringLiteral("waiting"));
        run.setStep(PublishStep::PrintfulFile, st);
        if (Status s = save(run); !s)
            return s;
    }
    auto file = m_printful->waitForFile(st.value(QLatin1String("id")).toInteger());
    if (!file)
        return file.error();
    st.insert(QStringLiteral("preview_url"), file->previewUrl);
    st.insert(kStatus, kDone);
    st.remove(QStringLiteral("error"));
    run.setStep(PublishStep::PrintfulFile, st);
    return save(run);
}

Status Publisher::stepPrintfulProduct(Run &run)
{
    QJsonObject st = run.step(PublishStep::PrintfulProduct);
    // An earlier attempt may have created the product without living to record it.
    auto existing = m_printful->findSyncProduct(run.plan.externalId);
    if (!existing)
        return existing.error();
    qint64 productId = 0;
    if (existing->has_value()) {
        productId = (*existing)->id;
        st.insert(QStringLiteral("found_existing"), true);
        qCInfo(lcPublisher) << "design" << run.design.id << ": Printful product" << productId << "already exists, reusing it";
    } else {
        const qint64 fileId = run.step(PublishStep::PrintfulFile).value(QLatin1String("id")).toInteger();
        auto created = m_printful->createSyncProduct(run.plan.printfulInput(fileId, {}, run.publicUrl()));
        if (!created)
            return created.error();
        productId = created->id;
    }
    st.insert(QStringLiteral("id"), productId);
    st.insert(QStringLiteral("external_id"), run.plan.externalId);
    st.insert(QStringLiteral("url"), PrintfulClient::dashboardUrl(productId));
    st.insert(kStatus, kDone);
    st.remove(QStringLiteral("error"));
    run.setStep(PublishStep::PrintfulProduct, st);
    return save(run);
}

Status Publisher::stepShopifyProduct(Run &run)
{
    QJsonObject st = run.step(PublishStep::ShopifyProduct);
    // Product images: the mockups (uploaded once, remembered by path), else the print file.
    QJsonObject media = st.value(QLatin1String("media")).toObject();
    QStringList sources;
    for (const QString &path : std::as_const(run.design.mockupUrls)) {
        if (sources.size() >= 6)
            break;
        if (path.startsWith(QLatin1String("https://"))) {
            sources << path;
            continue;
        }
        if (!QFileInfo(path).isFile())
            continue;
        if (!media.contains(path)) {
            const QString mime = QMimeDatabase().mimeTypeForFile(path).name();
            auto resource = m_shopify->uploadLocalFile(path, mime);
            if (!resource)
                return resource.error();
            media.insert(path, *resource);
            st.insert(QStringLiteral("media"), media);
            run.setStep(PublishStep::ShopifyProduct, st);
            if (Status s = save(run); !s)
                return s;
        }
        sources << media.value(path).toString();
    }
    if (sources.isEmpty()) {
        if (!run.publicUrl().isEmpty()) {
            sources << run.publicUrl();
        } else if (QFileInfo(run.design.imageUrl).isFile()) {
            if (!media.contains(run.design.imageUrl)) {
                auto resource = m_shopify->uploadLocalFile(run.design.imageUrl, QStringLiteral("image/png"));
                if (!resource)
                    return resource.error();
                media.insert(run.design.imageUrl, *resource);
                st.insert(QStringLiteral("media"), media);
                run.setStep(PublishStep::ShopifyProduct, st);
                if (Status s = save(run); !s)
                    return s;
            }
            sources << media.value(run.design.imageUrl).toString();
        } else if (run.design.imageUrl.startsWith(QLatin1String("https://"))) {
            sources << run.design.imageUrl;
        }
    }
    QList<ShopifyFileInput> files;
    for (const QString &s : std::as_const(sources))
        files << ShopifyFileInput{s, run.plan.title};
    auto existing = m_shopify->productByHandle(run.plan.handle);
    if (!existing)
        return existing.error();
    const QString existingId = existing->has_value() ? (*existing)->id : QString();
    if (!existingId.isEmpty())
        qCInfo(lcPublisher) << "design" << run.design.id << ": Shopify product" << existingId << "already exists, updating it";
    auto product = m_shopify->productSet(run.plan.shopifyInput(files), existingId);
    if (!product)
        return product.error();
    st.insert(QStringLiteral("id"), product->id);
    st.insert(QStringLiteral("handle"), product->handle);
    st.insert(QStringLiteral("status"), product->status);
    st.insert(QStringLiteral("admin_url"), m_shopify->adminUrl(product->id));
    st.insert(kStatus, kDone);
    st.remove(QStringLiteral("error"));
    run.setStep(PublishStep::ShopifyProduct, st);
    return save(run);
}

Status Publisher::stepFinish(Run &run)
{
    run.setStep(PublishStep::Finish, QJsonObject{{kStatus, kDone}});
    run.state.insert(QStringLiteral("published_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    return save(run, DesignStatus::Published);
}

} // namespace podtrends::core
