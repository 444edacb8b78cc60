#include "amazonparser.h"

#include "htmldocument.h"
#include "htmlscan.h"
#include "textutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <iterator>

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

// A count read from page text. A number beyond the int range (only a garbled page shows one)
// is `unknown`: converting such a double to int is undefined behaviour (found by fuzzing).
int countFrom(double value, int unknown)
{
    return value >= 0 && value < 2147483648.0 ? int(value) : unknown;
}

double ratingFrom(const QString &text)
{
    const double value = text::parseNumber(text);
    return value >= 0 && value <= 5 ? value : 0.0;
}

} // namespace

/** The search selectors compiled for HtmlScan: the page pass and the pass for pages without cards. */
struct AmazonParser::Scans
{
    enum Field { Asin, Title, Price, Rating, Reviews, Image, Sponsored, Brand, FieldCount };
    HtmlScan search;   ///< cards, their fields, the result count
    HtmlScan noCards;  ///< robot-check markers, "no results": read only when a page has no cards
};

/** What a search page said, before it becomes products; the same from either engine. */
struct AmazonParser::SearchText
{
    struct Card
    {
        QString asin, title, price, rating, reviews, image, brand;
        bool sponsored = false;
    };
    bool empty = true;
    QList<Card> cards;
    QString resultCount;
    bool blocked = false;
    bool noResults = false;
};

namespace {

const char *const kFieldNames[] = {"asin", "title", "price", "rating", "reviews", "image", "sponsored", "brand"};
static_assert(std::size(kFieldNames) == 8);

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
        break;
    }
    compileScans();
}

Result<AmazonParser> AmazonParser::fromSelectorJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject() || !doc.object().contains(QLatin1String("search")))
        return Error{Tr::tr("The selector file is not valid"), 2};
    AmazonParser parser;
    parser.m_selectors = doc.object();
    parser.m_source = QStringLiteral("(inline)");
    parser.compileScans();
    return parser;
}

void AmazonParser::compileScans()
{
    m_scans.reset();
    auto scans = std::make_shared<Scans>();
    const QString search = QStringLiteral("search");
    bool ok = scans->search.setRecords(list(search, QStringLiteral("card")).value(0));
    for (int f = 0; ok && f < Scans::FieldCount; ++f) {
        const auto mode = f == Scans::Sponsored ? HtmlScan::Mode::Exists : HtmlScan::Mode::FirstText;
        ok = scans->search.addRecordQuery(list(search, QString::fromLatin1(kFieldNames[f])), mode) == f;
    }
    ok = ok && scans->search.addDocumentQuery(list(search, QStringLiteral("resultCount")), HtmlScan::Mode::FirstText) == 0;
    if (!ok) {
        qCInfo(lcAmazonParser) << "search selectors outside the streaming subset, using XPath on a tree:" << scans->search.errorString();
        return;
    }
    ok = scans->noCards.addDocumentQuery(list({}, QStringLiteral("blocked")), HtmlScan::Mode::Exists) == 0
        && scans->noCards.addDocumentQuery(list(search, QStringLiteral("noResults")), HtmlScan::Mode::Exists) == 1;
    if (!ok) {
        qCInfo(lcAmazonParser) << "blocked/noResults selectors outside the streaming subset, using XPath on a tree:"
                               << scans->noCards.errorString();
        return;
    }
    m_scans = std::move(scans);
}

AmazonParser::Engine AmazonParser::engine() const
{
    return m_scans && !m_forceTree ? Engine::Streaming : Engine::Tree;
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
    const auto page = parseSearch(html, QUrl());
    return page && page->blocked;
}

bool AmazonParser::looksLikeProductPage(const QByteArray &html) const
{
    return html.contains("id=\"productTitle\"") || html.contains("id='productTitle'");
}

AmazonParser::SearchText AmazonParser::searchWithScan(const QByteArray &html) const
{
    SearchText out;
    const HtmlScan::Result page = m_scans->search.run(html);
    out.empty = page.empty;
    if (out.empty)
        return out;
    out.cards.reserve(page.records);
    for (int r = 0; r < page.records; ++r) {
        SearchText::Card card;
        card.asin = page.answer(r, Scans::Asin).text;
        card.title = page.answer(r, Scans::Title).text;
        card.price = page.answer(r, Scans::Price).text;
        card.rating = page.answer(r, Scans::Rating).text;
        card.reviews = page.answer(r, Scans::Reviews).text;
        card.image = page.answer(r, Scans::Image).text;
        card.brand = page.answer(r, Scans::Brand).text;
        card.sponsored = page.answer(r, Scans::Sponsored).found;
        out.cards << std::move(card);
    }
    out.resultCount = page.document.at(0).text;
    if (out.cards.isEmpty()) {
        // Robot-check markers are looked for only on a page without cards (a second, rare pass):
        // a product titled "…you're not a robot…" does not make a results page a captcha.
        const HtmlScan::Result markers = m_scans->noCards.run(html);
        out.blocked = markers.document.at(0).found;
        out.noResults = markers.document.at(1).found;
    }
    return out;
}

AmazonParser::SearchText AmazonParser::searchWithTree(const QByteArray &html) const
{
    SearchText out;
    auto doc = HtmlDocument::parse(html);
    if (!doc)
        return out;
    out.empty = false;
    const QString search = QStringLiteral("search");
    const QList<HtmlDocument::Node> cards = doc->select(list(search, QStringLiteral("card")).value(0));
    // Page-wide selectors before splitNestedRecords() reshapes the tree: HtmlScan sees the page as parsed.
    out.resultCount = doc->firstText(list(search, QStringLiteral("resultCount")));
    if (cards.isEmpty()) {
        out.blocked = isBlocked(*doc);
        out.noResults = doc->exists(list(search, QStringLiteral("noResults")));
        return out;
    }
    doc->splitNestedRecords(cards);
    QStringList selectors[Scans::FieldCount];
    for (int f = 0; f < Scans::FieldCount; ++f)
        selectors[f] = list(search, QString::fromLatin1(kFieldNames[f]));
    out.cards.reserve(cards.size());
    for (const HtmlDocument::Node node : cards) {
        SearchText::Card card;
        card.asin = doc->firstText(selectors[Scans::Asin], node);
        card.title = doc->firstText(selectors[Scans::Title], node);
        card.price = doc->firstText(selectors[Scans::Price], node);
        card.rating = doc->firstText(selectors[Scans::Rating], node);
        card.reviews = doc->firstText(selectors[Scans::Reviews], node);
        card.image = doc->firstText(selectors[Scans::Image], node);
        card.brand = doc->firstText(selectors[Scans::Brand], node);
        card.sponsored = doc->exists(selectors[Scans::Sponsored], node);
        out.cards << std::move(card);
    }
    return out;
}

Result<AmazonSearchPage> AmazonParser::parseSearch(const QByteArray &html, const QUrl &base, const QString &keywords, int firstRank) const
{
    const SearchText parsed = engine() == Engine::Streaming ? searchWithScan(html) : searchWithTree(html);
    if (parsed.empty)
        return Error{Tr::tr("The page is empty"), 2};
    AmazonSearchPage page;
    if (parsed.blocked) {
        page.blocked = true;
        return page;
    }
    page.cards = int(parsed.cards.size());
    const QStringList words = keywords.simplified().isEmpty() ? QStringList() : QStringList{keywords.simplified()};
    // "/dp/<ASIN>" resolved once: an ASIN is 10 ASCII letters and digits, so appending it is the same.
    const QString productUrlPrefix = absoluteUrl(base, QStringLiteral("/dp/"));
    QSet<QString> seen;
    seen.reserve(parsed.cards.size());
    page.products.reserve(parsed.cards.size());
    int rank = firstRank;
    for (const SearchText::Card &card : parsed.cards) {
        const int position = rank++;
        const QString asin = asinFromText(card.asin);
        QString title = card.title;
        if (title.startsWith(QLatin1String("Sponsored Ad - ")))
            title = title.mid(15);
        if (asin.isEmpty() || title.isEmpty() || seen.contains(asin))
            continue;
        seen.insert(asin);
        Product p;
        p.marketplace = toKey(Marketplace::Amazon);
        p.externalId = asin;
        p.title = title;
        p.price = std::max(0.0, text::parseNumber(card.price));
        p.currency = text::currencyOf(card.price);
        p.rating = ratingFrom(card.rating);
        p.reviewsCount = countFrom(text::parseNumber(card.reviews), 0);
        p.imageUrl = card.image;
        p.productUrl = productUrlPrefix + asin;
        p.sponsored = card.sponsored;
        p.vendor = card.brand;
        p.rank = position;
        p.keywords = words;
        // Filling in a copy of a template beats inserting the keys one by one (half the cost on a
        // page of 600 cards); the object is the same.
        static const QJsonObject rawTemplate{{QStringLiteral("asin"), QString()},         {QStringLiteral("title"), QString()},
                                             {QStringLiteral("price_text"), QString()},   {QStringLiteral("rating_text"), QString()},
                                             {QStringLiteral("reviews_text"), QString()}, {QStringLiteral("image"), QString()},
                                             {QStringLiteral("sponsored"), false},        {QStringLiteral("position"), 0},
                                             {QStringLiteral("source"), QStringLiteral("search")}};
        QJsonObject raw = rawTemplate;
        raw[QLatin1String("asin")] = asin;
        raw[QLatin1String("title")] = title;
        raw[QLatin1String("price_text")] = card.price;
        raw[QLatin1String("rating_text")] = card.rating;
        raw[QLatin1String("reviews_text")] = card.reviews;
        raw[QLatin1String("image")] = p.imageUrl;
        raw[QLatin1String("sponsored")] = p.sponsored;
        raw[QLatin1String("position")] = position;
        p.rawData = rawRecord(raw); // serialized here, on the parse thread, not by the database writer
        page.products << std::move(p);
    }
    if (!parsed.resultCount.isEmpty()) {
        // "1-16 of over 90,000 results for" → the largest number in the line.
        double best = -1;
        QString rest = parsed.resultCount;
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
        page.resultCount = best >= 0 && best < 9223372036854775808.0 ? qint64(best) : -1;
    }
    if (page.cards == 0)
        page.noResults = parsed.noResults;
    return page;
}

int AmazonParser::parseBestSellersRank(const QString &text)
{
    const qsizetype hash = text.indexOf(QLatin1Char('#'));
    if (hash < 0)
        return -1;
    const double n = text::parseNumber(text.mid(hash));
    return n < 1 ? -1 : countFrom(n, -1);
}

Result<Product> AmazonParser::parseProduct(const QByteArray &html, const QUrl &base) const
{
    auto doc = HtmlDocument::parse(html);
    if (!doc)
        return Error{Tr::tr("The page is empty"), 2};
    if (isBlocked(*doc))
        return Error{Tr::tr("Amazon answered with a robot check (captcha) page"), 3};
    Product p;
    p.marketplace = toKey(Marketplace::Amazon);
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
    p.reviewsCount = countFrom(text::parseNumber(reviewText), 0);
    p.imageUrl = doc->firstText(list(QStringLiteral("product"), QStringLiteral("image")));
    p.vendor = doc->firstText(list(QStringLiteral("product"), QStringLiteral("brand")));
    p.category = doc->firstText(list(QStringLiteral("product"), QStringLiteral("category")));
    const QString bsrText = doc->firstText(list(QStringLiteral("product"), QStringLiteral("bestSellersRank")));
    p.rank = parseBestSellersRank(bsrText);
    p.productUrl = absoluteUrl(base, QStringLiteral("/dp/") + p.externalId);
    p.rawData = rawRecord(QJsonObject{{QStringLiteral("asin"), p.externalId}, {QStringLiteral("title"), p.title},
                            {QStringLiteral("price_text"), priceText}, {QStringLiteral("rating_text"), ratingText},
                            {QStringLiteral("reviews_text"), reviewText}, {QStringLiteral("best_sellers_rank"), bsrText},
                            {QStringLiteral("brand"), p.vendor}, {QStringLiteral("category"), p.category},
                            {QStringLiteral("source"), QStringLiteral("product")}});
    return p;
}

} // namespace podtrends::core
