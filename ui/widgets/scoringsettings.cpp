#include "scoringsettings.h"

#include "wording.h"

#include <core/analysis/analysisoptions.h>
#include <core/analysis/textnormalizer.h>
#include <core/domain/productkind.h>

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace podtrends::ui {

ScoringSettings::ScoringSettings(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    auto *weightsBox = new QGroupBox(tr("Score weights"), this);
    auto *form = new QFormLayout(weightsBox);
    const QString names[] = {tr("Demand"), tr("Growth"), tr("Low competition"), tr("Profitability")};
    for (int i = 0; i < 4; ++i) {
        m_weights[i] = new QDoubleSpinBox(weightsBox);
        m_weights[i]->setRange(0, 1);
        m_weights[i]->setSingleStep(0.05);
        m_weights[i]->setDecimals(2);
        form->addRow(names[i], m_weights[i]);
        connect(m_weights[i], &QDoubleSpinBox::valueChanged, this, &ScoringSettings::save);
    }
    auto *reset = new QPushButton(tr("Seed defaults (0.25 each)"), weightsBox);
    form->addRow(reset);
    m_feePercent = new QDoubleSpinBox(weightsBox);
    m_feePercent->setRange(0, 50);
    m_feePercent->setSuffix(QStringLiteral(" %"));
    m_feeFixed = new QDoubleSpinBox(weightsBox);
    m_feeFixed->setRange(0, 10);
    // "$0.30" in English, "0,30 $" in German.
    const auto [moneyPrefix, moneySuffix] = moneyAffixes();
    m_feeFixed->setPrefix(moneyPrefix);
    m_feeFixed->setSuffix(moneySuffix);
    form->addRow(tr("Marketplace fee"), m_feePercent);
    form->addRow(tr("Fixed fee per sale"), m_feeFixed);
    connect(m_feePercent, &QDoubleSpinBox::valueChanged, this, &ScoringSettings::save);
    connect(m_feeFixed, &QDoubleSpinBox::valueChanged, this, &ScoringSettings::save);
    connect(reset, &QPushButton::clicked, this, [this] {
        for (QDoubleSpinBox *w : m_weights)
            w->setValue(0.25);
    });
    auto *left = new QVBoxLayout;
    left->addWidget(weightsBox);
    // Both scores in plain words; the formulas are on the Trends page behind "How is this computed?".
    // In a scroll area: whole sentences at any window size (nothing cut off at 1024 × 700).
    auto *meaningBox = new QGroupBox(tr("What the two scores mean"), this);
    auto *meaningLayout = new QVBoxLayout(meaningBox);
    auto *scroll = new QScrollArea(meaningBox);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *page = new QWidget(scroll);
    auto *meaning = new QVBoxLayout(page);
    meaning->setContentsMargins(0, 0, 0, 0);
    scroll->setWidget(page);
    meaningLayout->addWidget(scroll);
    auto paragraph = [page, meaning](const QString &title, const QString &text) {
        auto *label = new QLabel(QStringLiteral("<b>%1</b> %2").arg(title.toHtmlEscaped(), text.toHtmlEscaped()), page);
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        meaning->addWidget(label);
    };
    paragraph(tr("Opportunity."),
              tr("Ranks each niche against the rest of the market in your database, so the strongest niche you collected scores high "
                 "even where a marketplace publishes no sales. Demand is what each marketplace shows: on Shopify, how many of the "
                 "stores you follow carry the niche, their listings of the last 30 days and their sold-out variants; on Etsy, "
                 "favourites, views and new listings; on Amazon, reviews and the Best Sellers Rank. Growth is how those figures "
                 "changed between scrapes. Competition sets the listings against that demand: many listings where buyers are many "
                 "is less crowded than a few where there are none. Profit is what the price leaves after the base cost and fees. "
                 "A part that nothing measures says \"no data\" and is left out instead of counting as zero."));
    paragraph(tr("Seed score."),
              tr("The original web tool's score, kept unchanged so its numbers can be compared: demand from reviews and stars, "
                 "growth from stars, competition from the number of listings and profit from price and stars, each on a fixed "
                 "scale. Any niche with about a thousand reviews gets full demand, and a niche without reviews (Shopify "
                 "storefronts publish none) gets almost none."));
    paragraph(tr("Weights."), tr("Both scores add demand, growth, low competition and profit with the weights above."));
    meaning->addStretch(1);
    left->addWidget(meaningBox, 1);
    layout->addLayout(left, 1);

    auto *costsBox = new QGroupBox(tr("Base cost per product (empty = not configured)"), this);
    auto *costsLayout = new QVBoxLayout(costsBox);
    m_costs = new QTableWidget(int(core::TextNormalizer::productTypes().size()), 2, costsBox);
    m_costs->setAccessibleName(tr("Base cost per product type"));
    m_costs->setHorizontalHeaderLabels({tr("Product type"), tr("Base cost ($)")});
    m_costs->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_costs->verticalHeader()->hide();
    connect(m_costs, &QTableWidget::itemChanged, this, &ScoringSettings::save);
    auto *buttons = new QHBoxLayout;
    auto *typical = new QPushButton(tr("Fill typical costs"), costsBox);
    auto *clear = new QPushButton(tr("Clear"), costsBox);
    buttons->addWidget(typical);
    buttons->addWidget(clear);
    buttons->addStretch(1);
    m_hint = new QLabel(costsBox);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    costsLayout->addWidget(m_costs);
    costsLayout->addLayout(buttons);
    costsLayout->addWidget(m_hint);
    connect(typical, &QPushButton::clicked, this, [this] {
        const auto costs = core::AnalysisOptions::typicalBaseCosts();
        for (int r = 0; r < m_costs->rowCount(); ++r)
            m_costs->item(r, 1)->setText(QString::number(costs.value(m_costs->item(r, 0)->data(Qt::UserRole).toString()), 'f', 2));
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        for (int r = 0; r < m_costs->rowCount(); ++r)
            m_costs->item(r, 1)->setText(QString());
    });
    layout->addWidget(costsBox, 1);
    load();
}

void ScoringSettings::load()
{
    m_loading = true;
    const core::AnalysisOptions o = core::AnalysisOptions::fromSettings();
    const double w[] = {o.weights.demand, o.weights.growth, o.weights.competition, o.weights.profitability};
    for (int i = 0; i < 4; ++i)
        m_weights[i]->setValue(w[i]);
    m_feePercent->setValue(o.feePercent);
    m_feeFixed->setValue(o.feeFixed);
    const QStringList &types = core::TextNormalizer::productTypes();
    for (int r = 0; r < types.size(); ++r) {
        // The product in the seller's words ("T-shirt", "Phone case"), the key kept for saving.
        const std::optional<core::ProductKind> kind = core::productKindFromKey(types.at(r));
        QString label = kind ? core::displayName(*kind) : QString(types.at(r)).replace(QLatin1Char('_'), QLatin1Char(' '));
        if (!label.isEmpty())
            label[0] = label[0].toUpper();
        auto *name = new QTableWidgetItem(label);
        name->setData(Qt::UserRole, types.at(r));
        name->setFlags(Qt::ItemIsEnabled);
        m_costs->setItem(r, 0, name);
        m_costs->setItem(r, 1, new QTableWidgetItem(o.baseCosts.contains(types.at(r)) ? QString::number(o.baseCosts.value(types.at(r)), 'f', 2) : QString()));
    }
    m_loading = false;
    updateHint();
}

void ScoringSettings::save()
{
    if (m_loading || !m_costs->item(m_costs->rowCount() - 1, 1))
        return;
    core::AnalysisOptions o;
    o.weights = {m_weights[0]->value(), m_weights[1]->value(), m_weights[2]->value(), m_weights[3]->value()};
    o.feePercent = m_feePercent->value();
    o.feeFixed = m_feeFixed->value();
    for (int r = 0; r < m_costs->rowCount(); ++r) {
        bool ok = false;
        const double cost = m_costs->item(r, 1)->text().toDouble(&ok);
        if (ok && cost > 0)
            o.baseCosts.insert(m_costs->item(r, 0)->data(Qt::UserRole).toString(), cost);
    }
    o.save();
    updateHint();
}

void ScoringSettings::updateHint()
{
    const core::AnalysisOptions o = core::AnalysisOptions::fromSettings();
    m_hint->setText(o.baseCosts.isEmpty()
                        ? tr("No base costs: the opportunity estimates the margin with typical costs; the seed score uses the price and rating.")
                        : tr("The opportunity's profit is the margin (price, less base cost and fees) for %n product type(s); the next analysis uses it.",
                             nullptr, int(o.baseCosts.size())));
}

} // namespace podtrends::ui
