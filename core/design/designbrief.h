#pragma once

#include <core/design/designresources.h>

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
} // namespace designstyle

/**
 * One variant's creative brief: what to draw, in which words, colours and layout, and what to
 * avoid. Stored in designs.design_metadata (toMetadata) and designs.design_prompt (textPrompt).
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

    QJsonObject toMetadata() const;
    static DesignBrief fromMetadata(const QJsonObject &metadata);
    /** The slogan on one line, for titles and safety checks. */
    QString sloganLine() const;
};

} // namespace podtrends::core
