// HtmlScan's predicates: XPath's string and boolean semantics for the compiled expressions,
// evaluated on the element the runner is at. Private to core/scraping (htmlscanrunner.cpp).
#pragma once

#include "htmlscan_p.h"

#include <libxml/xmlstring.h>

#include <string>
#include <string_view>
#include <vector>

namespace podtrends::core::scan {

/** What a predicate sees besides the start tag: the element's text, once its end tag is known. */
struct Env
{
    std::string_view text;  ///< '.', the string value
    std::string_view first; ///< text(), the first text child
    bool hasFirst = false;
};

inline bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/**
 * Evaluates predicates on one element. `Element` answers `const xmlChar *attr(int name)` (null
 * when absent) and `bool hasAncestor(int name)` (kAnyName: any); a template so that the runner's
 * calls inline as they did when this code was part of it.
 */
template<typename Element>
class Predicates
{
public:
    explicit Predicates(const Element &element)
        : m_element(element)
    {
    }

    bool passes(const std::vector<Expr> &tests, const Env &env) const
    {
        for (const Expr &t : tests)
            if (!truth(t, env))
                return false;
        return true;
    }

    bool truth(const Expr &e, const Env &env) const
    {
                switch (e.op) {
        case Expr::Literal:
            return !e.literal.empty();
        case Expr::Attribute:
            return m_element.attr(e.name) != nullptr;
        case Expr::Context:
            return true;
        case Expr::TextChild:
            return env.hasFirst;
        case Expr::HasAncestor:
            return m_element.hasAncestor(e.name);
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
                if ((a.op == Expr::Attribute && !m_element.attr(a.name)) || (b.op == Expr::Attribute && !m_element.attr(b.name)))
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

    /** An expression's string value, in `buffer` only when it has to be built. */
    std::string_view view(const Expr &e, const Env &env, std::string &buffer) const
    {
                switch (e.op) {
        case Expr::Literal:
            return e.literal;
        case Expr::Attribute: {
            const xmlChar *v = m_element.attr(e.name);
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

    std::string stringOf(const Expr &e, const Env &env) const
    {
                switch (e.op) {
        case Expr::Literal:
            return e.literal;
        case Expr::Attribute: {
            const xmlChar *v = m_element.attr(e.name);
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

private:
    const Element &m_element;
};

} // namespace podtrends::core::scan
