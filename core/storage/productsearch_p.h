#pragma once

// Internal to core/storage: how the search box text becomes an index query on each engine
// (productsearch_terms.cpp), for ProductSearch.

#include <QByteArrayList>
#include <QString>

struct sqlite3;

namespace podtrends::core::productsearch {

/** At most this many words of a search are used (the rest are ignored on both engines). */
inline constexpr int MaxTerms = 32;

/**
 * The words of `text` as products_fts stores them: split and case-folded by the table's own
 * tokenizer, duplicates removed. Punctuation, quotes and operators are separators, never syntax.
 * False when FTS5 is not available on the connection.
 */
bool sqliteTerms(sqlite3 *db, const QString &text, QByteArrayList *terms);

/** An FTS5 MATCH expression that requires every term as a word prefix: "cat"* "dad"*. */
QString ftsMatchExpression(const QByteArrayList &terms);

/**
 * The name of an SQL function on SQLite connections, `f(title, tags, vendor, terms)`, that is 1
 * when the row matches ftsMatchExpression(terms) and 0 otherwise, computed from the row itself
 * with the index's tokenizer. It lets a query that walks another index check the search row by
 * row instead of first reading every match from products_fts.
 */
inline constexpr char RowCheckFunction[] = "podtrends_search_match";
/** The `terms` argument of RowCheckFunction. */
QByteArray rowCheckArgument(const QByteArrayList &terms);
/** Registers RowCheckFunction on this connection unless it is there already. */
bool ensureRowCheckFunction(sqlite3 *db);

/** PostgreSQL: the tsvector of title, tags and vendor that ix_products_search indexes (migration 18). */
QString postgresDocument();
/** PostgreSQL: a to_tsquery('simple', …) argument requiring every word of `text` as a prefix,
 *  or empty when the text holds no word. */
QString postgresQuery(const QString &text);

} // namespace podtrends::core::productsearch
