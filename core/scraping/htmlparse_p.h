// Shared by HtmlDocument (tree + XPath) and HtmlScan (streaming): the same libxml2 set-up, so
// both see the same elements. Private to core/scraping.
#pragma once

#include <QByteArray>

#include <libxml/HTMLparser.h>

#include <algorithm>

namespace podtrends::core::htmlparse {

// One set of options for the tree and the streaming pass, so both see the same elements.
// NOBLANKS would drop whitespace between inline elements ("a</b> <b>b" → "ab"); NOIMPLIED changes
// the shape absolute selectors see and is no faster.
inline constexpr int kParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;

inline void initOnce()
{
    // libxml2 must be initialised once before parsing from several threads.
    static const bool done = [] {
        xmlInitParser();
        return true;
    }();
    Q_UNUSED(done);
}

/** Whether `html` is only whitespace; unlike trimmed().isEmpty(), never copies the page. */
inline bool isBlank(const QByteArray &html)
{
    return std::all_of(html.cbegin(), html.cend(), [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

} // namespace podtrends::core::htmlparse
