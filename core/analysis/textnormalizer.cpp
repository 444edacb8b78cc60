#include "textnormalizer.h"

#include <QHash>
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

void TextNormalizer::appendWords(QStringView text, QStringList *out)
{
    QString current;
    current.reserve(24);
    auto flush = [&] {
        if (current.isEmpty())
            return;
        // A lone letter ("t" of t-shirt, "s" of a stray possessive) carries nothing.
        if (current.size() > 1) {
            bool digitsOnly = true;
            for (QChar c : std::as_const(current))
                digitsOnly = digitsOnly && c.isDigit();
            if (!digitsOnly)
                out->append(singular(current));
        }
        current.clear();
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c.isLetterOrNumber()) {
            current.append(c.toLower());
        } else if ((c == QLatin1Char('\'') || c == QChar(0x2019)) && !current.isEmpty()) {
            // Possessive "mother's" → "mother"; contraction "don't" → "dont".
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
    return stopWords().contains(word) || productTypeWords().contains(word) || styleNoise().contains(word);
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
