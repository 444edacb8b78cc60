#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QJsonParseError>

class QIODevice;

namespace podtrends::core {

/**
 * Reads a JSON document shaped {"<key>": [element, element, …], …} from a device a chunk at a
 * time and hands out the array's elements as their bytes, so a 60 MB products.json is never in
 * memory whole (an import parses the elements in batches).
 *
 * It checks the structure around the elements: brackets, commas, strings, the members after the
 * array (each parsed to check it, then dropped) and that nothing but white space follows the
 * document. The elements themselves are only delimited (strings, escapes and depth tracked):
 * whoever parses them checks them. A document that does not start with `{"<key>": [` is
 * NotThisShape before anything is handed out, so the caller can read it another way.
 */
class JsonArrayStream final
{
public:
    enum class Next {
        Element,       ///< `element` holds the next element, `offset` where it starts in the file
        End,           ///< the array and the document ended well; see membersAfter()
        NotThisShape,  ///< the document does not start with {"<key>": [ (only before the first element)
        Invalid,       ///< not valid JSON: see error()
        TooLarge,      ///< more than maxBytes were read
        ReadFailed,    ///< the device reported an error: see readError()
    };

    JsonArrayStream(QIODevice *device, QByteArray key, qint64 maxBytes);

    Next next(QByteArray *element, qint64 *offset);

    /** For Invalid: what is wrong and at which byte of the file (as QJsonDocument reports it). */
    QJsonParseError error() const { return m_error; }
    QString readError() const { return m_readError; }
    /** The names (as written, escapes kept) of the top-level members after the array. */
    QByteArrayList membersAfter() const { return m_membersAfter; }
    /** Bytes read from the device so far. */
    qint64 bytesRead() const { return m_read; }

private:
    enum class Phase { Start, FirstElement, AfterElement, Done, Failed };
    static constexpr qsizetype kChunk = 1 << 20;

    /** Reads one more chunk; false at the end of the device, past the limit or on an error. */
    bool fill();
    /** The next byte that is not white space, or -1 at the end (m_pos stays on it). */
    int peekNonSpace();
    /**
     * Moves m_pos past the value that starts there (depth and strings tracked, not checked).
     * False if the device ended (or failed) first.
     */
    bool skipValue();
    /** Moves m_pos past the string whose opening quote is at m_pos; false if the device ended first. */
    bool skipString();
    Next fail(QJsonParseError::ParseError code, qint64 offset);
    Next failInside(const QByteArray &bytes, qint64 offset, QJsonParseError::ParseError fallback, qint64 fallbackOffset);
    Next notThisShape();
    Next afterArray();
    qint64 fileOffset(qsizetype pos) const { return m_base + pos; }

    QIODevice *m_device;
    QByteArray m_key;
    qint64 m_maxBytes;
    QByteArray m_buffer;
    qsizetype m_pos = 0;       ///< the next byte to look at in m_buffer
    qsizetype m_keep = -1;     ///< the start of the value being read: fill() keeps it in the buffer
    qint64 m_base = 0;         ///< the file offset of m_buffer[0]
    qint64 m_read = 0;
    bool m_eof = false;
    bool m_tooLarge = false;
    Phase m_phase = Phase::Start;
    Next m_last = Next::End;   ///< what a failed stream answers from then on
    QJsonParseError m_error{};
    QString m_readError;
    QByteArrayList m_membersAfter;
};

} // namespace podtrends::core
