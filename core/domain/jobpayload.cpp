#include "jobpayload.h"

#include "job.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

#include <cmath>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Job)
};

// The seller's word for a stored key, for the error that names it.
QString fieldName(QLatin1String key)
{
    static const QHash<QString, const char *> names{
        {QStringLiteral("source_id"), QT_TRANSLATE_NOOP("Job", "source")},
        {QStringLiteral("marketplace"), QT_TRANSLATE_NOOP("Job", "marketplace")},
        {QStringLiteral("target"), QT_TRANSLATE_NOOP("Job", "store address or keywords")},
        {QStringLiteral("max_pages"), QT_TRANSLATE_NOOP("Job", "page limit")},
        {QStringLiteral("limit"), QT_TRANSLATE_NOOP("Job", "listing limit")},
        {QStringLiteral("paths"), QT_TRANSLATE_NOOP("Job", "files")},
        {QStringLiteral("min_products"), QT_TRANSLATE_NOOP("Job", "minimum number of products")},
        {QStringLiteral("trend_id"), QT_TRANSLATE_NOOP("Job", "trend")},
        {QStringLiteral("variants"), QT_TRANSLATE_NOOP("Job", "number of variants")},
        {QStringLiteral("provider"), QT_TRANSLATE_NOOP("Job", "image generator")},
        {QStringLiteral("design_id"), QT_TRANSLATE_NOOP("Job", "design")},
        {QStringLiteral("printful"), QT_TRANSLATE_NOOP("Job", "Printful choice")},
        {QStringLiteral("shopify"), QT_TRANSLATE_NOOP("Job", "Shopify choice")},
        {QStringLiteral("product_type"), QT_TRANSLATE_NOOP("Job", "product type")},
        {QStringLiteral("colours"), QT_TRANSLATE_NOOP("Job", "colours")},
        {QStringLiteral("sizes"), QT_TRANSLATE_NOOP("Job", "sizes")},
        {QStringLiteral("ms"), QT_TRANSLATE_NOOP("Job", "duration")},
        {QStringLiteral("record"), QT_TRANSLATE_NOOP("Job", "record choice")},
    };
    const char *name = names.value(QString(key));
    return name ? Tr::tr(name) : QString(key);
}

// Strict reads of one stored payload: the first value of the wrong type is remembered, with its key.
class Reader final
{
public:
    explicit Reader(const QJsonObject &object)
        : m_object(object)
    {
    }

    bool has(QLatin1String key) const { return m_object.contains(key) && !m_object.value(key).isNull(); }

    std::optional<qint64> integer(QLatin1String key)
    {
        if (!has(key))
            return std::nullopt;
        const QJsonValue v = m_object.value(key);
        const double d = v.toDouble();
        if (!v.isDouble() || std::trunc(d) != d || std::abs(d) > 9007199254740992.0) {
            fail(key);
            return std::nullopt;
        }
        return v.toInteger();
    }

    std::optional<int> smallInteger(QLatin1String key)
    {
        const std::optional<qint64> v = integer(key);
        if (!v)
            return std::nullopt;
        if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
            fail(key);
            return std::nullopt;
        }
        return int(*v);
    }

    std::optional<bool> boolean(QLatin1String key)
    {
        if (!has(key))
            return std::nullopt;
        if (!m_object.value(key).isBool()) {
            fail(key);
            return std::nullopt;
        }
        return m_object.value(key).toBool();
    }

    QString text(QLatin1String key)
    {
        if (!has(key))
            return {};
        if (!m_object.value(key).isString()) {
            fail(key);
            return {};
        }
        return m_object.value(key).toString();
    }

    QStringList texts(QLatin1String key)
    {
        if (!has(key))
            return {};
        if (!m_object.value(key).isArray()) {
            fail(key);
            return {};
        }
        QStringList out;
        for (const QJsonValue &v : m_object.value(key).toArray()) {
            if (!v.isString()) {
                fail(key);
                return {};
            }
            out << v.toString();
        }
        return out;
    }

    std::optional<Marketplace> marketplace(QLatin1String key)
    {
        const QString name = text(key);
        if (name.isEmpty())
            return std::nullopt;
        const std::optional<Marketplace> m = marketplaceFromKey(name);
        if (!m && m_error.isEmpty())
            m_error = Tr::tr("The job's settings could not be read: this version of POD Trends does not know the marketplace \"%1\".").arg(name);
        return m;
    }

    const QString &error() const { return m_error; }

private:
    void fail(QLatin1String key)
    {
        if (m_error.isEmpty())
            m_error = Tr::tr("The job's settings could not be read: its %1 is not in a form this version of POD Trends understands.").arg(fieldName(key));
    }

    const QJsonObject &m_object;
    QString m_error;
};

const QLatin1String kSourceId("source_id");
const QLatin1String kMarketplace("marketplace");
const QLatin1String kTarget("target");
const QLatin1String kMaxPages("max_pages");
const QLatin1String kLimit("limit");
const QLatin1String kPaths("paths");
const QLatin1String kMinProducts("min_products");
const QLatin1String kTrendId("trend_id");
const QLatin1String kVariants("variants");
const QLatin1String kProvider("provider");
const QLatin1String kDesignId("design_id");
const QLatin1String kPrintful("printful");
const QLatin1String kShopify("shopify");
const QLatin1String kProductType("product_type");
const QLatin1String kColours("colours");
const QLatin1String kSizes("sizes");
const QLatin1String kMs("ms");
const QLatin1String kRecord("record");

template <class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

std::optional<JobKind> kindOf(const JobPayload &payload)
{
    return std::visit(Overloaded{
                          [](std::monostate) -> std::optional<JobKind> { return std::nullopt; },
                          [](const ScrapeJob &) -> std::optional<JobKind> { return JobKind::Scrape; },
                          [](const ImportJob &) -> std::optional<JobKind> { return JobKind::Import; },
                          [](const AnalyzeJob &) -> std::optional<JobKind> { return JobKind::Analyze; },
                          [](const GenerateJob &) -> std::optional<JobKind> { return JobKind::Generate; },
                          [](const PublishJob &) -> std::optional<JobKind> { return JobKind::Publish; },
                          [](const NoopJob &) -> std::optional<JobKind> { return JobKind::Noop; },
                          [](const SleepJob &) -> std::optional<JobKind> { return JobKind::Sleep; },
                      },
                      payload);
}

QJsonObject toJson(const JobPayload &payload)
{
    QJsonObject o;
    std::visit(Overloaded{
                   [](std::monostate) {},
                   [&o](const ScrapeJob &p) {
                       if (p.sourceId)
                           o.insert(kSourceId, *p.sourceId);
                       if (p.marketplace) {
                           o.insert(kMarketplace, toKey(*p.marketplace));
                           o.insert(kTarget, p.target);
                       } else if (!p.target.isEmpty()) {
                           o.insert(kTarget, p.target);
                       }
                       if (p.maxPages)
                           o.insert(kMaxPages, *p.maxPages);
                       if (p.limit)
                           o.insert(kLimit, *p.limit);
                   },
                   [&o](const ImportJob &p) { o.insert(kPaths, QJsonArray::fromStringList(p.paths)); },
                   [&o](const AnalyzeJob &p) {
                       if (p.minProducts > 0)
                           o.insert(kMinProducts, p.minProducts);
                   },
                   [&o](const GenerateJob &p) {
                       o.insert(kTrendId, p.trendId);
                       o.insert(kVariants, p.variants);
                       if (!p.provider.isEmpty())
                           o.insert(kProvider, p.provider);
                   },
                   [&o](const PublishJob &p) {
                       o.insert(kDesignId, p.designId);
                       if (p.printful)
                           o.insert(kPrintful, *p.printful);
                       if (p.shopify)
                           o.insert(kShopify, *p.shopify);
                       if (!p.productType.isEmpty())
                           o.insert(kProductType, p.productType);
                       if (!p.colours.isEmpty())
                           o.insert(kColours, QJsonArray::fromStringList(p.colours));
                       if (!p.sizes.isEmpty())
                           o.insert(kSizes, QJsonArray::fromStringList(p.sizes));
                   },
                   [](const NoopJob &) {},
                   [&o](const SleepJob &p) {
                       o.insert(kMs, p.ms);
                       if (p.record)
                           o.insert(kRecord, true);
                   },
               },
               payload);
    return o;
}

Result<JobPayload> jobPayloadFromJson(JobKind kind, const QJsonObject &object)
{
    Reader r(object);
    JobPayload out;
    switch (kind) {
    case JobKind::Scrape: {
        ScrapeJob p;
        p.sourceId = r.integer(kSourceId);
        p.marketplace = r.marketplace(kMarketplace);
        p.target = r.text(kTarget);
        p.maxPages = r.smallInteger(kMaxPages);
        p.limit = r.smallInteger(kLimit);
        out = p;
        break;
    }
    case JobKind::Import:
        out = ImportJob{r.texts(kPaths)};
        break;
    case JobKind::Analyze:
        out = AnalyzeJob{r.smallInteger(kMinProducts).value_or(0)};
        break;
    case JobKind::Generate: {
        GenerateJob p;
        p.trendId = r.integer(kTrendId).value_or(0);
        p.variants = r.smallInteger(kVariants).value_or(p.variants);
        p.provider = r.text(kProvider);
        out = p;
        break;
    }
    case JobKind::Publish: {
        PublishJob p;
        p.designId = r.integer(kDesignId).value_or(0);
        p.printful = r.boolean(kPrintful);
        p.shopify = r.boolean(kShopify);
        p.productType = r.text(kProductType);
        p.colours = r.texts(kColours);
        p.sizes = r.texts(kSizes);
        out = p;
        break;
    }
    case JobKind::Noop:
        out = NoopJob{};
        break;
    case JobKind::Sleep: {
        SleepJob p;
        p.ms = r.smallInteger(kMs).value_or(p.ms);
        p.record = r.boolean(kRecord).value_or(false);
        out = p;
        break;
    }
    }
    if (!r.error().isEmpty())
        return Error{r.error(), 2};
    return out;
}

} // namespace podtrends::core
