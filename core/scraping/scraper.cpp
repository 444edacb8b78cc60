#include "scraper.h"

#include <core/util/computepool.h>

#include <core/util/redaction.h>
#include "amazonscraper.h"
#include "etsyscraper.h"
#include "shopifyscraper.h"

#include <core/domain/source.h>
#include <core/util/settings.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QThread>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Scraper)
};
} // namespace

ScrapeTarget ScrapeTarget::fromSource(const Source &source)
{
    ScrapeTarget t;
    t.marketplace = source.marketplace;
    t.target = source.target;
    if (source.marketplace == Marketplace::Etsy)
        t.limit = source.maxPages > 0 ? source.maxPages * 100 : 0;
    else
        t.maxPages = source.maxPages;
    if (source.id > 0)
        t.sourceId = source.id;
    return t;
}

Status ScrapeTarget::validate() const
{
    const QString text = target.trimmed();
    if (marketplace == Marketplace::Shopify) {
        if (text.isEmpty())
            return Status::failure(Tr::tr("Enter the store's address, e.g. https://example-store.com"), 2);
        const QUrl url = ShopifyScraper::storeUrl(text);
        if (!url.isValid() || url.host().isEmpty() || (!url.host().contains(QLatin1Char('.')) && url.host() != QLatin1String("localhost")))
            return Status::failure(Tr::tr("\"%1\" is not a store address").arg(text), 2);
        if (Status s = HttpPolicy::checkUrlAllowed(url); !s)
            return Status::failure(s.errorMessage(), 2);
        return {};
    }
    if (text.isEmpty())
        return Status::failure(Tr::tr("Enter the search keywords"), 2);
    if (text.size() > 200)
        return Status::failure(Tr::tr("The keywords are too long (at most 200 characters)"), 2);
    return {};
}

ScraperConfig ScraperConfig::defaults()
{
    ScraperConfig c;
    c.etsyBase = QUrl(settings::envOrSetting("POD_ETSY_API_BASE", QStringLiteral("scraping/etsy_api_base"),
                                             QStringLiteral("https://openapi.etsy.com/v3/application")));
    c.amazonBase = QUrl(settings::envOrSetting("POD_AMAZON_BASE", QStringLiteral("scraping/amazon_base"),
                                               QStringLiteral("https://www.amazon.com")));
    c.amazonDefaultPages = settings::value(QStringLiteral("scraping/amazon_pages"), c.amazonDefaultPages).toInt();
    c.amazonProductPages = settings::value(QStringLiteral("scraping/amazon_product_pages"), c.amazonProductPages).toInt();
    c.etsyDefaultLimit = settings::value(QStringLiteral("scraping/etsy_limit"), c.etsyDefaultLimit).toInt();
    return c;
}

Scraper::Scraper(ScrapeTarget target, ScraperConfig config, HttpClient *http)
    : m_target(std::move(target))
    , m_config(std::move(config))
    , m_http(http)
{
}

Scraper::~Scraper()
{
    if (m_call && m_http)
        m_http->cancel(m_call);
}

Result<std::unique_ptr<Scraper>> Scraper::create(const ScrapeTarget &target, const ScraperConfig &config, HttpClient *http)
{
    if (Status s = target.validate(); !s)
        return s.error();
    std::unique_ptr<Scraper> scraper;
    switch (target.marketplace) {
    case Marketplace::Shopify: scraper = std::make_unique<ShopifyScraper>(target, config, http); break;
    case Marketplace::Etsy: scraper = std::make_unique<EtsyScraper>(target, config, http); break;
    case Marketplace::Amazon: scraper = std::make_unique<AmazonScraper>(target, config, http); break;
    }
    return scraper;
}

QThreadPool *Scraper::parsePool()
{
    // The process's parse pool: it leaves a core to the writer that stores what it parses.
    return core::parsePool();
}

void Scraper::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    stopWith(ScrapeStatus::Cancelled, Tr::tr("Cancelled; %n product(s) kept", nullptr, m_items));
}

void Scraper::stopWith(ScrapeStatus status, const QString &message)
{
    // The first reason to stop wins, except that an error beats a normal end.
    if (!m_stopStatus || (*m_stopStatus == ScrapeStatus::Ok && status != ScrapeStatus::Ok)) {
        m_stopStatus = status;
        m_stopMessage = message;
    }
    if (m_call && m_http) {
        const quint64 call = m_call;
        m_call = 0;
        m_http->cancel(call);
    }
    maybeFinish();
}

void Scraper::maybeFinish()
{
    if (m_finished || !m_stopStatus || m_call != 0 || m_parsing > 0)
        return;
    m_finished = true;
    beforeFinish();
    ScrapeOutcome outcome;
    outcome.status = *m_stopStatus;
    outcome.message = m_stopMessage;
    outcome.items = m_items;
    outcome.pages = m_pages;
    outcome.resultCount = m_resultCount;
    Q_EMIT finished(outcome);
}

void Scraper::emitBatch(const QList<Product> &products)
{
    if (products.isEmpty())
        return;
    m_items += int(products.size());
    Q_EMIT batchReady(products, m_resultCount);
}

QString Scraper::describeFailure(const Error &error, const QString &what)
{
    return Tr::tr("%1: %2").arg(what, error.message);
}

QString Scraper::serverMessage(const HttpReply &response)
{
    // Etsy: {"error":"…"}; Shopify: {"errors":"…"}; keep it to one short line.
    const QJsonObject o = QJsonDocument::fromJson(response.body).object();
    QString text = o.value(QLatin1String("error")).toString();
    if (text.isEmpty())
        text = o.value(QLatin1String("errors")).toString();
    // Redacted before it is cut: a key cut in half would no longer match its registered value.
    return redact(text.simplified()).left(200);
}

} // namespace podtrends::core
