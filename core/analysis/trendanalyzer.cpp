#include "trendanalyzer.h"

#include <core/util/computepool.h>
#include <core/util/hugepages.h>

#include "lexicon.h"
#include "nicheextractor.h"
#include "productfeatures.h"
#include "textnormalizer.h"
#include "opportunity.h"
#include "trendbuilder.h"

#include <core/design/textsafety.h>

#include <core/storage/jobrepository.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>
#include <QThreadPool>
#include <QVarLengthArray>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

Q_LOGGING_CATEGORY(lcAnalysis, "podtrends.analysis")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Analysis)
};

constexpr qsizetype kChunkSize = 4096;
constexpr int kGenericMinProducts = 30;
constexpr qint64 kDayMs = 24 * 3600 * 1000;

Error cancelled()
{
    return Error{Tr::tr("Analysis cancelled"), 1};
}

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

void report(const TrendAnalyzer::Progress &progress, double fraction, const QString &text)
{
    if (progress)
        progress(fraction, text);
}

// One product's weekly rate of change: reviews, favourites and rank, each relative to where it
// started, averaged over what is known, scaled to seven days.
// Shopify storefronts publish no reviews: their stored 0 → 0 is no signal, not a flat trend.
std::optional<double> weeklyRate(const SnapshotSpan &s, bool reviewsPublished)
{
    const qint64 span = s.lastMs - s.firstMs;
    if (s.snapshots < 2 || span < kDayMs)
        return std::nullopt;
    double sum = 0;
    int parts = 0;
    if (reviewsPublished) {
        sum += double(s.lastReviews - s.firstReviews) / std::max(10, s.firstReviews);
        ++parts;
    }
    if (s.firstFavorites >= 0 && s.lastFavorites >= 0) {
        sum += double(s.lastFavorites - s.firstFavorites) / std::max(10, s.firstFavorites);
        ++parts;
    }
    if (s.firstRank > 0 && s.lastRank > 0) {
        sum += double(s.firstRank - s.lastRank) / s.firstRank;
        ++parts;
    }
    if (parts == 0)
        return std::nullopt;
    return sum / parts * 7.0 * double(kDayMs) / double(span);
}

// A vector of one value per product, on huge pages where the kernel offers them (a million
// products' 8 MB would otherwise be faulted in 4 KB at a time).
template<typename T>
std::vector<T> hugeFilled(size_t n, T value)
{
    std::vector<T> v;
    v.reserve(n);
    adviseHugePages(v.data(), n * sizeof(T));
    v.assign(n, value);
    return v;
}

// A niche is flagged when its phrase names a protected brand, franchise or character, or when a
// name recurs in its most popular listings (at least two of them, or its only one).
QStringList protectedNameWarnings(const TextSafety &safety, const QString &niche, const QStringList &topTitles)
{
    QStringList names = safety.check(niche);
    QHash<QString, int> inTitles;
    for (const QString &title : topTitles)
        for (const QString &name : safety.check(title))
            ++inTitles[name];
    for (auto it = inTitles.cbegin(); it != inTitles.cend(); ++it)
        if ((it.value() >= 2 || topTitles.size() == 1) && !names.contains(it.key()))
            names << it.key();
    std::sort(names.begin(), names.end());
    QStringList warnings;
    for (const QString &name : std::as_const(names))
        warnings << QStringLiteral("protected_name: ") + name.toLower();
    return warnings;
}

// The niches of one analysis: every chosen niche and every parent, with their phrases.
struct NicheTree
{
    QHash<quint64, QString> text;    ///< key → phrase
    QHash<quint64, quint64> parent;  ///< refinement key → its root's key
};

// A chosen niche's parent is the broadest niche it refines: among the qualified phrases inside it,
// one that products chose for themselves, else the one with most products (then fewer words), and
// that parent's own parent in turn, so the tree is one level deep. A parent that would hold a
// single refinement and no listing of its own is left out (the refinement stands alone).
NicheTree nicheTree(const QHash<qsizetype, AnalysisRow> &rows, const QHash<quint64, qsizetype> &firstRow, const QHash<quint64, int> &qualified)
{
    NicheTree tree;
    const auto broader = [&](const QString &phrase) {
        quint64 best = 0;
        for (quint64 k : NicheExtractor::subPhraseKeys(phrase)) {
            const auto q = qualified.constFind(k);
            if (q == qualified.cend())
                continue;
            const auto rank = [&](quint64 key) {
                return std::tuple(firstRow.contains(key), qualified.value(key), -NicheExtractor::wordCount(key));
            };
            if (best == 0 || rank(k) > rank(best))
                best = k;
        }
        return best;
    };
    QHash<quint64, int> refinements;
    for (auto it = firstRow.cbegin(); it != firstRow.cend(); ++it) {
        const AnalysisRow &row = rows.value(it.value());
        const QString phrase = NicheExtractor::phraseText(row, it.key());
        tree.text.insert(it.key(), phrase);
        quint64 root = 0;
        QString rootText;
        for (quint64 up = broader(phrase); up != 0; up = broader(rootText)) {
            root = up;
            rootText = NicheExtractor::phraseText(row, up);
        }
        if (root == 0 || rootText.isEmpty())
            continue;
        tree.parent.insert(it.key(), root);
        ++refinements[root];
        if (!tree.text.contains(root) || !firstRow.contains(root))
            tree.text.insert(root, rootText);
    }
    for (auto it = tree.parent.begin(); it != tree.parent.end();) {
        if (!firstRow.contains(*it) && refinements.value(*it) < 2) {
            tree.text.remove(*it);
            it = tree.parent.erase(it);
        } else {
            ++it;
        }
    }
    return tree;
}

// Counts by a few distinct strings (categories, marketplaces): rows share their strings' data, so
// most lookups end at a pointer comparison.
struct SmallCounter
{
    QVarLengthArray<std::pair<QString, int>, 8> items;
    int &operator[](const QString &key)
    {
        for (auto &item : items)
            if (item.first.constData() == key.constData() && item.first.size() == key.size())
                return item.second;
        for (auto &item : items)
            if (item.first == key)
                return item.second;
        items.append({key, 0});
        return items.back().second;
    }
};

// One niche's counts while its rows are added, moved into its NicheAccumulator at the end.
struct NicheCounts
{
    SmallCounter categories;
    SmallCounter marketplaces;
    std::vector<NicheAccumulator::TypeFigures> typeFigures; ///< by product type index + 1 (0: none)
};

// The opportunity in one sentence with its strongest evidence.
QString opportunitySentence(const Trend &t)
{
    const ScorePart &demand = t.opportunity.part(ScoreComponent::Demand);
    if (!t.opportunityScore)
        return Tr::tr("No opportunity score: nothing here measures demand yet.");
    return Tr::tr("Opportunity %1 of 100; demand %2: %3.")
        .arg(QString::number(*t.opportunityScore, 'f', 0), QString::number(demand.value.value_or(0), 'f', 0), demand.evidence());
}

} // namespace

TrendAnalyzer::TrendAnalyzer(std::shared_ptr<Database> db, AnalysisOptions options)
    : m_db(std::move(db))
    , m_options(std::move(options))
{
}

int TrendAnalyzer::threadCount(int requested)
{
    const int cores = std::max(1, QThread::idealThreadCount());
    return requested > 0 ? std::min(requested, std::max(8, 4 * cores)) : cores;
}

Result<AnalysisResult> TrendAnalyzer::compute(const QList<AnalysisRow> &rows, const QList<SnapshotSpan> &spans,
                                              const QList<MarketCount> &marketCounts, const AnalysisOptions &options,
                                              const std::atomic_bool *cancel, const Progress &progress)
{
    const auto texts = [&rows](const QList<qsizetype> &indexes) -> Result<QHash<qsizetype, AnalysisRow>> {
        QHash<qsizetype, AnalysisRow> out;
        for (qsizetype i : indexes)
            out.insert(i, rows.at(i));
        return out;
    };
    return computeFeatures(rows, {}, texts, spans, marketCounts, options, cancel, progress);
}

Result<AnalysisResult> TrendAnalyzer::computeFeatures(const QList<AnalysisRow> &rows, std::vector<std::shared_ptr<NicheExtractor::Chunk>> stored,
                                                      const TextSource &textSource, const QList<SnapshotSpan> &spans,
                                                      const QList<MarketCount> &marketCounts, const AnalysisOptions &options,
                                                      const std::atomic_bool *cancel, const Progress &progress)
{
    AnalysisResult result;
    result.products = rows.size();
    const qsizetype n = rows.size();
    const int minProducts = std::max(1, options.minProducts);

    // The slices run on the process's compute pool (the caller, on the global pool, a job
    // worker's thread or the main thread, waits and is never one of its threads). Only an
    // explicit thread count (`analyze --threads N`, tests and benchmarks comparing 1 and 8)
    // gets a pool of that size for the run.
    std::optional<QThreadPool> sized;
    if (options.threads > 0) {
        sized.emplace();
        sized->setMaxThreadCount(threadCount(options.threads));
    }
    QThreadPool &pool = sized ? *sized : *computePool();

    // 1. Map over slices of products: phrase candidates, lexicon terms, product type; reduce the
    //    phrase counts. Counting is commutative, so the reduce order does not matter.
    const qsizetype chunkCount = (n + kChunkSize - 1) / kChunkSize;
    QList<qsizetype> chunkIndexes(chunkCount);
    std::iota(chunkIndexes.begin(), chunkIndexes.end(), qsizetype(0));
    std::vector<std::shared_ptr<NicheExtractor::Chunk>> chunks(chunkCount);
    std::atomic<qsizetype> done{0};
    QElapsedTimer phase;
    phase.start();
    report(progress, 0.0, Tr::tr("Finding niches in %n product(s)…", nullptr, int(n)));
    using ChunkPtr = std::shared_ptr<NicheExtractor::Chunk>;
    QHash<quint64, int> categoryProducts;
    QHash<std::pair<quint64, quint64>, int> wordCategoryProducts;
    QHash<quint64, int> counts = QtConcurrent::blockingMappedReduced<QHash<quint64, int>>(
        &pool, chunkIndexes,
        [&rows, &stored, n, cancel](qsizetype index) -> ChunkPtr {
            if (!stored.empty()) {
                // Features read from storage: only the counting is left.
                ChunkPtr chunk = stored[size_t(index)];
                if (isCancelled(cancel))
                    chunk->cancelled = true;
                else
                    NicheExtractor::count(chunk.get());
                return chunk;
            }
            auto chunk = std::make_shared<NicheExtractor::Chunk>();
            if (isCancelled(cancel)) {
                chunk->cancelled = true;
                return chunk;
            }
            const qsizetype first = index * kChunkSize;
            *chunk = NicheExtractor::extract(rows, first, std::min(kChunkSize, n - first));
            return chunk;
        },
        [&chunks, &done, &progress, &categoryProducts, &wordCategoryProducts, chunkCount](QHash<quint64, int> &total, const ChunkPtr &chunk) {
            if (chunk->cancelled)
                return;
            if (total.isEmpty()) {
                total = chunk->counts;
            } else {
                for (auto it = chunk->counts.cbegin(); it != chunk->counts.cend(); ++it)
                    total[it.key()] += it.value();
            }
            chunk->counts.clear();
            for (auto it = chunk->categoryCounts.cbegin(); it != chunk->categoryCounts.cend(); ++it)
                categoryProducts[it.key()] += it.value();
            for (auto it = chunk->wordCategoryCounts.cbegin(); it != chunk->wordCategoryCounts.cend(); ++it)
                wordCategoryProducts[it.key()] += it.value();

            chunks[chunk->first / kChunkSize] = chunk;
            const qsizetype finished = ++done;
            if (finished % 16 == 0 || finished == chunkCount)
                report(progress, 0.6 * double(finished) / double(chunkCount), Tr::tr("Finding niches…"));
        });
    if (isCancelled(cancel))
        return cancelled();

    // 2. Keep the phrases with enough products, then give each product its most specific one.
    //    A single word on more than half of a sizeable category is generic there (like "cat" in a
    //    "cat dad shirt" search): a product takes it only when it has no other niche, but it can
    //    hold the niches that refine it.
    QHash<quint64, int> qualified;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() >= minProducts)
            qualified.insert(it.key(), it.value());
    counts = {};
    QSet<quint64> generic;
    for (auto it = wordCategoryProducts.cbegin(); it != wordCategoryProducts.cend(); ++it) {
        const int inCategory = categoryProducts.value(it.key().second);
        if (inCategory >= kGenericMinProducts && it.value() * 2 > inCategory && qualified.contains(it.key().first))
            generic.insert(it.key().first);
    }
    std::vector<quint64> chosen = hugeFilled<quint64>(size_t(n), 0);
    qCDebug(lcAnalysis) << "phrases counted" << phase.restart() << "ms";
    QtConcurrent::blockingMap(&pool, chunkIndexes, [&](qsizetype index) {
        const NicheExtractor::Chunk &c = *chunks[size_t(index)];
        const qsizetype products = qsizetype(c.keyOffsets.size()) - 1;
        for (qsizetype p = 0; p < products; ++p)
            chosen[size_t(c.first + p)] = NicheExtractor::choose(c.keys.data() + c.keyOffsets[p], c.keyOffsets[p + 1] - c.keyOffsets[p],
                                                                 qualified, minProducts, &generic, wordCategoryProducts,
                                                                 c.categories[size_t(p)]);
    });
    if (isCancelled(cancel))
        return cancelled();
    // Only terms and product types are read from here on: give the phrase keys' memory back.
    for (const ChunkPtr &c : chunks) {
        if (!c)
            continue;
        c->keys = {};
        c->keyOffsets = {};
        c->categories = {};
        c->wordCategoryCounts = {};
        c->categoryCounts = {};
    }
    wordCategoryProducts = {};
    qCDebug(lcAnalysis) << "niches chosen" << phase.restart() << "ms";
    report(progress, 0.7, Tr::tr("Scoring niches…"));

    // The niche tree: each chosen niche's parent is the broadest niche it refines ("axolotl" for
    // "axolotl japanese"), and a parent holds its own listings and all of its refinements'.
    QHash<quint64, qsizetype> firstRow;
    for (size_t r = 0; r < chosen.size(); ++r)
        if (chosen[r] != 0 && !firstRow.contains(chosen[r]))
            firstRow.insert(chosen[r], qsizetype(r));
    NicheTree tree;
    {
        auto texts = textSource(firstRow.values());
        if (!texts)
            return texts.error();
        tree = nicheTree(*texts, firstRow, qualified);
    }
    firstRow = {};
    qCDebug(lcAnalysis) << "niche tree" << phase.restart() << "ms";
    std::vector<quint64> keys;
    keys.reserve(size_t(tree.text.size()));
    for (auto it = tree.text.cbegin(); it != tree.text.cend(); ++it)
        keys.push_back(it.key());
    // Niche ids follow the sorted keys: independent of threads and of the order rows finished in.
    std::sort(keys.begin(), keys.end());
    QHash<quint64, int> nicheIndex;
    nicheIndex.reserve(qsizetype(keys.size()));
    for (size_t i = 0; i < keys.size(); ++i)
        nicheIndex.insert(keys[i], int(i));

    // 3. Accumulate per niche (integers only).
    const Lexicon &lexicon = Lexicon::instance();
    std::vector<bool> seasonalTerm(size_t(lexicon.size()), false);
    for (int id = 0; id < lexicon.size(); ++id)
        seasonalTerm[size_t(id)] = lexicon.term(id).kind == Lexicon::Kind::Occasion && !lexicon.term(id).peakMonths.isEmpty();
    QHash<qint64, const SnapshotSpan *> spanOf;
    spanOf.reserve(spans.size());
    for (const SnapshotSpan &s : spans)
        spanOf.insert(s.productId, &s);
    QHash<QString, qint64> marketCountOf; // normalized phrase → listings, summed over marketplaces
    {
        QMap<std::pair<QString, QString>, qint64> perMarket;
        for (const MarketCount &mc : marketCounts) {
            const QString phrase = TextNormalizer::normalizePhrase(mc.query);
            if (phrase.isEmpty())
                continue;
            qint64 &v = perMarket[{phrase, mc.marketplace}];
            v = std::max(v, mc.resultCount);
        }
        for (auto it = perMarket.cbegin(); it != perMarket.cend(); ++it)
            marketCountOf[it.key().first] += it.value();
    }

    const qint64 nowMs = (options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    const qint64 recentSinceMs = nowMs - qint64(Opportunity::RecentDays) * kDayMs;
    const QString shopifyKey = toKey(Marketplace::Shopify);
    const QString etsyKey = toKey(Marketplace::Etsy);
    const QString amazonKey = toKey(Marketplace::Amazon);
    const QHash<QString, double> typicalCosts = AnalysisOptions::typicalBaseCosts();
    MarketTotals totals;
    for (const AnalysisRow &row : rows)
        totals.storesFollowed = std::max(totals.storesFollowed, row.store + 1);

    std::vector<NicheAccumulator> accs(keys.size());
    QList<TrendMembers> members(qsizetype(keys.size()));
    const QStringList &types = TextNormalizer::productTypes();
    const double feeRate = options.feePercent / 100.0;
    // The most popular listings of each niche (popularity, row), their titles read afterwards.
    std::vector<std::vector<std::pair<qint64, qsizetype>>> top(keys.size());
    // Base and typical costs by product type index.
    std::vector<std::optional<double>> baseCostOf(size_t(types.size()));
    std::vector<std::optional<double>> typicalCostOf(size_t(types.size()));
    for (qsizetype t = 0; t < types.size(); ++t) {
        if (auto cost = options.baseCosts.constFind(types.at(t)); cost != options.baseCosts.cend())
            baseCostOf[size_t(t)] = *cost;
        if (auto typical = typicalCosts.constFind(types.at(t)); typical != typicalCosts.cend())
            typicalCostOf[size_t(t)] = *typical;
    }
    const auto add = [&](int ni, const AnalysisRow &row, qsizetype r, NicheCounts &local) {
        NicheAccumulator &a = accs[size_t(ni)];
        auto &topTitles = top[size_t(ni)];
        if (a.products == 0)
            a.termCounts.assign(size_t(lexicon.size()), 0);
        ++a.products;
        ++local.categories[row.category];
        a.reviews += row.reviews;
        if (row.ratingCenti > 0) {
            a.ratingCentiSum += row.ratingCenti;
            ++a.rated;
        }
        a.priceCentsSum += row.priceCents;
        a.minPriceCents = a.minPriceCents < 0 ? row.priceCents : std::min(a.minPriceCents, row.priceCents);
        a.maxPriceCents = std::max(a.maxPriceCents, row.priceCents);
        if (row.priceCents < 2000)
            ++a.budget;
        else if (row.priceCents < 5000)
            ++a.mid;
        else
            ++a.premium;
        ++local.marketplaces[row.marketplace];
        MarketSignals &m = a.market;
        const bool shopify = row.marketplace == shopifyKey;
        if (shopify) {
            ++m.shopifyProducts;
            if (row.store >= 0)
                m.stores.insert(row.store);
            if (row.publishedMs >= 0) {
                ++m.withPublished;
                m.recentListings += row.publishedMs >= recentSinceMs ? 1 : 0;
            }
            m.variants += row.variants;
            m.variantsSoldOut += row.variantsSoldOut;
            m.variantsDiscounted += row.variantsDiscounted;
        } else if (row.marketplace == etsyKey) {
            ++m.etsyProducts;
            if (row.favorites >= 0) {
                ++m.withFavorites;
                m.favorites += row.favorites;
            }
            if (row.views > 0) {
                ++m.withViews;
                m.views += row.views;
            }
            if (row.listedMs > 0) {
                ++m.withListed;
                m.etsyRecentListings += row.listedMs >= recentSinceMs ? 1 : 0;
                m.listedAgeDaysSum += std::max<qint64>(0, (nowMs - row.listedMs) / kDayMs);
            }
        } else if (row.marketplace == amazonKey) {
            ++m.amazonProducts;
            m.amazonReviews += row.reviews;
            if (row.rankIsBestSellers && row.rank > 0)
                m.bestSellerRanks.push_back(row.rank);
        }
        // The most popular listings' titles are checked for protected names.
        const qint64 popularity = qint64(row.reviews) + std::max(0, row.favorites);
        constexpr size_t kTopTitles = 5;
        if (topTitles.size() < kTopTitles || popularity > topTitles.back().first) {
            auto at = std::upper_bound(topTitles.begin(), topTitles.end(), popularity,
                                       [](qint64 p, const std::pair<qint64, qsizetype> &e) { return p > e.first; });
            topTitles.insert(at, {popularity, r});
            if (topTitles.size() > kTopTitles)
                topTitles.pop_back();
        }

        const NicheExtractor::Chunk &c = *chunks[size_t(r / kChunkSize)];
        const qsizetype p = r - c.first;
        bool seasonal = false;
        for (quint32 t = c.termOffsets[p]; t < c.termOffsets[p + 1]; ++t) {
            ++a.termCounts[c.terms[t]];
            seasonal = seasonal || seasonalTerm[c.terms[t]];
        }
        a.seasonalProducts += seasonal ? 1 : 0;
        const int type = c.productTypes[size_t(p)];
        NicheAccumulator::TypeFigures &tf = local.typeFigures[size_t(type + 1)];
        ++tf.products;
        tf.priceCentsSum += row.priceCents;
        tf.reviews += row.reviews;
        if (type >= 0) {
            if (const std::optional<double> &cost = baseCostOf[size_t(type)]) {
                const double price = row.priceCents / 100.0;
                a.marginCentsSum += std::llround((price - *cost - price * feeRate - options.feeFixed) * 100.0);
                ++a.withCost;
            }
            if (const std::optional<double> &typical = typicalCostOf[size_t(type)]) {
                const double price = row.priceCents / 100.0;
                a.market.typicalMarginCentsSum += std::llround((price - *typical - price * feeRate - options.feeFixed) * 100.0);
                ++a.market.withTypicalCost;
            }
        }
        if (const SnapshotSpan *s = spanOf.value(row.id)) {
            if (const auto rate = weeklyRate(*s, !shopify)) {
                a.growthMicroSum += std::llround(*rate * 1e6);
                ++a.withHistory;
            }
            if (s->snapshots >= 2) {
                a.historyFirstMs = a.historyFirstMs == 0 ? s->firstMs : std::min(a.historyFirstMs, s->firstMs);
                a.historyLastMs = std::max(a.historyLastMs, s->lastMs);
            }
            if (s->resultCount >= 0)
                a.resultCounts.push_back(s->resultCount);
        }
    };
    // Each row's niche and its niche's parent; offsets[ni + 1] counts the rows a niche adds.
    std::vector<int> rowNiche = hugeFilled<int>(size_t(n), -1);
    std::vector<int> rowParent = hugeFilled<int>(size_t(n), -1);
    std::vector<qsizetype> offsets(keys.size() + 1, 0);
    for (qsizetype r = 0; r < n; ++r) {
        const quint64 key = chosen[size_t(r)];
        const AnalysisRow &row = rows.at(r);
        if (key == 0) {
            if (row.trendId != 0)
                result.clearProductIds << row.id;
            continue;
        }
        const int ni = nicheIndex.value(key);
        rowNiche[size_t(r)] = ni;
        ++offsets[size_t(ni) + 1];
        if (const auto parent = tree.parent.constFind(key); parent != tree.parent.cend()) {
            const int pi = nicheIndex.value(*parent);
            rowParent[size_t(r)] = pi;
            ++offsets[size_t(pi) + 1];
        }
        members[ni].productIds << row.id;
        members[ni].previousTrendIds << row.trendId;
        ++result.assignedProducts;
    }
    chosen = {};
    qCDebug(lcAnalysis) << "rows grouped" << phase.restart() << "ms";
    {
        // Each worker owns whole niches (the biggest first, to the least loaded worker) and walks
        // all rows in order, adding those of its niches: rows are read in memory order rather
        // than niche by niche, and every niche sees its rows in row order on any thread count.
        const int workers = std::max(1, pool.maxThreadCount());
        QList<int> niches(qsizetype(keys.size()));
        std::iota(niches.begin(), niches.end(), 0);
        std::stable_sort(niches.begin(), niches.end(), [&offsets](int x, int y) { return offsets[size_t(x) + 1] > offsets[size_t(y) + 1]; });
        std::vector<int> owner(keys.size(), 0);
        std::vector<qsizetype> load(size_t(workers), 0);
        for (int ni : std::as_const(niches)) {
            const auto least = std::min_element(load.begin(), load.end());
            owner[size_t(ni)] = int(least - load.begin());
            *least += offsets[size_t(ni) + 1];
        }
        std::vector<NicheCounts> local(keys.size());
        for (NicheCounts &l : local)
            l.typeFigures.resize(size_t(types.size()) + 1);
        QList<int> workerIds(workers);
        std::iota(workerIds.begin(), workerIds.end(), 0);
        QtConcurrent::blockingMap(&pool, workerIds, [&](int w) {
            for (qsizetype r = 0; r < n; ++r) {
                const int ni = rowNiche[size_t(r)];
                if (ni < 0)
                    continue;
                if (owner[size_t(ni)] == w)
                    add(ni, rows.at(r), r, local[size_t(ni)]);
                const int pi = rowParent[size_t(r)];
                if (pi >= 0 && owner[size_t(pi)] == w)
                    add(pi, rows.at(r), r, local[size_t(pi)]);
            }
        });
        rowNiche = {};
        rowParent = {};
        for (size_t ni = 0; ni < keys.size(); ++ni) {
            NicheAccumulator &a = accs[ni];
            const NicheCounts &l = local[ni];
            for (const auto &[category, count] : l.categories.items)
                a.categories.insert(category, count);
            for (const auto &[marketplace, count] : l.marketplaces.items)
                a.marketplaces.insert(marketplace, count);
            for (size_t t = 0; t < l.typeFigures.size(); ++t) {
                const NicheAccumulator::TypeFigures &tf = l.typeFigures[t];
                if (tf.products == 0)
                    continue;
                a.typeFigures.insert(t == 0 ? QString() : types.at(qsizetype(t) - 1), tf);
                if (t > 0)
                    a.productTypes.insert(types.at(qsizetype(t) - 1), tf.products);
            }
        }
    }
    for (size_t i = 0; i < accs.size(); ++i) {
        NicheAccumulator &a = accs[i];
        a.niche = tree.text.value(keys[i]);
        int most = 0;
        for (auto c = a.categories.cbegin(); c != a.categories.cend(); ++c)
            if (c.value() > most) {
                most = c.value();
                a.category = c.key();
            }
        auto it = marketCountOf.constFind(a.niche);
        if (it != marketCountOf.cend())
            a.marketResultCount = *it;
    }
    if (isCancelled(cancel))
        return cancelled();
    report(progress, 0.8, Tr::tr("Writing %n trend(s)…", nullptr, int(accs.size())));
    qCDebug(lcAnalysis) << "accumulated" << phase.restart() << "ms";

    // 4. Build trends (pure per niche; blockingMapped keeps the input order).
    QList<int> nicheIds(qsizetype(accs.size()));
    std::iota(nicheIds.begin(), nicheIds.end(), 0);
    std::vector<MarketSignals> markets(accs.size());
    std::vector<NicheFigures> figures(accs.size());
    std::vector<QStringList> titles(accs.size());
    {
        QList<qsizetype> wanted;
        for (const auto &t : top)
            for (const auto &[popularity, r] : t)
                wanted << r;
        std::sort(wanted.begin(), wanted.end());
        wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
        auto texts = textSource(wanted);
        if (!texts)
            return texts.error();
        for (size_t i = 0; i < accs.size(); ++i) {
            markets[i] = std::move(accs[i].market);
            for (const auto &[popularity, r] : top[i])
                titles[i] << texts->value(r).title;
        }
    }
    QList<Trend> trends = QtConcurrent::blockingMapped<QList<Trend>>(&pool, nicheIds, [&accs, &options, &figures](int i) {
        return TrendBuilder::build(std::move(accs[size_t(i)]), options, &figures[size_t(i)]);
    });
    Opportunity::score(&trends, markets, figures, totals, options);
    qCDebug(lcAnalysis) << "trends built and scored" << phase.restart() << "ms";
    const TextSafety safety(options.protectedNamesPath);
    QList<int> trendIndexes(trends.size());
    std::iota(trendIndexes.begin(), trendIndexes.end(), 0);
    Trend *const built = trends.data(); // detached once, before the threads
    QtConcurrent::blockingMap(&pool, trendIndexes, [&](int i) {
        Trend &t = built[i];
        if (const auto parent = tree.parent.constFind(keys[size_t(i)]); parent != tree.parent.cend())
            t.parentNiche = tree.text.value(*parent);
        t.warnings = protectedNameWarnings(safety, t.niche, titles[size_t(i)]);
        t.summary += QLatin1Char(' ') + opportunitySentence(t);
    });

    qCDebug(lcAnalysis) << "warnings and sentences" << phase.restart() << "ms";
    // Two phrases can normalize to the same text in one category (a tag and a title n-gram with
    // different word boundaries never do, but be safe): merge them under the first.
    QList<int> order(trends.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&trends](int a, int b) {
        const Trend &x = trends.at(a);
        const Trend &y = trends.at(b);
        if (x.opportunityScore.has_value() != y.opportunityScore.has_value())
            return x.opportunityScore.has_value();
        if (x.opportunityScore != y.opportunityScore)
            return *x.opportunityScore > *y.opportunityScore;
        if (x.overallScore != y.overallScore)
            return x.overallScore > y.overallScore;
        if (x.niche != y.niche)
            return x.niche < y.niche;
        return x.category < y.category;
    });
    QSet<std::pair<QString, QString>> seen;
    for (int i : std::as_const(order)) {
        if (seen.contains({trends.at(i).niche, trends.at(i).category}))
            continue;
        seen.insert({trends.at(i).niche, trends.at(i).category});
        result.trends << trends.at(i);
        result.members << members.at(i);
    }
    return result;
}

AnalyzeJobResult AnalysisStats::toJobResult() const
{
    return AnalyzeJobResult{products, assignedProducts, trends, saved.inserted, saved.updated, saved.deleted, readMs, computeMs, writeMs};
}

QJsonObject AnalysisStats::toJson() const
{
    return core::toJson(JobResult(toJobResult()));
}

Result<AnalysisStats> TrendAnalyzer::run(const std::atomic_bool *cancel, const Progress &progress)
{
    AnalysisStats stats;
    JobRepository jobs(m_db);
    Job job;
    job.kind = JobKind::Analyze;
    std::optional<qint64> jobId;
    if (m_options.recordJob) {
        if (auto created = jobs.begin(job))
            jobId = *created;
    }
    auto finishJob = [&](JobStatus status, const QString &error, const JobResult &result = {}) {
        if (jobId)
            (void)jobs.finish(*jobId, status, int(stats.trends), error, result);
    };

    QElapsedTimer timer;
    timer.start();
    report(progress, 0.0, Tr::tr("Reading products…"));
    // Each product's features were computed when it was stored (any missing are computed now, once):
    // the read takes numbers and a few bytes per product, no text.
    auto input = ProductFeatureStore::read(m_db, kChunkSize, cancel);
    if (!input) {
        finishJob(isCancelled(cancel) ? JobStatus::Cancelled : JobStatus::Failed, input.errorMessage());
        return input.error();
    }
    QList<AnalysisRow> rows = std::move(input->rows);
    TrendRepository repo(m_db);
    auto spans = repo.snapshotSpans();
    if (!spans) {
        finishJob(JobStatus::Failed, spans.errorMessage());
        return spans.error();
    }
    auto marketCounts = repo.latestMarketCounts();
    if (!marketCounts) {
        finishJob(JobStatus::Failed, marketCounts.errorMessage());
        return marketCounts.error();
    }
    stats.readMs = timer.restart();
    stats.products = rows.size();
    stats.featuresComputed = input->computed;

    const std::shared_ptr<Database> db = m_db;
    const auto texts = [&rows, &db](const QList<qsizetype> &indexes) -> Result<QHash<qsizetype, AnalysisRow>> {
        QList<qint64> ids;
        ids.reserve(indexes.size());
        for (qsizetype i : indexes)
            ids << rows.at(i).id;
        auto byId = ProductFeatureStore::texts(db, ids);
        if (!byId)
            return byId.error();
        QHash<qsizetype, AnalysisRow> out;
        for (qsizetype i : indexes)
            out.insert(i, byId->value(rows.at(i).id));
        return out;
    };
    auto computed = computeFeatures(rows, std::move(input->chunks), texts, *spans, *marketCounts, m_options, cancel,
                                    [&progress](double f, const QString &text) { report(progress, 0.25 + 0.6 * f, text); });
    if (!computed) {
        finishJob(isCancelled(cancel) ? JobStatus::Cancelled : JobStatus::Failed, computed.errorMessage());
        return computed.error();
    }
    rows = QList<AnalysisRow>(); // free the rows before writing
    stats.computeMs = timer.restart();
    stats.trends = int(computed->trends.size());
    stats.assignedProducts = computed->assignedProducts;
    if (isCancelled(cancel)) {
        finishJob(JobStatus::Cancelled, cancelled().message);
        return cancelled();
    }

    report(progress, 0.9, Tr::tr("Writing %n trend(s)…", nullptr, stats.trends));
    AnalysisResult &r = computed.value();
    auto saved = repo.saveAnalysis(&r.trends, r.members, r.clearProductIds);
    if (!saved) {
        finishJob(JobStatus::Failed, saved.errorMessage());
        return saved.error();
    }
    stats.saved = *saved;
    stats.writeMs = timer.elapsed();
    qCInfo(lcAnalysis) << "analysed" << stats.products << "products into" << stats.trends << "trends; read" << stats.readMs
                       << "ms, compute" << stats.computeMs << "ms, write" << stats.writeMs << "ms";
    finishJob(JobStatus::Done, {}, stats.toJobResult());
    report(progress, 1.0, Tr::tr("%n trend(s) found", nullptr, stats.trends));
    return stats;
}

} // namespace podtrends::core
