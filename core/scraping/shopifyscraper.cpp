#include "shopifyscraper.h"

#include "textutil.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

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
    m_call = m_http->get(request, [this, page](Result<HttpReply> r) {
        m_call = 0;
        onPage(page, std::move(r));
    });
}

void ShopifyScraper::queueStop(int page, const QString &status, const QString &message)
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
    QtConcurrent::run(parsePool(), [body = r.body, store] { return parse(body, store); })
        .then(this, [this, page, last](Result<Page> parsed) {
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
        if (!m_stopStatus.isEmpty())
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
    if (m_stopStatus.isEmpty() && m_call == 0 && m_requested < m_maxPages && m_requested <= m_nextPage)
        fetch(m_requested + 1);
}

Result<ShopifyScraper::Page> ShopifyScraper::parse(const QByteArray &json, const QUrl &store)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{Tr::tr("%1 at byte %2").arg(error.errorString()).arg(error.offset), 2};
    if (!doc.isObject())
        return Error{Tr::tr("expected a JSON object"), 2};
    const QJsonObject root = doc.object();
    Page page;
    if (root.contains(QLatin1String("product")) && root.value(QLatin1String("product")).isObject()) {
        page.records = 1;
        Product p;
        if (normalize(root.value(QLatin1String("product")).toObject(), productUrlBase(store), &p))
            page.products << p;
        else
            page.skipped = 1;
        prepareForStorage(page.products);
        return page;
    }
    const QJsonValue products = root.value(QLatin1String("products"));
    if (!products.isArray())
        return Error{Tr::tr("no \"products\" list"), 2};
    const QJsonArray array = products.toArray();
    page.records = int(array.size());
    page.products.reserve(array.size());
    const QList<QByteArrayView> raw = productRecordSlices(json);
    const bool verbatim = raw.size() == array.size();
    const QString urlBase = productUrlBase(store);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        Product p;
        if (v.isObject() && normalize(v.toObject(), urlBase, &p)) {
            if (verbatim)
                p.rawDataJson = raw.at(i).toByteArray();
            page.products << std::move(p);
        } else {
            ++page.skipped;
        }
    }
    prepareForStorage(page.products);
    return page;
}

bool ShopifyScraper::normalize(const QJsonObject &record, const QUrl &store, Product *out)
{
    return normalize(record, productUrlBase(store), out);
}

bool ShopifyScraper::normalize(const QJsonObject &o, const QString &productUrlBase, Product *out)
{
    const QJsonValue idValue = o.value(QLatin1String("id"));
    const qint64 id = idValue.isDouble() ? idValue.toInteger() : idValue.toString().toLongLong();
    const QString title = o.value(QLatin1String("title")).toString().trimmed();
    if (id <= 0 || title.isEmpty())
        return false;
    Product &p = *out;
    p.marketplace = QStringLiteral("shopify");
    p.externalId = QString::number(id);
    p.title = title;
    p.description = text::stripHtml(o.value(QLatin1String("body_html")).toString());
    p.category = o.value(QLatin1String("product_type")).toString().trimmed();
    p.vendor = o.value(QLatin1String("vendor")).toString().trimmed();
    const QJsonValue tags = o.value(QLatin1String("tags"));
    if (tags.isArray()) {
        for (const QJsonValue &t : tags.toArray())
            if (const QString s = t.toString().trimmed(); !s.isEmpty())
                p.tags << s;
    } else if (tags.isString()) {
        for (const QString &t : tags.toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (const QString s = t.trimmed(); !s.isEmpty())
                p.tags << s;
    }
    // Prices are decimal strings on products.json and integer cents on .js; take the lowest variant.
    double best = -1;
    for (const QJsonValue &v : o.value(QLatin1String("variants")).toArray()) {
        const QJsonValue price = v.toObject().value(QLatin1String("price"));
        bool ok = price.isDouble();
        double value = price.toDouble();
        if (price.isString())
            value = decimalPrice(price.toString(), &ok);
        if (ok && value >= 0 && (best < 0 || value < best))
            best = value;
    }
    p.price = best < 0 ? 0.0 : best;
    const QJsonArray images = o.value(QLatin1String("images")).toArray();
    if (!images.isEmpty()) {
        const QJsonValue first = images.first();
        p.imageUrl = first.isObject() ? first.toObject().value(QLatin1String("src")).toString() : first.toString();
        if (p.imageUrl.startsWith(QLatin1String("//")))
            p.imageUrl.prepend(QLatin1String("https:"));
    }
    const QString handle = o.value(QLatin1String("handle")).toString();
    if (!handle.isEmpty() && !productUrlBase.isEmpty())
        p.productUrl = productUrlBase + handle;
    p.rawData = o;
    return true;
}

} // namespace podtrends::core
