#include "audience.h"

#include "keytable.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

#include <cmath>

namespace podtrends::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Audience)
};

const detail::KeyTable<AudienceKind, 5> &kindKeys()
{
    static const detail::KeyTable<AudienceKind, 5> table({"recipients", "occasions", "hobbies", "age", "gender"});
    return table;
}

const detail::KeyTable<PriceBand, 3> &bandKeys()
{
    static const detail::KeyTable<PriceBand, 3> table({"budget", "mid", "premium"});
    return table;
}

// The vocabulary's labels (core/analysis/lexicon.cpp) as people or names. Labels missing here
// get a plain rule: recipients take an "s", hobbies "fans", the rest stay as they are.
const QHash<QString, QString> &recipientWords()
{
    static const QHash<QString, QString> words{
        {QStringLiteral("wife"), QStringLiteral("wives")},
        {QStringLiteral("boss"), QStringLiteral("bosses and coworkers")},
        {QStringLiteral("police"), QStringLiteral("police officers")},
        {QStringLiteral("student"), QStringLiteral("students and graduates")},
    };
    return words;
}

const QHash<QString, QString> &hobbyWords()
{
    static const QHash<QString, QString> words{
        {QStringLiteral("fishing"), QStringLiteral("anglers")},       {QStringLiteral("hunting"), QStringLiteral("hunters")},
        {QStringLiteral("camping"), QStringLiteral("campers")},       {QStringLiteral("hiking"), QStringLiteral("hikers")},
        {QStringLiteral("gardening"), QStringLiteral("gardeners")},   {QStringLiteral("golf"), QStringLiteral("golfers")},
        {QStringLiteral("cooking"), QStringLiteral("home cooks")},    {QStringLiteral("reading"), QStringLiteral("book lovers")},
        {QStringLiteral("gaming"), QStringLiteral("gamers")},         {QStringLiteral("crafts"), QStringLiteral("crafters")},
        {QStringLiteral("yoga"), QStringLiteral("yoga lovers")},      {QStringLiteral("running"), QStringLiteral("runners")},
        {QStringLiteral("cycling"), QStringLiteral("cyclists")},      {QStringLiteral("coffee"), QStringLiteral("coffee lovers")},
        {QStringLiteral("wine"), QStringLiteral("wine lovers")},      {QStringLiteral("beer"), QStringLiteral("beer lovers")},
        {QStringLiteral("music"), QStringLiteral("music lovers")},    {QStringLiteral("dogs"), QStringLiteral("dog lovers")},
        {QStringLiteral("cats"), QStringLiteral("cat lovers")},       {QStringLiteral("horses"), QStringLiteral("horse lovers")},
        {QStringLiteral("chickens"), QStringLiteral("chicken keepers")}, {QStringLiteral("fitness"), QStringLiteral("gym-goers")},
        {QStringLiteral("travel"), QStringLiteral("travel lovers")},
    };
    return words;
}

const QHash<QString, QString> &occasionWords()
{
    static const QHash<QString, QString> words{
        {QStringLiteral("christmas"), QStringLiteral("Christmas")},
        {QStringLiteral("halloween"), QStringLiteral("Halloween")},
        {QStringLiteral("thanksgiving"), QStringLiteral("Thanksgiving")},
        {QStringLiteral("valentine's day"), QStringLiteral("Valentine's Day")},
        {QStringLiteral("mother's day"), QStringLiteral("Mother's Day")},
        {QStringLiteral("father's day"), QStringLiteral("Father's Day")},
        {QStringLiteral("easter"), QStringLiteral("Easter")},
        {QStringLiteral("st. patrick's day"), QStringLiteral("St. Patrick's Day")},
        {QStringLiteral("independence day"), QStringLiteral("Independence Day")},
        {QStringLiteral("new year"), QStringLiteral("New Year")},
        {QStringLiteral("hanukkah"), QStringLiteral("Hanukkah")},
        {QStringLiteral("pride"), QStringLiteral("Pride Month")},
        {QStringLiteral("birthday"), QStringLiteral("birthdays")},
        {QStringLiteral("wedding"), QStringLiteral("weddings")},
        {QStringLiteral("anniversary"), QStringLiteral("anniversaries")},
        {QStringLiteral("baby shower"), QStringLiteral("baby showers")},
    };
    return words;
}

const QHash<QString, QString> &ageWords()
{
    static const QHash<QString, QString> words{{QStringLiteral("baby"), QStringLiteral("babies")}};
    return words;
}

QJsonArray claimsJson(const QList<AudienceClaim> &claims)
{
    QJsonArray a;
    for (const AudienceClaim &c : claims)
        a.append(QJsonObject{{QStringLiteral("kind"), toKey(c.kind)}, {QStringLiteral("label"), c.label},
                             {QStringLiteral("count"), c.count}, {QStringLiteral("share"), std::round(1000.0 * c.share) / 1000.0}});
    return a;
}

} // namespace

const QString &toKey(AudienceKind kind)
{
    return kindKeys().key(kind);
}

std::optional<AudienceKind> audienceKindFromKey(QStringView key)
{
    return kindKeys().find(key);
}

QString audienceWords(AudienceKind kind, const QString &label)
{
    switch (kind) {
    case AudienceKind::Recipient: return recipientWords().value(label, label + QLatin1Char('s'));
    case AudienceKind::Hobby: return hobbyWords().value(label, label + QStringLiteral(" fans"));
    case AudienceKind::Occasion: return occasionWords().value(label, label);
    case AudienceKind::Age: return ageWords().value(label, label);
    case AudienceKind::Gender: return label;
    }
    return label;
}

const QString &toKey(PriceBand band)
{
    return bandKeys().key(band);
}

std::optional<PriceBand> priceBandFromKey(QStringView key)
{
    return bandKeys().find(key);
}

PriceBand priceBandOf(double price)
{
    if (price < 20.0)
        return PriceBand::Budget;
    if (price < 50.0)
        return PriceBand::Mid;
    return PriceBand::Premium;
}

QString priceRangeText(PriceBand band)
{
    switch (band) {
    case PriceBand::Budget: return Tr::tr("under $20");
    case PriceBand::Mid: return Tr::tr("$20–$50");
    case PriceBand::Premium: return Tr::tr("$50 or more");
    }
    return {};
}

QString PriceSensitivity::describe() const
{
    return Tr::tr("%1 under $20, %2 at $20–$50, %3 at $50 or more").arg(budget).arg(mid).arg(premium);
}

const EvidenceCounts &Audience::mentions(AudienceKind kind) const
{
    switch (kind) {
    case AudienceKind::Recipient: return recipients;
    case AudienceKind::Occasion: return occasions;
    case AudienceKind::Hobby: return hobbies;
    case AudienceKind::Age: return ages;
    case AudienceKind::Gender: return genders;
    }
    return recipients;
}

QList<AudienceClaim> Audience::claimsOf(AudienceKind kind) const
{
    QList<AudienceClaim> out;
    for (const AudienceClaim &c : claims)
        if (c.kind == kind)
            out << c;
    return out;
}

QString Audience::buyers(int max) const
{
    QStringList words;
    for (AudienceKind kind : {AudienceKind::Recipient, AudienceKind::Hobby, AudienceKind::Age}) {
        for (const AudienceClaim &c : claimsOf(kind)) {
            if (words.size() >= max)
                break;
            const QString w = audienceWords(kind, c.label);
            if (!words.contains(w))
                words << w;
        }
    }
    // Gender alone says little; it names the buyers only when nothing else does.
    if (words.isEmpty())
        for (const AudienceClaim &c : claimsOf(AudienceKind::Gender))
            if (words.size() < max)
                words << audienceWords(AudienceKind::Gender, c.label);
    return joinWords(words);
}

QString Audience::occasionsText(int max) const
{
    QStringList words;
    for (const AudienceClaim &c : claimsOf(AudienceKind::Occasion))
        if (words.size() < max)
            words << audienceWords(AudienceKind::Occasion, c.label);
    return joinWords(words);
}

QJsonObject Audience::toJson() const
{
    QJsonObject kinds;
    for (auto it = productKinds.cbegin(); it != productKinds.cend(); ++it)
        kinds.insert(toKey(it.key()), it.value());
    QJsonObject o;
    o.insert(QStringLiteral("product_count"), productCount);
    for (AudienceKind kind : {AudienceKind::Recipient, AudienceKind::Occasion, AudienceKind::Hobby, AudienceKind::Age, AudienceKind::Gender})
        o.insert(toKey(kind), mentions(kind).toJson());
    o.insert(QStringLiteral("price_sensitivity"),
             QJsonObject{{QStringLiteral("band"), toKey(priceSensitivity.typical)}, {toKey(PriceBand::Budget), priceSensitivity.budget},
                         {toKey(PriceBand::Mid), priceSensitivity.mid}, {toKey(PriceBand::Premium), priceSensitivity.premium}});
    o.insert(QStringLiteral("primary_categories"), primaryCategories.toJson());
    o.insert(QStringLiteral("product_types"), kinds);
    o.insert(QStringLiteral("claims"), claimsJson(claims));
    return o;
}

Audience Audience::fromJson(const QJsonObject &o)
{
    Audience a;
    a.productCount = o.value(QStringLiteral("product_count")).toInt();
    a.recipients = EvidenceCounts::fromJson(o.value(toKey(AudienceKind::Recipient)).toObject());
    a.occasions = EvidenceCounts::fromJson(o.value(toKey(AudienceKind::Occasion)).toObject());
    a.hobbies = EvidenceCounts::fromJson(o.value(toKey(AudienceKind::Hobby)).toObject());
    a.ages = EvidenceCounts::fromJson(o.value(toKey(AudienceKind::Age)).toObject());
    a.genders = EvidenceCounts::fromJson(o.value(toKey(AudienceKind::Gender)).toObject());
    const QJsonObject price = o.value(QStringLiteral("price_sensitivity")).toObject();
    a.priceSensitivity.typical = priceBandFromKey(price.value(QStringLiteral("band")).toString()).value_or(PriceBand::Budget);
    a.priceSensitivity.budget = price.value(toKey(PriceBand::Budget)).toInt();
    a.priceSensitivity.mid = price.value(toKey(PriceBand::Mid)).toInt();
    a.priceSensitivity.premium = price.value(toKey(PriceBand::Premium)).toInt();
    a.primaryCategories = EvidenceCounts::fromJson(o.value(QStringLiteral("primary_categories")).toObject());
    const QJsonObject kinds = o.value(QStringLiteral("product_types")).toObject();
    for (auto it = kinds.begin(); it != kinds.end(); ++it)
        if (const auto kind = productKindFromKey(it.key()); kind && it.value().toInt() > 0)
            a.productKinds.insert(*kind, it.value().toInt());
    for (const QJsonValue &v : o.value(QStringLiteral("claims")).toArray()) {
        const QJsonObject c = v.toObject();
        const auto kind = audienceKindFromKey(c.value(QStringLiteral("kind")).toString());
        const QString label = c.value(QStringLiteral("label")).toString();
        if (kind && !label.isEmpty())
            a.claims << AudienceClaim{*kind, label, c.value(QStringLiteral("count")).toInt(), c.value(QStringLiteral("share")).toDouble()};
    }
    return a;
}

bool operator==(const Audience &a, const Audience &b)
{
    return a.productCount == b.productCount && a.claims == b.claims && a.recipients == b.recipients && a.occasions == b.occasions
           && a.hobbies == b.hobbies && a.ages == b.ages && a.genders == b.genders && a.priceSensitivity == b.priceSensitivity
           && a.primaryCategories == b.primaryCategories && a.productKinds == b.productKinds;
}

QString joinWords(const QStringList &words)
{
    if (words.size() <= 1)
        return words.value(0);
    return QStringList(words.mid(0, words.size() - 1)).join(QStringLiteral(", ")) + QStringLiteral(" and ") + words.last();
}

} // namespace podtrends::core
