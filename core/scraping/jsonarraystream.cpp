#include "jsonarraystream.h"

#include <QIODevice>
#include <QJsonDocument>

#include <algorithm>
#include <limits>

namespace podtrends::core {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

JsonArrayStream::JsonArrayStream(QIODevice *device, QByteArray key, qint64 maxBytes)
    : m_device(device)
    , m_key(std::move(key))
    , m_maxBytes(maxBytes)
{
}

bool JsonArrayStream::fill()
{
    if (m_eof)
        return false;
    // What was consumed (and is not being kept for the value being read) leaves the buffer once it
    // is a chunk's worth, so the buffer holds about two chunks plus the value being read.
    const qsizetype drop = m_keep >= 0 ? std::min(m_keep, m_pos) : m_pos;
    if (drop >= kChunk) {
        m_buffer.remove(0, drop);
        m_base += drop;
        m_pos -= drop;
        if (m_keep >= 0)
            m_keep -= drop;
    }
    const qsizetype had = m_buffer.size();
    m_buffer.resize(had + kChunk);
    const qint64 n = m_device->read(m_buffer.data() + had, kChunk);
    m_buffer.resize(had + std::max<qint64>(n, 0));
    if (n < 0) {
        m_readError = m_device->errorString();
        m_eof = true;
        return false;
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_read += n;
    if (m_read > m_maxBytes) {
        m_buffer.resize(had); // nothing past the limit is looked at
        m_tooLarge = true;
        m_eof = true;
        return false;
    }
    return true;
}

int JsonArrayStream::peekNonSpace()
{
    for (;;) {
        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        while (m_pos < size) {
            if (!isSpace(data[m_pos]))
                return static_cast<unsigned char>(data[m_pos]);
            ++m_pos;
        }
        if (!fill())
            return -1;
    }
}

bool JsonArrayStream::skipString()
{
    ++m_pos; // the opening quote
    for (;;) {
        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        while (m_pos < size) {
            const char c = data[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c == '\\') {
                if (m_pos + 1 >= size)
                    break; // the escaped byte is in the next chunk
                m_pos += 2;
                continue;
            }
            ++m_pos;
        }
        if (!fill())
            return false;
    }
}

bool JsonArrayStream::skipValue()
{
    const char first = m_buffer.at(m_pos);
    if (first == '"')
        return skipString();
    if (first != '{' && first != '[') {
        // A number, true, false, null (or garbage the parser will name): up to a delimiter.
        for (;;) {
            const char *data = m_buffer.constData();
            const qsizetype size = m_buffer.size();
            while (m_pos < size) {
                const char c = data[m_pos];
                if (c == ',' || c == ']' || c == '}' || isSpace(c))
                    return true;
                ++m_pos;
            }
            if (!fill())
                return true; // the value may be whole; what follows it is missing
        }
    }
    int depth = 0;
    for (;;) {
        if (m_pos >= m_buffer.size() && !fill())
            return false;
        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        while (m_pos < size) {
            const char c = data[m_pos];
            if (c == '"') {
                if (!skipString())
                    return false;
                break; // skipString() may have read more: look at the buffer again
            }
            ++m_pos;
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return true;
            }
        }
    }
}

JsonArrayStream::Next JsonArrayStream::fail(QJsonParseError::ParseError code, qint64 offset)
{
    m_phase = Phase::Failed;
    m_keep = -1;
    if (m_tooLarge)
        return m_last = Next::TooLarge;
    if (!m_readError.isEmpty())
        return m_last = Next::ReadFailed;
    m_error.error = code;
    m_error.offset = int(std::min<qint64>(offset, std::numeric_limits<int>::max()));
    return m_last = Next::Invalid;
}

JsonArrayStream::Next JsonArrayStream::failInside(const QByteArray &bytes, qint64 offset, QJsonParseError::ParseError fallback,
                                                  qint64 fallbackOffset)
{
    if (m_tooLarge || !m_readError.isEmpty())
        return fail(fallback, fallbackOffset);
    QJsonParseError error{};
    (void)QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(error.error, offset + error.offset);
    return fail(fallback, fallbackOffset);
}

JsonArrayStream::Next JsonArrayStream::notThisShape()
{
    m_phase = Phase::Failed;
    m_keep = -1;
    if (m_tooLarge)
        return m_last = Next::TooLarge;
    if (!m_readError.isEmpty())
        return m_last = Next::ReadFailed;
    return m_last = Next::NotThisShape;
}

JsonArrayStream::Next JsonArrayStream::next(QByteArray *element, qint64 *offset)
{
    switch (m_phase) {
    case Phase::Failed:
        return m_last;
    case Phase::Done:
        return Next::End;
    case Phase::Start: {
        if (peekNonSpace() != '{')
            return notThisShape();
        ++m_pos;
        if (peekNonSpace() != '"')
            return notThisShape();
        m_keep = m_pos;
        if (!skipString())
            return notThisShape();
        const QByteArrayView key(m_buffer.constData() + m_keep + 1, m_pos - m_keep - 2);
        m_keep = -1;
        if (key != QByteArrayView(m_key))
            return notThisShape();
        if (peekNonSpace() != ':')
            return notThisShape();
        ++m_pos;
        if (peekNonSpace() != '[')
            return notThisShape();
        ++m_pos;
        m_phase = Phase::FirstElement;
        break;
    }
    case Phase::FirstElement:
    case Phase::AfterElement:
        break;
    }

    int c = peekNonSpace();
    if (m_phase == Phase::AfterElement) {
        if (c == ']') {
            ++m_pos;
            return afterArray();
        }
        if (c != ',')
            return fail(c < 0 ? QJsonParseError::UnterminatedArray : QJsonParseError::MissingValueSeparator, fileOffset(m_pos));
        ++m_pos;
        c = peekNonSpace();
        if (c == ']')
            return fail(QJsonParseError::IllegalValue, fileOffset(m_pos));
    } else if (c == ']') {
        ++m_pos;
        return afterArray();
    }
    if (c < 0)
        return fail(QJsonParseError::UnterminatedArray, fileOffset(m_pos));

    const qsizetype start = m_pos;
    m_keep = start;
    if (!skipValue())
        return failInside(m_buffer.mid(m_keep), fileOffset(m_keep), QJsonParseError::UnterminatedArray, fileOffset(m_buffer.size()));
    *element = m_buffer.mid(m_keep, m_pos - m_keep);
    *offset = fileOffset(m_keep);
    m_keep = -1;
    m_phase = Phase::AfterElement;
    return Next::Element;
}

JsonArrayStream::Next JsonArrayStream::afterArray()
{
    for (;;) {
        int c = peekNonSpace();
        if (c == '}') {
            ++m_pos;
            if (peekNonSpace() >= 0)
                return fail(QJsonParseError::GarbageAtEnd, fileOffset(m_pos));
            if (m_tooLarge || !m_readError.isEmpty())
                return fail(QJsonParseError::GarbageAtEnd, fileOffset(m_pos));
            m_phase = Phase::Done;
            return Next::End;
        }
        if (c != ',')
            return fail(c < 0 ? QJsonParseError::UnterminatedObject : QJsonParseError::MissingValueSeparator, fileOffset(m_pos));
        ++m_pos;
        // One more member: read whole, checked by parsing it alone, then dropped.
        c = peekNonSpace();
        if (c != '"')
            return fail(c < 0 ? QJsonParseError::UnterminatedObject : QJsonParseError::IllegalValue, fileOffset(m_pos));
        m_keep = m_pos;
        if (!skipString())
            return fail(QJsonParseError::UnterminatedString, fileOffset(m_buffer.size()));
        const qsizetype nameEnd = m_pos;
        c = peekNonSpace();
        if (c != ':')
            return fail(c < 0 ? QJsonParseError::UnterminatedObject : QJsonParseError::MissingNameSeparator, fileOffset(m_pos));
        ++m_pos;
        if (peekNonSpace() < 0)
            return fail(QJsonParseError::UnterminatedObject, fileOffset(m_pos));
        const bool whole = skipValue();
        const QByteArray member = '{' + m_buffer.mid(m_keep, m_pos - m_keep) + '}';
        QJsonParseError error{};
        (void)QJsonDocument::fromJson(member, &error);
        if (error.error != QJsonParseError::NoError)
            return fail(error.error, fileOffset(m_keep) + error.offset - 1);
        if (!whole)
            return fail(QJsonParseError::UnterminatedObject, fileOffset(m_buffer.size()));
        m_membersAfter << m_buffer.mid(m_keep + 1, nameEnd - m_keep - 2);
        m_keep = -1;
    }
}

} // namespace podtrends::core
