// HtmlScan's runner: one streaming pass of libxml2's HTML parser (SAX) that answers a compiled
// Program as elements open and close, without building a tree.
#include "htmlscan_p.h"
#include "htmlscanpredicates_p.h"

#include "htmlparse_p.h"

#include <QString>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace podtrends::core::scan {

using htmlparse::initOnce;
using htmlparse::isBlank;
using htmlparse::kParseOptions;

namespace {

class Runner
{
public:
    using Mode = HtmlScan::Mode;

    Runner(const Program &scan, xmlParserCtxtPtr ctxt)
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
        auto consider = [&](const std::vector<StepRef> &steps) {
            for (const StepRef &step : steps) {
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
            const Path &records = m_scan.paths[size_t(m_scan.recordsPath)];
            if (bit(depth, records.steps.back().bit) && chain(records, int(records.steps.size()) - 1, depth, 0))
                openRecord(depth);
        }
        for (int p : m_matched) {
            const Path &path = m_scan.paths[size_t(p)];
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
            const Path &path = m_scan.paths[size_t(p)];
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
        int name = kNoName;
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
                const int id = const_cast<Runner *>(this)->nameId(a[0]);
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

    friend class Predicates<Runner>;

    bool passes(const std::vector<Expr> &tests, const Env &env) const { return Predicates<Runner>(*this).passes(tests, env); }

    /** An open element above the current one has this name (kAnyName: any). */
    bool hasAncestor(int name) const
    {
        for (size_t i = 0; i + 1 < m_stack.size(); ++i)
            if (name == kAnyName || m_stack[i].name == name)
                return true;
        return false;
    }

    // Paths -----------------------------------------------------------------------------------

    bool bit(int depth, int b) const { return m_bits[size_t(depth) * size_t(m_words) + size_t(b / 64)] & (quint64(1) << (b % 64)); }
    void setBit(int depth, int b) { m_bits[size_t(depth) * size_t(m_words) + size_t(b / 64)] |= quint64(1) << (b % 64); }

    /** Step `k` of `p` matched the element at `depth`: do the earlier steps match its ancestors? */
    bool chain(const Path &p, int k, int depth, int floor) const
    {
        if (k == 0)
            return !p.relative || (p.steps[0].child ? depth == floor : depth >= floor);
        const Step &prev = p.steps[size_t(k - 1)];
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
    bool skip(int scope, const Path &p) const
    {
        const int best = bestOf(scope)[p.query];
        return m_scan.queries[size_t(p.query)].mode == Mode::Exists ? best != INT_MAX : best < p.alt;
    }

    /** True when no later match of `p` can change its query's answer in `scope`: a better
     *  alternative has answered, or this one has, earlier in the page than any later element. */
    /** False when a match at `depth` could not change the answer: a better alternative has
     *  answered, or (FirstText) this alternative already has an answer earlier in the page. */
    bool canWin(int scope, const Path &p, int depth) const
    {
        if (skip(scope, p))
            return false;
        const Query &q = m_scan.queries[size_t(p.query)];
        if (q.mode == Mode::Exists)
            return true;
        const Slot &s = slotsOf(scope)[q.slot + p.alt];
        if (!s.found)
            return true;
        const int resultDepth = p.target == Target::Parent ? depth - 1 : depth;
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
            const Path &path = m_scan.paths[size_t(p)];
            const Step &self = path.self;
            if (self.name != kAnyName && self.name != m_stack[size_t(depth)].name)
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
        const Path &path = m_scan.paths[size_t(p)];
        const int scope = path.relative ? m_current : -1;
        if (skip(scope, path))
            return;
        const bool exists = m_scan.queries[size_t(path.query)].mode == Mode::Exists;
        const bool endTests = !path.last().atEnd.empty();
        const int order = m_stack[size_t(depth)].order;
        switch (path.target) {
        case Target::Element:
            if (exists && !endTests)
                deliver(scope, path, order, {});
            else
                wait(depth, p, scope, order, false, -1);
            break;
        case Target::Attribute: {
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
        case Target::Parent:
            if (endTests)
                wait(depth, p, scope, order, false, -1);
            else
                parent(depth, p, scope);
            break;
        case Target::Comment:
            break;
        }
    }

    void parent(int childDepth, int p, int scope)
    {
        const int depth = childDepth - 1;
        if (depth < 0)
            return;
        const Path &path = m_scan.paths[size_t(p)];
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
        const Path &path = m_scan.paths[size_t(c.path)];
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
        if (path.target == Target::Parent && !c.parentStage)
            return parent(c.depth, c.path, c.scope);
        if (path.target == Target::Attribute)
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

    void deliver(int scope, const Path &path, int order, std::string_view text)
    {
        const Query &q = m_scan.queries[size_t(path.query)];
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
        const int from = exists ? 0 : path.target == Target::Parent ? path.alt + 1 : path.alt;
        for (int alt = from; alt < q.count; ++alt) {
            const int p = q.firstPath + alt;
            mask[size_t(p / 64)] |= quint64(1) << (p % 64);
        }
    }

    void answers(const std::vector<int> &queryIds, const Slot *slotList, QList<HtmlScan::Answer> &out) const
    {
        for (int id : queryIds) {
            const Query &q = m_scan.queries[size_t(id)];
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
    const Slot *slotsOf(int scope) const { return const_cast<Runner *>(this)->slotsOf(scope); }
    int *bestOf(int scope) { return scope < 0 ? m_docBest.data() : &m_recordBest[size_t(scope) * m_scan.queries.size()]; }
    const int *bestOf(int scope) const { return const_cast<Runner *>(this)->bestOf(scope); }
    quint64 *settledOf(int scope) { return scope < 0 ? m_docSettled.data() : &m_recordSettled[size_t(scope) * m_settledWords]; }

    static void closeFirstText(Frame &f)
    {
        if (f.firstState == kText || f.firstState == kCData)
            f.firstState = kClosed;
    }

    struct CacheEntry
    {
        quintptr key = 0;
        int id = kNoName;
    };

    const Program &m_scan;
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

} // namespace

HtmlScan::Result run(const Program &program, const QByteArray &html)
{
    if (isBlank(html))
        return {};
    initOnce();
    // What htmlReadMemory(…, "UTF-8", kParseOptions) does, with our handler instead of the
    // tree builder's (libxml2 2.9: HTMLparser.c, htmlReadMemory and htmlDoRead).
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(html.constData(), int(html.size()));
    if (!ctxt)
        return {};
    Runner run(program, ctxt);
    run.reserve(html.size());
    xmlSAXHandler *sax = ctxt->sax;
    memset(sax, 0, sizeof(*sax));
    sax->initialized = 1; // a SAX1 handler, as htmlDefaultSAXHandler
    sax->startElement = [](void *ctx, const xmlChar *name, const xmlChar **atts) { static_cast<Runner *>(ctx)->startElement(name, atts); };
    sax->endElement = [](void *ctx, const xmlChar *) { static_cast<Runner *>(ctx)->endElement(); };
    sax->characters = [](void *ctx, const xmlChar *ch, int len) { static_cast<Runner *>(ctx)->characters(ch, len, 1); };
    sax->cdataBlock = [](void *ctx, const xmlChar *ch, int len) { static_cast<Runner *>(ctx)->characters(ch, len, 2); };
    sax->comment = [](void *ctx, const xmlChar *value) { static_cast<Runner *>(ctx)->comment(value); };
    sax->processingInstruction = [](void *ctx, const xmlChar *, const xmlChar *) { static_cast<Runner *>(ctx)->boundary(); };
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

} // namespace podtrends::core::scan
