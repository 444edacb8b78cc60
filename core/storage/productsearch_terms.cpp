// The search box on each engine: FTS5 terms and a row-by-row check on SQLite, a tsquery on
// PostgreSQL. Both find the products whose title, tags or vendor hold a word starting with each
// word of the search (case-insensitive; accents count).
#include "productsearch_p.h"

#include <QRegularExpression>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace podtrends::core::productsearch {

namespace {

// The tokenizer part of SQLite's fts5.h, which libsqlite3-dev does not install. These structs
// are FTS5's public extension ABI (fts5_api version 2 and later keep this layout).
struct Fts5Tokenizer;
struct Fts5TokenizerApi
{
    int (*xCreate)(void *userData, const char **args, int argCount, Fts5Tokenizer **out);
    void (*xDelete)(Fts5Tokenizer *);
    int (*xTokenize)(Fts5Tokenizer *, void *context, int flags, const char *text, int bytes,
                     int (*token)(void *context, int tokenFlags, const char *token, int bytes, int start, int end));
};
struct Fts5Api
{
    int iVersion;
    int (*xCreateTokenizer)(Fts5Api *, const char *name, void *userData, Fts5TokenizerApi *, void (*destroy)(void *));
    int (*xFindTokenizer)(Fts5Api *, const char *name, void **userData, Fts5TokenizerApi *);
    int (*xCreateFunction)(Fts5Api *, const char *name, void *userData, void *function, void (*destroy)(void *));
};
constexpr int Fts5TokenizeQuery = 0x0001;
constexpr int Fts5TokenizeDocument = 0x0004;

// The tokenizer of products_fts: tokenize= in migration 18 must say the same.
constexpr const char *TokenizerName = "unicode61";
const char *const TokenizerArgs[] = {"remove_diacritics", "0"};

// One instance of the index's tokenizer on one connection.
class Tokenizer
{
public:
    static std::unique_ptr<Tokenizer> create(sqlite3 *db)
    {
        Fts5Api *api = nullptr;
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
            sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
            sqlite3_step(stmt);
        }
        sqlite3_finalize(stmt);
        if (!api || api->iVersion < 2)
            return {};
        auto tokenizer = std::unique_ptr<Tokenizer>(new Tokenizer);
        void *userData = nullptr;
        if (api->xFindTokenizer(api, TokenizerName, &userData, &tokenizer->m_api) != SQLITE_OK
            || tokenizer->m_api.xCreate(userData, const_cast<const char **>(TokenizerArgs), 2, &tokenizer->m_instance) != SQLITE_OK)
            return {};
        return tokenizer;
    }
    ~Tokenizer()
    {
        if (m_instance)
            m_api.xDelete(m_instance);
    }
    Q_DISABLE_COPY_MOVE(Tokenizer)

    /** Calls `onToken(context, flags, token, bytes, start, end)` per token; it returns SQLITE_DONE to stop early. */
    int tokenize(const char *text, int bytes, int flags, void *context,
                 int (*onToken)(void *, int, const char *, int, int, int)) const
    {
        const int rc = m_api.xTokenize(m_instance, context, flags, text, bytes, onToken);
        return rc == SQLITE_DONE ? SQLITE_OK : rc;
    }

private:
    Tokenizer() = default;
    Fts5TokenizerApi m_api{};
    Fts5Tokenizer *m_instance = nullptr;
};

using Terms = std::vector<std::string>;

Terms splitTerms(const char *text, int bytes)
{
    Terms terms;
    const char *end = text + bytes;
    while (text && text < end) {
        const char *space = static_cast<const char *>(std::memchr(text, ' ', size_t(end - text)));
        const char *stop = space ? space : end;
        if (stop > text)
            terms.emplace_back(text, size_t(stop - text));
        text = stop + 1;
    }
    return terms;
}

struct RowMatch
{
    const Terms *terms = nullptr;
    quint64 missing = 0; // bit i: terms[i] has no word yet
};

int markPrefixes(void *context, int, const char *token, int bytes, int, int)
{
    auto *match = static_cast<RowMatch *>(context);
    for (size_t i = 0; i < match->terms->size(); ++i) {
        const std::string &term = (*match->terms)[i];
        if ((match->missing >> i & 1) && size_t(bytes) >= term.size() && std::memcmp(token, term.data(), term.size()) == 0)
            match->missing &= ~(quint64(1) << i);
    }
    return match->missing ? SQLITE_OK : SQLITE_DONE;
}

// podtrends_search_match(title, tags, vendor, terms): the row-by-row twin of the MATCH query.
void rowCheck(sqlite3_context *context, int, sqlite3_value **argv)
{
    const auto *tokenizer = static_cast<const Tokenizer *>(sqlite3_user_data(context));
    // The terms are the same for every row of a statement: split them once.
    const Terms *terms = static_cast<const Terms *>(sqlite3_get_auxdata(context, 3));
    Terms local;
    if (!terms) {
        local = splitTerms(reinterpret_cast<const char *>(sqlite3_value_text(argv[3])), sqlite3_value_bytes(argv[3]));
        sqlite3_set_auxdata(context, 3, new Terms(local), [](void *p) { delete static_cast<Terms *>(p); });
        terms = &local;
    }
    RowMatch match{terms, terms->size() >= 64 ? ~quint64(0) : (quint64(1) << terms->size()) - 1};
    for (int column = 0; column < 3 && match.missing; ++column) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[column]));
        if (!text)
            continue;
        const int rc = tokenizer->tokenize(text, sqlite3_value_bytes(argv[column]), Fts5TokenizeDocument, &match, markPrefixes);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(context, rc);
            return;
        }
    }
    sqlite3_result_int(context, match.missing == 0);
}

struct QueryTerms
{
    QByteArrayList *terms;
};

int collectTerm(void *context, int, const char *token, int bytes, int, int)
{
    QByteArrayList *terms = static_cast<QueryTerms *>(context)->terms;
    const QByteArray term(token, bytes);
    if (!term.isEmpty() && !terms->contains(term))
        terms->append(term);
    return terms->size() < MaxTerms ? SQLITE_OK : SQLITE_DONE;
}

} // namespace

bool sqliteTerms(sqlite3 *db, const QString &text, QByteArrayList *terms)
{
    terms->clear();
    const auto tokenizer = db ? Tokenizer::create(db) : nullptr;
    if (!tokenizer)
        return false;
    const QByteArray utf8 = text.toUtf8();
    QueryTerms context{terms};
    return tokenizer->tokenize(utf8.constData(), int(utf8.size()), Fts5TokenizeQuery, &context, collectTerm) == SQLITE_OK;
}

QString ftsMatchExpression(const QByteArrayList &terms)
{
    // Each term is one token of the index's tokenizer, so a quoted string is never more than one
    // word; quotes inside are doubled although the tokenizer never leaves one in a term.
    QStringList parts;
    for (const QByteArray &term : terms)
        parts << QLatin1Char('"') + QString::fromUtf8(term).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1String("\"*");
    return parts.join(QLatin1Char(' '));
}

QByteArray rowCheckArgument(const QByteArrayList &terms)
{
    // Tokens never contain a space (a separator for the tokenizer).
    return terms.join(' ');
}

bool ensureRowCheckFunction(sqlite3 *db)
{
    if (!db)
        return false;
    // Each connection registers it once; a statement that names it compiles only after that.
    const QByteArray probe = QByteArray("SELECT ") + RowCheckFunction + "('', '', '', '')";
    sqlite3_stmt *stmt = nullptr;
    const bool present = sqlite3_prepare_v2(db, probe.constData(), -1, &stmt, nullptr) == SQLITE_OK;
    sqlite3_finalize(stmt);
    if (present)
        return true;
    auto tokenizer = Tokenizer::create(db);
    if (!tokenizer)
        return false;
    return sqlite3_create_function_v2(db, RowCheckFunction, 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      tokenizer.release(), rowCheck, nullptr, nullptr,
                                      [](void *p) { delete static_cast<Tokenizer *>(p); })
        == SQLITE_OK;
}

QString postgresDocument()
{
    // products.search_vector (migration 18) holds the title, tags and vendor with ASCII
    // punctuation turned into spaces; postgresQuery() splits the search the same way.
    return QStringLiteral("search_vector");
}

QString postgresQuery(const QString &text)
{
    // Every ASCII character but letters and digits separates words, as in the column.
    QString spaced = text;
    for (QChar &c : spaced)
        if (c.unicode() < 128 && !c.isLetterOrNumber())
            c = QLatin1Char(' ');
    QStringList words;
    for (const QString &word : spaced.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        // A run of symbols holds no word (FTS5 skips it too).
        if (std::none_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
            continue;
        const QString lexeme = QLatin1Char('\'') + word + QLatin1String("':*");
        if (!words.contains(lexeme))
            words << lexeme;
        if (words.size() == MaxTerms)
            break;
    }
    // No quote, backslash or operator character is left inside a word to escape.
    return words.join(QLatin1String(" & "));
}

} // namespace podtrends::core::productsearch
