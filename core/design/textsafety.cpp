#include "textsafety.h"

#include <core/design/designresources.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

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
    for (const QString &n : std::as_const(m_names))
        m_normalized << normalize(n);
}

QStringList TextSafety::check(const QString &text) const
{
    const QString haystack = normalize(text);
    QStringList found;
    for (int i = 0; i < m_names.size(); ++i) {
        const QString &needle = m_normalized.at(i);
        if (needle.trimmed().isEmpty())
            continue;
        // Also match names written without spaces or hyphens ("spiderman" for "Spider-Man").
        QString joined = needle.trimmed();
        joined.remove(QLatin1Char(' '));
        if (haystack.contains(needle) || haystack.contains(QLatin1Char(' ') + joined + QLatin1Char(' ')))
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
