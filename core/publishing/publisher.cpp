#include "publisher.h"

#include <core/secrets/secretstore.h>
#include <core/publishing/bundledcatalog.h>
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

} // namespace

struct Publisher::Run
{
    Design design;
    PublishState state;
    PublishPlan plan;
    QString printFile; ///< the file for the plan's product (the mug's wrap, the poster, …)
    ProductKind product = ProductKind::TShirt;
    qint64 jobId = 0;

    QString publicUrl() const { return state.publicFile.url; }
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

Publisher::Offer Publisher::fetchOffer(const PublishConfig &config, const QString &productType)
{
    Offer offer;
    auto live = fetchCatalog(config, productType);
    if (live) {
        offer.catalog = *live;
        return offer;
    }
    offer.error = live.errorMessage();
    offer.catalog = bundledcatalog::product(producttypes::find(productType).catalogProductId);
    return offer;
}

Result<PublishPlan> Publisher::plan(const Design &design, const PublishChoice &choice)
{
    auto c = catalog(choice.productType);
    if (!c)
        return c.error();
    return publishplan::build(design, choice, *c, pricing::rule(choice.productType), m_config.vendor);
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

    if (run.state.plan && (run.state.anyCreated() || !choice)) {
        run.plan = *run.state.plan;
        if (choice) {
            run.plan.toPrintful = run.plan.toPrintful || choice->toPrintful;
            run.plan.toShopify = run.plan.toShopify || choice->toShopify;
        }
        const bool complete = (!run.plan.toPrintful || run.state.isDone(PublishStep::PrintfulProduct))
                              && (!run.plan.toShopify || run.state.isDone(PublishStep::ShopifyProduct))
                              && run.state.isDone(PublishStep::Finish);
        if (complete && run.design.status == DesignStatus::Published) {
            for (PublishStep s : allPublishSteps())
                emitProgress(designId, s, run.state.isDone(s) ? PublishProgress::State::Done : PublishProgress::State::Skipped);
            return PublishOutcome{designId, run.design.status, run.state};
        }
        if (complete)
            run.state.finish = {};
    } else {
        m_currentStep = PublishStep::Check;
        auto p = plan(run.design, choice.value_or(PublishChoice{}));
        if (!p) {
            emitProgress(designId, PublishStep::Check, PublishProgress::State::Failed, p.errorMessage());
            return p.error();
        }
        run.plan = *p;
    }
    run.state.plan = run.plan;
    run.state.lastError.reset();
    run.product = producttypes::find(run.plan.productType).kind;
    run.printFile = printFileFor(run.design, run.product);

    JobRepository jobs(m_db);
    PublishJob params;
    params.designId = designId;
    params.printful = run.plan.toPrintful;
    params.shopify = run.plan.toShopify;
    const Job job = Job::of(params);
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
        (void)jobs.finish(run.jobId, JobStatus::Done, steps.size(), {}, publishJobResult(PublishOutcome{designId, run.design.status, run.state}));
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
    if (step != PublishStep::Check && run.state.isDone(step)) {
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
        PublishStepRecord &record = run.state.record(step);
        record.status = s.error().code == -2 ? PublishStepStatus::Cancelled : PublishStepStatus::Failed;
        record.error = message;
        run.state.lastError = PublishError{step, message, QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC)};
        (void)save(run);
        qCWarning(lcPublisher).noquote() << "design" << id << toKey(step) << "failed:" << message;
        emitProgress(id, step, PublishProgress::State::Failed, message);
        return Error{message, s.error().code};
    }
    emitProgress(id, step, PublishProgress::State::Done);
    return {};
}

Status Publisher::stepCheck(Run &run)
{
    if (Status s = checkReadyForPublishing(run.design, run.product); !s)
        return s;
    if (run.plan.toPrintful && !m_config.hasPrintful())
        return Status::failure(SecretStore::missingMessage(SecretStore::Key::PrintfulToken), 2);
    const bool remoteFile = run.printFile.startsWith(QLatin1String("https://"));
    if ((run.plan.toShopify || (run.plan.toPrintful && !remoteFile)) && !m_config.hasShopify())
        return Status::failure(run.plan.toShopify ? Tr::tr("No Shopify Admin token is set. Add the shop and token in Settings (or set POD_SHOPIFY_SHOP and POD_SHOPIFY_TOKEN).")
                                                  : Tr::tr("Printful fetches the print file by URL and POD Trends hosts it in your Shopify Files: add the Shopify shop and token in Settings."),
                               2);
    if (run.plan.toPrintful && !remoteFile) {
        auto areas = m_printful->frontPrintAreas(run.plan.catalogProductId);
        if (!areas)
            return areas.error();
        const QSize size = QImageReader(run.printFile).size();
        for (const PlannedVariant &v : std::as_const(run.plan.variants)) {
            const PrintArea area = areas->value(v.catalogVariantId);
            const QString variant = v.colour.isEmpty() ? v.size : QStringLiteral("%1 / %2").arg(v.colour, v.size);
            if (area.width > 0 && (size.width() < area.width || size.height() < area.height))
                return Status::failure(Tr::tr("The print file is %1×%2 px; Printful's print area for %3 needs at least %4×%5 px.")
                                           .arg(size.width()).arg(size.height()).arg(variant).arg(area.width).arg(area.height),
                                       2);
        }
    }
    if (run.design.status == DesignStatus::Draft)
        return save(run, DesignStatus::Ready);
    return save(run);
}

Status Publisher::stepPublicFile(Run &run)
{
    PublicFileRecord &st = run.state.publicFile;
    if (run.printFile.startsWith(QLatin1String("https://"))) {
        st.url = run.printFile;
    } else {
        if (st.resourceUrl.isEmpty()) {
            auto resource = m_shopify->uploadLocalFile(run.printFile, QStringLiteral("image/png"));
            if (!resource)
                return resource.error();
            st.resourceUrl = *resource;
            if (Status s = save(run); !s)
                return s;
        }
        if (st.shopifyFileId.isEmpty()) {
            auto fileId = m_shopify->createFile(st.resourceUrl, run.plan.title);
            if (!fileId)
                return fileId.error();
            st.shopifyFileId = *fileId;
            if (Status s = save(run); !s)
                return s;
        }
        auto url = m_shopify->waitForFileUrl(st.shopifyFileId);
        if (!url)
            return url.error();
        st.url = *url;
    }
    st.status = PublishStepStatus::Done;
    st.error.clear();
    return save(run);
}

Status Publisher::stepPrintfulFile(Run &run)
{
    PrintfulFileRecord &st = run.state.printfulFile;
    if (st.id <= 0) {
        auto file = m_printful->addFile(run.publicUrl(), QFileInfo(run.printFile).fileName());
        if (!file)
            return file.error();
        st.id = file->id;
        st.status = PublishStepStatus::Waiting;
        if (Status s = save(run); !s)
            return s;
    }
    auto file = m_printful->waitForFile(st.id);
    if (!file)
        return file.error();
    st.previewUrl = file->previewUrl;
    st.status = PublishStepStatus::Done;
    st.error.clear();
    return save(run);
}

Status Publisher::stepPrintfulProduct(Run &run)
{
    PrintfulProductRecord &st = run.state.printfulProduct;
    // An earlier attempt may have created the product without living to record it.
    auto existing = m_printful->findSyncProduct(run.plan.externalId);
    if (!existing)
        return existing.error();
    qint64 productId = 0;
    if (existing->has_value()) {
        productId = (*existing)->id;
        st.foundExisting = true;
        qCInfo(lcPublisher) << "design" << run.design.id << ": Printful product" << productId << "already exists, reusing it";
    } else {
        auto created = m_printful->createSyncProduct(publishplan::printfulInput(run.plan, run.state.printfulFile.id, {}, run.publicUrl()));
        if (!created)
            return created.error();
        productId = created->id;
    }
    st.id = productId;
    st.externalId = run.plan.externalId;
    st.url = PrintfulClient::dashboardUrl(productId);
    st.status = PublishStepStatus::Done;
    st.error.clear();
    return save(run);
}

Status Publisher::stepShopifyProduct(Run &run)
{
    ShopifyProductRecord &st = run.state.shopifyProduct;
    // Product images: the mockups (uploaded once, remembered by path), else the print file.
    auto uploaded = [&](const QString &path, const QString &mime) -> Result<QString> {
        if (!st.media.contains(path)) {
            auto resource = m_shopify->uploadLocalFile(path, mime);
            if (!resource)
                return resource.error();
            st.media.insert(path, *resource);
            if (Status s = save(run); !s)
                return s.error();
        }
        return st.media.value(path);
    };
    const QStringList mockups = run.design.mockupsOf(toKey(run.product));
    QStringList sources;
    for (const QString &path : std::as_const(mockups)) {
        if (sources.size() >= 6)
            break;
        if (path.startsWith(QLatin1String("https://"))) {
            sources << path;
            continue;
        }
        if (!QFileInfo(path).isFile())
            continue;
        auto url = uploaded(path, QMimeDatabase().mimeTypeForFile(path).name());
        if (!url)
            return url.error();
        sources << *url;
    }
    if (sources.isEmpty()) {
        if (!run.publicUrl().isEmpty()) {
            sources << run.publicUrl();
        } else if (QFileInfo(run.printFile).isFile()) {
            auto url = uploaded(run.printFile, QStringLiteral("image/png"));
            if (!url)
                return url.error();
            sources << *url;
        } else if (run.printFile.startsWith(QLatin1String("https://"))) {
            sources << run.printFile;
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
    auto product = m_shopify->productSet(publishplan::shopifyInput(run.plan, files), existingId);
    if (!product)
        return product.error();
    st.id = product->id;
    st.handle = product->handle;
    st.productStatus = product->status;
    st.adminUrl = m_shopify->adminUrl(product->id);
    st.status = PublishStepStatus::Done;
    st.error.clear();
    return save(run);
}

Status Publisher::stepFinish(Run &run)
{
    run.state.finish = PublishStepRecord{PublishStepStatus::Done, {}};
    // Whole seconds, as the column keeps them: the state handed to the dialog equals the saved one.
    run.state.publishedAt = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    return save(run, DesignStatus::Published);
}

} // namespace podtrends::core
