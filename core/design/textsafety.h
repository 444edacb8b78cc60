#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace podtrends::core {

/**
 * Checks design text against protected brand, franchise and character names: the bundled list
 * (resources/design/protected-names.txt) plus the user's own protected-names.txt in the data
 * folder. Names match as whole words, case-insensitively, ignoring punctuation and spacing
 * differences ("Spider Man" matches "Spider-Man").
 */
class TextSafety final
{
public:
    /** Loads the bundled list and, when present, the user's file (userListPath() by default). */
    explicit TextSafety(const QString &userListPath = QString());

    /** The protected names found in text, in list order (empty when the text is clean). */
    QStringList check(const QString &text) const;
    /** A one-line, user-readable warning naming the matches, or empty when clean. */
    QString warning(const QString &text) const;

    const QStringList &names() const { return m_names; }
    /** <data folder>/protected-names.txt: one name per line, # starts a comment. */
    static QString userListPath();

private:
    QStringList m_names;
    QStringList m_normalized; ///< " spider man "
    QStringList m_joined;     ///< " spiderman ", empty for a name without letters or digits
    QHash<QString, QList<qsizetype>> m_byWord; ///< "spider" and "spiderman" → the names they may begin
};

} // namespace podtrends::core
