// HtmlScan's compiler: the streaming subset of XPath 1.0 (see htmlscan.h) parsed by recursive
// descent into a Program of name-indexed steps and predicate trees; anything outside the subset
// fails with a reason, so that the caller falls back to HtmlDocument.
#include "htmlscan_p.h"

#include <algorithm>
#include <utility>

namespace podtrends::core::scan {

namespace {

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

} // namespace

bool Program::compile(const QString &xpath, Path &out)
{
    Compiler compiler(xpath.toUtf8(), names);
    if (compiler.path(out))
        return true;
    error = QStringLiteral("%1: %2").arg(xpath, compiler.error());
    return false;
}

int Program::addQuery(const QStringList &xpaths, HtmlScan::Mode mode, bool relative)
{
    std::vector<Path> compiled;
    for (const QString &xpath : xpaths) {
        Path p;
        if (!compile(xpath, p))
            return -1;
        if (p.relative != relative) {
            error = QStringLiteral("%1: expected a path relative to %2").arg(xpath, relative ? QStringLiteral("the record") : QStringLiteral("the page ('//…')"));
            return -1;
        }
        compiled.push_back(std::move(p));
    }
    Query q;
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

void Program::index()
{
    stepsByName.assign(names.names.size(), {});
    anyName.clear();
    commentPaths.clear();
    recordPaths.clear();
    bits = 0;
    for (size_t p = 0; p < paths.size(); ++p) {
        Path &path = paths[p];
        if (!path.record && path.alt == 0)
            queries[size_t(path.query)].firstPath = int(p);
        if (path.target == Target::Comment) {
            commentPaths.push_back(int(p));
            continue;
        }
        if (path.steps.empty()) {
            recordPaths.push_back(int(p));
            continue;
        }
        for (size_t s = 0; s < path.steps.size(); ++s) {
            Step &step = path.steps[s];
            step.bit = bits++;
            StepRef ref;
            ref.path = int(p);
            ref.bit = step.bit;
            ref.prevBit = s > 0 ? path.steps[s - 1].bit : -1;
            ref.child = step.child;
            ref.relative = path.relative;
            ref.last = s + 1 == path.steps.size();
            ref.record = path.record;
            ref.tests = &step.atStart;
            (step.name == kAnyName ? anyName : stepsByName[size_t(step.name)]).push_back(ref);
        }
    }
}

bool Program::setRecords(const QString &xpath)
{
    Path p;
    if (!compile(xpath, p))
        return false;
    if (p.relative || p.target != Target::Element || !p.steps.back().atEnd.empty()) {
        error = QStringLiteral("%1: records must be elements selected by '//…' without tests on their text").arg(xpath);
        return false;
    }
    p.record = true;
    if (recordsPath >= 0)
        paths.erase(paths.begin() + recordsPath);
    paths.insert(paths.begin(), std::move(p));
    recordsPath = 0;
    index();
    return true;
}

} // namespace podtrends::core::scan
