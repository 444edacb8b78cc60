#include "nicheextractor.h"

#include "lexicon.h"
#include "textnormalizer.h"

#include <QVarLengthArray>

#include <algorithm>

namespace podtrends::core {

namespace {

constexpr int kMaxWords = 3;
// Title n-grams stop at two words: a template title ("Dad Bod … Father Figure") would otherwise make
// every three-word window a niche of its own. Three-word niches come from tags, which sellers
// choose as phrases ("christmas tree farm").
constexpr int kMaxTitleWords = 2;
constexpr int kWeight[kMaxWords + 1] = {0, 1, 3, 6};

// Calls fn(view) for each tag of a stored JSON array, without allocating when it has no escapes.
template<typename Fn>
void forEachTag(QStringView json, Fn &&fn)
{
    if (json.contains(QLatin1Char('\\'))) {
        for (const QString &tag : AnalysisInput::parseTags(json))
            fn(QStringView(tag));
        return;
    }
    qsizetype i = 0;
    while (i < json.size()) {
        const qsizetype open = json.indexOf(QLatin1Char('"'), i);
        if (open < 0)
            return;
        const qsizetype close = json.indexOf(QLatin1Char('"'), open + 1);
        if (close < 0)
            return;
        fn(json.mid(open + 1, close - open - 1));
        i = close + 1;
    }
}

// All candidate phrases of one product: title n-grams of niche words, then whole short tags.
// fn(key, firstWordIndexInTitle or -1, tagIndex or -1).
template<typename Fn>
void forEachCandidate(const AnalysisRow &row, const QList<quint64> &titleHashes, Fn &&fn)
{
    QVarLengthArray<quint64, 32> niche;
    for (quint64 h : titleHashes)
        if (!TextNormalizer::isNicheNoiseHash(h))
            niche.append(h);
    for (qsizetype i = 0; i < niche.size(); ++i)
        for (int n = 1; n <= kMaxTitleWords && i + n <= niche.size(); ++n)
            fn(NicheExtractor::phraseKey(niche.constData() + i, n));
    thread_local QList<quint64> words; // reused: one allocation per thread, not per product
    forEachTag(row.tagsJson, [&](QStringView tag) {
        words.clear();
        TextNormalizer::appendWordHashes(tag, &words);
        words.removeIf([](quint64 h) { return TextNormalizer::isNicheNoiseHash(h); });
        if (!words.isEmpty() && words.size() <= kMaxWords)
            fn(NicheExtractor::phraseKey(words.constData(), int(words.size())));
    });
}

} // namespace


quint64 NicheExtractor::categoryHash(const QString &category)
{
    return TextNormalizer::stableHash(category.toLower());
}

quint64 NicheExtractor::phraseKey(const quint64 *wordHashes, int count)
{
    quint64 h = TextNormalizer::combine(0, quint64(count));
    for (int k = 0; k < count; ++k)
        h = TextNormalizer::combine(h, wordHashes[k]);
    // Low two bits: the word count (a zero key means "no niche"); the rest: the phrase.
    return (h & ~quint64(3)) | quint64(count);
}

QList<quint64> NicheExtractor::subPhraseKeys(const QString &phrase)
{
    const QStringList words = phrase.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<quint64> hashes;
    for (const QString &w : words)
        hashes << TextNormalizer::wordHash(w);
    QList<quint64> keys;
    for (qsizetype n = words.size() - 1; n >= 1; --n)
        for (qsizetype i = 0; i + n <= words.size(); ++i)
            keys << phraseKey(hashes.constData() + i, int(n));
    return keys;
}

void NicheExtractor::extractOne(const AnalysisRow &row, std::vector<quint64> *keys, std::vector<quint16> *termsOut, qint8 *productType)
{
    const Lexicon &lexicon = Lexicon::instance();
    // Scratch lists reused by every product a thread extracts (an allocation per product cost a
    // third of the extraction).
    thread_local QList<quint64> titleHashes;
    thread_local QList<quint64> words;
    thread_local QList<quint16> matched;
    titleHashes.clear();
    matched.clear();
    TextNormalizer::appendWordHashes(row.title, &titleHashes);

    const size_t keyStart = keys->size();
    forEachCandidate(row, titleHashes, [&](quint64 key) {
        // De-duplicate keeping the first occurrence: order is the tie-breaker in choose().
        if (std::find(keys->begin() + qsizetype(keyStart), keys->end(), key) == keys->end())
            keys->push_back(key);
    });

    // Audience and style cues: each field separately so phrases never span two fields.
    lexicon.matchHashes(titleHashes.constData(), titleHashes.size(), &matched);
    forEachTag(row.tagsJson, [&](QStringView tag) {
        words.clear();
        TextNormalizer::appendWordHashes(tag, &words);
        lexicon.matchHashes(words.constData(), words.size(), &matched);
    });
    if (!row.descriptionHead.isEmpty()) {
        words.clear();
        TextNormalizer::appendWordHashes(row.descriptionHead, &words);
        lexicon.matchHashes(words.constData(), words.size(), &matched);
    }
    std::sort(matched.begin(), matched.end());
    matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
    termsOut->insert(termsOut->end(), matched.cbegin(), matched.cend());

    // The product type: named in the title, else in the category ("Mugs").
    int type = -1;
    for (quint64 h : std::as_const(titleHashes))
        if ((type = TextNormalizer::productTypeOfHash(h)) >= 0)
            break;
    if (type < 0 && !row.category.isEmpty()) {
        words.clear();
        TextNormalizer::appendWordHashes(row.category, &words);
        for (quint64 h : std::as_const(words))
            if ((type = TextNormalizer::productTypeOfHash(h)) >= 0)
                break;
    }
    *productType = qint8(type);
}

void NicheExtractor::count(Chunk *c)
{
    const qsizetype products = qsizetype(c->keyOffsets.size()) - 1;
    c->counts.reserve(products * 4);
    for (qsizetype p = 0; p < products; ++p) {
        const quint64 cat = c->categories[size_t(p)];
        for (quint32 k = c->keyOffsets[size_t(p)]; k < c->keyOffsets[size_t(p) + 1]; ++k) {
            ++c->counts[c->keys[k]];
            if (wordCount(c->keys[k]) == 1)
                ++c->wordCategoryCounts[{c->keys[k], cat}];
        }
        ++c->categoryCounts[cat];
    }
}

NicheExtractor::Chunk NicheExtractor::extract(const QList<AnalysisRow> &rows, qsizetype first, qsizetype count)
{
    Chunk c;
    c.first = first;
    c.keyOffsets.reserve(count + 1);
    c.termOffsets.reserve(count + 1);
    c.productTypes.reserve(count);
    c.keys.reserve(count * 12);
    c.terms.reserve(count * 6);
    c.keyOffsets.push_back(0);
    c.termOffsets.push_back(0);
    QHash<QString, quint64> categoryHashes;
    for (qsizetype r = first; r < first + count; ++r) {
        const AnalysisRow &row = rows.at(r);
        auto cat = categoryHashes.constFind(row.category);
        if (cat == categoryHashes.cend())
            cat = categoryHashes.insert(row.category, categoryHash(row.category));
        qint8 type = -1;
        extractOne(row, &c.keys, &c.terms, &type);
        c.categories.push_back(*cat);
        c.keyOffsets.push_back(quint32(c.keys.size()));
        c.termOffsets.push_back(quint32(c.terms.size()));
        c.productTypes.push_back(type);
    }
    NicheExtractor::count(&c);
    return c;
}

quint64 NicheExtractor::choose(const quint64 *keys, qsizetype n, const QHash<quint64, int> &counts, int minProducts,
                               const QSet<quint64> *generic, const QHash<std::pair<quint64, quint64>, int> &wordSupport, quint64 category)
{
    quint64 best = 0;
    qint64 bestScore = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const quint64 key = keys[i];
        if (!counts.contains(key) || (generic && generic->contains(key)))
            continue;
        const int support = wordCount(key) == 1 ? wordSupport.value({key, category}) : counts.value(key);
        if (support < minProducts)
            continue;
        const qint64 score = qint64(support) * kWeight[wordCount(key)];
        if (best == 0 || score > bestScore || (score == bestScore && wordCount(key) > wordCount(best))) {
            best = key;
            bestScore = score;
        }
    }
    if (best == 0)
        return choose(keys, n, counts, minProducts, generic);
    return best;
}

quint64 NicheExtractor::choose(const quint64 *keys, qsizetype n, const QHash<quint64, int> &counts, int minProducts,
                               const QSet<quint64> *generic)
{
    quint64 best = 0;
    qint64 bestScore = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const quint64 key = keys[i];
        const int support = counts.value(key);
        if (support < minProducts || (generic && generic->contains(key)))
            continue;
        const qint64 score = qint64(support) * kWeight[wordCount(key)];
        if (best == 0 || score > bestScore || (score == bestScore && wordCount(key) > wordCount(best))) {
            best = key;
            bestScore = score;
        }
    }
    // A product whose only niche is a generic word belongs to it.
    if (best == 0 && generic && !generic->isEmpty())
        return choose(keys, n, counts, minProducts, nullptr);
    return best;
}

QString NicheExtractor::phraseText(const AnalysisRow &row, quint64 key)
{
    auto match = [&](const QStringList &words) -> QString {
        QList<quint64> hashes;
        for (const QString &w : words)
            hashes << TextNormalizer::wordHash(w);
        for (qsizetype i = 0; i < words.size(); ++i)
            for (int n = 1; n <= kMaxWords && i + n <= words.size(); ++n)
                if (phraseKey(hashes.constData() + i, n) == key)
                    return words.mid(i, n).join(QLatin1Char(' '));
        return {};
    };
    QStringList title = TextNormalizer::words(row.title);
    title.removeIf([](const QString &w) { return TextNormalizer::isNicheNoise(w); });
    QString text = match(title);
    forEachTag(row.tagsJson, [&](QStringView tag) {
        if (text.isEmpty())
            text = match(TextNormalizer::nicheWords(tag));
    });
    return text;
}

} // namespace podtrends::core
