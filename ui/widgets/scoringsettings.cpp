#include "scoringsettings.h"

#include <core/analysis/analysisoptions.h>
#include <core/analysis/textnormalizer.h>

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
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
    m_feeFixed->setPrefix(QStringLiteral("$"));
    form->addRow(tr("Marketplace fee"), m_feePercent);
    form->addRow(tr("Fixed fee per sale"), m_feeFixed);
    connect(m_feePercent, &QDoubleSpinBox::valueChanged, this, &ScoringSettings::save);
    connect(m_feeFixed, &QDoubleSpinBox::valueChanged, this, &ScoringSettings::save);
    connect(reset, &QPushButton::clicked, this, [this] {
        for (QDoubleSpinBox *w : m_weights)
            w->setValue(0.25);
    });
    auto *explain = new QLabel(tr("Trends carry two scores. The opportunity ranks niches against the rest of your market: demand from what "
                                  "each marketplace shows (Shopify stores carrying the niche, new listings and sold-out variants; Etsy "
                                  "favourites; Amazon reviews), growth between scrapes, competition as listings against that demand, and "
                                  "the profit left after base cost and fees. A part nothing measures says \"no data\" and is left out. "
                                  "The seed score is the original web tool's formula, kept for comparison. Both use these weights."),
                               weightsBox);
    explain->setWordWrap(true);
    explain->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(explain);
    layout->addWidget(weightsBox);

    auto *costsBox = new QGroupBox(tr("Base cost per product (empty = not configured)"), this);
    auto *costsLayout = new QVBoxLayout(costsBox);
    m_costs = new QTableWidget(int(core::TextNormalizer::productTypes().size()), 2, costsBox);
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
        auto *name = new QTableWidgetItem(QString(types.at(r)).replace(QLatin1Char('_'), QLatin1Char(' ')));
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
