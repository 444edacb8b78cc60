#pragma once

#include <core/domain/product.h>
#include <core/util/result.h>

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

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
 */
class AmazonParser final
{
public:
    /** Loads the selectors (the user's override first). */
    AmazonParser();
    /** Uses the selectors in this JSON text (tests). */
    static Result<AmazonParser> fromSelectorJson(const QByteArray &json);

    /** True when the HTML is a robot check / captcha page. */
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
    /** "#1,234 in Clothing (See Top 100) #56 in T-Shirts" → 1234. */
    static int parseBestSellersRank(const QString &text);

private:
    QStringList list(const QString &group, const QString &field) const;
    bool isBlocked(const HtmlDocument &doc) const;

    QJsonObject m_selectors;
    QString m_source;
};

} // namespace podtrends::core
