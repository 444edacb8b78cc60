#include "shopifyscraper.h"

#include "textutil.h"

#include <core/util/whenready.h>

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <simdjson.h>

Q_LOGGING_CATEGORY(lcShopify, "podtrends.scraping.shopify")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ShopifyScraper)
};

// The byte ranges of the objects in the root object's "products" array, exactly as received
// (raw_data keeps the record verbatim, and nobody serializes it again). Call it on text that
// parsed as JSON; the caller checks the count against the parsed array and otherwise serializes.
QList<QByteArrayView> productRecordSlices(const QByteArray &json)
{
    QList<QByteArrayView> out;
    const char *s = json.constData();
    const qsizetype n = json.size();
    int depth = 0;
    bool inString = false;
    qsizetype stringStart = -1;
    QByteArrayView lastKey; // the last string seen directly in the root object
    bool inProducts = false;
    qsizetype recordStart = -1;
    for (qsizetype i = 0; i < n; ++i) {
        const char c = s[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
                if (depth == 1)
                    lastKey = QByteArrayView(s + stringStart, i - stringStart);
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            stringStart = i + 1;
            break;
        case '{':
        case '[':
            if (inProducts && depth == 2 && c == '{')
                recordStart = i;
            ++depth;
            if (c == '[' && depth == 2 && lastKey == QByteArrayView("products"))
                inProducts = true;
            break;
        case '}':
        case ']':
            --depth;
            if (inProducts && depth == 2 && c == '}' && recordStart >= 0) {
                out << QByteArrayView(s + recordStart, i + 1 - recordStart);
                recordStart = -1;
            } else if (inProducts && depth < 2) {
                return out;
            }
            break;
        default:
            break;
        }
    }
    return out;
}
// A variant price such as "24.00" as a double, equal to what QString::toDouble gives: digits with
// an optional fraction, at most 15 of them, are an exact integer divided by an exact power of ten,
// and IEEE division rounds that correctly. Anything else (signs, exponents, spaces) goes the long way.
double decimalPrice(QStringView text, bool *ok)
{
    static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    qint64 mantissa = 0;
    int digits = 0;
    int fraction = -1; // digits after the point, -1 before it
    for (const QChar c : text) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9')) {
            if (++digits > 15)
                return text.toDouble(ok);
            mantissa = mantissa * 10 + (c.unicode() - '0');
            if (fraction >= 0)
                ++fraction;
        } else if (c == QLatin1Char('.') && fraction < 0) {
            fraction = 0;
        } else {
            return text.toDouble(ok);
        }
    }
    if (digits == 0 || fraction == 0)
        return text.toDouble(ok);
    *ok = true;
    return fraction > 0 ? double(mantissa) / kPowersOfTen[fraction] : double(mantissa);
}

// "https://store.example/products/" for a store URL, the part of every product URL before the handle.
QString productUrlBase(const QUrl &store)
{
    if (!store.isValid() || store.host().isEmpty())
        return {};
    return store.toString(QUrl::RemovePath | QUrl::RemoveQuery) + QStringLiteral("/products/");
}

} // namespace

ShopifyScraper::ShopifyScraper(ScrapeTarget target, ScraperConfig config, HttpClient *http)
    : Scraper(std::move(target), std::move(config), http)
{
    m_store = storeUrl(m_target.target);
    const int cap = kStorefrontCap / kPageSize;
    m_maxPages = m_target.maxPages > 0 ? std::min(m_target.maxPages, cap) : std::min(m_config.shopifyDefaultMaxPages, cap);
}

QUrl ShopifyScraper::storeUrl(const QString &text)
{
    QString t = text.trimmed();
    if (!t.contains(QLatin1String("://")))
        t.prepend(QLatin1String("https://"));
    QUrl url(t, QUrl::StrictMode);
    if (!url.isValid())
        return {};
    QUrl base;
    base.setScheme(url.scheme().toLower());
    base.setHost(url.host().toLower());
    if (url.port() > 0)
        base.setPort(url.port());
    return base;
}

void ShopifyScraper::start()
{
    qCInfo(lcShopify) << "scraping" << m_store.toDisplayString() << "up to" << m_maxPages << "pages";
    fetch(1);
}

void ShopifyScraper::fetch(int page)
{
    m_requested = std::max(m_requested, page);
    QUrl url = m_store;
    url.setPath(QStringLiteral("/products.json"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(kPageSize));
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    url.setQuery(query);
    HttpRequest request;
    request.url = url;
    m_call = m_http->send(request, [this, page](Result<HttpReply> r) {
        m_call = 0;
        onPage(page, std::move(r));
    });
}

void ShopifyScraper::queueStop(int page, ScrapeStatus status, const QString &message)
{
    m_parsed.emplace(page, Parsed{std::nullopt, status, message, true});
    drainParsed();
}

void ShopifyScraper::onPage(int page, Result<HttpReply> result)
{
    if (!result) {
        if (result.error().code == HttpError::Cancelled)
            return maybeFinish();
        return queueStop(page, ScrapeStatus::Error, Tr::tr("Page %1 of %2 failed: %3").arg(page).arg(m_store.host(), result.errorMessage()));
    }
    const HttpReply &r = *result;
    if (r.status == 400 && r.body.contains("25000"))
        return queueStop(page, ScrapeStatus::Ok, Tr::tr("Partial result: Shopify serves at most 25,000 products per store this way"));
    if (r.status == 429 || r.status == 430)
        return queueStop(page, ScrapeStatus::Error, Tr::tr("%1 keeps refusing requests (HTTP %2, rate limited) at page %3; try again later").arg(m_store.host()).arg(r.status).arg(page));
    if (!r.isSuccess())
        return queueStop(page, ScrapeStatus::Error, Tr::tr("%1 answered HTTP %2 for page %3").arg(m_store.host()).arg(r.status).arg(page));
    if (r.isHtml() || (!r.isJson() && !r.body.trimmed().startsWith('{')))
        return queueStop(page, ScrapeStatus::Error, Tr::tr("%1 does not look like a Shopify store (products.json answered %2, not JSON)")
                                                        .arg(m_store.host(), QString::fromLatin1(r.contentType.isEmpty() ? QByteArray("no content type") : r.contentType)));

    ++m_parsing;
    const bool last = page >= m_maxPages;
    // Fetch the next page while this one parses: the rate limit, not parsing, should set the pace.
    fetchAhead();
    const QUrl store = m_store;
    whenReady(QtConcurrent::run(parsePool(), [body = r.body, store] { return parse(body, store); }), this, [this, page, last](Result<Page> parsed) {
            --m_parsing;
            m_parsed.emplace(page, Parsed{std::move(parsed), {}, {}, last});
            drainParsed();
        });
}

void ShopifyScraper::drainParsed()
{
    // Pages are parsed concurrently but handled in order, so an error on page N never lets a
    // later page in, and "N products kept" is exact.
    while (m_parsed.count(m_nextPage) > 0) {
        const int page = m_nextPage++;
        Parsed entry = std::move(m_parsed.extract(page).mapped());
        if (m_stopStatus)
            continue;
        if (!entry.page) {
            stopWith(entry.stopStatus, entry.stopMessage.isEmpty() || entry.stopStatus == ScrapeStatus::Ok
                                           ? entry.stopMessage + Tr::tr("; %n product(s) collected", nullptr, m_items)
                                           : entry.stopMessage + Tr::tr("; %n product(s) kept", nullptr, m_items));
            continue;
        }
        const bool last = entry.last;
        Result<Page> &parsed = *entry.page;
        if (!parsed) {
            stopWith(ScrapeStatus::Error, Tr::tr("Page %1 of %2 is not valid products JSON (%3); %n product(s) kept", nullptr, m_items)
                                              .arg(page).arg(m_store.host(), parsed.errorMessage()));
            continue;
        }
        ++m_pages; // counted when handled, so pages fetched past the end never count
        emitBatch(parsed->products);
        Q_EMIT progress(m_items, Tr::tr("%1: page %2, %n product(s)", nullptr, m_items).arg(m_store.host()).arg(page));
        if (parsed->records < kPageSize) {
            stopWith(ScrapeStatus::Ok);
        } else if (last) {
            if (page * kPageSize >= kStorefrontCap)
                stopWith(ScrapeStatus::Ok, Tr::tr("Partial result: Shopify serves at most 25,000 products per store this way; %n product(s) collected", nullptr, m_items));
            else
                stopWith(ScrapeStatus::Ok, Tr::tr("Stopped at the page limit (%1 pages); the store has more products").arg(page));
        }
    }
    fetchAhead();
    maybeFinish();
}

void ShopifyScraper::fetchAhead()
{
    // One page ahead at most: when parsing lags behind a fast store, fetching further would
    // only ask for pages past the end (a short page is known only once it is parsed).
    if (!m_stopStatus && m_call == 0 && m_requested < m_maxPages && m_requested <= m_nextPage)
        fetch(m_requested + 1);
}

namespace {

using JsonElement = simdjson::dom::element;
using JsonObject = simdjson::dom::object;

QString jsonText(JsonElement e)
{
    std::string_view text;
    if (e.get_string().get(text) != simdjson::SUCCESS)
        return {};
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString jsonField(const JsonObject &o, std::string_view key)
{
    JsonElement e;
    return o.at_key(key).get(e) == simdjson::SUCCESS ? jsonText(e) : QString();
}

// A product id: an integer, an integral number or a string of digits (0 when it is none of these).
qint64 jsonId(const JsonObject &o)
{
    JsonElement e;
    if (o.at_key("id").get(e) != simdjson::SUCCESS)
        return 0;
    int64_t i = 0;
    if (e.get_int64().get(i) == simdjson::SUCCESS)
        return i;
    double d = 0;
    if (e.is_double() && e.get_double().get(d) == simdjson::SUCCESS && d >= 1 && d < 9.2e18 && double(qint64(d)) == d)
        return qint64(d);
    return jsonText(e).toLongLong();
}

// One storefront product object → Product (false when it lacks an id or title).
bool normalizeRecord(const JsonObject &o, const QString &productUrlBase, Product *out)
{
    const qint64 id = jsonId(o);
    const QString title = jsonField(o, "title").trimmed();
    if (id <= 0 || title.isEmpty())
        return false;
    Product &p = *out;
    p.marketplace = toKey(Marketplace::Shopify);
    p.externalId = QString::number(id);
    p.title = title;
    p.description = text::stripHtml(jsonField(o, "body_html"));
    p.category = jsonField(o, "product_type").trimmed();
    p.vendor = jsonField(o, "vendor").trimmed();
    JsonElement tags;
    if (o.at_key("tags").get(tags) == simdjson::SUCCESS) {
        simdjson::dom::array list;
        if (tags.get_array().get(list) == simdjson::SUCCESS) {
            for (JsonElement t : list)
                if (const QString s = jsonText(t).trimmed(); !s.isEmpty())
                    p.tags << s;
        } else if (tags.is_string()) {
            for (const QString &t : jsonText(tags).split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (const QString s = t.trimmed(); !s.isEmpty())
                    p.tags << s;
        }
    }
    // Prices are decimal strings on products.json and integer cents on .js; take the lowest variant.
    double best = -1;
    simdjson::dom::array variants;
    if (o.at_key("variants").get_array().get(variants) == simdjson::SUCCESS) {
        for (JsonElement v : variants) {
            JsonObject variant;
            JsonElement price;
            if (v.get_object().get(variant) != simdjson::SUCCESS || variant.at_key("price").get(price) != simdjson::SUCCESS)
                continue;
            bool ok = false;
            double value = 0;
            if (price.is_number())
                ok = price.get_double().get(value) == simdjson::SUCCESS;
            else if (price.is_string())
                value = decimalPrice(jsonText(price), &ok);
            if (ok && value >= 0 && (best < 0 || value < best))
                best = value;
        }
    }
    p.price = best < 0 ? 0.0 : best;
    simdjson::dom::array images;
    JsonElement first;
    if (o.at_key("images").get_array().get(images) == simdjson::SUCCESS && images.at(0).get(first) == simdjson::SUCCESS) {
        JsonObject image;
        p.imageUrl = first.get_object().get(image) == simdjson::SUCCESS ? jsonField(image, "src") : jsonText(first);
        if (p.imageUrl.startsWith(QLatin1String("//")))
            p.imageUrl.prepend(QLatin1String("https:"));
    }
    const QString handle = jsonField(o, "handle");
    if (!handle.isEmpty() && !productUrlBase.isEmpty())
        p.productUrl = productUrlBase + handle;
    return true;
}

QByteArray minified(JsonElement e)
{
    const std::string text = simdjson::minify(e);
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace

// simdjson reads the page (validating all of it, UTF-8 included) at several hundred MB/s, a
// fraction of what building a QJsonDocument cost: parsing was half the pipeline's CPU time beside
// the database writer on 2 cores (docs/PERFORMANCE.md). Each product keeps its record as the bytes
// received (rawData), and readers parse the stored JSON.
Result<ShopifyScraper::Page> ShopifyScraper::parse(const QByteArray &json, const QUrl &store)
{
    // One parser per thread keeps its buffers between pages; elements live until its next parse.
    thread_local simdjson::dom::parser parser;
    JsonElement doc;
    if (const auto error = parser.parse(json.constData(), size_t(json.size())).get(doc); error != simdjson::SUCCESS)
        return Error{Tr::tr("not valid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(error))), 2};
    JsonObject root;
    if (doc.get_object().get(root) != simdjson::SUCCESS)
        return Error{Tr::tr("expected a JSON object"), 2};
    Page page;
    const QString urlBase = productUrlBase(store);
    JsonElement single;
    JsonObject singleObject;
    if (root.at_key("product").get(single) == simdjson::SUCCESS && single.get_object().get(singleObject) == simdjson::SUCCESS) {
        page.records = 1;
        Product p;
        if (normalizeRecord(singleObject, urlBase, &p)) {
            p.rawData = minified(single);
            page.products << std::move(p);
        } else {
            page.skipped = 1;
        }
        return page;
    }
    simdjson::dom::array products;
    if (root.at_key("products").get_array().get(products) != simdjson::SUCCESS)
        return Error{Tr::tr("no \"products\" list"), 2};
    page.records = int(products.size());
    page.products.reserve(page.records);
    const QList<QByteArrayView> raw = productRecordSlices(json);
    const bool verbatim = raw.size() == page.records;
    qsizetype index = 0;
    for (JsonElement v : products) {
        Product p;
        JsonObject record;
        if (v.get_object().get(record) == simdjson::SUCCESS && normalizeRecord(record, urlBase, &p)) {
            p.rawData = verbatim ? raw.at(index).toByteArray() : minified(v);
            page.products << std::move(p);
        } else {
            ++page.skipped;
        }
        ++index;
    }
    return page;
}

} // namespace podtrends::core
