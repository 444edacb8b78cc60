#include "trendcharts.h"

#include "scorebardelegate.h"
#include "wording.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QHorizontalStackedBarSeries>
#include <QLineSeries>
#include <QLocale>
#include <QPieSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace podtrends::ui {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TrendCharts)
};

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setBackgroundRoundness(4);
    return chart;
}

} // namespace

QChart *TrendCharts::scoreBreakdown(const core::Trend &t)
{
    QChart *chart = newChart(Tr::tr("Opportunity breakdown"));
    auto *measured = new QBarSet(Tr::tr("Measured"));
    auto *estimated = new QBarSet(Tr::tr("Estimated"));
    measured->setColor(QColor(0x2f, 0x6f, 0xb5));
    estimated->setColor(QColor(0xa9, 0xc3, 0xe0));
    // The opportunity's parts; a part without data has no bar and says so in its label.
    const core::ScoreComponent parts[] = {core::ScoreComponent::Profitability, core::ScoreComponent::Competition,
                                          core::ScoreComponent::Growth, core::ScoreComponent::Demand};
    QStringList categories;
    for (core::ScoreComponent component : parts) {
        const core::ScorePart &part = t.opportunity.part(component);
        const double value = part.value.value_or(0.0);
        const bool isMeasured = part.isMeasured();
        *measured << (isMeasured ? value : 0.0);
        *estimated << (isMeasured ? 0.0 : value);
        categories << (part.value ? core::displayName(component) : Tr::tr("%1 (no data)").arg(core::displayName(component)));
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->append(measured);
    series->append(estimated);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    auto *x = new QValueAxis;
    x->setRange(0, 100);
    x->setLabelFormat(QStringLiteral("%d"));
    x->setTickCount(6);
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

QChart *TrendCharts::priceHistogram(const QList<double> &prices)
{
    QChart *chart = newChart(Tr::tr("Price distribution"));
    chart->legend()->hide();
    if (prices.isEmpty())
        return chart;
    const auto [lo, hi] = std::minmax_element(prices.cbegin(), prices.cend());
    const double min = std::floor(*lo);
    const double max = std::ceil(*hi);
    const int bins = std::clamp(int(max - min) / 2 + 1, 1, 8);
    const double width = std::max(1.0, (max - min) / bins);
    QList<int> counts(bins, 0);
    for (double p : prices)
        ++counts[std::clamp(int((p - min) / width), 0, bins - 1)];
    auto *set = new QBarSet(Tr::tr("Products"));
    set->setColor(QColor(0x5b, 0x8d, 0xc9));
    QStringList labels;
    for (int b = 0; b < bins; ++b) {
        *set << counts.at(b);
        labels << formatMoney(min + b * width, QStringLiteral("$"), 0);
    }
    auto *series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.9);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(labels);
    x->setTitleText(Tr::tr("Price ($)"));
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    const int top = *std::max_element(counts.cbegin(), counts.cend()) + 1;
    y->setRange(0, top);
    y->setTickCount(std::min(top, 6) + 1); // whole numbers of products
    if (top > 6)
        y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

QChart *TrendCharts::marketplaceSplit(const core::MarketplaceCounts &counts)
{
    QChart *chart = newChart(Tr::tr("Marketplaces"));
    chart->legend()->setAlignment(Qt::AlignRight);
    auto *series = new QPieSeries;
    series->setHoleSize(0.45);
    const QHash<core::Marketplace, QColor> colors{{core::Marketplace::Etsy, QColor(0xf1, 0x64, 0x1e)},
                                                  {core::Marketplace::Amazon, QColor(0x23, 0x2f, 0x3e)},
                                                  {core::Marketplace::Shopify, QColor(0x5e, 0x8e, 0x3e)}};
    for (core::Marketplace m : counts.marketplaces()) {
        QPieSlice *slice = series->append(QStringLiteral("%1 (%2)").arg(core::displayName(m)).arg(counts.count(m)), counts.count(m));
        slice->setColor(colors.value(m));
    }
    chart->addSeries(series);
    return chart;
}

QChart *TrendCharts::history(const QList<core::TrendHistoryPoint> &points)
{
    QChart *chart = newChart(Tr::tr("Reviews over time (snapshots)"));
    chart->legend()->hide();
    auto *line = new QLineSeries;
    line->setName(Tr::tr("Reviews"));
    QPen pen(QColor(0x2e, 0x9d, 0x5b), 2.5);
    line->setPen(pen);
    auto *dots = new QScatterSeries;
    dots->setMarkerSize(8);
    dots->setColor(QColor(0x2e, 0x9d, 0x5b));
    qint64 maxReviews = 0;
    qint64 minReviews = std::numeric_limits<qint64>::max();
    for (const core::TrendHistoryPoint &p : points) {
        const double x = double(p.day.startOfDay(Qt::UTC).toMSecsSinceEpoch());
        line->append(x, double(p.reviews));
        dots->append(x, double(p.reviews));
        maxReviews = std::max(maxReviews, p.reviews);
        minReviews = std::min(minReviews, p.reviews);
    }
    chart->addSeries(line);
    chart->addSeries(dots);
    auto *x = new QDateTimeAxis;
    x->setFormat(dayMonthFormat());
    x->setTickCount(std::clamp(int(points.size()), 2, 6));
    if (!points.isEmpty()) {
        const QDateTime first = points.first().day.startOfDay(Qt::UTC);
        const QDateTime last = points.last().day.startOfDay(Qt::UTC);
        x->setRange(first.addDays(-1), last.addDays(1));
    }
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    if (!points.isEmpty())
        y->setRange(double(minReviews) * 0.9, double(maxReviews) * 1.05 + 1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : {static_cast<QAbstractSeries *>(line), static_cast<QAbstractSeries *>(dots)}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    return chart;
}

} // namespace podtrends::ui
