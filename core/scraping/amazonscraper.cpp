#include "amazonscraper.h"

#include <core/util/whenready.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cctype>
#include <utility>

Q_LOGGING_CATEGORY(lcAmazon, "podtrends.scraping.amazon")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AmazonScraper)
};

/** base with `path` appended to its path ("https://host/shop" + "/s"), without base's query. */
QUrl withPath(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString joined = url.path();
    if (joined.endsWith(QLatin1Char('/')))
        joined.chop(1);
    url.setPath(joined + path);
    url.setQuery(QString());
    return url;
}

/**
 * Amazon's pages end with </html> (at most a comment follows). A page cut short inside a
 * complete HTTP answer would otherwise give a page's first cards as if they were all of it.
 */
bool looksComplete(const QByteArray &page)
{
    qsizetype end = page.size();
    while (end > 0 && std::isspace(static_cast<unsigned char>(page.at(end - 1))))
        --end;
    const qsizetype from = std::max<qsizetype>(0, end - 16384);
    return page.mid(from, end - from).toLower().contains("</html");
}

QString throttledMessage(int items)
{
    return Tr::tr("Amazon is throttling requests (HTTP 429); %n product(s) kept. Try again later.", nullptr, items);
}

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
    m_productPages = std::clamp(m_target.productPages >= 0 ? m_target.productPages : m_config.amazonProductPages, 0, 48);
}

QUrl AmazonScraper::productUrl(const QUrl &base, const QString &asin)
{
    return withPath(base, QStringLiteral("/dp/") + asin);
}

QUrl AmazonScraper::searchUrl(const QUrl &base, const QString &keywords, int page)
{
    QUrl url = withPath(base, QStringLiteral("/s"));
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
    m_call = m_http->send(request, [this, page](Result<HttpReply> r) {
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
        return stopWith(ScrapeStatus::Blocked, throttledMessage(m_items));
    if (!r.isSuccess())
        return stopWith(ScrapeStatus::Error, Tr::tr("Amazon answered HTTP %1 for search page %2").arg(r.status).arg(page));
    if (!r.isHtml() && !r.body.trimmed().startsWith('<'))
        return stopWith(ScrapeStatus::Error, Tr::tr("Amazon answered %1 instead of a web page").arg(QString::fromLatin1(r.contentType)));
    if (!looksComplete(r.body))
        return stopWith(ScrapeStatus::Error, Tr::tr("Amazon search page %1 arrived incomplete (it ends before </html>); %n product(s) kept", nullptr, m_items).arg(page));

    ++m_pages;
    ++m_parsing;
    const int firstRank = m_nextRank;
    whenReady(QtConcurrent::run(parsePool(), [parser = m_parser, body = r.body, base = m_config.amazonBase, keywords = m_target.target, firstRank] {
        return parser.parseSearch(body, base, keywords, firstRank);
    }), this, [this, page](Result<AmazonSearchPage> parsed) {
        --m_parsing;
        if (!parsed)
            return stopWith(ScrapeStatus::Error, Tr::tr("Amazon search page %1 could not be read: %2").arg(page).arg(parsed.errorMessage()));
        if (parsed->blocked)
            return stopWith(ScrapeStatus::Blocked, blockedMessage(m_items));
        if (parsed->resultCount >= 0 && m_resultCount < 0)
            m_resultCount = parsed->resultCount;
        m_nextRank += parsed->cards;
        QList<Product> now;
        for (const Product &p : parsed->products) {
            if (m_held.size() < m_productPages)
                m_held << p;
            else
                now << p;
        }
        emitBatch(now);
        Q_EMIT progress(m_items, Tr::tr("Amazon \"%1\": page %2, %n product(s)", nullptr, m_items).arg(m_target.target).arg(page));
        if (parsed->cards == 0) {
            if (page == 1 && !parsed->noResults)
                return stopWith(ScrapeStatus::Blocked, Tr::tr("Amazon returned a page without search results or a result count; it is probably blocking automated requests"));
            return endSearch(page == 1 ? Tr::tr("Amazon has no results for \"%1\"").arg(m_target.target) : QString());
        }
        if (m_stopStatus)
            return stopWith(ScrapeStatus::Ok);
        if (page >= m_maxPages)
            return endSearch();
        fetch(page + 1);
    });
}

void AmazonScraper::endSearch(const QString &message)
{
    if (m_held.isEmpty() || m_stopStatus)
        return stopWith(ScrapeStatus::Ok, message);
    m_searchEndMessage = message;
    fetchProduct(0);
}

void AmazonScraper::noteProductFailure(const QString &reason)
{
    qCInfo(lcAmazon) << "product page failed:" << reason;
    if (m_productFailures++ == 0)
        m_firstProductFailure = reason;
}

void AmazonScraper::fetchProduct(int index)
{
    if (index >= m_held.size() || m_stopStatus) {
        QStringList notes;
        if (!m_searchEndMessage.isEmpty())
            notes << m_searchEndMessage;
        if (m_productFailures > 0)
            notes << Tr::tr("no Best Sellers Rank for %n product(s) whose page could not be read (%1)", nullptr, m_productFailures).arg(m_firstProductFailure);
        return stopWith(ScrapeStatus::Ok, notes.join(QStringLiteral("; ")));
    }
    Q_EMIT progress(m_items, Tr::tr("Amazon \"%1\": product page %2 of %3").arg(m_target.target).arg(index + 1).arg(m_held.size()));
    HttpRequest request;
    request.url = productUrl(m_config.amazonBase, m_held.at(index).externalId);
    request.accept = "text/html,application/xhtml+xml";
    request.noRetryStatuses = {503};
    m_call = m_http->send(request, [this, index](Result<HttpReply> r) {
        m_call = 0;
        onProduct(index, std::move(r));
    });
}

void AmazonScraper::onProduct(int index, Result<HttpReply> result)
{
    if (!result) {
        if (result.error().code == HttpError::Cancelled)
            return maybeFinish();
        // One unreadable product page costs that product its rank, not the run.
        noteProductFailure(result.errorMessage());
        return fetchProduct(index + 1);
    }
    const HttpReply &r = *result;
    if (r.status == 429)
        return stopWith(ScrapeStatus::Blocked, throttledMessage(m_items + int(m_held.size())));
    if (r.status == 503)
        return stopWith(ScrapeStatus::Blocked, blockedMessage(m_items + int(m_held.size())));
    if (!r.isSuccess()) {
        noteProductFailure(Tr::tr("HTTP %1").arg(r.status));
        return fetchProduct(index + 1);
    }
    if (!looksComplete(r.body)) {
        noteProductFailure(Tr::tr("the page arrived incomplete"));
        return fetchProduct(index + 1);
    }
    ++m_parsing;
    whenReady(QtConcurrent::run(parsePool(), [parser = m_parser, body = r.body, base = m_config.amazonBase] { return parser.parseProduct(body, base); }), this, [this, index](Result<Product> page) {
            --m_parsing;
            if (!page && page.error().code == 3) // a robot check
                return stopWith(ScrapeStatus::Blocked, blockedMessage(m_items + int(m_held.size())));
            if (!page)
                noteProductFailure(page.errorMessage());
            if (page && index < m_held.size() && page->externalId == m_held.at(index).externalId && page->rank > 0) {
                Product &held = m_held[index];
                QJsonObject raw = rawRecordObject(held.rawData);
                raw.insert(QStringLiteral("search_position"), held.rank);
                raw.insert(QStringLiteral("best_sellers_rank"), rawRecordObject(page->rawData).value(QStringLiteral("best_sellers_rank")));
                held.rawData = rawRecord(raw);
                held.rank = page->rank;
                if (held.category.isEmpty())
                    held.category = page->category;
            }
            fetchProduct(index + 1);
        });
}

void AmazonScraper::beforeFinish()
{
    // Whatever ended the run, the held products were collected: store them (with the ranks read so far).
    emitBatch(std::exchange(m_held, {}));
}

} // namespace podtrends::core
