#include "amazonscraper.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcAmazon, "podtrends.scraping.amazon")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AmazonScraper)
};

QString blockedMessage(int items)
{
    return Tr::tr("Amazon blocked the request with a robot check (captcha); %n product(s) kept. Wait a few hours, "
                  "or save the search pages from a browser and import them.", nullptr, items);
}
} // namespace

AmazonScraper::AmazonScraper(ScrapeTarget target, ScraperConfig config, HttpClient *http)
    : Scraper(std::move(target), std::move(config), http)
{
    m_maxPages = std::clamp(m_target.maxPages > 0 ? m_target.maxPages : m_config.amazonDefaultPages, 1, 20);
}

QUrl AmazonScraper::searchUrl(const QUrl &base, const QString &keywords, int page)
{
    QUrl url = base;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/s"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("k"), QString::fromLatin1(QUrl::toPercentEncoding(keywords.simplified())));
    if (page > 1)
        query.addQueryItem(QStringLiteral("page"), QString::number(page));
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

void AmazonScraper::start()
{
    qCInfo(lcAmazon) << "searching" << m_target.target << "pages" << m_maxPages << "selectors" << m_parser.selectorSource();
    fetch(1);
}

void AmazonScraper::fetch(int page)
{
    HttpRequest request;
    request.url = searchUrl(m_config.amazonBase, m_target.target, page);
    request.accept = "text/html,application/xhtml+xml";
    request.noRetryStatuses = {503}; // Amazon's 503 is its robot check, not an outage
    m_call = m_http->get(request, [this, page](Result<HttpReply> r) {
        m_call = 0;
        onPage(page, std::move(r));
    });
}

void AmazonScraper::onPage(int page, Result<HttpReply> result)
{
    if (!result) {
        if (result.error().code == HttpError::Cancelled)
            return maybeFinish();
        return stopWith(ScrapeStatus::Error, describeFailure(result.error(), Tr::tr("Amazon search page %1 failed").arg(page)));
    }
    const HttpReply &r = *result;
    if (r.status == 503)
        return stopWith(ScrapeStatus::Blocked, blockedMessage(m_items));
    if (r.status == 429)
        return stopWith(ScrapeStatus::Blocked, Tr::tr("Amazon is throttling requests (HTTP 429); %n product(s) kept. Try again later.", nullptr, m_items));
    if (!r.isSuccess())
        return stopWith(ScrapeStatus::Error, Tr::tr("Amazon answered HTTP %1 for search page %2").arg(r.status).arg(page));
    if (!r.isHtml() && !r.body.trimmed().startsWith('<'))
        return stopWith(ScrapeStatus::Error, Tr::tr("Amazon answered %1 instead of a web page").arg(QString::fromLatin1(r.contentType)));

    ++m_pages;
    ++m_parsing;
    const int firstRank = m_nextRank;
    QtConcurrent::run([parser = m_parser, body = r.body, base = m_config.amazonBase, keywords = m_target.target, firstRank] {
        auto parsed = parser.parseSearch(body, base, keywords, firstRank);
        if (parsed)
            prepareForStorage(parsed.value().products);
        return parsed;
    }).then(this, [this, page](Result<AmazonSearchPage> parsed) {
        --m_parsing;
        if (!parsed)
            return stopWith(ScrapeStatus::Error, Tr::tr("Amazon search page %1 could not be read: %2").arg(page).arg(parsed.errorMessage()));
        if (parsed->blocked)
            return stopWith(ScrapeStatus::Blocked, blockedMessage(m_items));
        if (parsed->resultCount >= 0 && m_resultCount < 0)
            m_resultCount = parsed->resultCount;
        m_nextRank += parsed->cards;
        emitBatch(parsed->products);
        Q_EMIT progress(m_items, Tr::tr("Amazon \"%1\": page %2, %n product(s)", nullptr, m_items).arg(m_target.target).arg(page));
        if (parsed->cards == 0) {
            if (page == 1 && !parsed->noResults)
                return stopWith(ScrapeStatus::Blocked, Tr::tr("Amazon returned a page without search results or a result count; it is probably blocking automated requests"));
            return stopWith(ScrapeStatus::Ok, page == 1 ? Tr::tr("Amazon has no results for \"%1\"").arg(m_target.target) : QString());
        }
        if (page >= m_maxPages || !m_stopStatus.isEmpty())
            return stopWith(ScrapeStatus::Ok);
        fetch(page + 1);
    });
}

} // namespace podtrends::core
