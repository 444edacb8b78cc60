#include "amazonparser.h"

#include "htmldocument.h"
#include "textutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcAmazonParser, "podtrends.scraping.amazon.parser")

// core.qrc lives in a static library: its initializer is linked only when referenced.
static void initCoreResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(core);
        return true;
    }();
    Q_UNUSED(done);
}

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AmazonParser)
};

const QString kBuiltIn = QStringLiteral(":/podtrends/selectors/amazon.json");

QString absoluteUrl(const QUrl &base, const QString &href)
{
    if (href.isEmpty())
        return {};
    return base.resolved(QUrl(href)).toString();
}

QString asinFromText(const QString &text)
{
    // "/dp/B0ABCDEFGH/…" or a bare ASIN.
    const qsizetype dp = text.indexOf(QLatin1String("/dp/"));
    const QString tail = dp >= 0 ? text.mid(dp + 4, 10) : text.trimmed().left(10);
    if (tail.size() != 10)
        return {};
    for (QChar c : tail)
        if (!c.isLetterOrNumber() || c.unicode() > 127)
            return {};
    return tail.toUpper();
}

double ratingFrom(const QString &text)
{
    const double value = text::parseNumber(text);
    return value >= 0 && value <= 5 ? value : 0.0;
}

} // namespace

AmazonParser::AmazonParser()
{
    initCoreResources();
    const QString user = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("selectors/amazon.json"));
    for (const QString &path : {user, kBuiltIn}) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        if (!doc.isObject() || !doc.object().contains(QLatin1String("search"))) {
            qCWarning(lcAmazonParser) << "ignoring unreadable selector file" << path;
            continue;
        }
        m_selectors = doc.object();
        m_source = path;
        return;
    }
}

Result<AmazonParser> AmazonParser::fromSelectorJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject() || !doc.object().contains(QLatin1String("search")))
        return Error{Tr::tr("The selector file is not valid"), 2};
    AmazonParser parser;
    parser.m_selectors = doc.object();
    parser.m_source = QStringLiteral("(inline)");
    return parser;
}

QStringList AmazonParser::list(const QString &group, const QString &field) const
{
    const QJsonValue v = group.isEmpty() ? m_selectors.value(field) : m_selectors.value(group).toObject().value(field);
    if (v.isString())
        return {v.toString()};
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

bool AmazonParser::isBlocked(const HtmlDocument &doc) const
{
    return doc.exists(list({}, QStringLiteral("blocked")));
}

bool AmazonParser::isBlocked(const QByteArray &html) const
{
    auto doc = HtmlDocument::parse(html);
    return doc && isBlocked(*doc);
}

bool AmazonParser::looksLikeProductPage(const QByteArray &html) const
{
    return html.contains("id=\"productTitle\"") || html.contains("id='productTitle'");
}

Result<AmazonSearchPage> AmazonParser::parseSearch(const QByteArray &html, const QUrl &base, const QString &keywords, int firstRank) const
{
    auto doc = HtmlDocument::parse(html);
    if (!doc)
        return Error{Tr::tr("The page is empty"), 2};
    AmazonSearchPage page;
    if (isBlocked(*doc)) {
        page.blocked = true;
        return page;
    }
    const QString cardSelector = list(QStringLiteral("search"), QStringLiteral("card")).value(0);
    const QList<HtmlDocument::Node> cards = doc->select(cardSelector);
    page.cards = int(cards.size());
    const QStringList asinSel = list(QStringLiteral("search"), QStringLiteral("asin"));
    const QStringList titleSel = list(QStringLiteral("search"), QStringLiteral("title"));
    const QStringList priceSel = list(QStringLiteral("search"), QStringLiteral("price"));
    const QStringList ratingSel = list(QStringLiteral("search"), QStringLiteral("rating"));
    const QStringList reviewSel = list(QStringLiteral("search"), QStringLiteral("reviews"));
    const QStringList imageSel = list(QStringLiteral("search"), QStringLiteral("image"));
    const QStringList sponsoredSel = list(QStringLiteral("search"), QStringLiteral("sponsored"));
    const QStringList brandSel = list(QStringLiteral("search"), QStringLiteral("brand"));
    const QStringList words = keywords.simplified().isEmpty() ? QStringList() : QStringList{keywords.simplified()};
    QSet<QString> seen;
    int rank = firstRank;
    for (const HtmlDocument::Node card : cards) {
        const int position = rank++;
        const QString asin = asinFromText(doc->firstText(asinSel, card));
        QString title = doc->firstText(titleSel, card);
        if (title.startsWith(QLatin1String("Sponsored Ad - ")))
            title = title.mid(15);
        if (asin.isEmpty() || title.isEmpty() || seen.contains(asin))
            continue;
        seen.insert(asin);
        Product p;
        p.marketplace = QStringLiteral("amazon");
        p.externalId = asin;
        p.title = title;
        const QString priceText = doc->firstText(priceSel, card);
        p.price = std::max(0.0, text::parseNumber(priceText));
        p.currency = text::currencyOf(priceText);
        const QString ratingText = doc->firstText(ratingSel, card);
        p.rating = ratingFrom(ratingText);
        const QString reviewText = doc->firstText(reviewSel, card);
        p.reviewsCount = int(std::max(0.0, text::parseNumber(reviewText)));
        p.imageUrl = doc->firstText(imageSel, card);
        p.productUrl = absoluteUrl(base, QStringLiteral("/dp/") + asin);
        p.sponsored = doc->exists(sponsoredSel, card);
        p.vendor = doc->firstText(brandSel, card);
        p.rank = position;
        p.keywords = words;
        p.rawData = QJsonObject{{QStringLiteral("asin"), asin}, {QStringLiteral("title"), title},
                                {QStringLiteral("price_text"), priceText}, {QStringLiteral("rating_text"), ratingText},
                                {QStringLiteral("reviews_text"), reviewText}, {QStringLiteral("image"), p.imageUrl},
                                {QStringLiteral("sponsored"), p.sponsored}, {QStringLiteral("position"), position},
                                {QStringLiteral("source"), QStringLiteral("search")}};
        page.products << std::move(p);
    }
    const QString countText = doc->firstText(list(QStringLiteral("search"), QStringLiteral("resultCount")));
    if (!countText.isEmpty()) {
        // "1-16 of over 90,000 results for" → the largest number in the line.
        double best = -1;
        QString rest = countText;
        while (true) {
            const double n = text::parseNumber(rest);
            if (n < 0)
                break;
            best = std::max(best, n);
            qsizetype i = 0;
            while (i < rest.size() && !rest.at(i).isDigit())
                ++i;
            while (i < rest.size() && (rest.at(i).isDigit() || rest.at(i) == QLatin1Char(',') || rest.at(i) == QLatin1Char('.')))
                ++i;
            rest = rest.mid(i);
        }
        page.resultCount = best < 0 ? -1 : qint64(best);
    }
    if (page.cards == 0)
        page.noResults = doc->exists(list(QStringLiteral("search"), QStringLiteral("noResults")));
    return page;
}

int AmazonParser::parseBestSellersRank(const QString &text)
{
    const qsizetype hash = text.indexOf(QLatin1Char('#'));
    if (hash < 0)
        return -1;
    const double n = text::parseNumber(text.mid(hash));
    return n < 1 ? -1 : int(n);
}

Result<Product> AmazonParser::parseProduct(const QByteArray &html, const QUrl &base) const
{
    auto doc = HtmlDocument::parse(html);
    if (!doc)
        return Error{Tr::tr("The page is empty"), 2};
    if (isBlocked(*doc))
        return Error{Tr::tr("Amazon answered with a robot check (captcha) page"), 3};
    Product p;
    p.marketplace = QStringLiteral("amazon");
    p.externalId = asinFromText(doc->firstText(list(QStringLiteral("product"), QStringLiteral("asin"))));
    p.title = doc->firstText(list(QStringLiteral("product"), QStringLiteral("title")));
    if (p.externalId.isEmpty() || p.title.isEmpty())
        return Error{Tr::tr("Not an Amazon product page (no ASIN or title found)"), 2};
    const QString priceText = doc->firstText(list(QStringLiteral("product"), QStringLiteral("price")));
    p.price = std::max(0.0, text::parseNumber(priceText));
    p.currency = text::currencyOf(priceText);
    const QString ratingText = doc->firstText(list(QStringLiteral("product"), QStringLiteral("rating")));
    p.rating = ratingFrom(ratingText);
    const QString reviewText = doc->firstText(list(QStringLiteral("product"), QStringLiteral("reviews")));
    p.reviewsCount = int(std::max(0.0, text::parseNumber(reviewText)));
    p.imageUrl = doc->firstText(list(QStringLiteral("product"), QStringLiteral("image")));
    p.vendor = doc->firstText(list(QStringLiteral("product"), QStringLiteral("brand")));
    p.category = doc->firstText(list(QStringLiteral("product"), QStringLiteral("category")));
    const QString bsrText = doc->firstText(list(QStringLiteral("product"), QStringLiteral("bestSellersRank")));
    p.rank = parseBestSellersRank(bsrText);
    p.productUrl = absoluteUrl(base, QStringLiteral("/dp/") + p.externalId);
    p.rawData = QJsonObject{{QStringLiteral("asin"), p.externalId}, {QStringLiteral("title"), p.title},
                            {QStringLiteral("price_text"), priceText}, {QStringLiteral("rating_text"), ratingText},
                            {QStringLiteral("reviews_text"), reviewText}, {QStringLiteral("best_sellers_rank"), bsrText},
                            {QStringLiteral("brand"), p.vendor}, {QStringLiteral("category"), p.category},
                            {QStringLiteral("source"), QStringLiteral("product")}};
    return p;
}

} // namespace podtrends::core
