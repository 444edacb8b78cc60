#pragma once

#include <core/scraping/amazonparser.h>
#include <core/scraping/scraper.h>

namespace podtrends::core {

/**
 * Amazon search result pages (/s?k=…&page=N) parsed with AmazonParser. A robot check, a captcha
 * page or a 503 stops the run with status "blocked" and a clear message.
 */
class AmazonScraper final : public Scraper
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(AmazonScraper)
    AmazonScraper(ScrapeTarget target, ScraperConfig config, HttpClient *http);

    QString marketplace() const override { return QStringLiteral("amazon"); }
    void start() override;

    static QUrl searchUrl(const QUrl &base, const QString &keywords, int page);

private:
    void fetch(int page);
    void onPage(int page, Result<HttpReply> result);

    AmazonParser m_parser;
    int m_maxPages = 1;
    int m_nextRank = 1;
};

} // namespace podtrends::core
