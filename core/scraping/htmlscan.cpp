#include "htmlscan.h"

#include "htmlparse_p.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/xpath.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace podtrends::core {

using htmlparse::initOnce;
using htmlparse::isBlank;
using htmlparse::kParseOptions;

// ---------------------------------------------------------------------------------------------
// HtmlScan: the streaming subset of XPath, compiled

namespace {
namespace scan {

constexpr int kAnyName = -2; // '*'
constexpr int kNoName = -1;  // a name no selector uses

/** The element and attribute names the selectors use, by id. */
struct NameTable
{
    std::vector<std::string> names;

    int intern(std::string_view name)
    {
        const int id = find(name);
        if (id != kNoName)
            return id;
        names.emplace_back(name);
        return int(names.size() - 1);
    }
    int find(std::string_view name) const
    {
        for (size_t i = 0; i < names.size(); ++i)
            if (names[i] == name)
                return int(i);
        return kNoName;
    }
};

/** A predicate expression. */
struct Expr
{
    enum Op { Literal, Attribute, Context, TextChild, HasAncestor, Contains, StartsWith, Normalize, Concat, StringOf, Not, And, Or, Equal, NotEqual, True, False,
              HasToken /* contains(concat(' ', normalize-space(x), ' '), ' token '): x has the whitespace-separated token */ };
    Op op = Literal;
    std::string literal;
    int name = kNoName; // Attribute, HasAncestor
    std::vector<Expr> args;

    bool isBoolean() const
    {
        return op == Contains || op == StartsWith || op == Not || op == And || op == Or || op == Equal || op == NotEqual || op == True
            || op == False || op == HasAncestor || op == HasToken;
    }
    /** Uses the element's text ('.' or text()), known only at its end tag. */
    bool usesText() const
    {
        if (op == Context || op == TextChild)
            return true;
        for (const Expr &a : args)
            if (a.usesText())
                return true;
        return false;
    }
    /** Uses the start tag (attributes) or the open ancestors. */
    bool usesTag() const
    {
        if (op == Attribute || op == HasAncestor)
            return true;
        for (const Expr &a : args)
            if (a.usesTag())
                return true;
        return false;
    }
};

/** An element step: a name test and predicates. */
struct Step
{
    int name = kAnyName;
    bool child = false;         ///< reached by '/' (or './'), not '//'
    std::vector<Expr> atStart;  ///< predicates decided at the start tag
    std::vector<Expr> atEnd;    ///< predicates on the element's text (the last step only)
    int bit = -1;               ///< this step's bit in a frame's mask
};

enum class Target { Element, Attribute, Parent, Comment };

/** One compiled alternative. */
struct Path
{
    bool relative = false;  ///< to the record, else to the document
    std::vector<Step> steps; ///< empty for a relative path: the record itself (tests in `self`)
    Step self;              ///< 'self::name[…]' on the record
    Target target = Target::Element;
    int attribute = kNoName; ///< Target::Attribute
    int query = -1;
    int alt = 0;
    bool record = false;    ///< the records selector, not a query

    const Step &last() const { return steps.empty() ? self : steps.back(); }
};

struct Query
{
    HtmlScan::Mode mode = HtmlScan::Mode::FirstText;
    bool relative = false;
    int slot = 0;  ///< first slot of its alternatives in a scope's slot list
    int count = 0; ///< alternatives
    int firstPath = 0; ///< its alternatives are paths firstPath… in order
};

/** A step as startElement() needs it, in one flat table per element name. */
struct StepRef
{
    int path = 0;
    int bit = 0;
    int prevBit = -1;   ///< the previous step's bit, -1 for a first step
    bool child = false; ///< '/' from the previous step
    bool relative = false;
    bool last = false;
    bool record = false;
    const std::vector<Expr> *tests = nullptr; ///< atStart
};

struct Token
{
    enum Type { End, Name, Literal, Number, Slash, DoubleSlash, Dot, DotDot, At, LBracket, RBracket, LParen, RParen, Comma, Equal, NotEqual, Star, Axis, Other };
    Type type = End;
    std::string text;
};

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

std::vector<Token> tokenize(std::string_view s)
{
    std::vector<Token> out;
    size_t i = 0;
    auto push = [&out](Token::Type t, std::string text = {}) { out.push_back(Token{t, std::move(text)}); };
    while (i < s.size()) {
        const char c = s[i];
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else if (c == '/') {
            push(next == '/' ? Token::DoubleSlash : Token::Slash);
            i += next == '/' ? 2 : 1;
        } else if (c == '.' && next == '.') {
            push(Token::DotDot);
            i += 2;
        } else if (c == '.' && !(next >= '0' && next <= '9')) {
            push(Token::Dot);
            ++i;
        } else if (c == ':' && next == ':') {
            push(Token::Axis);
            i += 2;
        } else if (c == '!' && next == '=') {
            push(Token::NotEqual);
            i += 2;
        } else if (c == '\'' || c == '"') {
            const size_t end = s.find(c, i + 1);
            if (end == std::string_view::npos) {
                push(Token::Other);
                break;
            }
            push(Token::Literal, std::string(s.substr(i + 1, end - i - 1)));
            i = end + 1;
        } else if ((c >= '0' && c <= '9') || c == '.') {
            size_t j = i;
            while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
                ++j;
            push(Token::Number, std::string(s.substr(i, j - i)));
            i = j;
        } else if (isNameStart(c)) {
            size_t j = i;
            while (j < s.size() && isNameChar(s[j]))
                ++j;
            push(Token::Name, std::string(s.substr(i, j - i)));
            i = j;
        } else {
            static const std::string_view singles = "@[](),=*";
            static const Token::Type types[] = {Token::At, Token::LBracket, Token::RBracket, Token::LParen, Token::RParen, Token::Comma, Token::Equal, Token::Star};
            const size_t k = singles.find(c);
            push(k == std::string_view::npos ? Token::Other : types[k], std::string(1, c));
            ++i;
        }
    }
    push(Token::End);
    return out;
}

} // namespace scan
} // namespace

struct HtmlScan::Private
{
    scan::NameTable names;
    std::vector<scan::Path> paths;
    int recordsPath = -1;
    std::vector<scan::Query> queries; ///< record and document queries, told apart by `relative`
    std::vector<int> recordQueryIds, documentQueryIds;
    int recordSlots = 0;
    int documentSlots = 0;
    int bits = 0;
    /** (path, step) pairs by the step's name id; `anyName` for '*'. Rebuilt by index(). */
    std::vector<std::vector<scan::StepRef>> stepsByName;
    std::vector<scan::StepRef> anyName;
    std::vector<int> commentPaths; ///< '//comment()'
    std::vector<int> recordPaths;  ///< relative paths without steps: evaluated when a record opens
    QString error;

    bool compile(const QString &xpath, scan::Path &out);
    int addQuery(const QStringList &xpaths, Mode mode, bool relative);
    void index();
};

namespace {
namespace scan {

/** A recursive-descent parser for the streaming subset; anything else fails with a reason. */
class Compiler
{
public:
    Compiler(const QByteArray &source, NameTable &names)
        : m_tokens(tokenize(std::string_view(source.constData(), size_t(source.size()))))
        , m_names(names)
    {
    }

    bool path(Path &p)
    {
        bool child = false;
        if (accept(Token::DoubleSlash)) {
            p.relative = false;
        } else if (peek().type == Token::Slash) {
            return fail("paths from the root ('/…') are not supported");
        } else if (peek().type == Token::Dot && peek(1).type == Token::DoubleSlash) {
            p.relative = true;
            m_pos += 2;
        } else if (peek().type == Token::Dot && peek(1).type == Token::Slash) {
            p.relative = true;
            child = true;
            m_pos += 2;
        } else if (peek().type == Token::Dot) {
            p.relative = true;
            ++m_pos;
            return end();
        } else {
            p.relative = true;
            child = true;
        }
        if (p.relative && child && p.steps.empty()) {
            if (peek().type == Token::Name && peek().text == "self" && peek(1).type == Token::Axis) {
                m_pos += 2;
                if (!nameTest(p.self) || !predicates(p.self))
                    return false;
                if (accept(Token::Slash) && !attribute(p))
                    return false;
                return end();
            }
            if (peek().type == Token::At)
                return attribute(p) && end();
        }
        while (true) {
            if (peek().type == Token::At) {
                if (!child || p.steps.empty())
                    return fail("'//@attribute' is not supported");
                return attribute(p) && end();
            }
            if (peek().type == Token::DotDot) {
                if (!child || p.steps.empty() || !p.relative)
                    return fail("'..' is supported only as the last step of a relative path");
                ++m_pos;
                p.target = Target::Parent;
                return end();
            }
            if (peek().type == Token::Name && peek().text == "comment" && peek(1).type == Token::LParen) {
                if (p.relative || child || !p.steps.empty())
                    return fail("comment() is supported only as '//comment()'");
                m_pos += 2;
                if (!expect(Token::RParen) || !predicates(p.self))
                    return false;
                // A comment's tests run on its text; literal-only tests land in atStart.
                for (Expr &e : p.self.atStart) {
                    if (e.usesTag())
                        return fail("a comment has no attributes or ancestors to test");
                    p.self.atEnd.push_back(std::move(e));
                }
                p.self.atStart.clear();
                p.target = Target::Comment;
                return end();
            }
            if (peek().type == Token::Name && peek(1).type == Token::Axis) {
                if (peek().text != "child")
                    return fail("only the child, descendant ('//'), parent ('..') and self axes are supported");
                m_pos += 2;
            }
            Step s;
            s.child = child;
            if (!nameTest(s) || !predicates(s))
                return false;
            p.steps.push_back(std::move(s));
            if (accept(Token::Slash))
                child = true;
            else if (accept(Token::DoubleSlash))
                child = false;
            else
                break;
        }
        if (!end())
            return false;
        for (size_t i = 0; i + 1 < p.steps.size(); ++i)
            if (!p.steps[i].atEnd.empty())
                return fail("a test on an element's text is supported only on the last step");
        return true;
    }

    QString error() const { return m_error; }

private:
    const Token &peek(int ahead = 0) const
    {
        const size_t i = std::min(m_pos + size_t(ahead), m_tokens.size() - 1);
        return m_tokens[i];
    }
    bool accept(Token::Type type)
    {
        if (peek().type != type)
            return false;
        ++m_pos;
        return true;
    }
    bool expect(Token::Type type) { return accept(type) || fail("unexpected token"); }
    bool fail(const char *why)
    {
        if (m_error.isEmpty())
            m_error = QString::fromLatin1(why);
        return false;
    }
    bool end() { return peek().type == Token::End || fail("unsupported syntax after the path"); }

    bool nameTest(Step &s)
    {
        if (accept(Token::Star)) {
            s.name = kAnyName;
            return true;
        }
        if (peek().type != Token::Name || peek(1).type == Token::LParen || peek(1).type == Token::Axis)
            return fail("expected an element name or '*'");
        s.name = m_names.intern(peek().text);
        ++m_pos;
        return true;
    }

    bool attribute(Path &p)
    {
        if (!expect(Token::At))
            return false;
        if (peek().type != Token::Name)
            return fail("expected an attribute name");
        p.target = Target::Attribute;
        p.attribute = m_names.intern(peek().text);
        ++m_pos;
        return true;
    }

    bool predicates(Step &s)
    {
        while (accept(Token::LBracket)) {
            Expr e;
            if (!orExpr(e) || !expect(Token::RBracket))
                return false;
            const bool text = e.usesText();
            if (text && e.usesTag())
                return fail("a predicate may test an element's text or its attributes and ancestors, not both");
            (text ? s.atEnd : s.atStart).push_back(std::move(e));
        }
        return true;
    }

    bool orExpr(Expr &out) { return binary(out, "or", Expr::Or, &Compiler::andExpr); }
    bool andExpr(Expr &out) { return binary(out, "and", Expr::And, &Compiler::equality); }

    bool binary(Expr &out, const char *keyword, Expr::Op op, bool (Compiler::*operand)(Expr &))
    {
        if (!(this->*operand)(out))
            return false;
        while (peek().type == Token::Name && peek().text == keyword) {
            ++m_pos;
            Expr rhs;
            if (!(this->*operand)(rhs))
                return false;
            out = node(op, std::move(out), std::move(rhs));
        }
        return true;
    }

    static Expr node(Expr::Op op, Expr lhs, Expr rhs)
    {
        Expr e;
        e.op = op;
        e.args.push_back(std::move(lhs));
        e.args.push_back(std::move(rhs));
        return e;
    }

    bool equality(Expr &out)
    {
        if (!primary(out))
            return false;
        if (peek().type != Token::Equal && peek().type != Token::NotEqual)
            return true;
        const Expr::Op op = peek().type == Token::Equal ? Expr::Equal : Expr::NotEqual;
        ++m_pos;
        Expr rhs;
        if (!primary(rhs))
            return false;
        for (const Expr *side : {&out, &rhs})
            if (side->op == Expr::TextChild || side->op == Expr::HasAncestor)
                return fail("comparing text() or an ancestor axis is not supported");
        out = node(op, std::move(out), std::move(rhs));
        return true;
    }

    bool primary(Expr &out)
    {
        const Token t = peek();
        switch (t.type) {
        case Token::LParen:
            ++m_pos;
            return orExpr(out) && expect(Token::RParen);
        case Token::Literal:
            ++m_pos;
            out.op = Expr::Literal;
            out.literal = t.text;
            return true;
        case Token::At:
            ++m_pos;
            if (peek().type != Token::Name)
                return fail("expected an attribute name");
            out.op = Expr::Attribute;
            out.name = m_names.intern(peek().text);
            ++m_pos;
            return true;
        case Token::Dot:
            ++m_pos;
            out.op = Expr::Context;
            return true;
        case Token::Name:
            if (peek(1).type == Token::LParen)
                return function(out);
            if (peek(1).type == Token::Axis && t.text == "ancestor") {
                m_pos += 2;
                out.op = Expr::HasAncestor;
                if (accept(Token::Star)) {
                    out.name = kAnyName;
                } else if (peek().type == Token::Name && peek(1).type != Token::LParen) {
                    out.name = m_names.intern(peek().text);
                    ++m_pos;
                } else {
                    return fail("expected a name after ancestor::");
                }
                if (peek().type == Token::LBracket || peek().type == Token::Slash || peek().type == Token::DoubleSlash)
                    return fail("only a bare ancestor::name test is supported");
                return true;
            }
            return fail("paths inside predicates are not supported");
        case Token::Number:
            return fail("numbers and positions are not supported");
        default:
            return fail("unsupported expression");
        }
    }

    bool function(Expr &out)
    {
        const std::string name = peek().text;
        m_pos += 2; // name '('
        std::vector<Expr> args;
        if (!accept(Token::RParen)) {
            do {
                Expr a;
                if (!orExpr(a))
                    return false;
                args.push_back(std::move(a));
            } while (accept(Token::Comma));
            if (!expect(Token::RParen))
                return false;
        }
        struct Known
        {
            const char *name;
            Expr::Op op;
            size_t minArgs, maxArgs;
        };
        static const Known known[] = {{"contains", Expr::Contains, 2, 2},        {"starts-with", Expr::StartsWith, 2, 2},
                                      {"normalize-space", Expr::Normalize, 0, 1}, {"string", Expr::StringOf, 0, 1},
                                      {"concat", Expr::Concat, 2, 64},            {"not", Expr::Not, 1, 1},
                                      {"true", Expr::True, 0, 0},                 {"false", Expr::False, 0, 0},
                                      {"text", Expr::TextChild, 0, 0}};
        for (const Known &k : known) {
            if (name != k.name)
                continue;
            if (args.size() < k.minArgs || args.size() > k.maxArgs)
                return fail("wrong number of function arguments");
            out.op = k.op;
            out.args = std::move(args);
            if ((out.op == Expr::Normalize || out.op == Expr::StringOf) && out.args.empty()) {
                Expr dot;
                dot.op = Expr::Context;
                out.args.push_back(std::move(dot));
            }
            const bool stringArgs = out.op != Expr::Not;
            for (const Expr &a : out.args)
                if (stringArgs && a.op == Expr::HasAncestor)
                    return fail("the string value of an ancestor axis is not supported");
            rewriteTokenTest(out);
            return true;
        }
        return fail("unsupported function");
    }

    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    /** The class-list idiom without building strings: same result, since normalize-space()
     *  leaves single spaces between tokens and the token has no whitespace of its own. */
    static void rewriteTokenTest(Expr &e)
    {
        if (e.op != Expr::Contains || e.args[1].op != Expr::Literal || e.args[0].op != Expr::Concat || e.args[0].args.size() != 3)
            return;
        const std::string &needle = e.args[1].literal;
        const std::vector<Expr> &parts = e.args[0].args;
        if (needle.size() < 3 || needle.front() != ' ' || needle.back() != ' ')
            return;
        for (size_t i = 1; i + 1 < needle.size(); ++i)
            if (isSpace(needle[i]))
                return;
        if (parts[0].op != Expr::Literal || parts[0].literal != " " || parts[2].op != Expr::Literal || parts[2].literal != " "
            || parts[1].op != Expr::Normalize)
            return;
        Expr token;
        token.op = Expr::HasToken;
        token.literal = needle.substr(1, needle.size() - 2);
        token.args.push_back(parts[1].args[0]);
        e = std::move(token);
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    NameTable &m_names;
    QString m_error;
};

} // namespace scan
} // namespace

bool HtmlScan::Private::compile(const QString &xpath, scan::Path &out)
{
    scan::Compiler compiler(xpath.toUtf8(), names);
    if (compiler.path(out))
        return true;
    error = QStringLiteral("%1: %2").arg(xpath, compiler.error());
    return false;
}

int HtmlScan::Private::addQuery(const QStringList &xpaths, Mode mode, bool relative)
{
    std::vector<scan::Path> compiled;
    for (const QString &xpath : xpaths) {
        scan::Path p;
        if (!compile(xpath, p))
            return -1;
        if (p.relative != relative) {
            error = QStringLiteral("%1: expected a path relative to %2").arg(xpath, relative ? QStringLiteral("the record") : QStringLiteral("the page ('//…')"));
            return -1;
        }
        compiled.push_back(std::move(p));
    }
    scan::Query q;
    q.mode = mode;
    q.relative = relative;
    q.count = int(compiled.size());
    int &slotList = relative ? recordSlots : documentSlots;
    q.slot = slotList;
    slotList += q.count;
    const int id = int(queries.size());
    queries.push_back(q);
    for (size_t i = 0; i < compiled.size(); ++i) {
        compiled[i].query = id;
        compiled[i].alt = int(i);
        paths.push_back(std::move(compiled[i]));
    }
    auto &ids = relative ? recordQueryIds : documentQueryIds;
    ids.push_back(id);
    index();
    return int(ids.size() - 1);
}

void HtmlScan::Private::index()
{
    stepsByName.assign(names.names.size(), {});
    anyName.clear();
    commentPaths.clear();
    recordPaths.clear();
    bits = 0;
    for (size_t p = 0; p < paths.size(); ++p) {
        scan::Path &path = paths[p];
        if (!path.record && path.alt == 0)
            queries[size_t(path.query)].firstPath = int(p);
        if (path.target == scan::Target::Comment) {
            commentPaths.push_back(int(p));
            continue;
        }
        if (path.steps.empty()) {
            recordPaths.push_back(int(p));
            continue;
        }
        for (size_t s = 0; s < path.steps.size(); ++s) {
            scan::Step &step = path.steps[s];
            step.bit = bits++;
            scan::StepRef ref;
            ref.path = int(p);
            ref.bit = step.bit;
            ref.prevBit = s > 0 ? path.steps[s - 1].bit : -1;
            ref.child = step.child;
            ref.relative = path.relative;
            ref.last = s + 1 == path.steps.size();
            ref.record = path.record;
            ref.tests = &step.atStart;
            (step.name == scan::kAnyName ? anyName : stepsByName[size_t(step.name)]).push_back(ref);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HtmlScan: one streaming pass

class HtmlScan::Run
{
public:
    Run(const HtmlScan::Private &scan, xmlParserCtxtPtr ctxt)
        : m_scan(scan)
        , m_ctxt(ctxt)
        , m_words(std::max(1, (scan.bits + 63) / 64))
        , m_settledWords(scan.paths.size() / 64 + 1)
        , m_open(size_t(scan.bits), 0)
        , m_docSlots(size_t(scan.documentSlots))
        , m_docBest(scan.queries.size(), INT_MAX)
        , m_docSettled(scan.paths.size() / 64 + 1, 0)
    {
        m_cache.resize(512);
    }

    /** Reserves for a page of `bytes`, sparing the copies of growing (text is a fraction of a page). */
    void reserve(qsizetype bytes)
    {
        m_text.reserve(size_t(bytes / 2));
        m_candidates.reserve(256);
        m_records.reserve(64);
    }

    void startElement(const xmlChar *name, const xmlChar **atts)
    {
        if (m_halted)
            return;
        // The tree builder stops at this depth (libxml2's xmlParserMaxDepth); stop here too so
        // both engines see the same page.
        if (m_stack.size() > size_t(xmlParserMaxDepth) && !(m_ctxt->options & XML_PARSE_HUGE)) {
            m_halted = true;
            xmlStopParser(m_ctxt);
            return;
        }
        if (!m_stack.empty())
            closeFirstText(m_stack.back());
        ++m_elements;
        Frame f;
        f.name = nameId(name);
        f.order = m_order++;
        f.textStart = m_text.size();
        m_stack.push_back(f);
        const int depth = int(m_stack.size()) - 1;
        m_bits.resize(m_stack.size() * size_t(m_words), 0);
        std::fill(m_bits.end() - m_words, m_bits.end(), 0);

        m_attrs.clear();
        m_rawAttrs = atts; // read on the first attr() call

        // Set this element's step bits; the chains are checked once all of them are known.
        m_matched.clear();
        const quint64 *settledInRecord = m_current >= 0 ? settledOf(m_current) : nullptr;
        auto consider = [&](const std::vector<scan::StepRef> &steps) {
            for (const scan::StepRef &step : steps) {
                const quint64 *settled = step.relative ? settledInRecord : m_docSettled.data();
                if (!settled)
                    continue; // relative steps matter only inside an open record
                if (!step.record && (settled[step.path / 64] & (quint64(1) << (step.path % 64))))
                    continue; // its answer cannot change: no need to track its steps
                // Useless unless an ancestor can match the previous step (ancestors never change).
                if (step.prevBit >= 0 && (step.child ? depth == 0 || !bit(depth - 1, step.prevBit) : m_open[size_t(step.prevBit)] == 0))
                    continue;
                if (!passes(*step.tests, Env{}))
                    continue;
                setBit(depth, step.bit);
                ++m_open[size_t(step.bit)];
                if (step.last)
                    m_matched.push_back(step.path);
            }
        };
        if (f.name >= 0 && size_t(f.name) < m_scan.stepsByName.size())
            consider(m_scan.stepsByName[size_t(f.name)]);
        consider(m_scan.anyName);

        // A new record first: it ends the open one, even when nested in it.
        if (m_scan.recordsPath >= 0) {
            const scan::Path &records = m_scan.paths[size_t(m_scan.recordsPath)];
            if (bit(depth, records.steps.back().bit) && chain(records, int(records.steps.size()) - 1, depth, 0))
                openRecord(depth);
        }
        for (int p : m_matched) {
            const scan::Path &path = m_scan.paths[size_t(p)];
            if (path.record)
                continue;
            int floor = 0;
            if (path.relative) {
                if (m_current < 0)
                    continue;
                floor = m_records[size_t(m_current)].depth + 1;
                if (depth < floor)
                    continue; // the record itself, or a step bit set for the record this one ended
            }
            if (canWin(path.relative ? m_current : -1, path, depth) && chain(path, int(path.steps.size()) - 1, depth, floor))
                matched(p, depth);
        }
    }

    void endElement()
    {
        if (m_halted || m_stack.empty())
            return;
        const int depth = int(m_stack.size()) - 1;
        resolveWaiting(depth);
        if (m_current >= 0 && m_records[size_t(m_current)].depth == depth)
            closeRecord();
        m_stack.pop_back();
        for (size_t w = 0; w < size_t(m_words); ++w) {
            for (quint64 word = m_bits[m_stack.size() * size_t(m_words) + w]; word; word &= word - 1)
                --m_open[w * 64 + size_t(qCountTrailingZeroBits(word))];
        }
        m_bits.resize(m_stack.size() * size_t(m_words));
    }

    void characters(const xmlChar *text, int len, quint8 kind)
    {
        if (m_halted || m_stack.empty() || len <= 0)
            return;
        Frame &f = m_stack.back();
        if (f.firstState == kNone) {
            f.firstState = kind;
            f.firstBegin = m_text.size();
        } else if (f.firstState != kind) {
            f.firstState = kClosed; // text after CDATA (or the reverse) is another node
        }
        m_text.append(reinterpret_cast<const char *>(text), size_t(len));
        if (f.firstState == kind)
            f.firstEnd = m_text.size();
    }

    void comment(const xmlChar *value)
    {
        if (m_halted)
            return;
        if (!m_stack.empty())
            closeFirstText(m_stack.back());
        const int order = m_order++;
        const std::string_view text(reinterpret_cast<const char *>(value), value ? strlen(reinterpret_cast<const char *>(value)) : 0);
        for (int p : m_scan.commentPaths) {
            const scan::Path &path = m_scan.paths[size_t(p)];
            if (skip(-1, path))
                continue;
            Env env;
            env.text = text;
            if (passes(path.self.atEnd, env))
                deliver(-1, path, order, text);
        }
    }

    void boundary()
    {
        if (!m_halted && !m_stack.empty())
            closeFirstText(m_stack.back());
    }

    HtmlScan::Result finish()
    {
        // A stopped or truncated parse: the open elements end here, as in the tree.
        for (int depth = int(m_stack.size()) - 1; depth >= 0; --depth) {
            resolveWaiting(depth);
            if (m_current >= 0 && m_records[size_t(m_current)].depth == depth)
                closeRecord();
        }
        HtmlScan::Result out;
        out.empty = m_elements == 0;
        out.records = int(m_records.size());
        out.recordQueries = int(m_scan.recordQueryIds.size());
        out.recordAnswers.reserve(qsizetype(out.records) * out.recordQueries);
        for (size_t r = 0; r < m_records.size(); ++r)
            answers(m_scan.recordQueryIds, slotsOf(int(r)), out.recordAnswers);
        answers(m_scan.documentQueryIds, m_docSlots.data(), out.document);
        return out;
    }

private:
    enum : quint8 { kNone = 0, kText = 1, kCData = 2, kClosed = 3 };

    struct Frame
    {
        int name = scan::kNoName;
        int order = 0;
        size_t textStart = 0;
        size_t firstBegin = 0;
        size_t firstEnd = 0;
        quint8 firstState = kNone; ///< the first text child: none yet, open (text or CDATA), closed
        int waiting = -1;          ///< first candidate waiting for this element's end
    };
    struct Slot
    {
        int order = INT_MAX;
        bool found = false;
        bool inValues = false; ///< the text is in m_values, else in m_text
        size_t offset = 0;
        size_t size = 0;
    };
    /** A record; its slots, best and settled entries are in the m_record* arrays. */
    struct Record
    {
        int depth = 0;
        bool open = true;
    };
    /** A match whose answer needs the element's end tag (its text or a test on it). */
    struct Candidate
    {
        int depth = 0;
        int path = 0;
        int scope = -1; ///< record index, -1 for the document
        int order = 0;
        int next = -1;
        bool done = false;
        bool parentStage = false; ///< Target::Parent: waiting for the parent, the child passed
        int attribute = -1;        ///< Target::Attribute with a test on the text: its value in m_attributeCopies
    };
    struct Env
    {
        std::string_view text;
        std::string_view first;
        bool hasFirst = false;
    };

    // Names -----------------------------------------------------------------------------------

    /** Name id of a parser name. The parser's names are interned (its dictionary or literals),
     *  so a small pointer-keyed table answers after the first strcmp. */
    int nameId(const xmlChar *name)
    {
        const auto key = reinterpret_cast<quintptr>(name);
        size_t mask = m_cache.size() - 1;
        size_t i = size_t((key >> 3) * 0x9E3779B97F4A7C15ull >> 32) & mask;
        while (m_cache[i].key) {
            if (m_cache[i].key == key)
                return m_cache[i].id;
            i = (i + 1) & mask;
        }
        const int id = m_scan.names.find(reinterpret_cast<const char *>(name));
        m_cache[i] = {key, id};
        if (++m_cached * 2 > m_cache.size()) {
            std::vector<CacheEntry> old(m_cache.size() * 2);
            old.swap(m_cache);
            mask = m_cache.size() - 1;
            for (const CacheEntry &e : old) {
                if (!e.key)
                    continue;
                size_t j = size_t((e.key >> 3) * 0x9E3779B97F4A7C15ull >> 32) & mask;
                while (m_cache[j].key)
                    j = (j + 1) & mask;
                m_cache[j] = e;
            }
        }
        return id;
    }

    const xmlChar *attr(int name) const
    {
        if (m_rawAttrs) {
            for (const xmlChar **a = m_rawAttrs; *a; a += 2) {
                const int id = const_cast<Run *>(this)->nameId(a[0]);
                if (id < 0)
                    continue;
                const xmlChar *value = a[1];
                // The tree builder gives a valueless boolean attribute (checked, disabled…) its name.
                if (!value)
                    value = htmlIsBooleanAttr(a[0]) ? a[0] : reinterpret_cast<const xmlChar *>("");
                m_attrs.emplace_back(id, value);
            }
            m_rawAttrs = nullptr;
        }
        for (const auto &[id, value] : m_attrs)
            if (id == name)
                return value;
        return nullptr;
    }

    // Predicates ------------------------------------------------------------------------------

    bool passes(const std::vector<scan::Expr> &tests, const Env &env) const
    {
        for (const scan::Expr &t : tests)
            if (!truth(t, env))
                return false;
        return true;
    }

    bool truth(const scan::Expr &e, const Env &env) const
    {
        using scan::Expr;
        switch (e.op) {
        case Expr::Literal:
            return !e.literal.empty();
        case Expr::Attribute:
            return attr(e.name) != nullptr;
        case Expr::Context:
            return true;
        case Expr::TextChild:
            return env.hasFirst;
        case Expr::HasAncestor:
            for (size_t i = 0; i + 1 < m_stack.size(); ++i)
                if (e.name == scan::kAnyName || m_stack[i].name == e.name)
                    return true;
            return false;
        case Expr::Contains: {
            std::string a, b;
            return view(e.args[0], env, a).find(view(e.args[1], env, b)) != std::string_view::npos;
        }
        case Expr::StartsWith: {
            std::string a, b;
            return view(e.args[0], env, a).starts_with(view(e.args[1], env, b));
        }
        case Expr::HasToken: {
            std::string buffer;
            const std::string_view list = view(e.args[0], env, buffer);
            const std::string_view token = e.literal;
            for (size_t at = list.find(token); at != std::string_view::npos; at = list.find(token, at + 1)) {
                const size_t end = at + token.size();
                if ((at == 0 || isXmlSpace(list[at - 1])) && (end == list.size() || isXmlSpace(list[end])))
                    return true;
            }
            return false;
        }
        case Expr::Normalize: {
            std::string buffer;
            for (char c : view(e.args[0], env, buffer))
                if (!isXmlSpace(c))
                    return true;
            return false;
        }
        case Expr::Concat:
        case Expr::StringOf: {
            std::string buffer;
            return !view(e, env, buffer).empty();
        }
        case Expr::Not:
            return !truth(e.args[0], env);
        case Expr::And:
            return truth(e.args[0], env) && truth(e.args[1], env);
        case Expr::Or:
            return truth(e.args[0], env) || truth(e.args[1], env);
        case Expr::Equal:
        case Expr::NotEqual: {
            const Expr &a = e.args[0];
            const Expr &b = e.args[1];
            bool equal;
            if (a.isBoolean() || b.isBoolean()) {
                equal = truth(a, env) == truth(b, env);
            } else if (a.op == Expr::Normalize && b.op == Expr::Literal && b.literal.empty()) {
                equal = !truth(a, env); // normalize-space(x) = '' without building the string
            } else if (b.op == Expr::Normalize && a.op == Expr::Literal && a.literal.empty()) {
                equal = !truth(b, env);
            } else {
                // A comparison with an empty node set (a missing attribute) is false, whichever operator.
                if ((a.op == Expr::Attribute && !attr(a.name)) || (b.op == Expr::Attribute && !attr(b.name)))
                    return false;
                std::string bufferA, bufferB;
                equal = view(a, env, bufferA) == view(b, env, bufferB);
            }
            return (e.op == Expr::Equal) == equal;
        }
        case Expr::True:
            return true;
        case Expr::False:
            return false;
        }
        return false;
    }

    static bool isXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    /** An expression's string value, in `buffer` only when it has to be built. */
    std::string_view view(const scan::Expr &e, const Env &env, std::string &buffer) const
    {
        using scan::Expr;
        switch (e.op) {
        case Expr::Literal:
            return e.literal;
        case Expr::Attribute: {
            const xmlChar *v = attr(e.name);
            return v ? std::string_view(reinterpret_cast<const char *>(v)) : std::string_view();
        }
        case Expr::Context:
            return env.text;
        case Expr::TextChild:
            return env.hasFirst ? env.first : std::string_view();
        case Expr::StringOf:
            return view(e.args[0], env, buffer);
        default:
            buffer = stringOf(e, env);
            return buffer;
        }
    }

    std::string stringOf(const scan::Expr &e, const Env &env) const
    {
        using scan::Expr;
        switch (e.op) {
        case Expr::Literal:
            return e.literal;
        case Expr::Attribute: {
            const xmlChar *v = attr(e.name);
            return v ? std::string(reinterpret_cast<const char *>(v)) : std::string();
        }
        case Expr::Context:
            return std::string(env.text);
        case Expr::TextChild:
            return env.hasFirst ? std::string(env.first) : std::string();
        case Expr::Normalize: {
            // XPath's normalize-space(): only space, tab, CR and LF are whitespace.
            std::string buffer;
            const std::string_view in = view(e.args[0], env, buffer);
            std::string out;
            out.reserve(in.size());
            bool pendingSpace = false;
            for (char c : in) {
                if (isXmlSpace(c)) {
                    pendingSpace = !out.empty();
                    continue;
                }
                if (pendingSpace)
                    out += ' ';
                pendingSpace = false;
                out += c;
            }
            return out;
        }
        case Expr::Concat: {
            std::string out;
            std::string buffer;
            for (const Expr &a : e.args)
                out += view(a, env, buffer);
            return out;
        }
        case Expr::StringOf:
            return stringOf(e.args[0], env);
        default:
            return truth(e, env) ? std::string("true") : std::string("false");
        }
    }

    // Paths -----------------------------------------------------------------------------------

    bool bit(int depth, int b) const { return m_bits[size_t(depth) * size_t(m_words) + size_t(b / 64)] & (quint64(1) << (b % 64)); }
    void setBit(int depth, int b) { m_bits[size_t(depth) * size_t(m_words) + size_t(b / 64)] |= quint64(1) << (b % 64); }

    /** Step `k` of `p` matched the element at `depth`: do the earlier steps match its ancestors? */
    bool chain(const scan::Path &p, int k, int depth, int floor) const
    {
        if (k == 0)
            return !p.relative || (p.steps[0].child ? depth == floor : depth >= floor);
        const scan::Step &prev = p.steps[size_t(k - 1)];
        if (m_open[size_t(prev.bit)] == 0)
            return false; // no open element matches the previous step
        if (p.steps[size_t(k)].child) {
            const int i = depth - 1;
            return i >= floor && bit(i, prev.bit) && chain(p, k - 1, i, floor);
        }
        for (int i = depth - 1; i >= floor; --i)
            if (bit(i, prev.bit) && chain(p, k - 1, i, floor))
                return true;
        return false;
    }

    /** True when a better alternative of the path's query has already answered in `scope`. */
    bool skip(int scope, const scan::Path &p) const
    {
        const int best = bestOf(scope)[p.query];
        return m_scan.queries[size_t(p.query)].mode == Mode::Exists ? best != INT_MAX : best < p.alt;
    }

    /** True when no later match of `p` can change its query's answer in `scope`: a better
     *  alternative has answered, or this one has, earlier in the page than any later element. */
    /** False when a match at `depth` could not change the answer: a better alternative has
     *  answered, or (FirstText) this alternative already has an answer earlier in the page. */
    bool canWin(int scope, const scan::Path &p, int depth) const
    {
        if (skip(scope, p))
            return false;
        const scan::Query &q = m_scan.queries[size_t(p.query)];
        if (q.mode == Mode::Exists)
            return true;
        const Slot &s = slotsOf(scope)[q.slot + p.alt];
        if (!s.found)
            return true;
        const int resultDepth = p.target == scan::Target::Parent ? depth - 1 : depth;
        return resultDepth >= 0 && m_stack[size_t(resultDepth)].order < s.order;
    }

    void openRecord(int depth)
    {
        if (m_current >= 0)
            closeRecord(); // a record nested in the open one ends it
        Record r;
        r.depth = depth;
        m_records.push_back(r);
        m_recordSlots.resize(m_records.size() * size_t(m_scan.recordSlots));
        m_recordBest.resize(m_records.size() * m_scan.queries.size(), INT_MAX);
        m_recordSettled.resize(m_records.size() * m_settledWords, 0);
        m_current = int(m_records.size()) - 1;
        // Paths on the record itself: '@attr', '.', 'self::*[…]'.
        for (int p : m_scan.recordPaths) {
            const scan::Path &path = m_scan.paths[size_t(p)];
            const scan::Step &self = path.self;
            if (self.name != scan::kAnyName && self.name != m_stack[size_t(depth)].name)
                continue;
            if (!passes(self.atStart, Env{}))
                continue;
            matched(p, depth);
        }
    }

    void closeRecord()
    {
        Record &r = m_records[size_t(m_current)];
        r.open = false;
        // Its matches still waiting for an open element get that element's text so far.
        for (size_t depth = size_t(r.depth); depth < m_stack.size(); ++depth)
            for (int id = m_stack[depth].waiting; id >= 0; id = m_candidates[size_t(id)].next)
                if (m_candidates[size_t(id)].scope == m_current)
                    resolve(id, m_text.size());
        m_current = -1;
    }

    /** The element at `depth` is a match of path `p` (its last step and, if any, its chain). */
    void matched(int p, int depth)
    {
        const scan::Path &path = m_scan.paths[size_t(p)];
        const int scope = path.relative ? m_current : -1;
        if (skip(scope, path))
            return;
        const bool exists = m_scan.queries[size_t(path.query)].mode == Mode::Exists;
        const bool endTests = !path.last().atEnd.empty();
        const int order = m_stack[size_t(depth)].order;
        switch (path.target) {
        case scan::Target::Element:
            if (exists && !endTests)
                deliver(scope, path, order, {});
            else
                wait(depth, p, scope, order, false, -1);
            break;
        case scan::Target::Attribute: {
            const xmlChar *value = attr(path.attribute);
            if (!value)
                break;
            const std::string_view v(reinterpret_cast<const char *>(value));
            if (endTests) {
                m_attributeCopies.emplace_back(v);
                wait(depth, p, scope, order, false, int(m_attributeCopies.size()) - 1);
            } else
                deliver(scope, path, order, v);
            break;
        }
        case scan::Target::Parent:
            if (endTests)
                wait(depth, p, scope, order, false, -1);
            else
                parent(depth, p, scope);
            break;
        case scan::Target::Comment:
            break;
        }
    }

    void parent(int childDepth, int p, int scope)
    {
        const int depth = childDepth - 1;
        if (depth < 0)
            return;
        const scan::Path &path = m_scan.paths[size_t(p)];
        const int order = m_stack[size_t(depth)].order;
        if (m_scan.queries[size_t(path.query)].mode == Mode::Exists)
            deliver(scope, path, order, {});
        else
            wait(depth, p, scope, order, true, -1);
    }

    void wait(int depth, int p, int scope, int order, bool parentStage, int attribute)
    {
        Candidate c;
        c.depth = depth;
        c.path = p;
        c.scope = scope;
        c.order = order;
        c.parentStage = parentStage;
        c.attribute = attribute;
        c.next = m_stack[size_t(depth)].waiting;
        int id;
        if (m_free.empty()) {
            id = int(m_candidates.size());
            m_candidates.push_back(c);
        } else {
            id = m_free.back();
            m_free.pop_back();
            m_candidates[size_t(id)] = c;
        }
        m_stack[size_t(depth)].waiting = id;
        if (scope >= 0 && !m_records[size_t(scope)].open)
            resolve(id, m_text.size()); // the record already ended: its content ends here
    }

    void resolveWaiting(int depth)
    {
        int id = m_stack[size_t(depth)].waiting;
        m_stack[size_t(depth)].waiting = -1;
        while (id >= 0) {
            resolve(id, m_text.size());
            const int next = m_candidates[size_t(id)].next;
            m_free.push_back(id);
            id = next;
        }
    }

    void resolve(int id, size_t textEnd)
    {
        if (m_candidates[size_t(id)].done)
            return;
        m_candidates[size_t(id)].done = true;
        const Candidate c = m_candidates[size_t(id)]; // copied: parent() may grow the list
        const scan::Path &path = m_scan.paths[size_t(c.path)];
        if (skip(c.scope, path))
            return;
        const Frame &f = m_stack[size_t(c.depth)];
        Env env;
        env.text = std::string_view(m_text).substr(f.textStart, textEnd - f.textStart);
        if (f.firstState != kNone) {
            env.hasFirst = true;
            env.first = std::string_view(m_text).substr(f.firstBegin, f.firstEnd - f.firstBegin);
        }
        if (!c.parentStage && !passes(path.last().atEnd, env))
            return;
        if (path.target == scan::Target::Parent && !c.parentStage)
            return parent(c.depth, c.path, c.scope);
        if (path.target == scan::Target::Attribute)
            deliver(c.scope, path, c.order, m_attributeCopies[size_t(c.attribute)]);
        else
            deliver(c.scope, path, c.order, env.text);
    }

    static bool visible(std::string_view text)
    {
        // Whether QString::simplified() leaves anything; bytes decide unless there is non-ASCII.
        for (char ch : text) {
            const auto c = uchar(ch);
            if (c >= 0x80)
                return !QString::fromUtf8(text.data(), qsizetype(text.size())).simplified().isEmpty();
            if (c != ' ' && (c < 0x09 || c > 0x0d))
                return true;
        }
        return false;
    }

    void deliver(int scope, const scan::Path &path, int order, std::string_view text)
    {
        const scan::Query &q = m_scan.queries[size_t(path.query)];
        int &best = bestOf(scope)[path.query];
        Slot &s = slotsOf(scope)[q.slot + path.alt];
        if (q.mode == Mode::FirstText) {
            if ((s.found && s.order <= order) || !visible(text))
                return;
            // Element text is already in m_text (which only grows); keep a slice, copy the rest.
            const bool inText = !m_text.empty() && text.data() >= m_text.data() && text.data() + text.size() <= m_text.data() + m_text.size();
            s.inValues = !inText;
            if (inText) {
                s.offset = size_t(text.data() - m_text.data());
            } else {
                s.offset = m_values.size();
                m_values.append(text);
            }
            s.size = text.size();
        }
        s.found = true;
        s.order = order;
        best = std::min(best, path.alt);
        // Mark what cannot change the answer any more: later alternatives, and this one unless
        // a later match could come earlier in the page (a parent) — for Exists, all of them.
        quint64 *mask = settledOf(scope);
        const bool exists = q.mode == Mode::Exists;
        const int from = exists ? 0 : path.target == scan::Target::Parent ? path.alt + 1 : path.alt;
        for (int alt = from; alt < q.count; ++alt) {
            const int p = q.firstPath + alt;
            mask[size_t(p / 64)] |= quint64(1) << (p % 64);
        }
    }

    void answers(const std::vector<int> &queryIds, const Slot *slotList, QList<HtmlScan::Answer> &out) const
    {
        for (int id : queryIds) {
            const scan::Query &q = m_scan.queries[size_t(id)];
            HtmlScan::Answer a;
            for (int alt = 0; alt < q.count && !a.found; ++alt) {
                const Slot &s = slotList[size_t(q.slot + alt)];
                if (!s.found)
                    continue;
                a.found = true;
                if (q.mode == Mode::FirstText) {
                    const std::string &from = s.inValues ? m_values : m_text;
                    a.text = QString::fromUtf8(from.data() + s.offset, qsizetype(s.size)).simplified();
                }
            }
            out.append(std::move(a));
        }
    }

    // A scope is a record index, or -1 for the document.
    Slot *slotsOf(int scope) { return scope < 0 ? m_docSlots.data() : &m_recordSlots[size_t(scope) * size_t(m_scan.recordSlots)]; }
    const Slot *slotsOf(int scope) const { return const_cast<Run *>(this)->slotsOf(scope); }
    int *bestOf(int scope) { return scope < 0 ? m_docBest.data() : &m_recordBest[size_t(scope) * m_scan.queries.size()]; }
    const int *bestOf(int scope) const { return const_cast<Run *>(this)->bestOf(scope); }
    quint64 *settledOf(int scope) { return scope < 0 ? m_docSettled.data() : &m_recordSettled[size_t(scope) * m_settledWords]; }

    static void closeFirstText(Frame &f)
    {
        if (f.firstState == kText || f.firstState == kCData)
            f.firstState = kClosed;
    }

    struct CacheEntry
    {
        quintptr key = 0;
        int id = scan::kNoName;
    };

    const HtmlScan::Private &m_scan;
    xmlParserCtxtPtr m_ctxt;
    const int m_words;
    const size_t m_settledWords; ///< words of a scope's settled mask
    std::vector<Frame> m_stack;
    std::vector<quint64> m_bits; ///< per open element: its matched steps
    mutable std::vector<std::pair<int, const xmlChar *>> m_attrs; ///< the start tag's known attributes
    mutable const xmlChar **m_rawAttrs = nullptr; ///< the start tag's attributes, not read yet
    std::vector<int> m_matched;
    std::vector<int> m_open; ///< per step bit: open elements that have it
    std::string m_text; ///< all character data so far: an element's text is a slice of it
    std::string m_values; ///< answers that are not slices of m_text (attribute values, comments)
    std::vector<Candidate> m_candidates; ///< matches waiting for an end tag, slots reused via m_free
    std::vector<int> m_free;
    std::vector<std::string> m_attributeCopies;
    std::vector<Record> m_records;
    std::vector<Slot> m_recordSlots;       ///< per record: recordSlots
    std::vector<int> m_recordBest;         ///< per record, per query: the lowest alternative that answered
    std::vector<quint64> m_recordSettled;  ///< per record, per path: no later match can change its answer
    int m_current = -1; ///< the open record
    std::vector<Slot> m_docSlots;
    std::vector<int> m_docBest;
    std::vector<quint64> m_docSettled;
    std::vector<CacheEntry> m_cache;
    size_t m_cached = 0;
    int m_order = 0;
    int m_elements = 0;
    bool m_halted = false;
};

HtmlScan::HtmlScan()
    : d(std::make_unique<Private>())
{
}

HtmlScan::~HtmlScan() = default;

bool HtmlScan::setRecords(const QString &xpath)
{
    scan::Path p;
    if (!d->compile(xpath, p))
        return false;
    if (p.relative || p.target != scan::Target::Element || !p.steps.back().atEnd.empty()) {
        d->error = QStringLiteral("%1: records must be elements selected by '//…' without tests on their text").arg(xpath);
        return false;
    }
    p.record = true;
    if (d->recordsPath >= 0)
        d->paths.erase(d->paths.begin() + d->recordsPath);
    d->paths.insert(d->paths.begin(), std::move(p));
    d->recordsPath = 0;
    d->index();
    return true;
}

int HtmlScan::addRecordQuery(const QStringList &xpaths, Mode mode)
{
    return d->addQuery(xpaths, mode, true);
}

int HtmlScan::addDocumentQuery(const QStringList &xpaths, Mode mode)
{
    return d->addQuery(xpaths, mode, false);
}

QString HtmlScan::errorString() const
{
    return d->error;
}

HtmlScan::Result HtmlScan::run(const QByteArray &html) const
{
    if (isBlank(html))
        return {};
    initOnce();
    // What htmlReadMemory(…, "UTF-8", kParseOptions) does, with our handler instead of the
    // tree builder's (libxml2 2.9: HTMLparser.c, htmlReadMemory and htmlDoRead).
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(html.constData(), int(html.size()));
    if (!ctxt)
        return {};
    Run run(*d, ctxt);
    run.reserve(html.size());
    xmlSAXHandler *sax = ctxt->sax;
    memset(sax, 0, sizeof(*sax));
    sax->initialized = 1; // a SAX1 handler, as htmlDefaultSAXHandler
    sax->startElement = [](void *ctx, const xmlChar *name, const xmlChar **atts) { static_cast<Run *>(ctx)->startElement(name, atts); };
    sax->endElement = [](void *ctx, const xmlChar *) { static_cast<Run *>(ctx)->endElement(); };
    sax->characters = [](void *ctx, const xmlChar *ch, int len) { static_cast<Run *>(ctx)->characters(ch, len, 1); };
    sax->cdataBlock = [](void *ctx, const xmlChar *ch, int len) { static_cast<Run *>(ctx)->characters(ch, len, 2); };
    sax->comment = [](void *ctx, const xmlChar *value) { static_cast<Run *>(ctx)->comment(value); };
    sax->processingInstruction = [](void *ctx, const xmlChar *, const xmlChar *) { static_cast<Run *>(ctx)->boundary(); };
    ctxt->userData = &run;
    htmlCtxtUseOptions(ctxt, kParseOptions);
    ctxt->html = 1;
    if (xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8")) {
        xmlSwitchToEncoding(ctxt, utf8);
        if (ctxt->input->encoding)
            xmlFree(const_cast<xmlChar *>(ctxt->input->encoding));
        ctxt->input->encoding = xmlStrdup(reinterpret_cast<const xmlChar *>("UTF-8"));
    }
    htmlParseDocument(ctxt);
    if (ctxt->myDoc) // no startDocument handler, so there should be none
        xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = nullptr;
    xmlFreeParserCtxt(ctxt);
    return run.finish();
}

} // namespace podtrends::core

