#pragma once

#include <core/domain/trend.h>
#include <core/storage/trendrepository.h>

class QChart;

namespace podtrends::ui {

/** Builds the charts of one trend; each returns a new QChart owned by the caller (a QChartView). */
class TrendCharts final
{
public:
    /** The four scores as bars, measured ones solid and estimated ones in a lighter set. */
    static QChart *scoreBreakdown(const core::Trend &trend);
    /** Prices of the trend's products in up to eight bins. */
    static QChart *priceHistogram(const QList<double> &prices);
    /** Products per marketplace as a donut. */
    static QChart *marketplaceSplit(const core::MarketplaceCounts &counts);
    /** Review totals per day from snapshots. */
    static QChart *history(const QList<core::TrendHistoryPoint> &points);
};

} // namespace podtrends::ui
