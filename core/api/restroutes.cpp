// The endpoints of RestServer: parameters, validation and the JSON shapes of the seed's API.
#include "restserver.h"

#include <core/jobs/jobqueue.h>
#include <core/storage/designrepository.h>
#include <core/storage/jobrepository.h>
#include <core/storage/productqueries.h>
#include <core/storage/trendrepository.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRest)

namespace podtrends::core {

namespace {

constexpr int DefaultLimit = 20;
constexpr int MaxLimit = 100;
/** Deepest `skip` a list accepts: beyond it every request would step over that many rows.
 *  Trends and designs are tables of thousands at most; products can be millions and page deeper
 *  with `after=` (the last id of the previous page), which costs the same at any depth. */
constexpr qint64 MaxSkip = 10000;
constexpr qint64 MaxProductSkip = 1000;

QJsonArray queryLoc(const QString &name)
{
    return QJsonArray{QStringLiteral("query"), name};
}

QString version()
{
    return QCoreApplication::applicationVersion().isEmpty() ? QStringLiteral(PODTRENDS_VERSION) : QCoreApplication::applicationVersion();
}

template<typename T>
QJsonArray toArray(const QList<T> &items)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    return array;
}

} // namespace

qint64 RestServer::Params::integer(const QString &name, qint64 fallback, qint64 min, qint64 max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name, QUrl::FullyDecoded).trimmed().toLongLong(&ok);
    if (!ok) {
        errors.append(validationError(queryLoc(name), QStringLiteral("value is not a valid integer"), QStringLiteral("type_error.integer")));
        return fallback;
    }
    if (value < min) {
        errors.append(validationError(queryLoc(name), QStringLiteral("ensure this value is greater than or equal to %1").arg(min),
                                      QStringLiteral("value_error.number.not_ge"), {{QStringLiteral("limit_value"), min}}));
        return fallback;
    }
    if (value > max) {
        errors.append(validationError(queryLoc(name), QStringLiteral("ensure this value is less than or equal to %1").arg(max),
                                      QStringLiteral("value_error.number.not_le"), {{QStringLiteral("limit_value"), max}}));
        return fallback;
    }
    return value;
}

double RestServer::Params::number(const QString &name, double fallback, double min, double max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const double value = query.queryItemValue(name, QUrl::FullyDecoded).trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        errors.append(validationError(queryLoc(name), QStringLiteral("value is not a valid float"), QStringLiteral("type_error.float")));
        return fallback;
    }
    if (value < min) {
        errors.append(validationError(queryLoc(name), QStringLiteral("ensure this value is greater than or equal to %1").arg(min),
                                      QStringLiteral("value_error.number.not_ge"), {{QStringLiteral("limit_value"), min}}));
        return fallback;
    }
    if (value > max) {
        errors.append(validationError(queryLoc(name), QStringLiteral("ensure this value is less than or equal to %1").arg(max),
                                      QStringLiteral("value_error.number.not_le"), {{QStringLiteral("limit_value"), max}}));
        return fallback;
    }
    return value;
}

qint64 RestServer::Params::skip(qint64 max, bool cursor)
{
    const QString name = QStringLiteral("skip");
    const qint64 value = integer(name, 0, 0, std::numeric_limits<qint64>::max());
    if (value <= max)
        return value;
    QString message = QStringLiteral("ensure this value is less than or equal to %1").arg(max);
    if (cursor)
        message += QStringLiteral("; page deeper with after=<the last id of the previous page>");
    errors.append(validationError(queryLoc(name), message, QStringLiteral("value_error.number.not_le"), {{QStringLiteral("limit_value"), max}}));
    return 0;
}

QString RestServer::Params::text(const QString &name)
{
    const QString value = query.queryItemValue(name, QUrl::FullyDecoded).trimmed();
    if (value.size() > 200) {
        errors.append(validationError(queryLoc(name), QStringLiteral("ensure this value has at most 200 characters"),
                                      QStringLiteral("value_error.any_str.max_length"), {{QStringLiteral("limit_value"), 200}}));
        return {};
    }
    return value;
}

QString RestServer::Params::choice(const QString &name, const QStringList &allowed)
{
    const QString value = text(name);
    if (value.isEmpty() || allowed.contains(value))
        return value;
    QStringList quoted;
    for (const QString &a : allowed)
        quoted << QLatin1Char('\'') + a + QLatin1Char('\'');
    errors.append(validationError(queryLoc(name), QStringLiteral("value is not a valid enumeration member; permitted: ") + quoted.join(QStringLiteral(", ")),
                                  QStringLiteral("type_error.enum"), {{QStringLiteral("enum_values"), QJsonArray::fromStringList(allowed)}}));
    return {};
}

std::optional<qint64> RestServer::pathId(const QString &text, const QString &name, Reply *error)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok) {
        *error = validation({validationError(QJsonArray{QStringLiteral("path"), name}, QStringLiteral("value is not a valid integer"),
                                             QStringLiteral("type_error.integer"))});
        return std::nullopt;
    }
    return id;
}

RestServer::Routed RestServer::cached(const QString &cacheKey, const QString &table, std::function<Reply()> build)
{
    auto it = m_cache.constFind(cacheKey);
    if (it != m_cache.constEnd() && it->version == versionOf(table)) {
        Reply hit;
        hit.body = it->body;
        hit.etag = it->etag;
        hit.headers = it->headers;
        // Unchanged data older than the age limit is served once more while a fresh copy is built.
        if (m_clock.elapsed() - it->createdMs >= m_options.cacheMaxAgeMs)
            refreshInBackground(cacheKey, table, std::move(build));
        return Routed{hit, {}, {}, {}};
    }
    return Routed{std::nullopt, std::move(build), cacheKey, table};
}

void RestServer::store(const QString &cacheKey, const QString &table, quint64 version, Reply &reply)
{
    if (reply.status != 200)
        return;
    reply.etag = '"' + QCryptographicHash::hash(reply.body, QCryptographicHash::Sha1).toHex().left(32) + '"';
    // Data that changed while the query ran leaves this entry outdated at once.
    if (m_cache.size() >= MaxCacheEntries)
        m_cache.clear();
    m_cache.insert(cacheKey, CacheEntry{reply.body, reply.etag, reply.headers, table, version, m_clock.elapsed()});
}

RestServer::Routed RestServer::route(const IncomingRequest &request, const QString &path)
{
    auto now = [](Reply r) { return Routed{std::move(r), {}, {}, {}}; };
    auto later = [](std::function<Reply()> build) { return Routed{std::nullopt, std::move(build), {}, {}}; };
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    if (path == QLatin1String("/health") || path == QLatin1String("/api/v1/health"))
        return now(get ? health() : detail(405, QStringLiteral("Method Not Allowed")));
    if (!path.startsWith(QLatin1String("/api/v1/")))
        return now(detail(404, QStringLiteral("Not Found")));
    QStringList parts = path.mid(8).split(QLatin1Char('/'));
    if (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast(); // a trailing slash
    const QUrlQuery query(request.url);
    const QString cacheKey = path + QLatin1Char('?') + request.url.query(QUrl::FullyEncoded);
    auto methodNotAllowed = [&now](const char *allow) {
        Reply r = detail(405, QStringLiteral("Method Not Allowed"));
        r.addHeader("Allow", allow);
        return now(std::move(r));
    };
    const QString resource = parts.value(0);
    if (parts.size() == 1) {
        if (!get && (resource == QLatin1String("trends") || resource == QLatin1String("products") || resource == QLatin1String("designs")))
            return methodNotAllowed("GET");
        if (resource == QLatin1String("trends"))
            return cached(cacheKey, QStringLiteral("trends"), [this, query] { return listTrends(query); });
        if (resource == QLatin1String("products"))
            return cached(cacheKey, QStringLiteral("products"), [this, query] { return listProducts(query); });
        if (resource == QLatin1String("designs"))
            return cached(cacheKey, QStringLiteral("designs"), [this, query] { return listDesigns(query); });
    } else if (parts.size() == 2) {
        const QString id = parts.at(1);
        const bool known = resource == QLatin1String("trends") || resource == QLatin1String("products")
            || resource == QLatin1String("designs") || resource == QLatin1String("jobs");
        if (known && !get)
            return methodNotAllowed("GET");
        if (resource == QLatin1String("trends"))
            return cached(cacheKey, QStringLiteral("trends"), [this, id] { return getTrend(id); });
        if (resource == QLatin1String("products"))
            return cached(cacheKey, QStringLiteral("products"), [this, id] { return getProduct(id); });
        if (resource == QLatin1String("designs"))
            return cached(cacheKey, QStringLiteral("designs"), [this, id] { return getDesign(id); });
        if (resource == QLatin1String("jobs"))
            return later([this, id] { return getJob(id); });
    } else if (parts.size() == 3 && resource == QLatin1String("trends") && parts.at(2) == QLatin1String("generate")) {
        if (!post)
            return methodNotAllowed("POST");
        return later([this, id = parts.at(1), body = request.body] { return generate(id, body); });
    }
    return now(detail(404, QStringLiteral("Not Found")));
}

RestServer::Reply RestServer::health()
{
    const Status db = m_db->ensureConnection();
    QJsonObject o{{QStringLiteral("status"), db ? QStringLiteral("healthy") : QStringLiteral("unhealthy")},
                  {QStringLiteral("version"), version()},
                  {QStringLiteral("database"), m_db->isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite")}};
    return json(db ? 200 : 503, o);
}

RestServer::Reply RestServer::listTrends(const QUrlQuery &query)
{
    Params p{query, {}};
    TrendFilter f;
    f.offset = p.skip(MaxSkip, false);
    f.limit = int(p.integer(QStringLiteral("limit"), DefaultLimit, 1, MaxLimit));
    f.niche = p.text(QStringLiteral("niche"));
    f.category = p.text(QStringLiteral("category"));
    f.minScore = p.number(QStringLiteral("min_score"), -1, 0, 100);
    f.minOpportunity = p.number(QStringLiteral("min_opportunity"), -1, 0, 100);
    const QString sort = p.choice(QStringLiteral("sort"), {QStringLiteral("opportunity"), QStringLiteral("overall")});
    f.sort = sort == QLatin1String("overall") ? TrendSort::Overall : TrendSort::Opportunity;
    const QString warnings = p.choice(QStringLiteral("warnings"), {QStringLiteral("include"), QStringLiteral("exclude")});
    f.withoutWarnings = warnings == QLatin1String("exclude");
    if (!p.errors.isEmpty())
        return validation(p.errors);
    auto trends = TrendRepository(m_db).list(f);
    if (!trends) {
        qCWarning(lcRest).noquote() << trends.errorMessage();
        return detail(503, QStringLiteral("The database is not reachable"));
    }
    return json(200, toArray(*trends));
}

RestServer::Reply RestServer::listProducts(const QUrlQuery &query)
{
    Params p{query, {}};
    ProductFilter f;
    f.offset = p.skip(MaxProductSkip, true);
    f.limit = int(p.integer(QStringLiteral("limit"), DefaultLimit, 1, MaxLimit));
    f.marketplace = p.text(QStringLiteral("marketplace")).toLower();
    f.category = p.text(QStringLiteral("category"));
    f.minRating = p.number(QStringLiteral("min_rating"), -1, 0, 5);
    if (query.hasQueryItem(QStringLiteral("after")))
        f.afterId = p.integer(QStringLiteral("after"), 0, 0, std::numeric_limits<qint64>::max());
    if (!p.errors.isEmpty())
        return validation(p.errors);
    auto products = ProductQueries(m_db).list(f);
    if (!products) {
        qCWarning(lcRest).noquote() << products.errorMessage();
        return detail(503, QStringLiteral("The database is not reachable"));
    }
    Reply reply = json(200, toArray(*products));
    // A full page has a next one (RFC 8288 link): the same filters, after this page's last id.
    if (!products->isEmpty() && products->size() == f.limit) {
        QUrlQuery next(query);
        next.removeAllQueryItems(QStringLiteral("skip"));
        next.removeAllQueryItems(QStringLiteral("after"));
        next.addQueryItem(QStringLiteral("after"), QString::number(products->last().id));
        reply.addHeader("Link", "</api/v1/products?" + next.query(QUrl::FullyEncoded).toUtf8() + ">; rel=\"next\"");
    }
    return reply;
}

RestServer::Reply RestServer::listDesigns(const QUrlQuery &query)
{
    Params p{query, {}};
    DesignFilter f;
    f.offset = p.skip(MaxSkip, false);
    f.limit = int(p.integer(QStringLiteral("limit"), DefaultLimit, 1, MaxLimit));
    if (query.hasQueryItem(QStringLiteral("trend_id")))
        f.trendId = p.integer(QStringLiteral("trend_id"), 0, 1, std::numeric_limits<qint64>::max());
    const QString status = p.choice(QStringLiteral("status"), {toKey(DesignStatus::Draft), toKey(DesignStatus::Ready), toKey(DesignStatus::Published)});
    if (!status.isEmpty())
        f.status = designStatusFromKey(status);
    if (!p.errors.isEmpty())
        return validation(p.errors);
    auto designs = DesignRepository(m_db).list(f);
    if (!designs) {
        qCWarning(lcRest).noquote() << designs.errorMessage();
        return detail(503, QStringLiteral("The database is not reachable"));
    }
    return json(200, toArray(*designs));
}

RestServer::Reply RestServer::getTrend(const QString &text)
{
    Reply error;
    const auto id = pathId(text, QStringLiteral("trend_id"), &error);
    if (!id)
        return error;
    auto trend = TrendRepository(m_db).findById(*id);
    if (!trend)
        return detail(503, QStringLiteral("The database is not reachable"));
    return trend->has_value() ? json(200, (*trend)->toJson()) : detail(404, QStringLiteral("Trend not found"));
}

RestServer::Reply RestServer::getProduct(const QString &text)
{
    Reply error;
    const auto id = pathId(text, QStringLiteral("product_id"), &error);
    if (!id)
        return error;
    auto product = ProductQueries(m_db).findById(*id);
    if (!product)
        return detail(503, QStringLiteral("The database is not reachable"));
    return product->has_value() ? json(200, (*product)->toJson()) : detail(404, QStringLiteral("Product not found"));
}

RestServer::Reply RestServer::getDesign(const QString &text)
{
    Reply error;
    const auto id = pathId(text, QStringLiteral("design_id"), &error);
    if (!id)
        return error;
    auto design = DesignRepository(m_db).findById(*id);
    if (!design)
        return detail(503, QStringLiteral("The database is not reachable"));
    return design->has_value() ? json(200, (*design)->toJson()) : detail(404, QStringLiteral("Design not found"));
}

RestServer::Reply RestServer::getJob(const QString &text)
{
    Reply error;
    const auto id = pathId(text, QStringLiteral("job_id"), &error);
    if (!id)
        return error;
    auto job = JobRepository(m_db).findById(*id);
    if (!job)
        return detail(503, QStringLiteral("The database is not reachable"));
    return job->has_value() ? json(200, (*job)->toJson()) : detail(404, QStringLiteral("Job not found"));
}

RestServer::Reply RestServer::generate(const QString &text, const QByteArray &rawBody)
{
    Reply error;
    const auto id = pathId(text, QStringLiteral("trend_id"), &error);
    if (!id)
        return error;
    QJsonObject options;
    const QByteArray body = rawBody.trimmed();
    if (!body.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return validation({validationError(QJsonArray{QStringLiteral("body"), parseError.offset}, parseError.errorString(),
                                               QStringLiteral("value_error.jsondecode"))});
        if (!doc.isObject())
            return validation({validationError(QJsonArray{QStringLiteral("body")}, QStringLiteral("value is not a valid dict"),
                                               QStringLiteral("type_error.dict"))});
        options = doc.object();
    }
    QJsonArray errors;
    int variants = 3;
    if (options.contains(QStringLiteral("variants"))) {
        const QJsonValue v = options.value(QStringLiteral("variants"));
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
            errors.append(validationError(QJsonArray{QStringLiteral("body"), QStringLiteral("variants")}, QStringLiteral("value is not a valid integer"),
                                          QStringLiteral("type_error.integer")));
        else if (v.toInt() < 1 || v.toInt() > 10)
            errors.append(validationError(QJsonArray{QStringLiteral("body"), QStringLiteral("variants")},
                                          v.toInt() < 1 ? QStringLiteral("ensure this value is greater than or equal to 1") : QStringLiteral("ensure this value is less than or equal to 10"),
                                          v.toInt() < 1 ? QStringLiteral("value_error.number.not_ge") : QStringLiteral("value_error.number.not_le"),
                                          {{QStringLiteral("limit_value"), v.toInt() < 1 ? 1 : 10}}));
        else
            variants = v.toInt();
    }
    const QString provider = options.value(QStringLiteral("provider")).toString();
    if (options.contains(QStringLiteral("provider")) && provider != QLatin1String("builtin") && provider != QLatin1String("openai"))
        errors.append(validationError(QJsonArray{QStringLiteral("body"), QStringLiteral("provider")},
                                      QStringLiteral("value is not a valid enumeration member; permitted: 'builtin', 'openai'"),
                                      QStringLiteral("type_error.enum"), {{QStringLiteral("enum_values"), QJsonArray{QStringLiteral("builtin"), QStringLiteral("openai")}}}));
    if (!errors.isEmpty())
        return validation(errors);
    auto trend = TrendRepository(m_db).findById(*id);
    if (!trend)
        return detail(503, QStringLiteral("The database is not reachable"));
    if (!trend->has_value())
        return detail(404, QStringLiteral("Trend not found"));
    GenerateJob params;
    params.trendId = *id;
    params.variants = variants;
    params.provider = provider;
    auto jobId = JobQueue(m_db).enqueue(Job::of(params));
    if (!jobId) {
        qCWarning(lcRest).noquote() << jobId.errorMessage();
        return detail(503, QStringLiteral("The database is not reachable"));
    }
    Reply r = json(202, QJsonObject{{QStringLiteral("job_id"), *jobId}, {QStringLiteral("trend_id"), *id},
                                    {QStringLiteral("status"), toKey(JobStatus::Queued)}});
    r.addHeader("Location", "/api/v1/jobs/" + QByteArray::number(*jobId));
    return r;
}

} // namespace podtrends::core
