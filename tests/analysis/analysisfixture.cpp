#include "analysisfixture.h"

#include <core/storage/productwriter.h>

#include <cmath>

namespace podtrends::test {

namespace {

struct NicheSpec
{
    const char *category;
    int products;
    double basePrice;
    double rating;
    int reviews;       ///< typical reviews per product at the first observation
    double growth;     ///< review growth per observation (0.3 = +30 %)
    const char *titles; ///< '|'-separated title patterns; %1 = a style word
    const char *tags;   ///< ','-separated tags
};

// Patterns read like real POD listings; counts and prices vary per product deterministically.
const NicheSpec kNiches[] = {
    {"T-Shirts", 6, 27.99, 4.9, 900, 0.35, "Fishing Grandpa Shirt %1 Like A Normal Grandpa But Cooler|%1 Fishing Grandpa T-Shirt Father's Day Gift For Papa|Reel Cool Fishing Grandpa Tee", "fishing grandpa,grandpa gift,fisherman,fathers day"},
    {"T-Shirts", 24, 22.99, 4.6, 180, 0.05, "%1 Cat Dad Shirt For Men|Best Cat Dad Ever %1 T-Shirt|Cat Dad Tee Funny Cat Lover Gift For Dad", "cat dad,dad gift,cat lover,funny cat"},
    {"T-Shirts", 12, 21.50, 4.4, 120, 0.02, "Dad Bod %1 Shirt Funny Father's Day Tee|It's Not A Dad Bod It's A Father Figure %1 T-Shirt", "dad bod,fathers day,funny dad"},
    {"T-Shirts", 40, 19.99, 4.5, 150, 0.03, "Nurse Life %1 Shirt For Women|%1 Nurse Life T-Shirt Nursing School Gift|Nurse Life Christmas Tee For Nurses", "nurse life,nurse gift,rn,nursing"},
    {"T-Shirts", 30, 24.99, 4.7, 260, 0.04, "Teacher Appreciation %1 Shirt|Back To School Teacher Appreciation Tee For Women", "teacher appreciation,teacher gift,back to school"},
    {"Mugs", 18, 16.99, 4.8, 340, 0.06, "Dog Mom Mug %1 Coffee Cup For Mother's Day|%1 Dog Mom Coffee Mug Gift For Her", "dog mom,dog lover,mothers day,coffee"},
    {"Mugs", 9, 18.50, 4.3, 60, 0.01, "Coffee Lover %1 Mug Morning Caffeine|But First Coffee Lover %1 Mug", "coffee lover,caffeine,morning"},
    {"Hoodies", 14, 44.99, 4.6, 210, 0.08, "Christmas Tree Farm %1 Sweatshirt|%1 Christmas Tree Farm Hoodie Holiday Season", "christmas tree farm,christmas,holiday sweater"},
    {"Hoodies", 10, 39.99, 4.2, 90, 0.02, "Spooky Season %1 Hoodie Halloween Pumpkin|Halloween Spooky Season %1 Sweatshirt For Women", "spooky season,halloween,pumpkin"},
    {"T-Shirts", 16, 23.99, 4.5, 140, 0.03, "Plant Lady %1 Shirt Gardening Gift|Crazy Plant Lady %1 Tee For Gardener Mom", "plant lady,gardening,plant mom"},
    {"Posters", 8, 29.99, 4.8, 75, 0.02, "Mountain Hiking %1 Poster Minimalist Wall Art|%1 Mountain Hiking Print Adventure Awaits", "mountain hiking,hiking,adventure,travel"},
    {"Stickers", 22, 4.50, 4.7, 400, 0.04, "Book Lover %1 Sticker For Kindle|Book Lover Bookworm %1 Decal", "book lover,bookworm,reading,kindle sticker"},
    {"T-Shirts", 11, 25.99, 4.6, 110, 0.03, "Camping Crew %1 Shirt Family Camping Trip|%1 Camping Crew Matching Family Tee", "camping crew,family camping,campfire"},
    {"T-Shirts", 7, 22.00, 4.1, 35, 0.00, "Gym Rat %1 Workout Shirt For Men|Gym Rat Fitness %1 Tank Top", "gym rat,fitness,workout"},
    {"Mugs", 9, 15.99, 4.5, 80, 0.02, "Retired Teacher Mug %1 Retirement Gift|%1 Retired Teacher Coffee Mug", "retired teacher,retirement gift,teacher"},
};

const char *const kStyles[] = {"Vintage", "Retro", "Funny", "Cute", "Minimalist", "Distressed", "Watercolor", "Groovy"};
const char *const kMarkets[] = {"etsy", "amazon", "shopify"};

QString pick(const QStringList &list, int i)
{
    return list.at(i % list.size());
}

} // namespace

QList<core::Product> AnalysisFixture::products(int observation)
{
    QList<core::Product> out;
    for (int n = 0; n < int(std::size(kNiches)); ++n) {
        const NicheSpec &spec = kNiches[n];
        const QStringList titles = QString::fromUtf8(spec.titles).split(QLatin1Char('|'));
        const QStringList tags = QString::fromUtf8(spec.tags).split(QLatin1Char(','));
        for (int i = 0; i < spec.products; ++i) {
            core::Product p;
            const int seed = n * 131 + i * 17;
            p.marketplace = QString::fromLatin1(kMarkets[(seed / 7 + i) % (n == 0 ? 2 : 3)]);
            p.externalId = QStringLiteral("fx-%1-%2").arg(n).arg(i);
            p.title = pick(titles, i);
            if (p.title.contains(QLatin1String("%1")))
                p.title = p.title.arg(QString::fromLatin1(kStyles[(seed / 3) % std::size(kStyles)]));
            p.category = QString::fromUtf8(spec.category);
            p.description = QStringLiteral("%1. Printed on demand, ships in 3-5 days.").arg(p.title);
            p.price = std::round((spec.basePrice + ((seed % 11) - 5) * 0.8) * 100.0) / 100.0;
            p.currency = QStringLiteral("USD");
            p.rating = std::min(5.0, std::round((spec.rating + ((seed % 5) - 2) * 0.1) * 10.0) / 10.0);
            const double base = spec.reviews * (0.5 + (seed % 10) / 10.0);
            p.reviewsCount = int(std::round(base * std::pow(1.0 + spec.growth, observation)));
            p.favorites = p.marketplace == QLatin1String("etsy") ? int(std::round(p.reviewsCount * 2.5)) : -1;
            p.rank = p.marketplace == QLatin1String("amazon") ? 1000 + (seed % 50) * 900 : -1;
            p.vendor = QStringLiteral("Shop%1").arg(seed % 23);
            p.tags = tags.mid(0, 2 + i % (tags.size() - 1));
            p.productUrl = QStringLiteral("https://example.com/%1").arg(p.externalId);
            out << p;
        }
    }
    return out;
}

core::Status AnalysisFixture::write(const std::shared_ptr<core::Database> &db, const QDateTime &now)
{
    core::ProductWriter writer(db);
    for (int o = 0; o < observations(); ++o) {
        core::UpsertOptions options;
        options.scrapedAt = now.addDays(-7 * (observations() - 1 - o));
        auto r = writer.upsert(products(o), options);
        if (!r)
            return r.error();
    }
    return {};
}

} // namespace podtrends::test
