#include "opportunitychart.h"

#include "scorebardelegate.h"

#include <ui/models/trendtablemodel.h>
#include <ui/widgets/chartstyle.h>

#include <QChart>
#include <QScatterSeries>
#include <QSet>
#include <QToolTip>
#include <QValueAxis>

#include <functional>

namespace podtrends::ui {

namespace {
constexpr double kBandLimits[] = {40.0, 70.0};
constexpr double kBandSizes[] = {9.0, 14.0, 20.0};
} // namespace

OpportunityChart::OpportunityChart(QWidget *parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    auto *chart = new QChart;
    chart->setTitle(tr("Opportunity map (bubble size: profit)"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *x = new QValueAxis;
    x->setTitleText(tr("Demand →"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto *y = new QValueAxis;
    y->setTitleText(tr("Competition ↑"));
    y->setLabelFormat(QStringLiteral("%d"));
    // Room for markers at the edges; ticks stay on 0, 25, … 100.
    for (QValueAxis *axis : {x, y}) {
        axis->setRange(-5, 105);
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
        axis->setTickInterval(25);
    }
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    const QString names[] = {tr("Low profit"), tr("Medium"), tr("High")};
    const QColor colors[] = {ScoreBarDelegate::scoreColor(20), ScoreBarDelegate::scoreColor(55), ScoreBarDelegate::scoreColor(85)};
    for (int b = 0; b < 3; ++b) {
        auto *s = new QScatterSeries;
        s->setName(names[b]);
        s->setMarkerSize(kBandSizes[b]);
        QColor c = colors[b];
        c.setAlpha(170);
        s->setColor(c);
        s->setBorderColor(colors[b].darker(130));
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        connect(s, &QScatterSeries::clicked, this, [this](const QPointF &p) {
            if (const qint64 id = nearestTrend(p))
                Q_EMIT trendClicked(id);
        });
        connect(s, &QScatterSeries::hovered, this, [this](const QPointF &p, bool state) {
            if (!state || !m_model) {
                QToolTip::hideText();
                return;
            }
            const qint64 id = nearestTrend(p);
            for (const QModelIndex &row : trendRows())
                if (row.data(TrendTableModel::TrendIdRole).toLongLong() == id)
                    QToolTip::showText(QCursor::pos(), tr("%1 — opportunity %2").arg(row.siblingAtColumn(TrendTableModel::Niche).data().toString(),
                                                                                   row.siblingAtColumn(TrendTableModel::Opportunity).data().toString()));
        });
        m_bands << s;
    }
    m_selected = new QScatterSeries;
    m_selected->setName(tr("Selected"));
    m_selected->setMarkerSize(26);
    m_selected->setColor(Qt::transparent);
    m_selected->setBorderColor(palette().color(QPalette::Highlight));
    QPen pen(palette().color(QPalette::Highlight), 3);
    m_selected->setPen(pen);
    chart->addSeries(m_selected);
    m_selected->attachAxis(x);
    m_selected->attachAxis(y);
    styleChart(chart, palette());
    setChart(chart);
    describeChart(this);
}

void OpportunityChart::setModel(QAbstractItemModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &OpportunityChart::rebuild);
        connect(model, &QAbstractItemModel::layoutChanged, this, &OpportunityChart::rebuild);
        connect(model, &QAbstractItemModel::rowsInserted, this, &OpportunityChart::rebuild);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &OpportunityChart::rebuild);
        connect(model, &QAbstractItemModel::dataChanged, this, &OpportunityChart::rebuild);
    }
    rebuild();
}

void OpportunityChart::setSelectedTrend(qint64 trendId)
{
    m_selectedId = trendId;
    rebuild();
}

void OpportunityChart::rebuild()
{
    QList<QPointF> bands[3];
    QList<QPointF> selected;
    if (m_model) {
        for (const QModelIndex &row : trendRows()) {
            const double demand = row.siblingAtColumn(TrendTableModel::Demand).data(TrendTableModel::RawRole).toDouble();
            const double competition = row.siblingAtColumn(TrendTableModel::Competition).data(TrendTableModel::RawRole).toDouble();
            const double profit = row.siblingAtColumn(TrendTableModel::Profitability).data(TrendTableModel::RawRole).toDouble();
            if (demand < 0 || competition < 0)
                continue; // no demand signal: not on the map
            const int band = profit < kBandLimits[0] ? 0 : (profit < kBandLimits[1] ? 1 : 2);
            bands[band] << QPointF(demand, competition);
            if (row.data(TrendTableModel::TrendIdRole).toLongLong() == m_selectedId)
                selected << QPointF(demand, competition);
        }
    }
    for (int b = 0; b < 3; ++b)
        m_bands[b]->replace(bands[b]);
    m_selected->replace(selected);
}

QList<QModelIndex> OpportunityChart::trendRows() const
{
    // Refinements are child rows and the niche × product type view repeats a niche: every trend once.
    QList<QModelIndex> rows;
    QSet<qint64> seen;
    std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex row = m_model->index(r, 0, parent);
            if (!seen.contains(row.data(TrendTableModel::TrendIdRole).toLongLong())) {
                seen.insert(row.data(TrendTableModel::TrendIdRole).toLongLong());
                rows << row;
            }
            visit(row);
        }
    };
    if (m_model)
        visit({});
    return rows;
}

qint64 OpportunityChart::nearestTrend(const QPointF &point) const
{
    if (!m_model)
        return 0;
    qint64 best = 0;
    double bestDistance = 1e9;
    for (const QModelIndex &row : trendRows()) {
        const double dx = row.siblingAtColumn(TrendTableModel::Demand).data(TrendTableModel::RawRole).toDouble() - point.x();
        const double dy = row.siblingAtColumn(TrendTableModel::Competition).data(TrendTableModel::RawRole).toDouble() - point.y();
        const double d = dx * dx + dy * dy;
        if (d < bestDistance) {
            bestDistance = d;
            best = row.data(TrendTableModel::TrendIdRole).toLongLong();
        }
    }
    return best;
}

} // namespace podtrends::ui
