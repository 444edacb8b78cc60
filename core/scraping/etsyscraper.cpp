#include "etsyscraper.h"

#include <core/secrets/secretstore.h>
#include <core/util/whenready.h>
#include "textutil.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcEtsy, "podtrends.scraping.etsy")

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(EtsyScraper)
};
} // namespace

EtsyScraper::EtsyScraper(ScrapeTarget target, ScraperConfig config, HttpClient *http)
    : Scraper(std::move(target), std::move(config), http)
{
    const int maxOffset = std::clamp(m_config.etsyMaxOffset, 0, kMaxOffset);
    const int wanted = m_target.limit > 0 ? m_target.limit : m_config.etsyDefaultLimit;
    m_limit = std::clamp(wanted, 1, maxOffset + kPageSize);
}

QUrl EtsyScraper::pageUrl(const QUrl &base, const QString &keywords, int offset, int limit)
{
    QUrl url = base;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/listings/active"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("keywords"), QString::fromLatin1(QUrl::toPercentEncoding(keywords.simplified())));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    query.addQueryItem(QStringLiteral("sort_on"), QStringLiteral("score"));
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

HttpRequest EtsyScraper::request(const QUrl &url, const QString &apiKey)
{
    HttpRequest r;
    r.url = url;
    r.headers.append({QByteArray("x-api-key"), apiKey.toUtf8()});
    return r;
}

void EtsyScraper::start()
{
    const QString key = m_config.etsyApiKey.trimmed();
    if (key.isEmpty())
        return stopWith(ScrapeStatus::Error, SecretStore::missingMessage(SecretStore::Key::EtsyApiKey));
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == key.size() - 1)
        return stopWith(ScrapeStatus::Error, Tr::tr("The Etsy API key must be \"keystring:shared_secret\"; the shared secret is missing"));
    qCInfo(lcEtsy) << "searching" << m_target.target << "up to" << m_limit << "listings";
    fetch(0);
}

void EtsyScraper::fetch(int offset)
{
    const int limit = std::min(kPageSize, m_limit - offset);
    m_call = m_http->send(request(pageUrl(m_config.etsyBase, m_target.target, offset, limit), m_config.etsyApiKey.trimmed()),
                         [this, offset](Result<HttpReply> r) {
                             m_call = 0;
                             onPage(offset, std::move(r));
                         });
}

void EtsyScraper::onPage(int offset, Result<HttpReply> result)
{
    if (!result) {
        if (result.error().code == HttpError::Cancelled)
            return maybeFinish();
        return stopWith(ScrapeStatus::Error, describeFailure(result.error(), Tr::tr("Etsy search failed")));
    }
    const HttpReply &r = *result;
    const QString server = serverMessage(r);
    if (r.status == 401 || r.status == 403)
        return stopWith(ScrapeStatus::Error, Tr::tr("Etsy refused the API key (HTTP %1: %2); check keystring:secret in Settings")
                                                 .arg(r.status).arg(server.isEmpty() ? Tr::tr("forbidden") : server));
    if (r.status == 400 && server.contains(QLatin1String("offset"), Qt::CaseInsensitive))
        return stopWith(ScrapeStatus::Ok, Tr::tr("Partial result: Etsy pages at most %1 listings per search").arg(kMaxOffset));
    if (r.status == 429)
        return stopWith(ScrapeStatus::Error, Tr::tr("Etsy's rate limit was reached (HTTP 429) after %n listing(s); try again later", nullptr, m_items));
    if (!r.isSuccess())
        return stopWith(ScrapeStatus::Error, Tr::tr("Etsy answered HTTP %1%2").arg(r.status).arg(server.isEmpty() ? QString() : QStringLiteral(": ") + server));
    if (!r.isJson() && !r.body.trimmed().startsWith('{'))
        return stopWith(ScrapeStatus::Error, Tr::tr("Etsy answered %1 instead of JSON").arg(QString::fromLatin1(r.contentType)));

    ++m_pages;
    ++m_parsing;
    whenReady(QtConcurrent::run(parsePool(), [body = r.body, offset, keywords = m_target.target] { return parse(body, offset + 1, keywords); }), this, [this, offset](Result<Page> parsed) {
            --m_parsing;
            if (!parsed)
                return stopWith(ScrapeStatus::Error, Tr::tr("Etsy's answer at offset %1 is not valid JSON (%2); %n listing(s) kept", nullptr, m_items)
                                                         .arg(offset).arg(parsed.errorMessage()));
            if (parsed->count >= 0)
                m_resultCount = parsed->count;
            emitBatch(parsed->products);
            Q_EMIT progress(m_items, Tr::tr("Etsy \"%1\": %n listing(s)", nullptr, m_items).arg(m_target.target));
            const int next = offset + parsed->records;
            if (!m_stopStatus && parsed->records >= std::min(kPageSize, m_limit - offset) && parsed->records > 0
                && next < m_limit && (m_resultCount < 0 || next < m_resultCount))
                return fetch(next);
            stopWith(ScrapeStatus::Ok);
        });
}

Result<EtsyScraper::Page> EtsyScraper::parse(const QByteArray &json, int firstRank, const QString &keywords)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{Tr::tr("%1 at byte %2").arg(error.errorString()).arg(error.offset), 2};
    Page page;
    QJsonArray results;
    if (doc.isArray()) {
        results = doc.array();
    } else {
        const QJsonObject root = doc.object();
        if (root.contains(QLatin1String("results"))) {
            if (!root.value(QLatin1String("results")).isArray())
                return Error{Tr::tr("\"results\" is not a list"), 2};
            results = root.value(QLatin1String("results")).toArray();
            if (root.value(QLatin1String("count")).isDouble())
                page.count = root.value(QLatin1String("count")).toInteger();
        } else if (root.contains(QLatin1String("listing_id"))) {
            results.append(root);
        } else {
            return Error{Tr::tr("no \"results\" list"), 2};
        }
    }
    page.records = int(results.size());
    const QStringList words = keywords.simplified().isEmpty() ? QStringList() : QStringList{keywords.simplified()};
    int rank = firstRank;
    for (const QJsonValue &v : results) {
        Product p;
        if (v.isObject() && normalize(v.toObject(), &p)) {
            p.rank = rank;
            p.keywords = words;
            page.products << std::move(p);
        } else {
            ++page.skipped;
        }
        ++rank;
    }
    return page;
}

bool EtsyScraper::normalize(const QJsonObject &o, Product *out)
{
    const qint64 id = o.value(QLatin1String("listing_id")).toInteger();
    const QString title = text::stripHtml(o.value(QLatin1String("title")).toString());
    if (id <= 0 || title.isEmpty())
        return false;
    Product &p = *out;
    p.marketplace = toKey(Marketplace::Etsy);
    p.externalId = QString::number(id);
    p.title = title;
    p.description = o.value(QLatin1String("description")).toString();
    const QJsonObject price = o.value(QLatin1String("price")).toObject();
    const double divisor = price.value(QLatin1String("divisor")).toDouble(100);
    p.price = divisor > 0 ? price.value(QLatin1String("amount")).toDouble() / divisor : 0.0;
    p.currency = price.value(QLatin1String("currency_code")).toString();
    if (o.value(QLatin1String("num_favorers")).isDouble())
        p.favorites = o.value(QLatin1String("num_favorers")).toInt();
    for (const QJsonValue &t : o.value(QLatin1String("tags")).toArray())
        if (const QString s = t.toString().trimmed(); !s.isEmpty())
            p.tags << s;
    const QJsonArray path = o.value(QLatin1String("taxonomy_path")).toArray();
    if (!path.isEmpty())
        p.category = path.last().toString();
    else if (o.value(QLatin1String("taxonomy_id")).isDouble())
        p.category = QStringLiteral("taxonomy:%1").arg(o.value(QLatin1String("taxonomy_id")).toInteger());
    if (o.value(QLatin1String("shop_id")).isDouble())
        p.vendor = QStringLiteral("shop:%1").arg(o.value(QLatin1String("shop_id")).toInteger());
    if (const QJsonObject shop = o.value(QLatin1String("shop")).toObject(); !shop.isEmpty())
        p.vendor = shop.value(QLatin1String("shop_name")).toString(p.vendor);
    p.productUrl = o.value(QLatin1String("url")).toString();
    const QJsonArray images = o.value(QLatin1String("images")).toArray();
    if (!images.isEmpty())
        p.imageUrl = images.first().toObject().value(QLatin1String("url_570xN")).toString();
    p.rawData = rawRecord(o);
    return true;
}

} // namespace podtrends::core
