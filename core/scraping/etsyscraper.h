#pragma once

#include <core/scraping/scraper.h>

namespace podtrends::core {

/**
 * Etsy Open API v3 `listings/active` by keywords, 100 per page with offset paging up to a
 * configurable maximum (never past Etsy's 12,000). Sends `x-api-key: keystring:secret`.
 * The result `count` is the query's competition count.
 */
class EtsyScraper final : public Scraper
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(EtsyScraper)
    static constexpr int kPageSize = 100;
    static constexpr int kMaxOffset = 12000;

    EtsyScraper(ScrapeTarget target, ScraperConfig config, HttpClient *http);

    Marketplace marketplace() const override { return Marketplace::Etsy; }
    void start() override;

    struct Page
    {
        QList<Product> products;
        int records = 0;
        int skipped = 0;
        qint64 count = -1;
    };
    /**
     * Parses a listings response ({"count":…,"results":[…]}), a single listing object, or an
     * array of listings. `firstRank` numbers the search positions; `keywords` tag the products.
     */
    static Result<Page> parse(const QByteArray &json, int firstRank = 1, const QString &keywords = {});
    static bool normalize(const QJsonObject &listing, Product *out);
    /** The listings/active URL for a page. */
    static QUrl pageUrl(const QUrl &base, const QString &keywords, int offset, int limit);
    /** Builds the request (with the x-api-key header) for any Etsy API URL. */
    static HttpRequest request(const QUrl &url, const QString &apiKey);

private:
    void fetch(int offset);
    void onPage(int offset, Result<HttpReply> result);

    int m_limit = 0;
};

} // namespace podtrends::core
