#pragma once

#include <core/scraping/amazonparser.h>
#include <core/scraping/scraper.h>

namespace podtrends::core {

/**
 * Amazon search result pages (/s?k=…&page=N) parsed with AmazonParser. A robot check, a captcha
 * page or a 503 stops the run with status "blocked" and a clear message. Optionally the first N
 * results' product pages (/dp/ASIN) are read too, for their Best Sellers Rank: those products are
 * held back until their page is read, so each product is still stored once per run.
 */
class AmazonScraper final : public Scraper
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(AmazonScraper)
    AmazonScraper(ScrapeTarget target, ScraperConfig config, HttpClient *http);

    Marketplace marketplace() const override { return Marketplace::Amazon; }
    void start() override;

    static QUrl searchUrl(const QUrl &base, const QString &keywords, int page);

    static QUrl productUrl(const QUrl &base, const QString &asin);

protected:
    void beforeFinish() override;

private:
    void fetch(int page);
    void onPage(int page, Result<HttpReply> result);
    /** The search pages are done: read the held products' pages, or end. */
    void endSearch(const QString &message = {});
    void fetchProduct(int index);
    void onProduct(int index, Result<HttpReply> result);
    /** A product page that could not be read: its product keeps its search rank; the run says so. */
    void noteProductFailure(const QString &reason);

    AmazonParser m_parser;
    int m_maxPages = 1;
    int m_nextRank = 1;
    int m_productPages = 0;
    QList<Product> m_held;        ///< first results, waiting for their product page
    QString m_searchEndMessage;
    int m_productFailures = 0;
    QString m_firstProductFailure;
};

} // namespace podtrends::core
