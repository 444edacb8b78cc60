#include "migrations.h"

#include <algorithm>

namespace podtrends::core {

namespace {

// The seed's four tables with its columns and indexes, plus what the desktop needs.
Migration foundationSchema()
{
    return {1, QStringLiteral("seed schema, sources, snapshots, jobs"), {
        QStringLiteral(R"(CREATE TABLE marketplaces (
            id ${PK},
            name TEXT NOT NULL UNIQUE,
            last_scraped ${TS},
            next_scrape ${TS},
            status TEXT NOT NULL DEFAULT 'idle',
            error_message TEXT,
            created_at ${TS} NOT NULL,
            updated_at ${TS} NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE trends (
            id ${PK},
            niche TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            demand_score ${REAL} NOT NULL DEFAULT 0,
            competition_score ${REAL} NOT NULL DEFAULT 0,
            growth_score ${REAL} NOT NULL DEFAULT 0,
            profitability_score ${REAL} NOT NULL DEFAULT 0,
            overall_score ${REAL} NOT NULL DEFAULT 0,
            marketplace_counts ${JSON},
            avg_price ${REAL} NOT NULL DEFAULT 0,
            price_range ${JSON},
            target_audience ${JSON},
            style_patterns ${JSON},
            score_inputs ${JSON},
            season ${JSON},
            summary TEXT,
            insights ${JSON},
            product_count INTEGER NOT NULL DEFAULT 0,
            created_at ${TS} NOT NULL,
            updated_at ${TS} NOT NULL,
            UNIQUE (niche, category)))"),
        QStringLiteral("CREATE INDEX ix_trends_niche ON trends (niche)"),
        QStringLiteral("CREATE INDEX ix_trends_category ON trends (category)"),
        QStringLiteral("CREATE INDEX ix_trends_overall_score ON trends (overall_score)"),
        QStringLiteral("CREATE INDEX ix_trends_created_at ON trends (created_at)"),
        QStringLiteral(R"(CREATE TABLE sources (
            id ${PK},
            marketplace TEXT NOT NULL,
            target TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            interval_minutes INTEGER NOT NULL DEFAULT 360,
            enabled ${BOOL} NOT NULL DEFAULT ${TRUE},
            max_pages INTEGER NOT NULL DEFAULT 0,
            last_scraped ${TS},
            next_scrape ${TS},
            status TEXT NOT NULL DEFAULT 'idle',
            error_message TEXT,
            items_last_run INTEGER NOT NULL DEFAULT 0,
            created_at ${TS} NOT NULL,
            updated_at ${TS} NOT NULL,
            UNIQUE (marketplace, target)))"),
        QStringLiteral(R"(CREATE TABLE products (
            id ${PK},
            marketplace TEXT NOT NULL,
            external_id TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            description TEXT,
            category TEXT NOT NULL DEFAULT '',
            price ${REAL} NOT NULL DEFAULT 0,
            currency TEXT,
            rating ${REAL} NOT NULL DEFAULT 0,
            reviews_count INTEGER NOT NULL DEFAULT 0,
            favorites INTEGER,
            rank INTEGER,
            vendor TEXT,
            image_url TEXT,
            product_url TEXT,
            tags ${JSON},
            keywords ${JSON},
            raw_data ${JSON},
            sponsored ${BOOL} NOT NULL DEFAULT ${FALSE},
            trend_id ${ID} REFERENCES trends (id) ON DELETE SET NULL,
            source_id ${ID} REFERENCES sources (id) ON DELETE SET NULL,
            created_at ${TS} NOT NULL,
            updated_at ${TS} NOT NULL,
            last_seen_at ${TS},
            UNIQUE (marketplace, external_id)))"),
        QStringLiteral("CREATE INDEX ix_products_marketplace ON products (marketplace)"),
        QStringLiteral("CREATE INDEX ix_products_external_id ON products (external_id)"),
        QStringLiteral("CREATE INDEX ix_products_marketplace_category ON products (marketplace, category)"),
        QStringLiteral("CREATE INDEX ix_products_created_at ON products (created_at)"),
        QStringLiteral("CREATE INDEX ix_products_trend_id ON products (trend_id)"),
        QStringLiteral(R"(CREATE TABLE product_snapshots (
            id ${PK},
            product_id ${ID} NOT NULL REFERENCES products (id) ON DELETE CASCADE,
            price ${REAL} NOT NULL DEFAULT 0,
            rating ${REAL} NOT NULL DEFAULT 0,
            reviews_count INTEGER NOT NULL DEFAULT 0,
            rank INTEGER,
            favorites INTEGER,
            result_count ${ID},
            scraped_at ${TS} NOT NULL))"),
        QStringLiteral("CREATE INDEX ix_product_snapshots_product ON product_snapshots (product_id, scraped_at)"),
        QStringLiteral(R"(CREATE TABLE market_counts (
            id ${PK},
            marketplace TEXT NOT NULL,
            query TEXT NOT NULL,
            result_count ${ID} NOT NULL,
            observed_at ${TS} NOT NULL))"),
        QStringLiteral("CREATE INDEX ix_market_counts_query ON market_counts (marketplace, query, observed_at)"),
        QStringLiteral(R"(CREATE TABLE designs (
            id ${PK},
            trend_id ${ID} REFERENCES trends (id) ON DELETE SET NULL,
            title TEXT NOT NULL DEFAULT '',
            description TEXT,
            design_prompt TEXT,
            design_metadata ${JSON},
            image_url TEXT,
            mockup_urls ${JSON},
            print_specifications ${JSON},
            status TEXT NOT NULL DEFAULT 'draft',
            printful_template_id TEXT,
            publish_state ${JSON},
            created_at ${TS} NOT NULL,
            updated_at ${TS} NOT NULL,
            CHECK (status IN ('draft', 'ready', 'published'))))"),
        QStringLiteral("CREATE INDEX ix_designs_trend_id ON designs (trend_id)"),
        QStringLiteral("CREATE INDEX ix_designs_created_at ON designs (created_at)"),
        QStringLiteral("CREATE INDEX ix_designs_status ON designs (status)"),
        QStringLiteral(R"(CREATE TABLE jobs (
            id ${PK},
            kind TEXT NOT NULL,
            payload ${JSON},
            status TEXT NOT NULL DEFAULT 'queued',
            schedule_key TEXT UNIQUE,
            run_at ${TS} NOT NULL,
            lease_owner TEXT,
            lease_expires_at ${TS},
            heartbeat_at ${TS},
            attempts INTEGER NOT NULL DEFAULT 0,
            progress ${REAL} NOT NULL DEFAULT 0,
            progress_text TEXT,
            items INTEGER NOT NULL DEFAULT 0,
            result ${JSON},
            error TEXT,
            source_id ${ID} REFERENCES sources (id) ON DELETE SET NULL,
            created_at ${TS} NOT NULL,
            started_at ${TS},
            finished_at ${TS},
            CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled'))))"),
        QStringLiteral("CREATE INDEX ix_jobs_due ON jobs (status, run_at)"),
        QStringLiteral("CREATE INDEX ix_jobs_created_at ON jobs (created_at)"),
    }};
}

// Team and REST API (issue 7): hashed API keys for `podtrends serve`, leasing lookups.
Migration teamApiKeys()
{
    return {50, QStringLiteral("REST API keys, job lease index"), {
        QStringLiteral(R"(CREATE TABLE api_keys (
            id ${PK},
            name TEXT NOT NULL,
            prefix TEXT NOT NULL UNIQUE,
            salt TEXT NOT NULL,
            key_hash TEXT NOT NULL,
            created_at ${TS} NOT NULL,
            last_used_at ${TS},
            revoked_at ${TS}))"),
        QStringLiteral("CREATE INDEX ix_jobs_lease ON jobs (status, lease_expires_at)"),
    }};
}

// Jobs that cannot be orphaned (issue 16): a run an app or CLI process records for itself (a
// scheduled scrape, an import, an analysis, a publish) is not a queue job; no worker may claim it
// when its lease runs out. The reaper (core/jobs/jobreaper.h) fails it instead and frees its source.
// Rows from before this step that are still running without a lease were such runs.
Migration jobOwnership()
{
    return {51, QStringLiteral("jobs a worker may claim"), {
        QStringLiteral("ALTER TABLE jobs ADD COLUMN claimable ${BOOL} NOT NULL DEFAULT ${TRUE}"),
        QStringLiteral("UPDATE jobs SET claimable = ${FALSE} WHERE status = 'running' AND lease_expires_at IS NULL"),
    }};
}

// The Products page sorts on any column of up to millions of rows: with these indexes the first
// visible rows of a sorted view come from an index walk instead of a full scan and sort.
Migration productsPageIndexes()
{
    return {19, QStringLiteral("products page sort indexes"), {
        QStringLiteral("CREATE INDEX ix_products_title ON products (title)"),
        QStringLiteral("CREATE INDEX ix_products_category ON products (category)"),
        QStringLiteral("CREATE INDEX ix_products_price ON products (price)"),
        QStringLiteral("CREATE INDEX ix_products_rating ON products (rating)"),
        QStringLiteral("CREATE INDEX ix_products_reviews_count ON products (reviews_count)"),
        QStringLiteral("CREATE INDEX ix_products_last_seen_at ON products (last_seen_at)"),
    }};
}

// The Products page search box and filters over millions of rows (issue 3).
//
// SQLite: an FTS5 index over title, tags and vendor that reads its text from products (external
// content), filled for the rows already there and kept in step by triggers. The update trigger
// only fires when one of the indexed columns really changes: a re-scrape rewrites every product
// with the same title, and the upsert must not pay for re-indexing it. Tokens are whole runs of
// letters and digits, case-folded, accents kept (PostgreSQL's 'simple' configuration does the
// same, so both engines find the same rows). ProductSearch tokenizes search text with this
// table's tokenizer: the tokenize= arguments here and in productsearch_terms.cpp must match.
//
// Row-by-row writes pay for the triggers on SQLite 3.40: a statement that fires one opens a
// statement journal, and FTS5 flushes its pending terms to disk at each statement. The
// writer's upsert therefore writes a batch with one statement (productwriter_sqlite.cpp).
//
// PostgreSQL: the same three columns as a 'simple' tsvector in a stored generated column with a
// GIN index. ASCII punctuation is turned into spaces first so that the parser sees plain words
// (no e-mail, URL, host or hyphenated-word tokens) and splits text the way FTS5 does. The column
// (rather than an index over the expression) keeps a plan that checks rows one by one, say while
// walking the ORDER BY index, from computing the vector for every row it looks at.
//
// Both: one index over the four Products page filters, so that a selective combination of them
// is answered from the index instead of reading every row that one filter allows.
Migration productSearchIndex()
{
    return {18, QStringLiteral("products full-text search index, filter index"), {
        QStringLiteral("${SQLITE_ONLY}CREATE VIRTUAL TABLE products_fts USING fts5(title, tags, vendor, content='products', "
                       "content_rowid='id', tokenize='unicode61 remove_diacritics 0', columnsize=0)"),
        QStringLiteral("${SQLITE_ONLY}INSERT INTO products_fts (products_fts) VALUES ('rebuild')"),
        QStringLiteral(R"(${SQLITE_ONLY}CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
            INSERT INTO products_fts (rowid, title, tags, vendor) VALUES (new.id, new.title, new.tags, new.vendor);
            END)"),
        QStringLiteral(R"(${SQLITE_ONLY}CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
            INSERT INTO products_fts (products_fts, rowid, title, tags, vendor) VALUES ('delete', old.id, old.title, old.tags, old.vendor);
            END)"),
        QStringLiteral(R"(${SQLITE_ONLY}CREATE TRIGGER products_fts_update AFTER UPDATE OF id, title, tags, vendor ON products
            WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.tags IS NOT new.tags OR old.vendor IS NOT new.vendor BEGIN
            INSERT INTO products_fts (products_fts, rowid, title, tags, vendor) VALUES ('delete', old.id, old.title, old.tags, old.vendor);
            INSERT INTO products_fts (rowid, title, tags, vendor) VALUES (new.id, new.title, new.tags, new.vendor);
            END)"),
        QStringLiteral("${POSTGRES_ONLY}ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
                       "(to_tsvector('simple'::regconfig, translate(title || ' ' || COALESCE(CAST(tags AS TEXT), '') || ' ' || "
                       "COALESCE(vendor, ''), '!\"#$%&()*+,-./:;<=>?@[]^_`{|}~', '                              '))) STORED"),
        QStringLiteral("${POSTGRES_ONLY}CREATE INDEX ix_products_search ON products USING GIN (search_vector)"),
        QStringLiteral("CREATE INDEX ix_products_filters ON products (marketplace, category, price, rating)"),
        // The planner needs statistics on the new column to weigh the search index.
        QStringLiteral("${POSTGRES_ONLY}ANALYZE products"),
    }};
}

// Every index on products is paid for by every stored product. Three of migration 1's duplicate
// others: (marketplace) is the leading column of the unique (marketplace, external_id) key,
// (marketplace, category) the leading columns of migration 18's filter index, and no query looks up
// external_id without its marketplace (the unique key answers those). The planner uses the longer
// index for the same lookups; dropping them makes storing a product 6 % cheaper (docs/PERFORMANCE.md).
Migration redundantProductIndexes()
{
    return {20, QStringLiteral("drop product indexes that others cover"), {
        QStringLiteral("DROP INDEX IF EXISTS ix_products_marketplace"),
        QStringLiteral("DROP INDEX IF EXISTS ix_products_marketplace_category"),
        QStringLiteral("DROP INDEX IF EXISTS ix_products_external_id"),
    }};
}

// Insights a seller can trust (issue 14): the opportunity score beside the seed's scores, its
// parts with their signals, and warnings (protected names) at the trend. NULL opportunity_score
// means no signal measures the niche's demand.
Migration opportunityScore()
{
    return {140, QStringLiteral("trend opportunity score and warnings"), {
        QStringLiteral("ALTER TABLE trends ADD COLUMN opportunity_score ${REAL}"),
        QStringLiteral("ALTER TABLE trends ADD COLUMN opportunity ${JSON}"),
        QStringLiteral("ALTER TABLE trends ADD COLUMN warnings ${JSON}"),
        QStringLiteral("CREATE INDEX ix_trends_opportunity_score ON trends (opportunity_score)"),
    }};
}

// Niches that hold together (issue 14): a refinement points at the niche it refines (parent_id;
// the parent's figures include its refinements' listings), and one niche spans product types with a
// per-type breakdown.
Migration nicheTree()
{
    return {141, QStringLiteral("trend parents and product types"), {
        QStringLiteral("ALTER TABLE trends ADD COLUMN parent_id ${ID} REFERENCES trends (id) ON DELETE SET NULL"),
        QStringLiteral("ALTER TABLE trends ADD COLUMN product_types ${JSON}"),
        QStringLiteral("CREATE INDEX ix_trends_parent_id ON trends (parent_id)"),
    }};
}

// Analysis that scales with what changed (issue 14): each product's niche phrase keys, lexicon
// terms, product type, record facts and the figures analysis reads (price, rating, …), computed once when the product is stored
// (core/analysis/productfeatures.h). A row goes with its product (ON DELETE CASCADE) and is dropped
// when the product's text or record really changes (the writer stores a fresh one in the same
// transaction; an analysis computes any that are missing, so a database from before fills once).
Migration productFeatures()
{
    static const QString columns = QStringLiteral("title, description, category, tags, raw_data, product_url, vendor, marketplace, "
                                                  "price, rating, reviews_count, favorites, rank");
    static const QString changed = QStringLiteral(
        "old.title IS DISTINCT FROM new.title OR old.description IS DISTINCT FROM new.description "
        "OR old.price IS DISTINCT FROM new.price OR old.rating IS DISTINCT FROM new.rating "
        "OR old.reviews_count IS DISTINCT FROM new.reviews_count OR old.favorites IS DISTINCT FROM new.favorites "
        "OR old.rank IS DISTINCT FROM new.rank "
        "OR old.category IS DISTINCT FROM new.category OR old.tags IS DISTINCT FROM new.tags "
        "OR old.raw_data IS DISTINCT FROM new.raw_data OR old.product_url IS DISTINCT FROM new.product_url "
        "OR old.vendor IS DISTINCT FROM new.vendor OR old.marketplace IS DISTINCT FROM new.marketplace");
    QString sqliteChanged = changed;
    sqliteChanged.replace(QLatin1String("IS DISTINCT FROM"), QLatin1String("IS NOT"));
    return {142, QStringLiteral("stored product features for analysis"), {
        QStringLiteral(R"(${SQLITE_ONLY}CREATE TABLE product_features (
            product_id INTEGER PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            features BLOB NOT NULL))"),
        QStringLiteral(R"(${POSTGRES_ONLY}CREATE TABLE product_features (
            product_id BIGINT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            features BYTEA NOT NULL))"),
        QStringLiteral("${SQLITE_ONLY}CREATE TRIGGER product_features_stale AFTER UPDATE OF %1 ON products WHEN %2 BEGIN "
                       "DELETE FROM product_features WHERE product_id = old.id; END").arg(columns, sqliteChanged),
        QStringLiteral("${POSTGRES_ONLY}CREATE FUNCTION podtrends_product_features_stale() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       "BEGIN DELETE FROM product_features WHERE product_id = OLD.id; RETURN NULL; END $$"),
        QStringLiteral("${POSTGRES_ONLY}CREATE TRIGGER product_features_stale AFTER UPDATE OF %1 ON products FOR EACH ROW "
                       "WHEN (%2) EXECUTE FUNCTION podtrends_product_features_stale()").arg(columns, changed),
    }};
}

// Analysis that scales with what changed (issue 14): a fingerprint of what an analysis wrote into a
// trend row, so that a re-analysis leaves the rows whose result did not change untouched.
Migration trendContentHash()
{
    return {143, QStringLiteral("trend content fingerprint"), {
        QStringLiteral("ALTER TABLE trends ADD COLUMN content_hash TEXT"),
    }};
}

std::vector<Migration> buildAll()
{
    std::vector<Migration> all{
        foundationSchema(),
        teamApiKeys(),
        jobOwnership(),
        productsPageIndexes(),
        productSearchIndex(),
        redundantProductIndexes(),
        opportunityScore(),
        nicheTree(),
        productFeatures(),
        trendContentHash(),
    };
    std::sort(all.begin(), all.end(), [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return all;
}

} // namespace

const std::vector<Migration> &allMigrations()
{
    static const std::vector<Migration> all = buildAll();
    return all;
}

int latestSchemaVersion()
{
    return allMigrations().empty() ? 0 : allMigrations().back().version;
}

QString sqlForDialect(const QString &statement, Dialect dialect)
{
    const bool pg = dialect == Dialect::PostgreSQL;
    QString sql = statement;
    // A statement for one engine only is a no-op on the other.
    static const QLatin1String sqliteOnly("${SQLITE_ONLY}"), postgresOnly("${POSTGRES_ONLY}");
    if (sql.startsWith(sqliteOnly) || sql.startsWith(postgresOnly)) {
        if (sql.startsWith(pg ? sqliteOnly : postgresOnly))
            return QStringLiteral("SELECT 1");
        sql.remove(0, pg ? postgresOnly.size() : sqliteOnly.size());
    }
    sql.replace(QLatin1String("${PK}"), pg ? QLatin1String("BIGSERIAL PRIMARY KEY") : QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
    sql.replace(QLatin1String("${ID}"), pg ? QLatin1String("BIGINT") : QLatin1String("INTEGER"));
    sql.replace(QLatin1String("${TS}"), pg ? QLatin1String("TIMESTAMPTZ") : QLatin1String("TEXT"));
    sql.replace(QLatin1String("${JSON}"), pg ? QLatin1String("JSONB") : QLatin1String("TEXT"));
    sql.replace(QLatin1String("${REAL}"), pg ? QLatin1String("DOUBLE PRECISION") : QLatin1String("REAL"));
    sql.replace(QLatin1String("${BOOL}"), pg ? QLatin1String("BOOLEAN") : QLatin1String("INTEGER"));
    sql.replace(QLatin1String("${TRUE}"), pg ? QLatin1String("TRUE") : QLatin1String("1"));
    sql.replace(QLatin1String("${FALSE}"), pg ? QLatin1String("FALSE") : QLatin1String("0"));
    return sql;
}

} // namespace podtrends::core
