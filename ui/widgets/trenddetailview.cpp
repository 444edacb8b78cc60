#include "trenddetailview.h"

#include "chartstyle.h"
#include "trendcharts.h"

#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QResizeEvent>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace podtrends::ui {

namespace {

QChartView *chartView(QWidget *parent)
{
    auto *v = new QChartView(parent);
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumHeight(210);
    v->setChart(new QChart);
    styleChart(v->chart(), v->palette());
    describeChart(v);
    return v;
}

void replaceChart(QChartView *view, QChart *chart)
{
    styleChart(chart, view->palette());
    QChart *old = view->chart();
    view->setChart(chart);
    describeChart(view);
    delete old;
}

QString countsLine(const QString &label, const core::EvidenceCounts &counts, int total,
                   const std::function<QString(const QString &)> &words = {})
{
    if (counts.isEmpty())
        return {};
    QStringList parts;
    for (qsizetype i = 0; i < counts.items().size() && i < 6; ++i) {
        const core::EvidenceCount &c = counts.items().at(i);
        parts << QStringLiteral("%1 <span style='color:gray'>%2/%3</span>").arg((words ? words(c.label) : c.label).toHtmlEscaped()).arg(c.count).arg(total);
    }
    return QStringLiteral("<b>%1:</b> %2<br>").arg(label, parts.join(QStringLiteral(", ")));
}

} // namespace

TrendDetailView::TrendDetailView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 8);
    auto *top = new QHBoxLayout;
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.35);
    f.setWeight(QFont::DemiBold);
    m_title->setFont(f);
    m_generate = new QPushButton(QIcon::fromTheme(QStringLiteral("applications-graphics")), tr("&Generate designs"), this);
    m_generate->setToolTip(tr("Create original designs for this niche on the Designs page"));
    connect(m_generate, &QPushButton::clicked, this, [this] {
        if (m_trend.id > 0)
            Q_EMIT generateRequested(m_trend.id);
    });
    top->addWidget(m_title, 1);
    top->addWidget(m_generate);
    layout->addLayout(top);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_grid = new QGridLayout;
    m_breakdown = chartView(this);
    m_prices = chartView(this);
    m_markets = chartView(this);
    m_history = chartView(this);
    placeCharts(2);
    layout->addLayout(m_grid);

    m_formulas = new QLabel(this);
    m_formulas->setWordWrap(true);
    m_formulas->setTextFormat(Qt::RichText);
    layout->addWidget(m_formulas);
    m_howButton = new QToolButton(this);
    m_howButton->setText(tr("How is this computed?"));
    m_howButton->setCheckable(true);
    m_howButton->setAutoRaise(true);
    m_howButton->setArrowType(Qt::RightArrow);
    m_howButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_how = new QLabel(this);
    m_how->setWordWrap(true);
    m_how->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_how->setVisible(false);
    connect(m_howButton, &QToolButton::toggled, this, [this](bool open) {
        m_how->setVisible(open);
        m_howButton->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    layout->addWidget(m_howButton);
    layout->addWidget(m_how);
    auto *columns = new QHBoxLayout;
    m_evidence = new QLabel(this);
    m_evidence->setWordWrap(true);
    m_evidence->setTextFormat(Qt::RichText);
    m_evidence->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_insights = new QLabel(this);
    m_insights->setWordWrap(true);
    m_insights->setTextFormat(Qt::RichText);
    m_insights->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    columns->addWidget(m_evidence, 1);
    columns->addWidget(m_insights, 1);
    layout->addLayout(columns);

    m_products = new QTreeWidget(this);
    m_products->setAccessibleName(tr("Top products"));
    m_products->setRootIsDecorated(false);
    m_products->setHeaderLabels({tr("Top products"), tr("Marketplace"), tr("Price"), tr("Rating"), tr("Reviews")});
    m_products->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_products->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_products->setMinimumHeight(180);
    layout->addWidget(m_products);
    clear();
}

void TrendDetailView::placeCharts(int columns)
{
    if (columns == m_chartColumns)
        return;
    m_chartColumns = columns;
    const QList<QChartView *> order{m_breakdown, m_history, m_prices, m_markets};
    for (QChartView *v : order)
        m_grid->removeWidget(v);
    for (qsizetype i = 0; i < order.size(); ++i)
        m_grid->addWidget(order.at(i), int(i) / columns, int(i) % columns);
    // Tab reads the charts row by row, as they are placed.
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
}

void TrendDetailView::resizeEvent(QResizeEvent *event)
{
    // Two charts side by side need room for their labels; in a narrow window, one per line
    // (nothing cut short at 1024 × 700).
    placeCharts(event->size().width() < 640 ? 1 : 2);
    QWidget::resizeEvent(event);
}

void TrendDetailView::clear()
{
    m_trend = {};
    m_title->setText(tr("Select a trend"));
    m_summary->setText(tr("Pick a row in the table or a point on the opportunity map to see why it ranks where it does."));
    m_generate->setEnabled(false);
    m_formulas->clear();
    m_how->clear();
    m_howButton->setVisible(false);
    m_evidence->clear();
    m_insights->clear();
    m_products->clear();
    for (QChartView *v : {m_breakdown, m_prices, m_markets, m_history})
        replaceChart(v, new QChart);
}

void TrendDetailView::setTrend(const core::Trend &trend)
{
    m_trend = trend;
    m_title->setText(tr("%1 · %2").arg(trend.niche, trend.category.isEmpty() ? tr("all categories") : trend.category));
    m_summary->setText(trend.summary);
    m_generate->setEnabled(trend.id > 0);
    replaceChart(m_breakdown, TrendCharts::scoreBreakdown(trend));
    replaceChart(m_markets, TrendCharts::marketplaceSplit(trend.marketplaceCounts));
    replaceChart(m_prices, TrendCharts::priceHistogram({}));
    replaceChart(m_history, TrendCharts::history({}));
    m_formulas->setText(formulasHtml(trend));
    m_how->setText(formulasTooltip(trend));
    m_howButton->setVisible(true);
    m_evidence->setText(evidenceHtml(trend));
    QString insights = QStringLiteral("<b>%1</b><ul style='margin-left:-20px'>").arg(tr("Insights"));
    for (const QString &line : trend.insights)
        insights += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    m_insights->setText(insights + QStringLiteral("</ul>"));
    m_products->clear();
}

void TrendDetailView::setDetails(const QList<core::Product> &products, const QList<core::TrendHistoryPoint> &history)
{
    QList<double> prices;
    prices.reserve(products.size());
    for (const core::Product &p : products)
        prices << p.price;
    replaceChart(m_prices, TrendCharts::priceHistogram(prices));
    replaceChart(m_history, TrendCharts::history(history));
    m_products->clear();
    for (qsizetype i = 0; i < products.size() && i < 10; ++i) {
        const core::Product &p = products.at(i);
        const auto marketplace = core::marketplaceFromKey(p.marketplace);
        auto *item = new QTreeWidgetItem(m_products, {p.title, marketplace ? core::displayName(*marketplace) : p.marketplace, QLocale().toString(p.price, 'f', 2),
                                                      p.rating > 0 ? QLocale().toString(p.rating, 'f', 1) : QStringLiteral("–"),
                                                      QLocale().toString(p.reviewsCount)});
        item->setToolTip(0, p.productUrl);
        for (int c = 2; c <= 4; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
}

QString TrendDetailView::opportunityWords(const core::Trend &t)
{
    // What the opportunity weighs, in words: the parts with data and their values, how they are
    // weighted, and which parts are left out for want of data. The formula is behind the disclosure.
    const core::ScoreBreakdown &b = t.opportunity;
    const core::ScorePart &overall = b.part(core::ScoreComponent::Overall);
    struct Weighed
    {
        core::ScoreComponent component;
        core::Signal weight;
    };
    const Weighed parts[] = {{core::ScoreComponent::Demand, core::Signal::WeightDemand},
                             {core::ScoreComponent::Growth, core::Signal::WeightGrowth},
                             {core::ScoreComponent::Competition, core::Signal::WeightCompetition},
                             {core::ScoreComponent::Profitability, core::Signal::WeightProfitability}};
    auto name = [](core::ScoreComponent c) {
        switch (c) {
        case core::ScoreComponent::Demand: return tr("demand");
        case core::ScoreComponent::Growth: return tr("growth");
        case core::ScoreComponent::Competition: return tr("room left by competitors");
        default: return tr("profit");
        }
    };
    QStringList used;
    QStringList missing;
    QList<double> weights;
    for (const Weighed &p : parts) {
        const core::ScorePart &part = b.part(p.component);
        const double weight = overall.input(p.weight).value_or(0.0);
        if (!part.value) {
            missing << name(p.component);
            continue;
        }
        if (weight <= 0)
            continue;
        // Competition counts as the room it leaves: 100 less the competition.
        const double value = p.component == core::ScoreComponent::Competition ? 100.0 - *part.value : *part.value;
        used << tr("%1 %2").arg(name(p.component), QLocale().toString(value, 'f', 0));
        weights << weight;
    }
    if (used.isEmpty())
        return {};
    const bool equal = std::all_of(weights.cbegin(), weights.cend(), [&weights](double w) { return std::abs(w - weights.first()) < 1e-9; });
    double total = 0;
    for (double w : std::as_const(weights))
        total += w;
    if (!equal)
        for (qsizetype i = 0; i < used.size(); ++i)
            used[i] = tr("%1 (counts %2 %)").arg(used.at(i), QLocale().toString(100.0 * weights.at(i) / total, 'f', 0));
    const QString list = used.size() == 1 ? used.first() : tr("%1 and %2").arg(used.mid(0, used.size() - 1).join(QStringLiteral(", ")), used.last());
    QString words = used.size() == 1 ? tr("Rests on %1 alone.").arg(list)
                                     : (equal ? tr("Weighs %1 equally.").arg(list) : tr("Weighs %1.").arg(list));
    if (!missing.isEmpty()) {
        const QString gaps = missing.size() == 1 ? missing.first()
                                                 : tr("%1 and %2").arg(missing.mid(0, missing.size() - 1).join(QStringLiteral(", ")), missing.last());
        words += QLatin1Char(' ') + (missing.size() == 1 ? tr("No data for %1, so it is left out.") : tr("No data for %1, so they are left out.")).arg(gaps);
    }
    return words;
}

QString TrendDetailView::formulasHtml(const core::Trend &t)
{
    // Each part of the opportunity in words, from the figures it was computed from; the formulas
    // are behind "How is this computed?".
    QString html;
    if (!t.warnings.isEmpty())
        html += QStringLiteral("<p style='color:#b35c00'>⚠ %1</p>")
                    .arg(tr("Careful: \"%1\" carries the protected name %2. Designs that use it risk a takedown; this niche is left out of "
                            "the top opportunities.")
                             .arg(t.niche, t.protectedNames().join(QStringLiteral(", ")))
                             .toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='3'>");
    auto row = [&html](const QString &name, const core::ScorePart &part, const QString &none, const QString &said = {}) {
        QString words = said.isEmpty() ? part.evidence() : said;
        if (!words.isEmpty())
            words[0] = words[0].toUpper();
        const QString value = part.value ? QLocale().toString(*part.value, 'f', 0) : tr("no data");
        QString note = part.value ? words : none;
        if (part.provenance == core::Provenance::Estimated)
            note += tr(" (estimated)");
        html += QStringLiteral("<tr><td><b>%1</b></td><td align='right'>%2</td><td>%3</td></tr>")
                    .arg(name.toHtmlEscaped(), value.toHtmlEscaped(), note.toHtmlEscaped());
    };
    row(tr("Opportunity"), t.opportunity.part(core::ScoreComponent::Overall), tr("Nothing here measures demand yet."), opportunityWords(t));
    row(tr("Demand"), t.opportunity.part(core::ScoreComponent::Demand), tr("No stores, favourites or reviews tell how much it sells."));
    row(tr("Growth"), t.opportunity.part(core::ScoreComponent::Growth), tr("Needs two scrapes at least a day apart."));
    row(tr("Competition"), t.opportunity.part(core::ScoreComponent::Competition), tr("Measured against demand, so it needs demand first."));
    row(tr("Profit"), t.opportunity.part(core::ScoreComponent::Profitability), tr("No product type with a base cost."));
    html += QStringLiteral("<tr><td style='color:gray'>%1</td><td align='right' style='color:gray'>%2</td><td style='color:gray'>%3</td></tr>")
                .arg(tr("Seed score"), QLocale().toString(t.overallScore, 'f', 1), tr("the original web tool's formula, for comparison"));
    return html + QStringLiteral("</table>");
}

QString TrendDetailView::formulasTooltip(const core::Trend &t)
{
    QStringList lines{tr("Opportunity, calibrated on the market in your database:")};
    for (core::ScoreComponent component : core::allScoreComponents())
        if (!t.opportunity.part(component).formula.isEmpty())
            lines << QStringLiteral("  %1: %2").arg(core::displayName(component), t.opportunity.part(component).formula);
    lines << tr("The seed's scores (the original formulas, unchanged):");
    for (core::ScoreComponent component : core::allScoreComponents())
        if (!t.scoreInputs.part(component).formula.isEmpty())
            lines << QStringLiteral("  %1: %2").arg(core::displayName(component), t.scoreInputs.part(component).formula);
    return lines.join(QLatin1Char('\n'));
}

QString TrendDetailView::evidenceHtml(const core::Trend &t)
{
    const core::Audience &a = t.targetAudience;
    const int total = a.productCount;
    using core::AudienceKind;
    auto as = [](AudienceKind kind) { return [kind](const QString &label) { return core::audienceWords(kind, label); }; };
    QString html = QStringLiteral("<b>%1</b> <span style='color:gray'>(%2)</span><br>").arg(tr("Audience evidence"), tr("products mentioning it"));
    html += countsLine(tr("Bought for"), a.recipients, total, as(AudienceKind::Recipient));
    html += countsLine(tr("Occasions"), a.occasions, total, as(AudienceKind::Occasion));
    html += countsLine(tr("Hobbies"), a.hobbies, total, as(AudienceKind::Hobby));
    html += countsLine(tr("Gender cues"), a.genders, total);
    html += countsLine(tr("Age cues"), a.ages, total, as(AudienceKind::Age));
    if (!a.productKinds.isEmpty()) {
        QStringList kinds;
        for (auto it = a.productKinds.cbegin(); it != a.productKinds.cend(); ++it)
            kinds << QStringLiteral("%1 <span style='color:gray'>%2/%3</span>").arg(core::pluralName(it.key()).toHtmlEscaped()).arg(it.value()).arg(total);
        html += tr("<b>Products:</b> %1<br>").arg(kinds.join(QStringLiteral(", ")));
    }
    html += tr("<b>Prices:</b> %1<br>").arg(a.priceSensitivity.describe().toHtmlEscaped());
    html += countsLine(tr("Styles"), t.stylePatterns.styles, total);
    html += countsLine(tr("Colours"), t.stylePatterns.colours, total);
    html += tr("<b>Season:</b> %1").arg(t.season.isEvergreen() ? tr("evergreen") : t.season.describe().toHtmlEscaped());
    return html;
}

} // namespace podtrends::ui
