#pragma once

#include <core/domain/designbrief.h>
#include <core/domain/trend.h>

#include <QList>
#include <QStringList>

namespace podtrends::core {

/**
 * Builds per-variant creative briefs from a trend (niche, audience, style patterns, season) and
 * the titles of its best-selling products. Pure and deterministic: the same inputs and seed give
 * the same briefs. Titles only inform theme words; they are never copied onto a design.
 */
class PromptBuilder final
{
public:
    /** @param year used in taglines ("EST. 2026"); 0 means the current year. */
    explicit PromptBuilder(int year = 0);

    /** One brief per variant (variants ≥ 1), each with its own style, palette, slogan and seed. */
    QList<DesignBrief> build(const Trend &trend, const QStringList &bestTitles, int variants, quint32 seed) const;

    /** The words that describe the subject of a niche ("retro camping shirt" → "camping"). */
    static QStringList subjectWords(const QString &niche);
    /** The text prompt for an image model, from a brief. */
    static QString imagePrompt(const DesignBrief &brief);
    /** The negative prompt every brief carries. */
    static QString negativePrompt();

private:
    int m_year;
};

} // namespace podtrends::core
