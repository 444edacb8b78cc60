#include "textsafety.h"

#include <core/design/designresources.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QVarLengthArray>

#include <algorithm>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TextSafety)
};

// Lower case, accents folded, every run of non-alphanumerics one space, padded with spaces so
// that a whole-word match is a plain substring search.
QString normalize(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD).toLower();
    QString out;
    out.reserve(decomposed.size() + 2);
    out += QLatin1Char(' ');
    bool space = true;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c == QLatin1Char('\'') || c == QChar(0x2019))
            continue; // "McDonald's" == "McDonalds"
        if (c.isLetterOrNumber()) {
            out += c;
            space = false;
        } else if (!space) {
            out += QLatin1Char(' ');
            space = true;
        }
    }
    if (!space)
        out += QLatin1Char(' ');
    return out;
}

} // namespace

QString TextSafety::userListPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("protected-names.txt"));
}

TextSafety::TextSafety(const QString &userListPath)
{
    m_names = designresources::bundledProtectedNames();
    QFile user(userListPath.isEmpty() ? TextSafety::userListPath() : userListPath);
    if (user.open(QIODevice::ReadOnly | QIODevice::Text)) {
        const QStringList lines = QString::fromUtf8(user.readAll()).split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            const QString t = line.trimmed();
            if (!t.isEmpty() && !t.startsWith(QLatin1Char('#')) && !m_names.contains(t, Qt::CaseInsensitive))
                m_names << t;
        }
    }
    // Each name is normalized once, with its spelling without spaces or hyphens ("spiderman" for
    // "Spider-Man"): an analysis checks every niche and its top titles against the whole list.
    for (const QString &n : std::as_const(m_names)) {
        const QString needle = normalize(n);
        QString joined = needle.trimmed();
        joined.remove(QLatin1Char(' '));
        m_normalized << needle;
        m_joined << (joined.isEmpty() ? QString() : QLatin1Char(' ') + joined + QLatin1Char(' '));
        if (joined.isEmpty())
            continue;
        // A text can hold the name only if it has the name's first word or its joined spelling.
        const qsizetype index = m_normalized.size() - 1;
        const QString first = needle.trimmed().section(QLatin1Char(' '), 0, 0);
        m_byWord[first] << index;
        if (joined != first)
            m_byWord[joined] << index;
    }
}

QStringList TextSafety::check(const QString &text) const
{
    const QString haystack = normalize(text);
    // Only the names keyed by one of the text's words are searched for (an analysis checks every
    // niche and its top titles: thousands of texts against the whole list).
    QVarLengthArray<qsizetype, 16> candidates;
    for (const QStringView word : QStringView(haystack).tokenize(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (const auto it = m_byWord.constFind(word.toString()); it != m_byWord.cend())
            candidates.append(it->constData(), it->size());
    std::sort(candidates.begin(), candidates.end());
    QStringList found;
    for (qsizetype k = 0; k < candidates.size(); ++k) {
        const qsizetype i = candidates[k];
        if (k > 0 && candidates[k - 1] == i)
            continue;
        if (haystack.contains(m_normalized.at(i)) || haystack.contains(m_joined.at(i)))
            found << m_names.at(i);
    }
    return found;
}

QString TextSafety::warning(const QString &text) const
{
    const QStringList found = check(text);
    if (found.isEmpty())
        return QString();
    QStringList quoted;
    for (const QString &f : found)
        quoted << QStringLiteral("“%1”").arg(f);
    return Tr::tr("The text contains the protected name %1; change it before marking the design ready.")
        .arg(quoted.join(QStringLiteral(", ")));
}

} // namespace podtrends::core
