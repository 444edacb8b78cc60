#pragma once

#include <core/analysis/analysisinput.h>

#include <QHash>
#include <QSet>

#include <vector>

namespace podtrends::core {

/**
 * Finds niche phrases: the one- and two-word phrases of each product's title and its whole tags
 * of up to three words, after normalization. One phrase is one niche across categories and product
 * types (the type is counted per product). Phrases are handled as stable 64-bit keys whose low two bits
 * hold the word count, so counting a million products needs no string hashing per lookup.
 */
class NicheExtractor final
{
public:
    /** What one slice of products contributes (computed on a pool thread). */
    struct Chunk
    {
        qsizetype first = 0;               ///< index of the slice's first row
        std::vector<quint64> keys;         ///< candidate phrase keys, per product, de-duplicated
        std::vector<quint32> keyOffsets;   ///< size = products + 1
        std::vector<quint16> terms;        ///< lexicon label ids, per product, de-duplicated
        std::vector<quint32> termOffsets;  ///< size = products + 1
        std::vector<qint8> productTypes;   ///< index into TextNormalizer::productTypes(), -1 unknown
        std::vector<quint64> categories;   ///< categoryHash() per product
        QHash<quint64, int> counts;        ///< phrase key → products of this slice having it
        QHash<quint64, int> categoryCounts; ///< categoryHash(category) → products of this slice
        QHash<std::pair<quint64, quint64>, int> wordCategoryCounts; ///< (single-word key, category hash) → products
        bool cancelled = false;
    };

    /** Computes features of rows [first, first + count) and counts them. */
    static Chunk extract(const QList<AnalysisRow> &rows, qsizetype first, qsizetype count);
    /**
     * One product's candidate phrase keys (appended, de-duplicated, in title-then-tags order),
     * lexicon term ids (appended, sorted, unique) and product type (-1 when none): what
     * ProductFeatures keeps per product so an analysis never tokenizes it again.
     */
    static void extractOne(const AnalysisRow &row, std::vector<quint64> *keys, std::vector<quint16> *terms, qint8 *productType);
    /** Fills a chunk's counts from its keys and categories (features read from storage). */
    static void count(Chunk *chunk);

    /**
     * The niche of one product: its most specific candidate shared by at least `minProducts`
     * products. Specificity weighs word count (1, 3, 6 for 1–3 words) against support, so a
     * two-word phrase wins over its single word once it covers a third of that word's products.
     * Ties go to more words, then to the phrase that comes first in the title. Returns 0 when no
     * candidate qualifies.
     */
    static quint64 choose(const quint64 *keys, qsizetype n, const QHash<quint64, int> &counts, int minProducts,
                          const QSet<quint64> *generic = nullptr);
    /** The same, a single word's support counted within the product's category (`category`), as the
     *  niches of one search or shop section are told apart by what refines the word there. */
    static quint64 choose(const quint64 *keys, qsizetype n, const QHash<quint64, int> &counts, int minProducts,
                          const QSet<quint64> *generic, const QHash<std::pair<quint64, quint64>, int> &wordSupport, quint64 category);

    /** The keys of the shorter phrases inside `phrase` (normalized niche words), longest first. */
    static QList<quint64> subPhraseKeys(const QString &phrase);

    /** The phrase text of `key` as it appears in `row`, or empty when the row does not have it. */
    static QString phraseText(const AnalysisRow &row, quint64 key);

    static int wordCount(quint64 key) { return int(key & 3U); }
    static quint64 categoryHash(const QString &category);
    /** The key of a phrase of `count` word hashes. */
    static quint64 phraseKey(const quint64 *wordHashes, int count);
};

} // namespace podtrends::core
