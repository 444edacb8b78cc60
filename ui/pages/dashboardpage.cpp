#include "dashboardpage.h"

#include <core/analysis/overview.h>
#include <core/storage/workspace.h>
#include <core/util/activitylog.h>
#include <core/util/whenready.h>
#include <ui/widgets/chartstyle.h>
#include <ui/widgets/emptystate.h>
#include <ui/widgets/pageheader.h>
#include <ui/widgets/scorebardelegate.h>
#include <ui/widgets/wording.h>

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <QtConcurrent>

namespace podtrends::ui {

namespace {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    QFont f = l->font();
    f.setWeight(QFont::DemiBold);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    l->setFont(f);
    return l;
}

QString relative(const QDateTime &when)
{
    if (!when.isValid())
        return DashboardPage::tr("never");
    const qint64 secs = when.secsTo(QDateTime::currentDateTimeUtc());
    if (secs < 90)
        return DashboardPage::tr("just now");
    if (secs < 3600 * 2)
        return DashboardPage::tr("%n minute(s) ago", nullptr, int(secs / 60));
    if (secs < 86400 * 2)
        return DashboardPage::tr("%n hour(s) ago", nullptr, int(secs / 3600));
    return DashboardPage::tr("%n day(s) ago", nullptr, int(secs / 86400));
}

} // namespace

DashboardPage::DashboardPage(core::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(12);
    layout->addWidget(new PageHeader(tr("Dashboard"), tr("Where your research stands and what to do next."), this));

    auto *cards = new QHBoxLayout;
    cards->addWidget(statCard(tr("Products collected"), &m_products));
    cards->addWidget(statCard(tr("Trends found"), &m_trends));
    cards->addWidget(statCard(tr("Designs"), &m_designs));
    cards->addWidget(statCard(tr("Published"), &m_published));
    layout->addLayout(cards);

    auto *next = new QFrame(this);
    next->setFrameShape(QFrame::StyledPanel);
    auto *nextLayout = new QHBoxLayout(next);
    m_nextStep = new QLabel(next);
    m_nextStep->setWordWrap(true);
    m_addSource = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("Add a &source"), next);
    m_analyze = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Analyze"), next);
    m_generate = new QPushButton(QIcon::fromTheme(QStringLiteral("applications-graphics")), tr("&Generate designs"), next);
    nextLayout->addWidget(m_nextStep, 1);
    nextLayout->addWidget(m_addSource);
    nextLayout->addWidget(m_analyze);
    nextLayout->addWidget(m_generate);
    layout->addWidget(next);
    connect(m_addSource, &QPushButton::clicked, this, &DashboardPage::addSourceRequested);
    connect(m_analyze, &QPushButton::clicked, this, &DashboardPage::analysisRequested);
    connect(m_generate, &QPushButton::clicked, this, [this] {
        if (m_topTrendId > 0)
            Q_EMIT generateRequested(m_topTrendId);
    });

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->addWidget(sectionTitle(tr("Top opportunities"), this), 0, 0);
    m_topChart = new QChartView(this);
    m_topChart->setRenderHint(QPainter::Antialiasing);
    m_topChart->setMinimumHeight(150);
    m_topChart->setChart(new QChart);
    styleChart(m_topChart->chart(), palette());
    describeChart(m_topChart, tr("Top opportunities"));
    grid->addWidget(m_topChart, 1, 0);
    m_empty = new EmptyState(m_topChart);
    m_topList = new QTreeWidget(this);
    m_topList->setAccessibleName(tr("Top opportunities"));
    m_topList->setRootIsDecorated(false);
    m_topList->setHeaderLabels({tr("Niche"), tr("Category"), tr("Opportunity"), tr("Products")});
    m_topList->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(m_topList, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { openTrend(item->data(0, Qt::UserRole).toLongLong()); });
    grid->addWidget(m_topList, 2, 0);

    grid->addWidget(sectionTitle(tr("Last scrape per marketplace"), this), 0, 1);
    m_markets = new QTreeWidget(this);
    m_markets->setAccessibleName(tr("Last scrape per marketplace"));
    m_markets->setRootIsDecorated(false);
    m_markets->setHeaderLabels({tr("Marketplace"), tr("Status"), tr("Last scrape"), tr("Next")});
    // Short columns sized to their text, the time takes the rest: at 1024 × 700 four equal
    // columns cut "Last scrape" and "just now" (and the German headers) to an ellipsis.
    m_markets->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_markets->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    grid->addWidget(m_markets, 1, 1);
    auto *jobsBox = new QVBoxLayout;
    jobsBox->addWidget(sectionTitle(tr("Recent jobs"), this));
    m_jobs = new QTreeWidget(this);
    m_jobs->setAccessibleName(tr("Recent jobs"));
    m_jobs->setRootIsDecorated(false);
    m_jobs->setHeaderLabels({tr("Job"), tr("Status"), tr("When"), tr("Result")});
    m_jobs->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_jobs->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    jobsBox->addWidget(m_jobs);
    grid->addLayout(jobsBox, 2, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 2);
    layout->addLayout(grid, 1);

    connect(workspace, &core::Workspace::databaseChanged, this, &DashboardPage::reload);
    connect(workspace, &core::Workspace::dataChanged, this, &DashboardPage::reload);
    reload();
}

QWidget *DashboardPage::statCard(const QString &title, QLabel **value)
{
    auto *card = new QFrame(this);
    card->setFrameShape(QFrame::StyledPanel);
    card->setObjectName(QStringLiteral("statCard"));
    card->setStyleSheet(QStringLiteral("QFrame#statCard { background: palette(base); border-radius: 8px; }"));
    auto *l = new QVBoxLayout(card);
    auto *caption = new QLabel(title, card);
    caption->setForegroundRole(QPalette::PlaceholderText);
    *value = new QLabel(QStringLiteral("–"), card);
    QFont f = (*value)->font();
    f.setPointSizeF(f.pointSizeF() * 2.0);
    f.setWeight(QFont::DemiBold);
    (*value)->setFont(f);
    l->addWidget(caption);
    l->addWidget(*value);
    return card;
}

void DashboardPage::reload()
{
    const auto db = m_workspace->database();
    if (!db)
        return;
    const int generation = ++m_generation;
    QPointer<DashboardPage> self(this);
    core::whenReady(QtConcurrent::run(m_workspace->pool(), [db] { return core::WorkspaceOverview::load(db); }), this, [self, generation](core::Result<core::WorkspaceOverview> overview) {
            if (!self || generation != self->m_generation)
                return;
            if (!overview) {
                core::ActivityLog::instance()->error(tr("Dashboard"), overview.errorMessage());
                return;
            }
            self->showOverview(*overview);
        });
}

void DashboardPage::showOverview(const core::WorkspaceOverview &o)
{
    const QLocale locale;
    m_products->setText(locale.toString(o.products));
    m_trends->setText(locale.toString(o.trends));
    m_designs->setText(locale.toString(o.designs));
    m_published->setText(locale.toString(o.published));
    m_topTrendId = o.topTrends.isEmpty() ? 0 : o.topTrends.first().id;
    m_generate->setEnabled(m_topTrendId > 0);
    m_generate->setToolTip(m_topTrendId > 0 ? tr("Generate designs for the best niche")
                                            : tr("Nothing to generate from yet: analyze collected products to find a niche first."));
    m_analyze->setEnabled(o.products > 0);
    m_analyze->setToolTip(o.products > 0 ? tr("Find and rank niches in the collected products")
                                         : tr("Nothing to analyze yet: collect or import products first."));
    // First run: the next step instead of bare axes.
    if (o.products == 0) {
        m_empty->setText(tr("Nothing collected yet"),
                         tr("Import saved marketplace pages or exports, add a shop to collect, or try the sample workspace: "
                            "made-up shops, from listings to ranked niches and mockups in a few minutes."));
        m_empty->setLinks({{tr("Try the sample workspace"), links::sampleWorkspace()}, {tr("Import files…"), links::importFiles()},
                           {tr("Add a source…"), links::addSource()}});
    } else if (o.trends == 0) {
        m_empty->setText(tr("No niches ranked yet"), tr("Analyze the collected products to find niches and rank them by opportunity."));
        m_empty->setLinks({{tr("Analyze now"), links::analyze()}});
    }
    m_empty->setActive(o.products == 0 || o.trends == 0);
    if (o.products == 0)
        m_nextStep->setText(tr("<b>Next step:</b> add a source (a Shopify store, Etsy or Amazon keywords), import or drop saved pages "
                               "on the window, or try the sample workspace."));
    else if (o.trends == 0)
        m_nextStep->setText(tr("<b>Next step:</b> analyze the %n collected product(s) to find niches.", nullptr, int(o.products)));
    else if (o.designs == 0)
        m_nextStep->setText(tr("<b>Next step:</b> generate designs for the best niche, <i>%1</i> (opportunity %2).")
                                .arg(o.topTrends.first().niche.toHtmlEscaped(), o.topTrends.first().opportunityScore
                                                                                     ? locale.toString(*o.topTrends.first().opportunityScore, 'f', 1)
                                                                                     : tr("no data")));
    else
        m_nextStep->setText(tr("<b>Next step:</b> review your designs and publish the best ones, or analyze again after the next scrape."));

    // Top opportunities: bars of the opportunity score, best on top.
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(2, 2, 2, 2));
    auto *set = new QBarSet(tr("Opportunity"));
    set->setColor(ScoreBarDelegate::scoreColor(80));
    QStringList names;
    // The five best as bars (five fit a 1024 × 700 window; the list beneath holds them all).
    const qsizetype shown = std::min<qsizetype>(o.topTrends.size(), 5);
    for (qsizetype i = shown - 1; i >= 0; --i) {
        // Whole numbers and the niche alone: Qt Charts cuts long axis labels to "…" in a narrow
        // window (the category is in the list below).
        *set << std::round(o.topTrends.at(i).opportunityScore.value_or(0.0));
        names << o.topTrends.at(i).niche;
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(names);
    // Qt Charts would cut every niche to "…" in a narrow window; the axis takes the width it needs.
    y->setTruncateLabels(false);
    auto *x = new QValueAxis;
    x->setRange(0, 100);
    x->setLabelFormat(QStringLiteral("%d"));
    // Each bar carries its score: without the 0–100 labels eight niches fit a 700-pixel-high window.
    x->setLabelsVisible(false);
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
    connect(series, &QHorizontalBarSeries::clicked, this, [this, ids = o.topTrends.mid(0, shown)](int index, QBarSet *) {
        const qsizetype i = ids.size() - 1 - index;
        if (i >= 0 && i < ids.size())
            openTrend(ids.at(i).id);
    });
    styleChart(chart, palette());
    QChart *old = m_topChart->chart();
    m_topChart->setChart(chart);
    describeChart(m_topChart, tr("Top opportunities"));
    delete old;

    m_topList->clear();
    for (const core::Trend &t : o.topTrends) {
        const QString opportunity = t.opportunityScore ? locale.toString(*t.opportunityScore, 'f', 1) : tr("no data");
        auto *item = new QTreeWidgetItem(m_topList, {t.niche, t.category, opportunity, locale.toString(t.productCount)});
        item->setData(0, Qt::UserRole, t.id);
        item->setToolTip(0, t.summary);
        if (t.opportunityScore)
            item->setForeground(2, ScoreBarDelegate::scoreColor(*t.opportunityScore));
    }
    m_markets->clear();
    for (const core::MarketplaceRecord &m : o.marketplaces) {
        auto *item = new QTreeWidgetItem(m_markets, {core::displayName(m.marketplace), capitalised(core::displayName(m.status)), relative(m.lastScraped), m.nextScrape.isValid() ? locale.toString(m.nextScrape.toLocalTime(), QLocale::ShortFormat) : QStringLiteral("–")});
        if (!m.errorMessage.isEmpty())
            item->setToolTip(1, m.errorMessage);
    }
    if (o.marketplaces.isEmpty())
        new QTreeWidgetItem(m_markets, {tr("No scrape yet"), QString(), QString(), QString()});
    m_jobs->clear();
    for (const core::Job &j : o.recentJobs) {
        QString result = j.error;
        const auto *analysis = std::get_if<core::AnalyzeJobResult>(&j.result);
        if (result.isEmpty() && analysis)
            result = tr("%1 trends from %2 products").arg(analysis->trends).arg(analysis->products);
        else if (result.isEmpty())
            result = tr("%n item(s)", nullptr, j.items);
        auto *item = new QTreeWidgetItem(m_jobs, {capitalised(core::displayName(j.kind)), capitalised(core::displayName(j.status)), relative(j.finishedAt.isValid() ? j.finishedAt : j.createdAt), result});
        item->setToolTip(3, result);
    }
}

void DashboardPage::openTrend(qint64 trendId)
{
    if (trendId > 0)
        Q_EMIT trendRequested(trendId);
}

} // namespace podtrends::ui
