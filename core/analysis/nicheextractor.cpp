#include "nicheextractor.h"

#include "lexicon.h"
#include "textnormalizer.h"

#include <algorithm>

namespace podtrends::core {

namespace {

constexpr int kMaxWords = 3;
// Title n-grams stop at two words: a template title ("Dad Bod … Father Figure") would otherwise make
// every three-word window a niche of its own. Three-word niches come from tags, which sellers
// choose as phrases ("christmas tree farm").
constexpr int kMaxTitleWords = 2;
constexpr int kWeight[kMaxWords + 1] = {0, 1, 3, 6};
constexpr quint64 kCategoryMask = 0xffff000000000000ULL;

// All candidate phrases of one product, with the words behind them (for phraseText()).
template<typename Fn>
void forEachCandidate(const AnalysisRow &row, const QStringList &titleWords, const QStringList &tags, quint64 catHash, Fn &&fn)
{
    QStringList niche = titleWords;
    niche.removeIf([](const QString &w) { return TextNormalizer::isNicheNoise(w); });
    for (qsizetype i = 0; i < niche.size(); ++i)
        for (int n = 1; n <= kMaxTitleWords && i + n <= niche.size(); ++n)
            fn(NicheExtractor::phraseKey(catHash, niche, i, n), niche, i, n);
    for (const QString &tag : tags) {
        const QStringList words = TextNormalizer::nicheWords(tag);
        if (!words.isEmpty() && words.size() <= kMaxWords)
            fn(NicheExtractor::phraseKey(catHash, words, 0, int(words.size())), words, 0, int(words.size()));
    }
    Q_UNUSED(row);
}

} // namespace

quint64 NicheExtractor::categoryOf(quint64 key)
{
    return key & kCategoryMask;
}

quint64 NicheExtractor::categoryHash(const QString &category)
{
    return TextNormalizer::stableHash(category.toLower());
}

quint64 NicheExtractor::phraseKey(quint64 catHash, const QStringList &words, qsizetype from, int count)
{
    quint64 h = TextNormalizer::stableHash(u"\x1f", catHash);
    for (int k = 0; k < count; ++k) {
        if (k > 0)
            h = TextNormalizer::stableHash(u" ", h);
        h = TextNormalizer::stableHash(words.at(from + k), h);
    }
    // Top 16 bits: the category (for per-category shares); low two bits: the word count (a zero
    // key means "no niche"); the rest: the phrase.
    return (catHash & kCategoryMask) | (h & ~kCategoryMask & ~quint64(3)) | quint64(count);
}

NicheExtractor::Chunk NicheExtractor::extract(const QList<AnalysisRow> &rows, qsizetype first, qsizetype count)
{
    Chunk c;
    c.first = first;
    c.keyOffsets.reserve(count + 1);
    c.termOffsets.reserve(count + 1);
    c.productTypes.reserve(count);
    c.keys.reserve(count * 16);
    c.terms.reserve(count * 6);
    c.keyOffsets.push_back(0);
    c.termOffsets.push_back(0);
    const Lexicon &lexicon = Lexicon::instance();
    const QStringList &types = TextNormalizer::productTypes();
    QHash<QString, quint64> categoryHashes;
    QStringList titleWords;
    QStringList words;
    QList<quint16> terms;
    for (qsizetype r = first; r < first + count; ++r) {
        const AnalysisRow &row = rows.at(r);
        auto cat = categoryHashes.constFind(row.category);
        if (cat == categoryHashes.cend())
            cat = categoryHashes.insert(row.category, categoryHash(row.category));
        titleWords.clear();
        TextNormalizer::appendWords(row.title, &titleWords);
        const QStringList tags = AnalysisInput::parseTags(row.tagsJson);

        const size_t keyStart = c.keys.size();
        forEachCandidate(row, titleWords, tags, *cat, [&](quint64 key, const QStringList &, qsizetype, int) { c.keys.push_back(key); });
        // De-duplicate in place keeping the first occurrence: order is the tie-breaker in choose().
        size_t end = keyStart;
        for (size_t k = keyStart; k < c.keys.size(); ++k)
            if (std::find(c.keys.begin() + qsizetype(keyStart), c.keys.begin() + qsizetype(end), c.keys[k]) == c.keys.begin() + qsizetype(end))
                c.keys[end++] = c.keys[k];
        c.keys.resize(end);
        for (size_t k = keyStart; k < c.keys.size(); ++k)
            ++c.counts[c.keys[k]];
        ++c.categoryCounts[*cat & kCategoryMask];
        c.keyOffsets.push_back(quint32(c.keys.size()));

        // Audience and style cues: each field separately so phrases never span two fields.
        terms.clear();
        lexicon.match(titleWords, &terms);
        for (const QString &tag : tags) {
            words.clear();
            TextNormalizer::appendWords(tag, &words);
            lexicon.match(words, &terms);
        }
        if (!row.descriptionHead.isEmpty()) {
            words.clear();
            TextNormalizer::appendWords(row.descriptionHead, &words);
            lexicon.match(words, &terms);
        }
        std::sort(terms.begin(), terms.end());
        terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
        c.terms.insert(c.terms.end(), terms.cbegin(), terms.cend());
        c.termOffsets.push_back(quint32(c.terms.size()));

        QString type = TextNormalizer::productType(titleWords);
        c.productTypes.push_back(qint8(type.isEmpty() ? -1 : types.indexOf(type)));
    }
    return c;
}

quint64 NicheExtractor::choose(const quint64 *keys, qsizetype n, const QHash<quint64, int> &counts, int minProducts)
{
    quint64 best = 0;
    qint64 bestScore = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const quint64 key = keys[i];
        const int support = counts.value(key);
        if (support < minProducts)
            continue;
        const qint64 score = qint64(support) * kWeight[wordCount(key)];
        if (best == 0 || score > bestScore || (score == bestScore && wordCount(key) > wordCount(best))) {
            best = key;
            bestScore = score;
        }
    }
    return best;
}

QString NicheExtractor::phraseText(const AnalysisRow &row, quint64 key)
{
    const QStringList titleWords = TextNormalizer::words(row.title);
    const QStringList tags = AnalysisInput::parseTags(row.tagsJson);
    QString text;
    forEachCandidate(row, titleWords, tags, categoryHash(row.category), [&](quint64 k, const QStringList &words, qsizetype from, int n) {
        if (k == key && text.isEmpty())
            text = words.mid(from, n).join(QLatin1Char(' '));
    });
    return text;
}

} // namespace podtrends::core
