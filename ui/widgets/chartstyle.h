#pragma once

#include <QPalette>
#include <QString>

class QChart;
class QChartView;

namespace podtrends::ui {

/**
 * Colours a finished chart from the widget palette, so a dark desktop gets dark charts instead of
 * white cards: background and plot area from Base, labels, titles and legend from Text, grid and
 * axis lines from Mid. Series colours stay (they carry meaning: score colours, marketplaces).
 * Call it after the chart's axes are added.
 */
void styleChart(QChart *chart, const QPalette &palette);

/**
 * The chart's data in one sentence, for screen readers: "Top opportunities: axolotl 50,
 * bigfoot camping 42" for bars (categories and values), the number of points and their range
 * for lines and scatters, each slice for pies.
 */
QString chartSummary(const QChart *chart);

/**
 * Names the view for assistive technology (name, or the chart's title) and sets its text
 * alternative from chartSummary(); call it after every setChart.
 */
void describeChart(QChartView *view, const QString &name = {});

/** True when the palette's window is dark (lightness under half). */
bool isDarkPalette(const QPalette &palette);

} // namespace podtrends::ui
