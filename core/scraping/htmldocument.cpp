#include "htmldocument.h"

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

Q_LOGGING_CATEGORY(lcHtml, "podtrends.scraping.html")

namespace podtrends::core {

using htmlparse::initOnce;
using htmlparse::isBlank;
using htmlparse::kParseOptions;

namespace {

QString fromXml(const xmlChar *text)
{
    return text ? QString::fromUtf8(reinterpret_cast<const char *>(text)) : QString();
}

/** Moves `first` and its following siblings, in order, to just after `target`. No text merging. */
void moveRunAfter(xmlNodePtr first, xmlNodePtr target)
{
    xmlNodePtr oldParent = first->parent;
    xmlNodePtr last = oldParent->last;
    xmlNodePtr before = first->prev;
    if (before)
        before->next = nullptr;
    else
        oldParent->children = nullptr;
    oldParent->last = before;
    xmlNodePtr newParent = target->parent;
    xmlNodePtr after = target->next;
    target->next = first;
    first->prev = target;
    last->next = after;
    if (after)
        after->prev = last;
    else if (newParent)
        newParent->last = last;
    for (xmlNodePtr n = first; n != after; n = n->next)
        n->parent = newParent;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// HtmlDocument: the tree and libxml2's XPath engine

struct HtmlDocument::Private
{
    htmlDocPtr doc = nullptr;
    xmlXPathContextPtr xpath = nullptr;
    mutable QHash<QString, xmlXPathCompExprPtr> compiled;

    ~Private()
    {
        for (xmlXPathCompExprPtr e : std::as_const(compiled))
            if (e)
                xmlXPathFreeCompExpr(e);
        if (xpath)
            xmlXPathFreeContext(xpath);
        if (doc)
            xmlFreeDoc(doc);
    }

    xmlXPathObjectPtr eval(const QString &expression, Node context) const
    {
        auto it = compiled.find(expression);
        if (it == compiled.end()) {
            const QByteArray utf8 = expression.toUtf8();
            xmlXPathCompExprPtr e = xmlXPathCompile(reinterpret_cast<const xmlChar *>(utf8.constData()));
            if (!e)
                qCWarning(lcHtml) << "invalid XPath selector" << expression;
            it = compiled.insert(expression, e);
        }
        if (!*it)
            return nullptr;
        xpath->node = context.isNull() ? xmlDocGetRootElement(doc) : static_cast<xmlNodePtr>(context.ptr);
        return xmlXPathCompiledEval(*it, xpath);
    }
};

std::unique_ptr<HtmlDocument> HtmlDocument::parse(const QByteArray &html)
{
    if (isBlank(html))
        return nullptr;
    initOnce();
    std::unique_ptr<HtmlDocument> document(new HtmlDocument);
    document->d = std::make_unique<Private>();
    document->d->doc = htmlReadMemory(html.constData(), int(html.size()), nullptr, "UTF-8", kParseOptions);
    if (!document->d->doc || !xmlDocGetRootElement(document->d->doc))
        return nullptr;
    // Numbers the elements once so XPath sorts node sets by index instead of walking the tree
    // for every comparison (seconds → milliseconds on a 1 MB search page).
    xmlXPathOrderDocElems(document->d->doc);
    document->d->xpath = xmlXPathNewContext(document->d->doc);
    return document;
}

HtmlDocument::~HtmlDocument() = default;

QList<HtmlDocument::Node> HtmlDocument::select(const QString &xpath, Node context) const
{
    QList<Node> out;
    xmlXPathObjectPtr result = d->eval(xpath, context);
    if (!result)
        return out;
    if (result->type == XPATH_NODESET && result->nodesetval) {
        out.reserve(result->nodesetval->nodeNr);
        for (int i = 0; i < result->nodesetval->nodeNr; ++i)
            out << Node{result->nodesetval->nodeTab[i]};
    }
    xmlXPathFreeObject(result);
    return out;
}

QString HtmlDocument::firstText(const QStringList &xpaths, Node context) const
{
    for (const QString &expression : xpaths) {
        xmlXPathObjectPtr result = d->eval(expression, context);
        if (!result)
            continue;
        QString text;
        if (result->type == XPATH_NODESET && result->nodesetval) {
            for (int i = 0; i < result->nodesetval->nodeNr && text.isEmpty(); ++i)
                text = textOf(Node{result->nodesetval->nodeTab[i]});
        } else if (result->type == XPATH_STRING) {
            text = fromXml(result->stringval).simplified();
        } else if (result->type == XPATH_NUMBER && !xmlXPathIsNaN(result->floatval)) {
            text = QString::number(result->floatval);
        } else if (result->type == XPATH_BOOLEAN) {
            text = result->boolval ? QStringLiteral("true") : QString();
        }
        xmlXPathFreeObject(result);
        if (!text.isEmpty())
            return text;
    }
    return {};
}

bool HtmlDocument::exists(const QStringList &xpaths, Node context) const
{
    for (const QString &expression : xpaths) {
        xmlXPathObjectPtr result = d->eval(expression, context);
        if (!result)
            continue;
        const bool found = (result->type == XPATH_NODESET && result->nodesetval && result->nodesetval->nodeNr > 0)
            || (result->type == XPATH_BOOLEAN && result->boolval);
        xmlXPathFreeObject(result);
        if (found)
            return true;
    }
    return false;
}

QString HtmlDocument::textOf(Node node)
{
    if (node.isNull())
        return {};
    xmlChar *content = xmlNodeGetContent(static_cast<xmlNodePtr>(node.ptr));
    QString text = fromXml(content).simplified();
    xmlFree(content);
    return text;
}

QString HtmlDocument::attribute(Node node, const char *name)
{
    if (node.isNull())
        return {};
    xmlChar *value = xmlGetProp(static_cast<xmlNodePtr>(node.ptr), reinterpret_cast<const xmlChar *>(name));
    QString text = fromXml(value);
    xmlFree(value);
    return text;
}

void HtmlDocument::splitNestedRecords(const QList<Node> &records)
{
    if (records.size() < 2)
        return;
    QSet<const void *> isRecord;
    for (const Node &n : records)
        isRecord.insert(n.ptr);
    // In document order: an outer record is already in its final place when a record inside it
    // is handled, and a record moved out takes the records nested in it along.
    for (const Node &n : records) {
        auto node = static_cast<xmlNodePtr>(n.ptr);
        xmlNodePtr outer = node->parent;
        while (outer && !isRecord.contains(outer))
            outer = outer->parent;
        if (!outer)
            continue;
        while (node->parent != outer->parent) {
            xmlNodePtr parent = node->parent;
            moveRunAfter(node, parent);
        }
    }
}

qint64 HtmlDocument::timeTreeParse(const QByteArray &html)
{
    initOnce();
    QElapsedTimer timer;
    timer.start();
    htmlDocPtr doc = htmlReadMemory(html.constData(), int(html.size()), nullptr, "UTF-8", kParseOptions);
    const qint64 ns = timer.nsecsElapsed();
    if (doc)
        xmlFreeDoc(doc);
    return ns;
}

} // namespace podtrends::core
