#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/**
 * The vocabulary behind audience, style and season evidence: recipients, occasions, hobbies,
 * age and gender cues, style words and colours. Each term has a label (synonyms share one:
 * "mama", "mother" → "mom") and occasions carry the months they peak in.
 */
class Lexicon final
{
public:
    enum class Kind : quint8 { Recipient, Occasion, Hobby, Age, Gender, Style, Colour, KindCount };

    struct Term
    {
        Kind kind;
        QString label;
        QList<int> peakMonths; ///< occasions only; empty = all year
    };

    static const Lexicon &instance();

    /** Number of distinct labels; label ids are 0 … size()-1 in a fixed order. */
    int size() const { return int(m_terms.size()); }
    const Term &term(int id) const { return m_terms.at(id); }

    /**
     * Appends the label ids found in `words` (normalized, in order) to `out`, matching phrases of
     * up to three words; the same id may appear more than once (callers de-duplicate per product).
     */
    void match(const QStringList &words, QList<quint16> *out) const;

    /** The same on word hashes (TextNormalizer::appendWordHashes), without strings. */
    void matchHashes(const quint64 *hashes, qsizetype count, QList<quint16> *out) const;

    static QString kindKey(Kind kind);

private:
    Lexicon();
    QList<Term> m_terms;
    QMultiHash<QString, quint16> m_phrases;  ///< normalized phrase → label id
    QSet<QString> m_phraseStarts;        ///< first words of multi-word phrases
    QMultiHash<quint64, quint16> m_hashPhrases; ///< word hash, or combined hashes of 2–4 words
    QSet<quint64> m_hashStarts;
};

} // namespace podtrends::core
