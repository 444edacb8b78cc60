#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace podtrends::core {

/**
 * Answers a fixed set of selector queries in one streaming pass over a page: libxml2's HTML
 * parser in SAX mode, the same parser and options as HtmlDocument but without building a tree,
 * which costs more than the parsing itself on a large page.
 *
 * "Records" (search result cards) are the elements one absolute XPath selects; record queries are
 * relative to each record, document queries to the page. A query is a list of alternative XPath
 * expressions: FirstText gives the first non-empty text of the first alternative that has one,
 * Exists whether any alternative matches (HtmlDocument::firstText() and exists()).
 *
 * Only the part of XPath 1.0 that can be decided while the page streams by compiles
 * (htmlscancompiler.cpp): '//' and '/' steps with a name or '*', ending in an element,
 * '/@attribute', '/..' (relative paths) or '//comment()'; relative paths './/', './', 'name/…',
 * '@a', '.', 'self::name'; predicates with and, or, not(), =, !=, contains(), starts-with(),
 * normalize-space(), concat(), string(), true(), false(), '@attribute' and 'ancestor::name', and on
 * the last step instead '.' and 'text()' (not both kinds in one predicate). Anything else
 * (positions, numbers, other axes, unions, paths inside predicates) makes the set/add call fail,
 * and the caller uses HtmlDocument. Results equal HtmlDocument's for the same selectors after
 * HtmlDocument::splitNestedRecords(): a record's content ends where a record nested in it begins.
 * Like the tree builder, the pass stops at libxml2's depth limit (256 open elements).
 *
 * Immutable once built: run() is thread-safe.
 */
class HtmlScan final
{
public:
    Q_DISABLE_COPY_MOVE(HtmlScan)
    enum class Mode { FirstText, Exists };

    struct Answer
    {
        QString text;       ///< FirstText: the text, whitespace collapsed
        bool found = false; ///< Exists: something matched; FirstText: the text is not empty
    };
    struct Result
    {
        bool empty = true;          ///< no element at all (HtmlDocument::parse() would give null)
        int records = 0;            ///< records found, in document order
        int recordQueries = 0;
        QList<Answer> recordAnswers; ///< records × record queries, one record after the other
        QList<Answer> document;     ///< per document query

        const Answer &answer(int record, int query) const { return recordAnswers.at(qsizetype(record) * recordQueries + query); }
    };

    HtmlScan();
    ~HtmlScan();

    /** Sets the records' absolute selector; false when it is outside the streaming subset. */
    bool setRecords(const QString &xpath);
    /** Adds a query relative to each record; its index, or -1 when an expression does not compile. */
    int addRecordQuery(const QStringList &xpaths, Mode mode);
    /** Adds a query relative to the page; its index, or -1 when an expression does not compile. */
    int addDocumentQuery(const QStringList &xpaths, Mode mode);
    /** Why the last set/add call failed. */
    QString errorString() const;

    Result run(const QByteArray &html) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace podtrends::core
