#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace podtrends::core {

/**
 * Turns listing text into comparable words: lower case, punctuation and possessives removed,
 * plurals made singular. Niche words additionally drop stop words, product-type words (shirt,
 * tee, hoodie, mug, gift, …), style words and colours (those are tracked as style patterns).
 * Pure functions, safe from any thread.
 */
class TextNormalizer final
{
public:
    /** Every normalized word of `text`, in order (nothing removed but punctuation and digits-only noise). */
    static QStringList words(QStringView text);
    /** Appends the normalized words of `text` to `out` (avoids a temporary list in hot loops). */
    static void appendWords(QStringView text, QStringList *out);
    /** The singular form of an already lower-cased word ("cats" → "cat", "puppies" → "puppy"). */
    static QString singular(const QString &word);

    /** True for words that never form part of a niche phrase. */
    static bool isNicheNoise(const QString &word);
    static bool isStopWord(const QString &word);
    static bool isProductTypeWord(const QString &word);

    /** The words of `text` that can form niche phrases, in order. */
    static QStringList nicheWords(QStringView text);
    /** A phrase in canonical form: niche words joined by single spaces ("Cat Dads!" → "cat dad"). */
    static QString normalizePhrase(QStringView text);

    /**
     * The product type a title names ("tshirt", "hoodie", "mug", "poster", "sticker", "tote",
     * "hat", "phone_case", "pillow"), or empty when it names none. First match wins.
     */
    static QString productType(const QStringList &normalizedWords);
    /** The product types productType() can return, in display order. */
    static const QStringList &productTypes();

    /** A stable 64-bit hash (FNV-1a over UTF-16), independent of process and thread. */
    static quint64 stableHash(QStringView text, quint64 seed = 0xcbf29ce484222325ULL);

    /** The hash of a normalized word (stableHash of the word). */
    static quint64 wordHash(QStringView word) { return stableHash(word); }
    /**
     * The hashes of the normalized words of `text`, exactly those words() returns, without
     * allocating a string per word (the analysis hot path). Appends to `out`.
     */
    static void appendWordHashes(QStringView text, QList<quint64> *out);
    /** True for hashes of words that never form part of a niche phrase (isNicheNoise()). */
    static bool isNicheNoiseHash(quint64 wordHash);
    /** The index in productTypes() a word hash names, or -1. */
    static int productTypeOfHash(quint64 wordHash);
    /** Chains word hashes into a phrase hash (order matters). */
    static quint64 combine(quint64 seed, quint64 wordHash)
    {
        quint64 x = (seed ^ (wordHash + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
        x ^= x >> 31;
        x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 29;
        return x;
    }
};

} // namespace podtrends::core
