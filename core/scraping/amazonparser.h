#pragma once

#include <core/domain/product.h>
#include <core/util/result.h>

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace podtrends::core {

class HtmlDocument;

/** What a search results page held. */
struct AmazonSearchPage
{
    QList<Product> products;   ///< complete cards only (ASIN and title)
    int cards = 0;             ///< result cards seen, including skipped ones
    qint64 resultCount = -1;   ///< "1-48 of over 10,000 results" → 10000
    bool blocked = false;      ///< a robot check / captcha page
    bool noResults = false;    ///< Amazon said the query has no results
};

/**
 * Parses Amazon search result pages and product pages with libxml2 and XPath selectors from a
 * data file: resources/selectors/amazon.json, overridden by <app data dir>/selectors/amazon.json
 * when that file exists. Thread-safe (each call parses its own document).
 *
 * Search pages stream through HtmlScan (one SAX pass, no tree) when every search selector is in
 * its XPath subset, as the built-in ones are; otherwise they go through HtmlDocument's tree and
 * libxml2's XPath. Both give the same results. A result card's content ends where a card nested
 * in it (an unclosed card) begins. A page counts as blocked (robot check / captcha) only when
 * it has no result cards.
 */
class AmazonParser final
{
public:
    /** How search pages are evaluated. */
    enum class Engine {
        Streaming, ///< HtmlScan: one SAX pass, selectors within its subset
        Tree,      ///< HtmlDocument: a libxml2 tree and XPath, any selector
    };

    /** Loads the selectors (the user's override first). */
    AmazonParser();
    /** Uses the selectors in this JSON text (tests). */
    static Result<AmazonParser> fromSelectorJson(const QByteArray &json);

    /** True when the HTML is a robot check / captcha page: a marker from "blocked" and no result cards. */
    bool isBlocked(const QByteArray &html) const;
    /** `base` makes product URLs absolute (https://www.amazon.com); `keywords` tag the products. */
    Result<AmazonSearchPage> parseSearch(const QByteArray &html, const QUrl &base, const QString &keywords = {},
                                         int firstRank = 1) const;
    /** A product detail page → one product (with Best Sellers Rank when shown). */
    Result<Product> parseProduct(const QByteArray &html, const QUrl &base) const;
    /** True when the page looks like a product page rather than a search page. */
    bool looksLikeProductPage(const QByteArray &html) const;

    /** The selector file in use (a path or ":/podtrends/selectors/amazon.json"). */
    QString selectorSource() const { return m_source; }
    /** The engine search pages go through. */
    Engine engine() const;
    /** Tree forces the tree engine (tests compare the two); Streaming only when the selectors allow it. */
    void setEngine(Engine engine) { m_forceTree = engine == Engine::Tree; }
    /** "#1,234 in Clothing (See Top 100) #56 in T-Shirts" → 1234. */
    static int parseBestSellersRank(const QString &text);

private:
    struct Scans;
    struct SearchText;

    QStringList list(const QString &group, const QString &field) const;
    bool isBlocked(const HtmlDocument &doc) const;
    void compileScans();
    SearchText searchWithScan(const QByteArray &html) const;
    SearchText searchWithTree(const QByteArray &html) const;

    QJsonObject m_selectors;
    QString m_source;
    std::shared_ptr<const Scans> m_scans; ///< null when a search selector is outside HtmlScan's subset
    bool m_forceTree = false;
};

} // namespace podtrends::core
