#pragma once

#include <core/storage/database.h>

#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace podtrends::core {

/** The columns of one product that analysis needs, read lean (no raw_data). */
struct AnalysisRow
{
    qint64 id = 0;
    qint64 trendId = 0;       ///< current trend, 0 when none
    QString marketplace;
    QString title;
    QString category;
    QString tagsJson;         ///< the stored JSON array text
    QString descriptionHead;  ///< the first characters of the description
    qint64 priceCents = 0;
    int ratingCenti = 0;      ///< rating × 100, 0 when unknown
    int reviews = 0;
    int favorites = -1;
    int rank = -1;
};

/** Reads the products to analyse. */
class AnalysisInput final
{
public:
    /** How much of a description is read: audience cues sit at its start. */
    static constexpr int DescriptionHead = 160;

    /** Every product ordered by id; checks `cancel` every few thousand rows. */
    static Result<QList<AnalysisRow>> readProducts(const std::shared_ptr<Database> &db, const std::atomic_bool *cancel = nullptr);
    /** Splits a stored tags JSON array (["a","b"]) without a full JSON parse. */
    static QStringList parseTags(QStringView json);
};

} // namespace podtrends::core
