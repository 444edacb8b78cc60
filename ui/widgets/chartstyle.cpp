#include "chartstyle.h"

#include <algorithm>

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QLegend>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QXYSeries>

namespace podtrends::ui {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ChartText)
};

QString number(qreal value)
{
    return QLocale().toString(value, 'g', 4);
}
} // namespace

QString chartSummary(const QChart *chart)
{
    if (!chart)
        return {};
    QStringList parts;
    const QList<QAbstractSeries *> series = chart->series();
    for (QAbstractSeries *s : series) {
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(s)) {
            QStringList categories;
            for (QAbstractAxis *axis : bars->attachedAxes())
                if (auto *category = qobject_cast<QBarCategoryAxis *>(axis))
                    categories = category->categories();
            const QList<QBarSet *> sets = bars->barSets();
            for (const QBarSet *set : sets) {
                QStringList values;
                for (int i = 0; i < set->count(); ++i) {
                    const QString label = categories.value(i);
                    values << (label.isEmpty() ? number(set->at(i)) : Tr::tr("%1 %2").arg(label, number(set->at(i))));
                }
                if (!values.isEmpty())
                    parts << (sets.size() > 1 && !set->label().isEmpty() ? Tr::tr("%1: %2").arg(set->label(), values.join(QStringLiteral(", ")))
                                                                         : values.join(QStringLiteral(", ")));
            }
        } else if (auto *xy = qobject_cast<QXYSeries *>(s)) {
            const QList<QPointF> points = xy->points();
            if (points.isEmpty())
                continue;
            qreal low = points.first().y(), high = low;
            for (const QPointF &p : points) {
                low = std::min(low, p.y());
                high = std::max(high, p.y());
            }
            const QString name = xy->name().isEmpty() ? Tr::tr("values") : xy->name();
            parts << Tr::tr("%1: %n point(s) from %2 to %3", nullptr, int(points.size())).arg(name, number(low), number(high));
        } else if (auto *pie = qobject_cast<QPieSeries *>(s)) {
            QStringList slices;
            for (const QPieSlice *slice : pie->slices())
                slices << Tr::tr("%1 %2").arg(slice->label(), number(slice->value()));
            parts << slices.join(QStringLiteral(", "));
        }
    }
    const QString data = parts.isEmpty() ? Tr::tr("no data yet") : parts.join(QStringLiteral("; "));
    return chart->title().isEmpty() ? data : Tr::tr("%1: %2").arg(chart->title(), data);
}

void describeChart(QChartView *view, const QString &name)
{
    if (!view)
        return;
    const QString title = name.isEmpty() && view->chart() ? view->chart()->title() : name;
    view->setAccessibleName(title.isEmpty() ? Tr::tr("Chart") : title);
    view->setAccessibleDescription(chartSummary(view->chart()));
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void styleChart(QChart *chart, const QPalette &palette)
{
    if (!chart)
        return;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    // Grid lines a step away from the background, in either direction.
    // (lighter() leaves black black: a high-contrast palette gets a grey a fifth of the way to the text.)
    const QColor grid = base.lightness() < 24 ? QColor::fromRgbF(0.2f * text.redF(), 0.2f * text.greenF(), 0.2f * text.blueF())
                        : isDarkPalette(palette) ? base.lighter(160) : base.darker(112);
    const QColor line = palette.color(QPalette::Mid);
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(QPen(grid));
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
        axis->setLinePenColor(line);
    }
}

} // namespace podtrends::ui
