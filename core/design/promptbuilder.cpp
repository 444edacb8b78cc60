#include "promptbuilder.h"

#include <core/design/designresources.h>
#include <core/design/textsafety.h>

#include <QDate>
#include <QHash>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace podtrends::core {

namespace {

const QStringList &fillerWords()
{
    static const QStringList words{
        QStringLiteral("shirt"), QStringLiteral("shirts"), QStringLiteral("t-shirt"), QStringLiteral("tshirt"), QStringLiteral("tee"),
        QStringLiteral("tees"), QStringLiteral("gift"), QStringLiteral("gifts"), QStringLiteral("for"), QStringLiteral("women"),
        QStringLiteral("men"), QStringLiteral("womens"), QStringLiteral("mens"), QStringLiteral("women's"), QStringLiteral("men's"),
        QStringLiteral("kids"), QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("an"), QStringLiteral("and"),
        QStringLiteral("with"), QStringLiteral("unisex"), QStringLiteral("graphic"), QStringLiteral("sweatshirt"), QStringLiteral("hoodie"),
        QStringLiteral("top"), QStringLiteral("tank"), QStringLiteral("apparel"), QStringLiteral("novelty"), QStringLiteral("of"),
        QStringLiteral("in"), QStringLiteral("to"), QStringLiteral("my"), QStringLiteral("birthday"), QStringLiteral("sleeve"),
        QStringLiteral("short"), QStringLiteral("long"), QStringLiteral("crewneck"), QStringLiteral("mug"), QStringLiteral("poster"),
        QStringLiteral("sticker"), QStringLiteral("design"), QStringLiteral("lover"), QStringLiteral("lovers"), QStringLiteral("shirt,"),
        QStringLiteral("funny"), QStringLiteral("cute"), QStringLiteral("vintage"), QStringLiteral("retro"), QStringLiteral("classic"),
        QStringLiteral("cool"), QStringLiteral("best"), QStringLiteral("idea"), QStringLiteral("ideas"), QStringLiteral("present"),
        QStringLiteral("is"), QStringLiteral("on"), QStringLiteral("by"), QStringLiteral("or"), QStringLiteral("it"),
        QStringLiteral("size"), QStringLiteral("plus"), QStringLiteral("oversized"), QStringLiteral("comfort"), QStringLiteral("colors")};
    return words;
}

QStringList words(const QString &text)
{
    static const QRegularExpression split(QStringLiteral("[^\\p{L}\\p{N}'&-]+"));
    return text.toLower().split(split, Qt::SkipEmptyParts);
}

bool hasAny(const QStringList &haystack, std::initializer_list<const char *> needles)
{
    for (const char *n : needles)
        if (haystack.contains(QLatin1String(n)))
            return true;
    return false;
}

QString motifFor(const QStringList &w)
{
    if (hasAny(w, {"dog", "cat", "pet", "puppy", "kitten", "paw", "dogs", "cats", "rescue"}))
        return QStringLiteral("paw");
    if (hasAny(w, {"camping", "camp", "hike", "hiking", "mountain", "mountains", "outdoor", "outdoors", "adventure", "trail", "ski", "climbing"}))
        return QStringLiteral("mountains");
    if (hasAny(w, {"ocean", "surf", "sea", "fishing", "fish", "sail", "lake", "wave", "waves"}))
        return QStringLiteral("waves");
    if (hasAny(w, {"coffee", "tea", "cafe", "book", "books", "reading", "espresso", "latte"}))
        return QStringLiteral("cup");
    if (hasAny(w, {"christmas", "xmas", "forest", "tree", "pine", "holiday"}))
        return QStringLiteral("tree");
    if (hasAny(w, {"halloween", "spooky", "witch", "night", "moon", "ghost", "astronomy", "space"}))
        return QStringLiteral("moon");
    if (hasAny(w, {"gym", "fitness", "gamer", "gaming", "workout", "lifting", "energy", "electric"}))
        return QStringLiteral("bolt");
    if (hasAny(w, {"mom", "mama", "love", "wife", "valentine", "nurse", "teacher", "grandma", "mother", "heart"}))
        return QStringLiteral("heart");
    if (hasAny(w, {"summer", "sunset", "beach", "sun", "vacation", "tropical", "70s", "80s"}))
        return QStringLiteral("sun");
    return QStringLiteral("star");
}

/** The niche's style words, dominant first, then its colours, lower case. */
QStringList styleWords(const StylePatterns &patterns)
{
    QStringList out;
    for (const QStringList &labels : {patterns.dominant, patterns.styles.labels(), patterns.colours.labels()})
        for (const QString &label : labels)
            if (!out.contains(label.toLower()))
                out << label.toLower();
    return out;
}

/** A word for the season the niche peaks in, or empty when it sells all year. */
QString seasonWord(const Season &season)
{
    if (season.isEvergreen())
        return QString();
    const int m = season.peakMonths.first();
    if (m == 10)
        return QStringLiteral("halloween");
    if (m == 11 || m == 12)
        return QStringLiteral("holiday");
    if (m >= 6 && m <= 8)
        return QStringLiteral("summer");
    if (m >= 3 && m <= 5)
        return QStringLiteral("spring");
    return QStringLiteral("winter");
}

} // namespace

PromptBuilder::PromptBuilder(int year)
    : m_year(year > 0 ? year : QDate::currentDate().year())
{
}

QStringList PromptBuilder::subjectWords(const QString &niche)
{
    QStringList out;
    for (const QString &w : words(niche))
        if (!fillerWords().contains(w) && !out.contains(w))
            out << w;
    if (out.isEmpty())
        out = words(niche).mid(0, 2);
    if (out.isEmpty())
        out << QStringLiteral("good vibes");
    return out;
}

QString PromptBuilder::negativePrompt()
{
    return QStringLiteral("no logos, no brand names, no trademarks, no copyrighted or famous characters, no celebrity likeness, "
                          "no text copied from existing listings, no watermark, no signature, no photo background, "
                          "no mockup, no garment, no frame");
}

QString PromptBuilder::imagePrompt(const DesignBrief &b)
{
    QStringList colors;
    for (const QColor &c : b.palette.colors)
        colors << c.name();
    const QHash<QString, QString> styleText{
        {designstyle::Typographic, QStringLiteral("bold typographic illustration")},
        {designstyle::Badge, QStringLiteral("vintage badge emblem illustration")},
        {designstyle::RetroSunset, QStringLiteral("1970s retro sunset illustration with stripes")},
        {designstyle::MinimalLine, QStringLiteral("minimal single-line art")},
        {designstyle::Distressed, QStringLiteral("distressed vintage screen-print illustration")}};
    return QStringLiteral("Original print-on-demand t-shirt artwork about %1 for %2. Concept: %3 Style: %4, flat vector shapes, "
                          "a %5 motif, limited palette (%6), centered composition, isolated on a plain transparent background, "
                          "high contrast on a %7 shirt, no text in the image. Avoid: %8.")
        .arg(b.niche, b.audience.isEmpty() ? QStringLiteral("fans of the niche") : b.audience, b.conceptText,
             styleText.value(b.style, b.style), b.motif, colors.join(QStringLiteral(", ")), b.palette.garment.name(), b.negativePrompt);
}

QList<DesignBrief> PromptBuilder::build(const Trend &trend, const QStringList &bestTitles, int variants, quint32 seed) const
{
    QRandomGenerator rng(seed ^ 0x9e3779b9u);
    const QStringList subject = subjectWords(trend.niche);
    QStringList allWords = words(trend.niche);
    QHash<QString, int> titleWordCounts;
    for (const QString &t : bestTitles)
        for (const QString &w : words(t))
            if (!fillerWords().contains(w) && w.size() > 2 && !w.front().isDigit())
                ++titleWordCounts[w];
    QStringList themeWords = titleWordCounts.keys();
    std::sort(themeWords.begin(), themeWords.end(), [&](const QString &a, const QString &b) {
        return titleWordCounts.value(a) != titleWordCounts.value(b) ? titleWordCounts.value(a) > titleWordCounts.value(b) : a < b;
    });
    const QStringList styles = styleWords(trend.stylePatterns);
    const QString season = seasonWord(trend.season);
    allWords << themeWords.mid(0, 8) << styles.mid(0, 6);
    if (!season.isEmpty())
        allWords << season;

    // Subject phrase printed on the design: at most two words of the niche itself.
    TextSafety safety;
    QStringList safeSubject;
    for (const QString &w : subject)
        if (safety.check(w).isEmpty())
            safeSubject << w;
    if (safeSubject.isEmpty())
        safeSubject << QStringLiteral("good vibes");
    const QString S = safeSubject.mid(0, 2).join(QLatin1Char(' ')).toUpper();
    const QString s = S.toLower();
    const QString audience = trend.targetAudience.buyers();
    bool women = hasAny(words(trend.niche), {"women", "woman", "mom", "mama", "girl", "girls", "her", "wife"});
    for (const AudienceClaim &c : trend.targetAudience.claimsOf(AudienceKind::Gender))
        women = women || c.label == QLatin1String("women");

    // Palettes ranked by how many of their moods appear in the niche, theme and style words.
    QList<QPair<int, int>> ranked; // (score, index)
    const QList<Palette> &palettes = designresources::palettes();
    for (int i = 0; i < palettes.size(); ++i) {
        int score = 0;
        for (const QString &m : palettes.at(i).moods)
            for (const QString &w : std::as_const(allWords))
                if (w == m || (m.size() > 3 && w.startsWith(m)))
                    score += 2;
        ranked.append({score * 100 + int(rng.bounded(50)), i});
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });

    QStringList styleOrder = designstyle::all();
    std::rotate(styleOrder.begin(), styleOrder.begin() + int(seed % quint32(styleOrder.size())), styleOrder.end());
    if (hasAny(allWords, {"retro", "sunset", "70s", "80s", "summer"})) {
        styleOrder.removeAll(designstyle::RetroSunset);
        styleOrder.prepend(designstyle::RetroSunset);
    }

    const QString year = QString::number(m_year);
    const QString motif = motifFor(allWords);
    const QString themeWord = themeWords.isEmpty() ? QString() : themeWords.first().toUpper();

    QList<DesignBrief> out;
    for (int v = 0; v < std::max(1, variants); ++v) {
        DesignBrief b;
        b.variant = v + 1;
        b.seed = seed + quint32(v) * 7919u;
        b.niche = trend.niche;
        b.category = trend.category;
        b.audience = audience;
        b.style = styleOrder.at(v % styleOrder.size());
        b.motif = motif;
        b.palette = palettes.at(ranked.at(v % ranked.size()).second);
        b.sourceTitles = bestTitles.mid(0, 5);

        // Slogan options per style; the variant picks one by its seed, the rest stay as options.
        QStringList options;
        if (b.style == designstyle::Typographic)
            options = {S + QStringLiteral("\nIS MY\nTHERAPY"), QStringLiteral("EASILY\nDISTRACTED\nBY ") + S,
                       QStringLiteral("WEEKEND\nFORECAST\n") + S, QStringLiteral("POWERED\nBY\n") + S};
        else if (b.style == designstyle::Badge)
            options = {S + QStringLiteral("\nCLUB"), S + QStringLiteral("\nCREW"), S + QStringLiteral("\nSOCIETY")};
        else if (b.style == designstyle::RetroSunset)
            options = {QStringLiteral("Good Vibes\n") + S, QStringLiteral("Stay Wild\n") + S, QStringLiteral("Sunny Days\n") + S};
        else if (b.style == designstyle::MinimalLine)
            options = {s + QStringLiteral("\nseason"), QStringLiteral("less talk\nmore ") + s, QStringLiteral("all about\n") + s};
        else
            options = {QStringLiteral("VINTAGE\n") + S + QStringLiteral("\nDEPT."), S + QStringLiteral("\nLEGEND"),
                       QStringLiteral("OLD SCHOOL\n") + S};
        if (women && b.style == designstyle::Typographic)
            options.prepend(QStringLiteral("JUST A GIRL\nWHO LOVES\n") + S);
        const int pick = int(b.seed % quint32(options.size()));
        b.slogan = options.at(pick);
        b.sloganOptions = options;

        const QStringList taglines{QStringLiteral("EST. ") + year, QStringLiteral("SINCE ") + year,
                                   (themeWord.isEmpty() || S.contains(themeWord) ? QString(QStringLiteral("EST. ") + year)
                                                                                 : QString(themeWord + QStringLiteral(" • ") + year))};
        b.tagline = taglines.at(int((b.seed / 7u) % quint32(taglines.size())));

        const QHash<QString, QString> compositions{
            {designstyle::Typographic, QStringLiteral("stacked slogan lines fitted to the chest width, alternating palette colours, thin rules and a small tagline")},
            {designstyle::Badge, QStringLiteral("round emblem: double ring with the tagline on the arc, the motif in the centre, a ribbon banner with the slogan")},
            {designstyle::RetroSunset, QStringLiteral("striped half sun behind a dark motif silhouette, script slogan across the top, condensed tagline below")},
            {designstyle::MinimalLine, QStringLiteral("single-colour outline motif centred, lowercase slogan in wide letter spacing, thin rules")},
            {designstyle::Distressed, QStringLiteral("arched heading over the motif, heavy slab slogan, worn screen-print texture throughout")}};
        b.composition = compositions.value(b.style);
        b.conceptText = QStringLiteral("An original %1 design celebrating %2%3, with a %4 motif and the slogan \"%5\".")
                        .arg(QString(b.style).replace(QLatin1Char('_'), QLatin1Char(' ')), s,
                             audience.isEmpty() ? QString() : QStringLiteral(" for ") + audience, b.motif, b.sloganLine());
        b.negativePrompt = negativePrompt();
        b.textPrompt = imagePrompt(b);
        out << b;
    }
    return out;
}

} // namespace podtrends::core
