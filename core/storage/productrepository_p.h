#pragma once

// Internal to ProductRepository: how the search box text becomes an index query on each engine.

#include <QByteArrayList>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;

namespace podtrends::core::productsearch {

/** At most this many words of a search are used (the rest are ignored on both engines). */
inline constexpr int MaxTerms = 32;

/** The sqlite3 handle behind a Qt SQLite connection, or null. */
sqlite3 *sqliteHandle(const QSqlDatabase &db);

/**
 * The words of `text` as products_fts stores them: split and case-folded by the table's own
 * tokenizer, duplicates removed. Punctuation, quotes and operators are separators, never syntax.
 * False when FTS5 is not available on the connection.
 */
bool sqliteTerms(sqlite3 *db, const QString &text, QByteArrayList *terms);

/** An FTS5 MATCH expression that requires every term as a word prefix: "cat"* "dad"*. */
QString ftsMatchExpression(const QByteArrayList &terms);

/** PostgreSQL: the tsvector of title, tags and vendor that ix_products_search indexes (migration 18). */
QString postgresDocument();
/** PostgreSQL: a to_tsquery('simple', …) argument requiring every word of `text` as a prefix,
 *  or empty when the text holds no word. */
QString postgresQuery(const QString &text);

} // namespace podtrends::core::productsearch
