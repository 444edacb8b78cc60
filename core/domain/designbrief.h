#pragma once

#include <core/domain/palette.h>

#include <QJsonObject>
#include <QStringList>

namespace podtrends::core {

/** The built-in renderer's layouts; each variant of a trend gets a different one. */
namespace designstyle {
inline const QString Typographic = QStringLiteral("typographic");
inline const QString Badge = QStringLiteral("badge");
inline const QString RetroSunset = QStringLiteral("retro_sunset");
inline const QString MinimalLine = QStringLiteral("minimal_line");
inline const QString Distressed = QStringLiteral("distressed");
/** All styles in the order variants take them. */
QStringList all();
/** The style in a seller's words ("retro sunset"), translated; the key itself when unknown. */
QString displayName(const QString &style);
} // namespace designstyle

/**
 * One variant's creative brief: what to draw, in which words, colours and layout, and what to
 * avoid. Stored in designs.design_metadata (as part of DesignMetadata) and designs.design_prompt
 * (textPrompt).
 */
struct DesignBrief
{
    int variant = 0;
    quint32 seed = 0;
    QString niche;
    QString category;
    QString audience;            ///< e.g. "dog owners, women"
    QString conceptText;             ///< one sentence
    QString slogan;              ///< the text printed on the design ("\n" splits lines)
    QStringList sloganOptions;   ///< alternatives the user can pick in the editor
    QString tagline;             ///< small secondary text ("EST. 2025", "ADVENTURE CLUB")
    QString style;               ///< one of designstyle
    QString motif;               ///< mountains, sun, waves, paw, heart, star, cup, tree, bolt
    Palette palette;
    QString composition;
    QString negativePrompt;
    QString textPrompt;          ///< the prompt for an image model
    QString provider = QStringLiteral("builtin");
    QStringList sourceTitles;    ///< best-selling titles the brief was built from (never printed)

    /** The slogan on one line, for titles and safety checks. */
    QString sloganLine() const;

    friend bool operator==(const DesignBrief &, const DesignBrief &) = default;
};

/** What the text-safety check found in a design's title and slogan. */
struct SafetyReview
{
    QStringList matches; ///< protected names found
    QString warning;     ///< a sentence for the seller; empty when nothing was found

    friend bool operator==(const SafetyReview &, const SafetyReview &) = default;
};

/**
 * A design's metadata (designs.design_metadata): the brief it was made from, what the safety
 * check found, and store tags (rows from the seed may carry them; empty: the product type's).
 */
struct DesignMetadata
{
    DesignBrief brief;
    SafetyReview safety;
    QStringList tags;

    /**
     * The brief's fields by their snake_case names ("variant", "seed", "concept", "slogan",
     * "slogan_options", "style", "motif", "palette", "colors", "ink", "garment", "provider", …),
     * "safety": {"matches", "warning"} and "tags".
     */
    QJsonObject toJson() const;
    /** A palette without stored colours keeps only its name (the renderer looks it up). */
    static DesignMetadata fromJson(const QJsonObject &object);

    friend bool operator==(const DesignMetadata &, const DesignMetadata &) = default;
};

} // namespace podtrends::core
