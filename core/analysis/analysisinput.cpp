#include "analysisinput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace podtrends::core {

Result<QList<AnalysisRow>> AnalysisInput::readProducts(const std::shared_ptr<Database> &db, const std::atomic_bool *cancel)
{
    QSqlDatabase connection = db->connection();
    QSqlQuery count(connection);
    qint64 expected = 0;
    if (count.exec(QStringLiteral("SELECT COUNT(*) FROM products")) && count.next())
        expected = count.value(0).toLongLong();
    count.finish();

    QSqlQuery q(connection);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, trend_id, marketplace, title, category, CAST(tags AS TEXT), "
                             "SUBSTR(COALESCE(description, ''), 1, %1), price, rating, reviews_count, favorites, rank "
                             "FROM products ORDER BY id").arg(DescriptionHead));
    if (Status s = exec(q); !s)
        return s.error();
    QList<AnalysisRow> rows;
    rows.reserve(expected);
    while (q.next()) {
        AnalysisRow r;
        r.id = q.value(0).toLongLong();
        r.trendId = q.value(1).toLongLong();
        r.marketplace = q.value(2).toString();
        r.title = q.value(3).toString();
        r.category = q.value(4).toString();
        r.tagsJson = q.value(5).toString();
        r.descriptionHead = q.value(6).toString();
        r.priceCents = std::llround(q.value(7).toDouble() * 100.0);
        r.ratingCenti = int(std::lround(q.value(8).toDouble() * 100.0));
        r.reviews = q.value(9).toInt();
        const QVariant fav = q.value(10);
        r.favorites = fav.isNull() ? -1 : fav.toInt();
        const QVariant rank = q.value(11);
        r.rank = rank.isNull() ? -1 : rank.toInt();
        rows.append(std::move(r));
        if ((rows.size() & 0x3fff) == 0 && cancel && cancel->load())
            return Error{QCoreApplication::translate("Analysis", "Analysis cancelled"), 1};
    }
    return rows;
}

QStringList AnalysisInput::parseTags(QStringView json)
{
    QStringList out;
    if (json.isEmpty())
        return out;
    // Stored tags are compact JSON written by json::toText; escapes are rare, so fall back to the
    // real parser only when a backslash appears.
    if (json.contains(QLatin1Char('\\'))) {
        const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
        for (const QJsonValue &v : array)
            out << v.toString();
        return out;
    }
    qsizetype i = 0;
    const qsizetype n = json.size();
    while (i < n) {
        const qsizetype open = json.indexOf(QLatin1Char('"'), i);
        if (open < 0)
            break;
        const qsizetype close = json.indexOf(QLatin1Char('"'), open + 1);
        if (close < 0)
            break;
        out << json.mid(open + 1, close - open - 1).toString();
        i = close + 1;
    }
    return out;
}

} // namespace podtrends::core
