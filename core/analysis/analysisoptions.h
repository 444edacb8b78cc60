#pragma once

#include <core/analysis/scoring.h>

#include <QHash>
#include <QDateTime>
#include <QString>

namespace podtrends::core {

/** How an analysis run scores and groups (Settings → Scoring; the CLI reads the same settings). */
struct AnalysisOptions
{
    ScoreWeights weights;
    /** Product type (see TextNormalizer::productTypes()) → base cost per item. Empty: not configured. */
    QHash<QString, double> baseCosts;
    double feePercent = 6.5;   ///< marketplace fee as a percentage of the price
    double feeFixed = 0.20;    ///< fixed fee per sale
    int minProducts = 3;       ///< the seed's rule: a trend needs at least this many products
    int threads = 0;           ///< worker threads; 0 = one per core
    /** Record the run as a jobs row of its own. A worker running a queued "analyze" job turns this
     *  off: the leased job row already records the run. */
    bool recordJob = true;
    /** "Now" for listing ages (recent listings); unset: the time the analysis runs. */
    QDateTime now;
    /** The user's protected-names file (TextSafety::userListPath() when empty). */
    QString protectedNamesPath;

    /** Reads analysis/… settings (weights, base costs, fees). */
    static AnalysisOptions fromSettings();
    /** Writes weights, base costs and fees to the settings. */
    void save() const;
    /** Typical print-on-demand base costs (USD), offered by the settings tab as a starting point. */
    static QHash<QString, double> typicalBaseCosts();
};

} // namespace podtrends::core
