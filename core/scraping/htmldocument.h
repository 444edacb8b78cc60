#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace podtrends::core {

/** An element of an HtmlDocument (valid while the document lives). */
struct HtmlNode
{
    void *ptr = nullptr;
    bool isNull() const { return ptr == nullptr; }
};

/**
 * A parsed HTML page (libxml2's forgiving HTML parser) queried with XPath 1.0. Selectors are
 * data (see resources/selectors/), so a changed page layout is a data fix, not a code fix.
 * Not copyable; use from one thread at a time.
 */
class HtmlDocument final
{
public:
    Q_DISABLE_COPY_MOVE(HtmlDocument)
    using Node = HtmlNode;

    /** Parses UTF-8 (or meta-declared) HTML; returns null only for an empty input. */
    static std::unique_ptr<HtmlDocument> parse(const QByteArray &html);
    ~HtmlDocument();

    /** Nodes matching `xpath`, relative to `context` (the document when null). */
    QList<Node> select(const QString &xpath, Node context = {}) const;
    /** The first non-empty text for the first expression that yields one (attributes give their value). */
    QString firstText(const QStringList &xpaths, Node context = {}) const;
    QString firstText(const QString &xpath, Node context = {}) const { return firstText(QStringList{xpath}, context); }
    /** True when any expression matches a node. */
    bool exists(const QStringList &xpaths, Node context = {}) const;
    /** A node's text (descendant text joined, whitespace collapsed), or an attribute's value. */
    static QString textOf(Node node);
    /** An attribute of an element, or empty. */
    static QString attribute(Node node, const char *name);

    /**
     * Closes every record (an element of `records`, in document order) just before a record
     * nested in it, the way the parser would have had the page closed it: the nested record and
     * everything after it inside the outer one move up beside the outer one. Document order is
     * unchanged; afterwards no record contains another, so a record's descendants are its own.
     * This is the shape HtmlScan gives records while streaming.
     */
    void splitNestedRecords(const QList<Node> &records);

    /** Benchmark baseline: nanoseconds htmlReadMemory takes to build the tree parse() builds. */
    static qint64 timeTreeParse(const QByteArray &html);

private:
    HtmlDocument() = default;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace podtrends::core
