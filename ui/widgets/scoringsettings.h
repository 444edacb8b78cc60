#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace podtrends::ui {

/**
 * Settings → Scoring: the weights of the overall score, product base costs and marketplace fees
 * (with base costs set, profitability is measured from the margin instead of the seed's proxy).
 * Changes are saved at once and apply to the next analysis.
 */
class ScoringSettings final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ScoringSettings)
    explicit ScoringSettings(QWidget *parent = nullptr);

private:
    void load();
    void save();
    void updateHint();

    QDoubleSpinBox *m_weights[4] = {};
    QDoubleSpinBox *m_feePercent = nullptr;
    QDoubleSpinBox *m_feeFixed = nullptr;
    QTableWidget *m_costs = nullptr;
    QLabel *m_hint = nullptr;
    bool m_loading = false;
};

} // namespace podtrends::ui
