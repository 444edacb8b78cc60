// ProductQueries::windowIds on SQLite: the first rows of a filtered, sorted view of up to
// millions of products, planned without statistics.
//
// Two plans answer the same query:
//  - the walk goes down the ORDER BY column's index and checks each row against the filters
//    (written as +column, the search checked with the index's tokenizer) until it has `limit`
//    rows: cheap when matches are common, most of the table when they are rare. It can stop and
//    later go on where it stopped (keyset continuation), so no walking is ever repeated;
//  - the sort reads the candidates from one index (the full-text index, or the filter index
//    with the fewest entries) and sorts the matches: cheap when there are few candidates.
// The walk runs first for a few milliseconds, which answers most views. Otherwise the candidates
// of each usable index are counted from the index alone (up to a cap), and the rows the walk
// found tell how fast it goes. If the sort looks cheaper it runs first; then the walk and the
// sort take turns with doubling time budgets until one finishes (the sort only once its budget
// covers its estimate, since it starts over each time). A plan that runs out of time is stopped
// by SQLite's progress handler.
#include "productwindow_p.h"

#include <core/storage/database.h>
#include <core/storage/database_p.h>
#include <core/storage/productsearch.h>
#include <core/storage/productsearch_p.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcProductWindow, "podtrends.core.storage.window")

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Database)
};

// Later rounds get at least this long.
constexpr qint64 MinimumBudgetNs = 1'000'000;
// What the sort plan roughly pays per candidate row (a table lookup, the checks, the sort), as
// measured on a million products: a full-text match costs more (its prefix terms are merged).
constexpr qint64 CandidateCostNs = 4'000;
constexpr qint64 SearchCandidateCostNs = 6'000;
// Fewer rows than this from the first walk say too little about how fast it finds rows.
constexpr int RateSample = 8;

/** WHERE text (empty or starting with " WHERE ") and its values. */
using SqlWhere = QPair<QString, QVariantList>;

struct Budget
{
    QElapsedTimer timer;
    qint64 limitNs = -1; ///< < 0: no limit
    bool spent() const { return limitNs >= 0 && timer.nsecsElapsed() > limitNs; }
};

int overBudget(void *budget)
{
    return static_cast<const Budget *>(budget)->spent() ? 1 : 0;
}

// A prepared statement with its values bound, finalized on every path.
class Statement
{
public:
    Statement(sqlite3 *db, const QString &sql, const QVariantList &binds, sqlite3_value *key = nullptr, qint64 keyId = 0)
        : m_db(db)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr) != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(db));
            return;
        }
        int index = 1;
        for (const QVariant &value : binds) {
            if (!bind(index++, value)) {
                m_error = Tr::tr("A filter value could not be passed to SQLite");
                return;
            }
        }
        // The keyset continuation: the last row's sort value (with its own type) and id.
        if (key)
            sqlite3_bind_value(m_stmt, index++, key);
        if (keyId)
            sqlite3_bind_int64(m_stmt, index, keyId);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Q_DISABLE_COPY_MOVE(Statement)

    const QString &error() const { return m_error; }
    /** Steps under `budget`: SQLITE_ROW, SQLITE_DONE, SQLITE_INTERRUPT (out of time) or an error. */
    int step(Budget &budget)
    {
        if (budget.limitNs >= 0)
            sqlite3_progress_handler(m_db, 1000, overBudget, &budget);
        const int rc = sqlite3_step(m_stmt);
        if (budget.limitNs >= 0)
            sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_INTERRUPT)
            m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return rc;
    }
    sqlite3_stmt *handle() const { return m_stmt; }

private:
    bool bind(int index, const QVariant &value)
    {
        switch (value.typeId()) {
        case QMetaType::QString: {
            const QByteArray utf8 = value.toString().toUtf8();
            return sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT) == SQLITE_OK;
        }
        case QMetaType::Double:
            return sqlite3_bind_double(m_stmt, index, value.toDouble()) == SQLITE_OK;
        case QMetaType::Int:
        case QMetaType::LongLong:
            return sqlite3_bind_int64(m_stmt, index, value.toLongLong()) == SQLITE_OK;
        default:
            return false;
        }
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_error;
};

enum class Outcome { Finished, OutOfTime, Failed };

QString andWhere(const QString &where, const QString &clause)
{
    if (where.isEmpty())
        return QStringLiteral(" WHERE ") + clause;
    return where + QStringLiteral(" AND ") + clause;
}

/**
 * The walk down the ORDER BY column's index, in steps. A nullable column is walked in two
 * segments in SQLite's order (NULLs first ascending, last descending); within a segment a step
 * continues after the last row found: (column, id) beyond the last row's.
 */
class Walk
{
public:
    Walk(sqlite3 *db, const QString &column, bool nullable, bool descending, const SqlWhere &where, int limit)
        : m_db(db), m_column(column), m_descending(descending), m_where(where), m_limit(limit)
    {
        const bool byId = column == QLatin1String("id");
        if (!nullable || byId) {
            m_segments << Segment{QString(), byId};
        } else {
            const Segment nulls{column + QStringLiteral(" IS NULL"), true};
            const Segment values{column + QStringLiteral(" IS NOT NULL"), false};
            m_segments << (descending ? values : nulls) << (descending ? nulls : values);
        }
    }
    ~Walk() { sqlite3_value_free(m_key); }
    Q_DISABLE_COPY_MOVE(Walk)

    const QList<qint64> &ids() const { return m_ids; }
    const QString &error() const { return m_error; }
    /** Time spent walking so far. */
    qint64 elapsedNs() const { return m_elapsedNs; }

    /** Goes on for at most `budgetNs` (< 0: until done). */
    Outcome step(qint64 budgetNs)
    {
        Budget budget;
        budget.limitNs = budgetNs;
        budget.timer.start();
        const auto spent = qScopeGuard([&] { m_elapsedNs += budget.timer.nsecsElapsed(); });
        while (m_segment < m_segments.size() && m_ids.size() < m_limit) {
            const Segment &segment = m_segments.at(m_segment);
            const QString dir = m_descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
            QString where = m_where.first;
            if (!segment.condition.isEmpty())
                where = andWhere(where, segment.condition);
            // After the last row in the walk's order: a larger (smaller) id among equal values.
            const QString beyond = m_descending ? QStringLiteral(" < ") : QStringLiteral(" > ");
            if (m_lastId && segment.byId)
                where = andWhere(where, QStringLiteral("id") + beyond + QLatin1Char('?'));
            else if (m_lastId)
                where = andWhere(where, QLatin1Char('(') + m_column + QStringLiteral(", id)") + beyond + QStringLiteral("(?, ?)"));
            const QString order = segment.byId ? QString(QStringLiteral(" ORDER BY id") + dir)
                                               : QString(QStringLiteral(" ORDER BY ") + m_column + dir + QStringLiteral(", id") + dir);
            Statement stmt(m_db, QStringLiteral("SELECT id, ") + m_column + QStringLiteral(" FROM products") + where + order
                                     + QStringLiteral(" LIMIT %1").arg(m_limit - m_ids.size()),
                           m_where.second, m_lastId && !segment.byId ? m_key : nullptr, m_lastId);
            if (!stmt.error().isEmpty()) {
                m_error = stmt.error();
                return Outcome::Failed;
            }
            int rc;
            while ((rc = stmt.step(budget)) == SQLITE_ROW) {
                m_ids << sqlite3_column_int64(stmt.handle(), 0);
                m_lastId = m_ids.last();
                sqlite3_value_free(m_key);
                m_key = sqlite3_value_dup(sqlite3_column_value(stmt.handle(), 1));
            }
            if (rc == SQLITE_INTERRUPT)
                return Outcome::OutOfTime;
            if (rc != SQLITE_DONE) {
                m_error = stmt.error();
                return Outcome::Failed;
            }
            if (m_ids.size() < m_limit) {
                // This segment has no more matches: the next one starts from its beginning.
                ++m_segment;
                m_lastId = 0;
            }
        }
        return Outcome::Finished;
    }

private:
    struct Segment
    {
        QString condition;
        bool byId = false; ///< ordered by id alone (the id column, or a segment of NULLs)
    };
    sqlite3 *m_db;
    QString m_column;
    bool m_descending;
    SqlWhere m_where;
    int m_limit;
    QList<Segment> m_segments;
    int m_segment = 0;
    QList<qint64> m_ids;
    qint64 m_lastId = 0;
    sqlite3_value *m_key = nullptr;
    qint64 m_elapsedNs = 0;
    QString m_error;
};

// Runs a query of one id column; budgetNs < 0: no time limit.
Outcome runIds(sqlite3 *db, const QString &sql, const QVariantList &binds, qint64 budgetNs, QList<qint64> *ids, QString *error)
{
    ids->clear();
    Statement stmt(db, sql, binds);
    if (!stmt.error().isEmpty()) {
        *error = stmt.error();
        return Outcome::Failed;
    }
    Budget budget;
    budget.limitNs = budgetNs;
    budget.timer.start();
    int rc;
    while ((rc = stmt.step(budget)) == SQLITE_ROW)
        *ids << sqlite3_column_int64(stmt.handle(), 0);
    if (rc == SQLITE_DONE)
        return Outcome::Finished;
    if (rc == SQLITE_INTERRUPT)
        return Outcome::OutOfTime;
    *error = stmt.error();
    return Outcome::Failed;
}

// Counts up to `cap` rows of a query from its index alone; -1 on error.
qint64 boundedCount(sqlite3 *db, const QString &from, const SqlWhere &where, qint64 cap)
{
    Statement stmt(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM ") + from + where.first + QStringLiteral(" LIMIT %1)").arg(cap),
                   where.second);
    Budget unlimited;
    if (!stmt.error().isEmpty() || stmt.step(unlimited) != SQLITE_ROW)
        return -1;
    return sqlite3_column_int64(stmt.handle(), 0);
}

const char *outcomeName(Outcome outcome)
{
    return outcome == Outcome::Finished ? "finished" : outcome == Outcome::OutOfTime ? "out of time" : "failed";
}

} // namespace

// Enough for the walk to answer every view whose matches are not rare, even on a busy machine.
std::atomic<qint64> productwindow::firstWalkBudgetNs{4'000'000};
// About 120 ms of sorting (CandidateCostNs each): beyond that the sort is left to the race.
std::atomic<qint64> productwindow::candidateCap{30'000};

Result<QList<qint64>> productwindow::sqliteIds(const Database &database, const ProductFilter &window)
{
    using SearchCheck = ProductSearch::SearchCheck;
    const ProductSearch sql(database);
    sqlite3 *db = sqliteHandle(database.connection());
    if (!db)
        return Error{Tr::tr("The SQLite driver gave no database handle"), 1};
    const QString column = ProductSearch::orderColumn(window);
    const ProductSearch::Where walkWhere = sql.where(window, column, SearchCheck::PerRow);
    if (!walkWhere.error.isEmpty())
        return Error{walkWhere.error, 1};
    if (walkWhere.search && !productsearch::ensureRowCheckFunction(db))
        return Error{Tr::tr("Searching needs SQLite's full-text search (FTS5), which this SQLite lacks"), 1};
    const auto failed = [](const QString &error) -> Result<QList<qint64>> {
        return Error{Tr::tr("Reading products failed: %1").arg(error), 1};
    };
    static const QStringList nullable{QStringLiteral("favorites"), QStringLiteral("rank"), QStringLiteral("last_seen_at")};
    Walk walk(db, column, nullable.contains(column), window.descending, {walkWhere.sql, walkWhere.binds}, window.limit);
    const auto stepWalk = [&](qint64 budgetNs) {
        const Outcome outcome = walk.step(budgetNs);
        qCDebug(lcProductWindow, "walk: budget %.1f ms, %s with %lld rows", budgetNs / 1e6, outcomeName(outcome), qint64(walk.ids().size()));
        return outcome;
    };
    // Nothing but the ORDER BY column is filtered: its index is the only sensible plan.
    if (walkWhere.onlyColumn(column)) {
        if (stepWalk(-1) == Outcome::Failed)
            return failed(walk.error());
        return walk.ids();
    }
    Outcome outcome = stepWalk(productwindow::firstWalkBudgetNs.load());
    if (outcome != Outcome::OutOfTime)
        return outcome == Outcome::Finished ? Result<QList<qint64>>(walk.ids()) : failed(walk.error());

    // The sort's candidates: the full-text matches, or the entries of the filter index with the
    // fewest, counted from the index alone. The sort then reads only that index.
    QString sortFrom;
    const qint64 candidateCap = productwindow::candidateCap.load();
    qint64 candidates = candidateCap;
    SearchCheck sortSearch = SearchCheck::PerRow;
    const auto consider = [&](const QString &from, const SqlWhere &where, const QString &driver, SearchCheck search) {
        const qint64 n = boundedCount(db, from, where, candidates);
        if (n >= 0 && n < candidates) {
            candidates = n;
            sortFrom = driver;
            sortSearch = search;
        }
    };
    if (walkWhere.search) {
        ProductFilter searchOnly;
        searchOnly.search = window.search;
        const ProductSearch::Where w = sql.where(searchOnly);
        consider(QStringLiteral("products_fts"), {QStringLiteral(" WHERE products_fts MATCH ?"), w.binds},
                 QStringLiteral("products NOT INDEXED"), SearchCheck::Index);
    }
    const auto index = [&](const char *name, auto keep) {
        ProductFilter only;
        keep(only);
        const ProductSearch::Where w = sql.where(only);
        if (!w.columns.isEmpty()) {
            const QString from = QStringLiteral("products INDEXED BY ") + QLatin1String(name);
            consider(from, {w.sql, w.binds}, from, SearchCheck::PerRow);
        }
    };
    if (!window.marketplace.isEmpty()) {
        index("ix_products_filters", [&](ProductFilter &f) {
            f.marketplace = window.marketplace;
            f.category = window.category;
            f.minPrice = window.minPrice;
            f.maxPrice = window.maxPrice;
            f.minRating = window.minRating;
            f.maxRating = window.maxRating;
        });
    } else if (!window.category.isEmpty()) {
        index("ix_products_category", [&](ProductFilter &f) { f.category = window.category; });
    }
    index("ix_products_price", [&](ProductFilter &f) { f.minPrice = window.minPrice; f.maxPrice = window.maxPrice; });
    index("ix_products_rating", [&](ProductFilter &f) { f.minRating = window.minRating; f.maxRating = window.maxRating; });
    index("ix_products_trend_id", [&](ProductFilter &f) { f.trendId = window.trendId; });

    // Every index has many candidates: when it comes to sorting, the plan is SQLite's.
    const bool fewCandidates = !sortFrom.isEmpty();
    if (!fewCandidates) {
        sortFrom = QStringLiteral("products");
        sortSearch = SearchCheck::Index;
    }
    const ProductSearch::Where sortWhere = sql.where(window, {}, sortSearch);
    if (!sortWhere.error.isEmpty())
        return Error{sortWhere.error, 1};
    const QString sortSql = QStringLiteral("SELECT id FROM ") + sortFrom + sortWhere.sql + ProductSearch::orderClause(window, true) + ProductSearch::limitClause(window);
    qint64 sortCostNs = std::max(MinimumBudgetNs, candidates * (sortSearch == SearchCheck::Index ? SearchCandidateCostNs : CandidateCostNs));
    qCDebug(lcProductWindow).noquote() << "sort:" << (fewCandidates ? QString::number(candidates) : QStringLiteral("many"))
                                       << "candidates from" << sortFrom;
    QList<qint64> sorted;
    QString error;
    const auto runSort = [&](qint64 budgetNs) {
        const Outcome o = runIds(db, sortSql, sortWhere.binds, budgetNs, &sorted, &error);
        qCDebug(lcProductWindow, "sort: budget %.1f ms, %s", budgetNs / 1e6, outcomeName(o));
        return o;
    };
    // At the rate of its first rows, the walk needs about this much longer (unknown after few rows).
    const qint64 found = walk.ids().size();
    const qint64 walkCostNs = found >= RateSample ? walk.elapsedNs() * (window.limit - found) / found : -1;
    // Few candidates, and the walk seems to need longer: the sort gets twice what it should need.
    if (fewCandidates && (walkCostNs < 0 || sortCostNs < walkCostNs)) {
        outcome = runSort(2 * sortCostNs);
        if (outcome != Outcome::OutOfTime)
            return outcome == Outcome::Finished ? Result<QList<qint64>>(sorted) : failed(error);
        sortCostNs *= 4; // it needs more than it got
    }
    // The walk goes on where it stopped; the sort starts over, so it only runs once its budget
    // reaches what it is expected to cost.
    qint64 budget = std::max({MinimumBudgetNs, 2 * productwindow::firstWalkBudgetNs.load(), 3 * walkCostNs / 2});
    for (;; budget *= 2) {
        outcome = stepWalk(budget);
        if (outcome != Outcome::OutOfTime)
            return outcome == Outcome::Finished ? Result<QList<qint64>>(walk.ids()) : failed(walk.error());
        if (budget < sortCostNs)
            continue;
        outcome = runSort(budget);
        if (outcome != Outcome::OutOfTime)
            return outcome == Outcome::Finished ? Result<QList<qint64>>(sorted) : failed(error);
    }
}

} // namespace podtrends::core
