#pragma once

#include <core/scraping/scraper.h>

#include <map>
#include <optional>

namespace podtrends::core {

/** Pages a Shopify store's public /products.json (250 per page) until a short or empty page. */
class ShopifyScraper final : public Scraper
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ShopifyScraper)
    static constexpr int kPageSize = 250;
    static constexpr int kStorefrontCap = 25000;

    ShopifyScraper(ScrapeTarget target, ScraperConfig config, HttpClient *http);

    Marketplace marketplace() const override { return Marketplace::Shopify; }
    void start() override;

    /** The store's base URL from what the user typed ("shop.com", "https://shop.com/collections/x"). */
    static QUrl storeUrl(const QString &text);

    /** A parsed page: complete products only, plus how many records the page held. */
    struct Page
    {
        QList<Product> products;
        int records = 0;
        int skipped = 0;
    };
    /**
     * Parses a products.json body ({"products":[…]}) or a single {"product":{…}}. Records without
     * an id or title are skipped, never half-stored. `store` builds product URLs (may be empty).
     * Each product's record is kept as received in rawData.
     */
    static Result<Page> parse(const QByteArray &json, const QUrl &store);

private:
    void fetch(int page);
    void onPage(int page, Result<HttpReply> result);
    void drainParsed();

    /** A page's outcome: parsed products, or the reason to stop there. */
    struct Parsed
    {
        std::optional<Result<Page>> page;
        ScrapeStatus stopStatus = ScrapeStatus::Ok;
        QString stopMessage;
        bool last = false;
    };
    void queueStop(int page, ScrapeStatus status, const QString &message);
    /** Fetches the next page when it is at most one page ahead of the pages handled so far. */
    void fetchAhead();

    QUrl m_store;
    int m_maxPages = 0;
    std::map<int, Parsed> m_parsed;   ///< parsed pages waiting for their turn
    int m_nextPage = 1;
    int m_requested = 0;              ///< the highest page asked for
};

} // namespace podtrends::core
