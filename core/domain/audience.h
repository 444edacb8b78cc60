#pragma once

#include <core/domain/evidencecounts.h>
#include <core/domain/productkind.h>

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace podtrends::core {

/** What an audience claim is about. Stored as its key ("recipients", "occasions", …). */
enum class AudienceKind : quint8 { Recipient, Occasion, Hobby, Age, Gender };

/** "recipients", "occasions", "hobbies", "age", "gender". */
const QString &toKey(AudienceKind kind);
std::optional<AudienceKind> audienceKindFromKey(QStringView key);

/**
 * Who a label stands for, in a seller's (and an image model's) words: recipients and hobbies
 * become people ("mom" → "moms", "dogs" → "dog lovers"), occasions their proper names
 * ("christmas" → "Christmas"). English, like the vocabulary the analysis matches.
 */
QString audienceWords(AudienceKind kind, const QString &label);

/** A claim about a niche's buyers, with the products that support it. */
struct AudienceClaim
{
    AudienceKind kind = AudienceKind::Recipient;
    QString label;     ///< the vocabulary's label ("mom", "christmas")
    int count = 0;     ///< products that name it
    double share = 0;  ///< count / the niche's products, 0–1

    friend bool operator==(const AudienceClaim &a, const AudienceClaim &b)
    {
        return a.kind == b.kind && a.label == b.label && a.count == b.count && qFuzzyCompare(1.0 + a.share, 1.0 + b.share);
    }
};

/** The seed's price bands. Stored as their keys ("budget", "mid", "premium"). */
enum class PriceBand : quint8 { Budget, Mid, Premium };

const QString &toKey(PriceBand band);
std::optional<PriceBand> priceBandFromKey(QStringView key);
/** The band of a price: under 20 budget, under 50 mid, else premium. */
PriceBand priceBandOf(double price);
/** The band as a price range a seller reads: "under $20", "$20–$50", "$50 or more". */
QString priceRangeText(PriceBand band);

/** How a niche's products spread over the price bands, and the band of its average price. */
struct PriceSensitivity
{
    PriceBand typical = PriceBand::Budget;
    int budget = 0;
    int mid = 0;
    int premium = 0;

    int count(PriceBand band) const { return band == PriceBand::Budget ? budget : band == PriceBand::Mid ? mid : premium; }
    /** "12 under $20, 5 at $20–$50, 1 at $50 or more". */
    QString describe() const;

    friend bool operator==(const PriceSensitivity &a, const PriceSensitivity &b)
    {
        return a.typical == b.typical && a.budget == b.budget && a.mid == b.mid && a.premium == b.premium;
    }
};

/**
 * Who buys in a niche, as evidence: every vocabulary label per kind with its product count, the
 * strong claims (named by at least two products and a fifth of them), price bands, categories
 * and product kinds. Stored in trends.target_audience.
 */
struct Audience
{
    int productCount = 0;            ///< the products the counts are out of
    QList<AudienceClaim> claims;     ///< strong claims, most supported first within each kind
    EvidenceCounts recipients;
    EvidenceCounts occasions;
    EvidenceCounts hobbies;
    EvidenceCounts ages;
    EvidenceCounts genders;
    PriceSensitivity priceSensitivity;
    EvidenceCounts primaryCategories;
    QMap<ProductKind, int> productKinds; ///< how many products are of each kind

    const EvidenceCounts &mentions(AudienceKind kind) const;
    /** The strong claims of one kind. */
    QList<AudienceClaim> claimsOf(AudienceKind kind) const;
    /**
     * The buyers the strong claims name, in words: "moms, nurses and dog lovers" (recipients,
     * hobbies and ages first, then gender). Empty when no claim is strong enough.
     */
    QString buyers(int max = 3) const;
    /** The occasions the strong claims name: "Christmas and birthdays"; empty when none. */
    QString occasionsText(int max = 2) const;

    /** The seed's snake_case shape: {"product_count", "recipients": {label: n}, …, "claims": [{kind, label, count, share}]}. */
    QJsonObject toJson() const;
    static Audience fromJson(const QJsonObject &object);

    friend bool operator==(const Audience &a, const Audience &b);
};

/** "a, b and c" in English. */
QString joinWords(const QStringList &words);

} // namespace podtrends::core
