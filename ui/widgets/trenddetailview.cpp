#include "trenddetailview.h"

#include "trendcharts.h"

#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace podtrends::ui {

namespace {

QChartView *chartView(QWidget *parent)
{
    auto *v = new QChartView(parent);
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumHeight(210);
    v->setChart(new QChart);
    return v;
}

void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

QString countsLine(const QString &label, const QJsonObject &counts, int total)
{
    QList<std::pair<int, QString>> items;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        items << std::pair{it.value().toInt(), it.key()};
    if (items.isEmpty())
        return {};
    std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    QStringList parts;
    for (qsizetype i = 0; i < items.size() && i < 6; ++i)
        parts << QStringLiteral("%1 <span style='color:gray'>%2/%3</span>").arg(items.at(i).second.toHtmlEscaped()).arg(items.at(i).first).arg(total);
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

    auto *grid = new QGridLayout;
    m_breakdown = chartView(this);
    m_prices = chartView(this);
    m_markets = chartView(this);
    m_history = chartView(this);
    grid->addWidget(m_breakdown, 0, 0);
    grid->addWidget(m_history, 0, 1);
    grid->addWidget(m_prices, 1, 0);
    grid->addWidget(m_markets, 1, 1);
    layout->addLayout(grid);

    m_formulas = new QLabel(this);
    m_formulas->setWordWrap(true);
    m_formulas->setTextFormat(Qt::RichText);
    layout->addWidget(m_formulas);
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
    m_products->setRootIsDecorated(false);
    m_products->setHeaderLabels({tr("Top products"), tr("Marketplace"), tr("Price"), tr("Rating"), tr("Reviews")});
    m_products->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_products->setMinimumHeight(180);
    layout->addWidget(m_products);
    clear();
}

void TrendDetailView::clear()
{
    m_trend = {};
    m_title->setText(tr("Select a trend"));
    m_summary->setText(tr("Pick a row in the table or a point on the opportunity map to see why it ranks where it does."));
    m_generate->setEnabled(false);
    m_formulas->clear();
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
    m_evidence->setText(evidenceHtml(trend));
    QString insights = QStringLiteral("<b>%1</b><ul style='margin-left:-20px'>").arg(tr("Insights"));
    for (const QJsonValue &v : trend.insights)
        insights += QStringLiteral("<li>%1</li>").arg(v.toString().toHtmlEscaped());
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
        auto *item = new QTreeWidgetItem(m_products, {p.title, p.marketplace, QLocale().toString(p.price, 'f', 2),
                                                      p.rating > 0 ? QLocale().toString(p.rating, 'f', 1) : QStringLiteral("–"),
                                                      QLocale().toString(p.reviewsCount)});
        item->setToolTip(0, p.productUrl);
        for (int c = 2; c <= 4; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
}

QString TrendDetailView::formulasHtml(const core::Trend &t)
{
    QString html = QStringLiteral("<table cellspacing='2'>");
    const std::pair<const char *, QString> parts[] = {{"demand", tr("Demand")}, {"growth", tr("Growth")}, {"competition", tr("Competition")},
                                                      {"profitability", tr("Profitability")}, {"overall", tr("Overall")}};
    for (const auto &[key, name] : parts) {
        const QJsonObject part = t.scoreInputs.value(QLatin1String(key)).toObject();
        const bool measured = part.value(QStringLiteral("measured")).toBool();
        QStringList inputs;
        const QJsonObject in = part.value(QStringLiteral("inputs")).toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            if (it.value().isObject())
                continue;
            inputs << QStringLiteral("%1 = %2").arg(it.key(), it.value().isDouble() ? QLocale().toString(it.value().toDouble(), 'g', 6) : it.value().toString());
        }
        html += QStringLiteral("<tr><td><b>%1</b></td><td align='right'>%2</td><td>%3</td><td><code>%4</code></td><td style='color:gray'>%5</td></tr>")
                    .arg(name, QLocale().toString(part.value(QStringLiteral("value")).toDouble(), 'f', 1),
                         measured ? QStringLiteral("<span style='color:#2f6fb5'>● %1</span>").arg(tr("measured"))
                                  : QStringLiteral("<span style='color:#8aa7c8'>○ %1</span>").arg(tr("estimated")),
                         part.value(QStringLiteral("formula")).toString().toHtmlEscaped(), inputs.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    return html + QStringLiteral("</table>");
}

QString TrendDetailView::evidenceHtml(const core::Trend &t)
{
    const QJsonObject a = t.targetAudience;
    const int total = a.value(QStringLiteral("product_count")).toInt();
    QString html = QStringLiteral("<b>%1</b> <span style='color:gray'>(%2)</span><br>").arg(tr("Audience evidence"), tr("products mentioning it"));
    html += countsLine(tr("Recipients"), a.value(QStringLiteral("recipients")).toObject(), total);
    html += countsLine(tr("Occasions"), a.value(QStringLiteral("occasions")).toObject(), total);
    html += countsLine(tr("Hobbies"), a.value(QStringLiteral("hobbies")).toObject(), total);
    html += countsLine(tr("Gender cues"), a.value(QStringLiteral("gender")).toObject(), total);
    html += countsLine(tr("Age cues"), a.value(QStringLiteral("age")).toObject(), total);
    const QJsonObject price = a.value(QStringLiteral("price_sensitivity")).toObject();
    html += tr("<b>Price band:</b> %1 (budget %2, mid %3, premium %4)<br>")
                .arg(price.value(QStringLiteral("band")).toString())
                .arg(price.value(QStringLiteral("budget")).toInt())
                .arg(price.value(QStringLiteral("mid")).toInt())
                .arg(price.value(QStringLiteral("premium")).toInt());
    html += countsLine(tr("Styles"), t.stylePatterns.value(QStringLiteral("styles")).toObject(), total);
    html += countsLine(tr("Colours"), t.stylePatterns.value(QStringLiteral("colors")).toObject(), total);
    const QJsonArray months = t.season.value(QStringLiteral("peak_months")).toArray();
    QStringList names;
    for (const QJsonValue &m : months)
        names << QLocale().monthName(m.toInt(), QLocale::ShortFormat);
    html += tr("<b>Season:</b> %1").arg(names.isEmpty() ? tr("evergreen") : tr("peaks in %1").arg(names.join(QStringLiteral(", "))));
    return html;
}

} // namespace podtrends::ui
