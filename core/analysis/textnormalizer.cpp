#include "textnormalizer.h"

#include <QHash>
#include <QMutex>
#include <QSet>

namespace podtrends::core {

namespace {

QSet<QString> makeSet(std::initializer_list<const char *> words)
{
    QSet<QString> set;
    for (const char *w : words)
        set.insert(QString::fromLatin1(w));
    return set;
}

const QSet<QString> &stopWords()
{
    static const QSet<QString> set = makeSet({
        "a", "an", "the", "and", "or", "for", "of", "to", "in", "on", "with", "my", "your", "our", "his", "her",
        "their", "i", "me", "you", "we", "he", "she", "they", "it", "is", "are", "be", "this", "that", "at", "by",
        "from", "as", "best", "ever", "idea", "perfect", "great", "new", "unisex", "adult", "premium", "quality",
        "soft", "size", "xl", "xxl", "s", "m", "l", "men", "man", "women", "woman", "mens", "womens", "ladies", "youth", "kid", "boy", "girl", "him", "not", "just", "all", "so", "who", "what", "like", "day",
        "cotton", "official", "limited", "edition", "customized", "custom", "personalized", "matching", "set",
        "pack", "piece", "inch", "oz", "ounce", "color", "colour", "fit", "classic", "cool", "awesome",
        "amazing", "sale", "free", "shipping", "handmade", "made", "love", "i'm", "im", "own", "proud", "super", "but", "if", "when", "than", "then", "very", "too", "one"});
    return set;
}

// Style words and colours are style patterns, not niches: "vintage cat dad" is the niche "cat dad".
const QSet<QString> &styleNoise()
{
    static const QSet<QString> set = makeSet({
        "vintage", "retro", "minimalist", "minimal", "funny", "humor", "humorous", "cute", "distressed",
        "typography", "watercolor", "kawaii", "boho", "grunge", "cartoon", "sarcastic", "sarcasm", "aesthetic",
        "abstract", "geometric", "neon", "pastel", "gothic", "groovy", "halftone", "pixel", "70s", "80s", "90s",
        "black", "white", "red", "blue", "green", "yellow", "pink", "purple", "orange", "gray", "grey", "brown",
        "navy", "beige", "gold", "silver", "teal", "maroon", "cream", "heather", "hilarious", "joke"});
    return set;
}

// Sizes, capacities and years describe the listing, not the niche: "2024", "xl", "11oz".
const QSet<QString> &sizeAndYearWords()
{
    static const QSet<QString> set = [] {
        QSet<QString> all = makeSet({"xs", "xxs", "xxxl", "2xl", "3xl", "4xl", "5xl", "small", "medium", "large", "plus",
                                     "11oz", "12oz", "15oz", "16oz", "20oz", "30oz", "40oz", "a3", "a4", "a5"});
        for (int year = 1900; year < 2100; ++year)
            all.insert(QString::number(year));
        return all;
    }();
    return set;
}

const QSet<QString> &productTypeWords()
{
    static const QSet<QString> set = makeSet({
        "shirt", "tshirt", "tee", "top", "tank", "hoodie", "sweatshirt", "sweater", "jumper", "crewneck",
        "pullover", "mug", "cup", "tumbler", "poster", "print", "sticker", "decal", "tote", "bag", "hat", "cap",
        "phone", "case", "pillow", "cushion", "blanket", "canvas", "wall", "art", "card", "apparel", "clothing",
        "clothes", "long", "sleeve", "short", "neck", "vneck", "design", "graphic", "novelty", "gift", "present",
        "merch", "item", "product", "ceramic", "framed", "unframed", "decor", "dress", "onesie",
        "bodysuit", "jersey", "raglan"});
    return set;
}

// Words whose trailing "s" is not a plural.
const QSet<QString> &singularExceptions()
{
    static const QSet<QString> set = makeSet({
        "christmas", "its", "this", "was", "has", "is", "us", "as", "gas", "bus", "plus", "yes", "series",
        "species", "news", "always", "canvas", "his", "texas", "lens", "yoga", "boss", "dress", "glass", "class",
        "grass", "chess", "bless", "less", "loss", "kiss", "mens", "womens", "ladies", "st", "lupus", "cactus",
        "octopus", "virus", "status", "bonus", "thanks", "pants", "jeans", "shorts", "halloween", "paws"});
    return set;
}

struct TypeRule
{
    const char *word;
    const char *type;
};

} // namespace

QString TextNormalizer::singular(const QString &w)
{
    const qsizetype n = w.size();
    if (n <= 3 || !w.endsWith(QLatin1Char('s')) || w.at(0).isDigit() || singularExceptions().contains(w))
        return w;
    if (w.endsWith(QLatin1String("ss")) || w.endsWith(QLatin1String("us")) || w.endsWith(QLatin1String("is")))
        return w;
    if (n > 4 && w.endsWith(QLatin1String("ies")))
        return w.left(n - 3) + QLatin1Char('y');
    if (w.endsWith(QLatin1String("ches")) || w.endsWith(QLatin1String("shes")) || w.endsWith(QLatin1String("xes"))
        || w.endsWith(QLatin1String("sses")))
        return w.left(n - 2);
    return w.left(n - 1);
}

namespace {

constexpr int kMaxWord = 48;

const QSet<quint64> &hashSet(const QSet<QString> &words)
{
    // Built once per word list; the hash function never changes.
    static QHash<const QSet<QString> *, QSet<quint64>> cache;
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    auto it = cache.find(&words);
    if (it == cache.end()) {
        QSet<quint64> hashes;
        for (const QString &w : words)
            hashes.insert(TextNormalizer::stableHash(w));
        it = cache.insert(&words, hashes);
    }
    return *it;
}

// Singular form of a lower-case word held in buf[0..len): returns the new length. Mirrors
// TextNormalizer::singular().
int singularLength(const char16_t *buf, int len, const QSet<quint64> &exceptions)
{
    auto endsWith = [&](const char *suffix) {
        const int n = int(qstrlen(suffix));
        if (n > len)
            return false;
        for (int i = 0; i < n; ++i)
            if (buf[len - n + i] != char16_t(suffix[i]))
                return false;
        return true;
    };
    if (len <= 3 || buf[len - 1] != u's' || (buf[0] >= u'0' && buf[0] <= u'9'))
        return len;
    if (exceptions.contains(TextNormalizer::stableHash(QStringView(buf, len))))
        return len;
    if (endsWith("ss") || endsWith("us") || endsWith("is"))
        return len;
    if (len > 4 && endsWith("ies"))
        return -(len - 3); // negative: replace "ies" with "y"
    if (endsWith("ches") || endsWith("shes") || endsWith("xes") || endsWith("sses"))
        return len - 2;
    return len - 1;
}

// Calls sink(QStringView word) for each normalized word of text.
template<typename Sink>
void scanWords(QStringView text, Sink &&sink)
{
    static const QSet<quint64> exceptions = hashSet(singularExceptions());
    char16_t buf[kMaxWord + 1];
    int len = 0;
    bool overflow = false;
    bool digitsOnly = true;
    auto flush = [&] {
        if (len > 1 && !digitsOnly && !overflow) {
            int n = singularLength(buf, len, exceptions);
            if (n < 0) {
                n = -n;
                buf[n++] = u'y';
            }
            sink(QStringView(buf, n));
        } else if (overflow) {
            sink(QStringView(buf, len)); // very long "words" (URLs): kept as they are, truncated
        }
        len = 0;
        overflow = false;
        digitsOnly = true;
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c.isLetterOrNumber()) {
            if (len < kMaxWord) {
                const QChar lower = c.toLower();
                buf[len++] = lower.unicode();
                digitsOnly = digitsOnly && lower.isDigit();
            } else {
                overflow = true;
            }
        } else if ((c == QLatin1Char('\'') || c == QChar(0x2019)) && len > 0) {
            if (i + 1 < n && text.at(i + 1).toLower() == QLatin1Char('s') && (i + 2 >= n || !text.at(i + 2).isLetterOrNumber())) {
                ++i;
                flush();
            }
        } else {
            flush();
        }
    }
    flush();
}

} // namespace

void TextNormalizer::appendWords(QStringView text, QStringList *out)
{
    scanWords(text, [out](QStringView w) { out->append(w.toString()); });
}

void TextNormalizer::appendWordHashes(QStringView text, QList<quint64> *out)
{
    scanWords(text, [out](QStringView w) { out->append(stableHash(w)); });
}

bool TextNormalizer::isNicheNoiseHash(quint64 h)
{
    static const QSet<quint64> noise = [] {
        QSet<quint64> all = hashSet(stopWords());
        all.unite(hashSet(productTypeWords()));
        all.unite(hashSet(styleNoise()));
        all.unite(hashSet(sizeAndYearWords()));
        return all;
    }();
    return noise.contains(h);
}

int TextNormalizer::productTypeOfHash(quint64 h)
{
    static const QHash<quint64, int> types = [] {
        QHash<quint64, int> map;
        const QStringList &list = productTypes();
        for (const QString &w : {QStringLiteral("shirt"), QStringLiteral("tshirt"), QStringLiteral("tee"), QStringLiteral("tank"), QStringLiteral("raglan"),
                                 QStringLiteral("hoodie"), QStringLiteral("sweatshirt"), QStringLiteral("sweater"), QStringLiteral("crewneck"),
                                 QStringLiteral("pullover"), QStringLiteral("jumper"), QStringLiteral("mug"), QStringLiteral("cup"), QStringLiteral("tumbler"),
                                 QStringLiteral("poster"), QStringLiteral("print"), QStringLiteral("canvas"), QStringLiteral("sticker"), QStringLiteral("decal"),
                                 QStringLiteral("tote"), QStringLiteral("bag"), QStringLiteral("hat"), QStringLiteral("cap"), QStringLiteral("phone"),
                                 QStringLiteral("pillow"), QStringLiteral("cushion")})
            map.insert(stableHash(w), int(list.indexOf(productType({w}))));
        return map;
    }();
    return types.value(h, -1);
}

QStringList TextNormalizer::words(QStringView text)
{
    QStringList out;
    appendWords(text, &out);
    return out;
}

bool TextNormalizer::isStopWord(const QString &word)
{
    return stopWords().contains(word);
}

bool TextNormalizer::isProductTypeWord(const QString &word)
{
    return productTypeWords().contains(word);
}

bool TextNormalizer::isNicheNoise(const QString &word)
{
    return stopWords().contains(word) || productTypeWords().contains(word) || styleNoise().contains(word)
           || sizeAndYearWords().contains(word);
}

QStringList TextNormalizer::nicheWords(QStringView text)
{
    QStringList all = words(text);
    all.removeIf([](const QString &w) { return isNicheNoise(w); });
    return all;
}

QString TextNormalizer::normalizePhrase(QStringView text)
{
    return nicheWords(text).join(QLatin1Char(' '));
}

QString TextNormalizer::productType(const QStringList &normalizedWords)
{
    static const QHash<QString, QString> types = [] {
        static const TypeRule rules[] = {
            {"shirt", "tshirt"}, {"tshirt", "tshirt"}, {"tee", "tshirt"}, {"tank", "tshirt"}, {"raglan", "tshirt"},
            {"hoodie", "hoodie"}, {"sweatshirt", "hoodie"}, {"sweater", "hoodie"}, {"crewneck", "hoodie"},
            {"pullover", "hoodie"}, {"jumper", "hoodie"}, {"mug", "mug"}, {"cup", "mug"}, {"tumbler", "mug"},
            {"poster", "poster"}, {"print", "poster"}, {"canvas", "poster"}, {"sticker", "sticker"},
            {"decal", "sticker"}, {"tote", "tote"}, {"bag", "tote"}, {"hat", "hat"}, {"cap", "hat"},
            {"phone", "phone_case"}, {"pillow", "pillow"}, {"cushion", "pillow"}};
        QHash<QString, QString> h;
        for (const TypeRule &r : rules)
            h.insert(QString::fromLatin1(r.word), QString::fromLatin1(r.type));
        return h;
    }();
    for (const QString &w : normalizedWords) {
        auto it = types.constFind(w);
        if (it != types.cend())
            return *it;
    }
    return {};
}

const QStringList &TextNormalizer::productTypes()
{
    static const QStringList list{QStringLiteral("tshirt"), QStringLiteral("hoodie"), QStringLiteral("mug"),
                                  QStringLiteral("poster"), QStringLiteral("sticker"), QStringLiteral("tote"),
                                  QStringLiteral("hat"), QStringLiteral("phone_case"), QStringLiteral("pillow")};
    return list;
}

quint64 TextNormalizer::stableHash(QStringView text, quint64 seed)
{
    quint64 h = seed;
    for (QChar c : text) {
        h ^= c.unicode();
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace podtrends::core
