#pragma once

#include <QPalette>

class QChart;

namespace podtrends::ui {

/**
 * Colours a finished chart from the widget palette, so a dark desktop gets dark charts instead of
 * white cards: background and plot area from Base, labels, titles and legend from Text, grid and
 * axis lines from Mid. Series colours stay (they carry meaning: score colours, marketplaces).
 * Call it after the chart's axes are added.
 */
void styleChart(QChart *chart, const QPalette &palette);

/** True when the palette's window is dark (lightness under half). */
bool isDarkPalette(const QPalette &palette);

} // namespace podtrends::ui
