#include "htmldocument.h"

#include <QHash>
#include <QLoggingCategory>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

Q_LOGGING_CATEGORY(lcHtml, "podtrends.scraping.html")

namespace podtrends::core {

namespace {

void initOnce()
{
    // libxml2 must be initialised once before parsing from several threads.
    static const bool done = [] {
        xmlInitParser();
        return true;
    }();
    Q_UNUSED(done);
}

QString fromXml(const xmlChar *text)
{
    return text ? QString::fromUtf8(reinterpret_cast<const char *>(text)) : QString();
}

} // namespace

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
    if (html.trimmed().isEmpty())
        return nullptr;
    initOnce();
    std::unique_ptr<HtmlDocument> document(new HtmlDocument);
    document->d = std::make_unique<Private>();
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
    document->d->doc = htmlReadMemory(html.constData(), int(html.size()), nullptr, "UTF-8", options);
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

} // namespace podtrends::core
