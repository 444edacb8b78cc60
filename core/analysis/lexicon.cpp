#include "lexicon.h"

#include "textnormalizer.h"

#include <map>

namespace podtrends::core {

namespace {

struct Entry
{
    Lexicon::Kind kind;
    const char *label;
    const char *phrases; ///< '|'-separated surface forms
    std::initializer_list<int> months;
};

using K = Lexicon::Kind;

// Surface forms are normalized with TextNormalizer::words, so "mother's day" matches "Mothers Day".
const Entry kEntries[] = {
    {K::Recipient, "mom", "mom|mother|mama|mommy|mum", {}},
    {K::Recipient, "dad", "dad|father|daddy|papa|pops", {}},
    {K::Recipient, "grandma", "grandma|grandmother|nana|granny|mimi|gigi", {}},
    {K::Recipient, "grandpa", "grandpa|grandfather|papaw|grandad|granddad", {}},
    {K::Recipient, "wife", "wife|wifey", {}},
    {K::Recipient, "husband", "husband|hubby", {}},
    {K::Recipient, "sister", "sister|sis", {}},
    {K::Recipient, "brother", "brother|bro", {}},
    {K::Recipient, "son", "son", {}},
    {K::Recipient, "daughter", "daughter", {}},
    {K::Recipient, "aunt", "aunt|auntie", {}},
    {K::Recipient, "uncle", "uncle", {}},
    {K::Recipient, "friend", "friend|bestie|bff", {}},
    {K::Recipient, "boyfriend", "boyfriend", {}},
    {K::Recipient, "girlfriend", "girlfriend", {}},
    {K::Recipient, "boss", "boss|coworker|colleague", {}},
    {K::Recipient, "nurse", "nurse|rn|nursing", {}},
    {K::Recipient, "teacher", "teacher|teaching|educator", {}},
    {K::Recipient, "doctor", "doctor|physician", {}},
    {K::Recipient, "engineer", "engineer", {}},
    {K::Recipient, "firefighter", "firefighter|fireman", {}},
    {K::Recipient, "police", "police|cop|officer", {}},
    {K::Recipient, "veteran", "veteran|vet|military|army|navy veteran", {}},
    {K::Recipient, "mechanic", "mechanic", {}},
    {K::Recipient, "programmer", "programmer|developer|coder", {}},
    {K::Recipient, "student", "student|graduate|grad", {}},
    {K::Recipient, "trucker", "trucker|truck driver", {}},
    {K::Recipient, "farmer", "farmer", {}},
    {K::Occasion, "christmas", "christmas|xmas|santa|holiday season", {11, 12}},
    {K::Occasion, "halloween", "halloween|spooky|pumpkin", {9, 10}},
    {K::Occasion, "thanksgiving", "thanksgiving|turkey day", {11}},
    {K::Occasion, "valentine's day", "valentine|valentine day", {1, 2}},
    {K::Occasion, "mother's day", "mother day|mom day", {4, 5}},
    {K::Occasion, "father's day", "father day|dad day", {5, 6}},
    {K::Occasion, "easter", "easter", {3, 4}},
    {K::Occasion, "st. patrick's day", "st patrick|patrick day|saint patrick|shamrock", {3}},
    {K::Occasion, "independence day", "4th of july|fourth of july|independence day|july 4th", {6, 7}},
    {K::Occasion, "back to school", "back to school|first day of school", {7, 8}},
    {K::Occasion, "graduation", "graduation|class of", {5, 6}},
    {K::Occasion, "new year", "new year|new year eve", {12, 1}},
    {K::Occasion, "hanukkah", "hanukkah|chanukah", {12}},
    {K::Occasion, "pride", "pride month|lgbtq", {6}},
    {K::Occasion, "birthday", "birthday|bday", {}},
    {K::Occasion, "retirement", "retirement|retired|retiring", {}},
    {K::Occasion, "wedding", "wedding|bride|groom|bridal|bachelorette", {}},
    {K::Occasion, "anniversary", "anniversary", {}},
    {K::Occasion, "baby shower", "baby shower|pregnancy announcement", {}},
    {K::Hobby, "fishing", "fishing|fisherman|fish|angler|bass", {}},
    {K::Hobby, "hunting", "hunting|hunter|deer", {}},
    {K::Hobby, "camping", "camping|camper|campfire", {}},
    {K::Hobby, "hiking", "hiking|hiker|mountain", {}},
    {K::Hobby, "gardening", "gardening|gardener|garden|plant", {}},
    {K::Hobby, "golf", "golf|golfer|golfing", {}},
    {K::Hobby, "cooking", "cooking|chef|bbq|grill|grilling|baking|baker", {}},
    {K::Hobby, "reading", "reading|book|bookworm|librarian", {}},
    {K::Hobby, "gaming", "gaming|gamer|video game", {}},
    {K::Hobby, "crafts", "knitting|crochet|sewing|quilting|craft", {}},
    {K::Hobby, "yoga", "yoga|meditation", {}},
    {K::Hobby, "running", "running|runner|marathon", {}},
    {K::Hobby, "cycling", "cycling|cyclist|bike|biker", {}},
    {K::Hobby, "coffee", "coffee|caffeine|espresso", {}},
    {K::Hobby, "wine", "wine", {}},
    {K::Hobby, "beer", "beer|brewery", {}},
    {K::Hobby, "music", "music|guitar|musician|band", {}},
    {K::Hobby, "dogs", "dog|puppy|doggo|pup", {}},
    {K::Hobby, "cats", "cat|kitten|kitty", {}},
    {K::Hobby, "horses", "horse|equestrian", {}},
    {K::Hobby, "chickens", "chicken|hen", {}},
    {K::Hobby, "football", "football", {}},
    {K::Hobby, "soccer", "soccer", {}},
    {K::Hobby, "basketball", "basketball", {}},
    {K::Hobby, "baseball", "baseball|softball", {}},
    {K::Hobby, "fitness", "fitness|gym|workout|weightlifting", {}},
    {K::Hobby, "travel", "travel|adventure|wanderlust", {}},
    {K::Age, "baby", "baby|infant|newborn|toddler", {}},
    {K::Age, "kids", "kid|child|children|boy|girl|youth", {}},
    {K::Age, "teens", "teen|teenager", {}},
    {K::Age, "seniors", "senior|retired|retirement|grandma|grandpa|grandmother|grandfather", {}},
    {K::Gender, "men", "men|man|male|him|he|his|husband|boyfriend|dad|father|brother|son|uncle|grandpa|guy", {}},
    {K::Gender, "women", "women|woman|female|her|she|ladies|lady|wife|girlfriend|mom|mother|sister|daughter|aunt|grandma", {}},
    {K::Style, "vintage", "vintage|retro|70s|80s|90s|old school|throwback", {}},
    {K::Style, "minimalist", "minimalist|minimal|simple|line art", {}},
    {K::Style, "funny", "funny|humor|humorous|sarcastic|sarcasm|hilarious|joke|pun", {}},
    {K::Style, "cute", "cute|kawaii|adorable", {}},
    {K::Style, "distressed", "distressed|grunge|worn", {}},
    {K::Style, "typography", "typography|lettering|quote|saying|text", {}},
    {K::Style, "watercolor", "watercolor|watercolour|painted", {}},
    {K::Style, "boho", "boho|bohemian", {}},
    {K::Style, "cartoon", "cartoon|comic|anime", {}},
    {K::Style, "floral", "floral|flower|botanical", {}},
    {K::Style, "groovy", "groovy|hippie|tie dye|psychedelic", {}},
    {K::Style, "gothic", "gothic|goth|skull|dark", {}},
    {K::Style, "western", "western|cowboy|cowgirl|rodeo", {}},
    {K::Style, "aesthetic", "aesthetic|trendy", {}},
    {K::Colour, "black", "black", {}},
    {K::Colour, "white", "white", {}},
    {K::Colour, "red", "red", {}},
    {K::Colour, "blue", "blue|navy", {}},
    {K::Colour, "green", "green|sage", {}},
    {K::Colour, "yellow", "yellow|mustard", {}},
    {K::Colour, "pink", "pink", {}},
    {K::Colour, "purple", "purple|lavender", {}},
    {K::Colour, "orange", "orange", {}},
    {K::Colour, "gray", "gray|grey|heather", {}},
    {K::Colour, "brown", "brown|tan", {}},
    {K::Colour, "gold", "gold", {}},
};

} // namespace

const Lexicon &Lexicon::instance()
{
    static const Lexicon lexicon;
    return lexicon;
}

QString Lexicon::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::Recipient: return QStringLiteral("recipients");
    case Kind::Occasion: return QStringLiteral("occasions");
    case Kind::Hobby: return QStringLiteral("hobbies");
    case Kind::Age: return QStringLiteral("age");
    case Kind::Gender: return QStringLiteral("gender");
    case Kind::Style: return QStringLiteral("styles");
    case Kind::Colour: return QStringLiteral("colors");
    case Kind::KindCount: break;
    }
    return {};
}

Lexicon::Lexicon()
{
    // Ids follow the table order, which is fixed: results do not depend on hashing.
    for (const Entry &e : kEntries) {
        const auto id = quint16(m_terms.size());
        m_terms.append(Term{e.kind, QString::fromUtf8(e.label), QList<int>(e.months)});
        const QStringList forms = QString::fromUtf8(e.phrases).split(QLatin1Char('|'));
        for (const QString &form : forms) {
            const QStringList words = TextNormalizer::words(form);
            if (words.isEmpty())
                continue;
            // Gender/age cues overlap recipients ("dad" is both); one phrase may feed several labels.
            const QString key = words.join(QLatin1Char(' '));
            m_phrases.insert(key, id);
            quint64 h = TextNormalizer::wordHash(words.first());
            for (qsizetype k = 1; k < words.size(); ++k)
                h = TextNormalizer::combine(h, TextNormalizer::wordHash(words.at(k)));
            m_hashPhrases.insert(h, id);
            if (words.size() > 1) {
                m_phraseStarts.insert(words.first());
                m_hashStarts.insert(TextNormalizer::wordHash(words.first()));
            }
        }
    }
}

void Lexicon::match(const QStringList &words, QList<quint16> *out) const
{
    const qsizetype n = words.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QString &w = words.at(i);
        for (auto it = m_phrases.constFind(w); it != m_phrases.cend() && it.key() == w; ++it)
            out->append(it.value());
        if (!m_phraseStarts.contains(w))
            continue;
        QString phrase = w;
        for (qsizetype len = 2; len <= 4 && i + len <= n; ++len) {
            phrase += QLatin1Char(' ') + words.at(i + len - 1);
            for (auto it = m_phrases.constFind(phrase); it != m_phrases.cend() && it.key() == phrase; ++it)
                out->append(it.value());
        }
    }
}

void Lexicon::matchHashes(const quint64 *hashes, qsizetype n, QList<quint16> *out) const
{
    for (qsizetype i = 0; i < n; ++i) {
        quint64 h = hashes[i];
        for (auto it = m_hashPhrases.constFind(h); it != m_hashPhrases.cend() && it.key() == h; ++it)
            out->append(it.value());
        if (!m_hashStarts.contains(h))
            continue;
        for (qsizetype len = 2; len <= 4 && i + len <= n; ++len) {
            h = TextNormalizer::combine(h, hashes[i + len - 1]);
            for (auto it = m_hashPhrases.constFind(h); it != m_hashPhrases.cend() && it.key() == h; ++it)
                out->append(it.value());
        }
    }
}

} // namespace podtrends::core
