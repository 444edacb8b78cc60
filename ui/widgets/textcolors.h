#pragma once

#include <QColor>
#include <QPalette>

namespace podtrends::ui {

/**
 * Text colours for errors and success that stay readable on the palette in use: dark red and
 * green on a light window, light ones on a dark or high-contrast (black) one. Every coloured
 * status text goes through these instead of a fixed colour.
 */
QColor errorTextColor(const QPalette &palette);
QColor successTextColor(const QPalette &palette);
/** A style sheet fragment "color: #rrggbb;" for a status label. */
QString errorStyleSheet(const QPalette &palette);
QString successStyleSheet(const QPalette &palette);

/** WCAG 2 contrast ratio of two colours (1 to 21). */
double contrastRatio(const QColor &a, const QColor &b);

} // namespace podtrends::ui
