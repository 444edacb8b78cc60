#pragma once

#include <core/domain/product.h>
#include <core/domain/source.h>
#include <core/net/httpclient.h>
#include <core/util/result.h>

#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QUrl>

#include <memory>
#include <optional>

namespace podtrends::core {

struct Source;

/** What one run collects: a marketplace plus a store URL (Shopify) or keywords (Etsy, Amazon). */
struct ScrapeTarget
{
    Marketplace marketplace = Marketplace::Shopify;
    QString target;                ///< store URL or keywords
    int maxPages = 0;              ///< Shopify/Amazon pages; 0: the scraper's default
    int limit = 0;                 ///< Etsy listings; 0: the default
    int productPages = -1;         ///< Amazon: product pages read for Best Sellers Rank; -1: the setting
    std::optional<qint64> sourceId;
    /** Write a jobs row for the run. False when a worker runs a leased "scrape" job: that row
     *  records the run, and a second one would count it twice. */
    bool recordJob = true;
    /** Set when the schedule starts the run: the slot's key (Source::scheduleKey). The run then
     *  happens only if no process has queued or started this source's slot or runs the source. */
    QString scheduleKey;

    static ScrapeTarget fromSource(const Source &source);
    /** Checks the URL or keywords; the message is for the user. */
    Status validate() const;
};

/** Where the scrapers go and what they send. Defaults come from the environment/settings. */
struct ScraperConfig
{
    QUrl etsyBase;                 ///< POD_ETSY_API_BASE or https://openapi.etsy.com/v3/application
    QUrl amazonBase;               ///< POD_AMAZON_BASE or https://www.amazon.com
    QString etsyApiKey;            ///< "keystring:secret" (from SecretStore)
    int shopifyDefaultMaxPages = 100;   ///< 100 × 250 = the storefront's 25,000 cap
    int etsyDefaultLimit = 1000;
    int etsyMaxOffset = 12000;
    int amazonDefaultPages = 3;
    int amazonProductPages = 0;    ///< top results whose product page is read for Best Sellers Rank

    static ScraperConfig defaults();
};

/** How a run ended. */
struct ScrapeOutcome
{
    ScrapeStatus status = ScrapeStatus::Ok; ///< Ok, Error or Blocked; Cancelled when cancelled
    QString message;               ///< one line for the user (error, block reason or partial warning)
    int items = 0;                 ///< products emitted
    int pages = 0;
    qint64 resultCount = -1;       ///< the marketplace's total hits, -1 when unknown
};

/**
 * One marketplace's collector. It pages asynchronously through its HttpClient, parses each page
 * on a pool thread and emits normalized products in batches. Lives in one thread; start() once.
 */
class Scraper : public QObject
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(Scraper)
    ~Scraper() override;

    /** Creates the scraper for target.marketplace, or an error when the target is not valid. */
    static Result<std::unique_ptr<Scraper>> create(const ScrapeTarget &target, const ScraperConfig &config,
                                                   HttpClient *http);

    /**
     * The threads that parse pages and release stored batches: one fewer than the machine has
     * cores (at least one), so the single database writer, the pipeline's bound, keeps a core of
     * its own instead of sharing it with parsers (docs/PERFORMANCE.md).
     */
    static QThreadPool *parsePool();

    virtual Marketplace marketplace() const = 0;
    /** Starts paging; finished() follows exactly once. */
    virtual void start() = 0;
    /** Stops after the current page; finished() reports ScrapeStatus::Cancelled and what was collected. */
    void cancel();
    bool isCancelled() const { return m_cancelled; }

Q_SIGNALS:
    /** A page's products (complete records only) and the query's total hits (-1 unknown). */
    void batchReady(const QList<podtrends::core::Product> &products, qint64 resultCount);
    void progress(int items, const QString &text);
    void finished(const podtrends::core::ScrapeOutcome &outcome);

protected:
    Scraper(ScrapeTarget target, ScraperConfig config, HttpClient *http);
    /**
     * Ends paging with this status: cancels the request in flight, and emits finished() once the
     * parses still running have delivered their (complete) products. The first reason wins, except
     * that an error or block replaces a normal end.
     */
    void stopWith(ScrapeStatus status, const QString &message = {});
    /** Emits finished() when stopped and nothing is in flight any more. */
    void maybeFinish();
    /** Called once, right before finished(): a scraper emits products it was still holding. */
    virtual void beforeFinish() {}
    /** Counts and emits a parsed page. */
    void emitBatch(const QList<Product> &products);
    /** "what: reason" for a failed request. */
    static QString describeFailure(const Error &error, const QString &what);
    /** The server's own one-line error text from a JSON body, if any. */
    static QString serverMessage(const HttpReply &response);

    ScrapeTarget m_target;
    ScraperConfig m_config;
    HttpClient *m_http = nullptr;
    int m_items = 0;
    int m_pages = 0;
    qint64 m_resultCount = -1;
    quint64 m_call = 0;
    bool m_cancelled = false;
    bool m_finished = false;
    /** Parses in flight on the pool (finishing waits for them). */
    int m_parsing = 0;
    std::optional<ScrapeStatus> m_stopStatus; ///< unset while paging
    QString m_stopMessage;
};

} // namespace podtrends::core

Q_DECLARE_METATYPE(podtrends::core::ScrapeOutcome)
