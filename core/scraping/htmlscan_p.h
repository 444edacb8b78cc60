// HtmlScan's compiled program: the selectors as name-indexed steps and predicate trees. Built by
// the compiler (htmlscancompiler.cpp), read by the streaming runner (htmlscanrunner.cpp).
// Private to core/scraping.
#pragma once

#include "htmlscan.h"

#include <QString>
#include <QStringList>

#include <string>
#include <string_view>
#include <vector>

namespace podtrends::core::scan {

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

/** The selectors of one HtmlScan, compiled. Immutable while runs read it. */
struct Program
{
    NameTable names;
    std::vector<Path> paths;
    int recordsPath = -1;
    std::vector<Query> queries; ///< record and document queries, told apart by `relative`
    std::vector<int> recordQueryIds, documentQueryIds;
    int recordSlots = 0;
    int documentSlots = 0;
    int bits = 0;
    /** (path, step) pairs by the step's name id; `anyName` for '*'. Rebuilt by index(). */
    std::vector<std::vector<StepRef>> stepsByName;
    std::vector<StepRef> anyName;
    std::vector<int> commentPaths; ///< '//comment()'
    std::vector<int> recordPaths;  ///< relative paths without steps: evaluated when a record opens
    QString error;

    /** HtmlScan::setRecords(). */
    bool setRecords(const QString &xpath);
    /** HtmlScan::addRecordQuery() and addDocumentQuery(). */
    int addQuery(const QStringList &xpaths, HtmlScan::Mode mode, bool relative);

private:
    bool compile(const QString &xpath, Path &out);
    void index();
};

/** One streaming pass of `program` over `html` (htmlscanrunner.cpp); thread-safe. */
HtmlScan::Result run(const Program &program, const QByteArray &html);

} // namespace podtrends::core::scan
