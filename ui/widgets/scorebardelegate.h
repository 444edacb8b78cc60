#pragma once

#include <QStyledItemDelegate>

namespace podtrends::ui {

/**
 * Paints a 0–100 score as a bar behind its number. Measured scores are solid, estimated ones
 * (the seed's proxies) hatched; competition is drawn in the "lower is better" colour.
 * Reads TrendTableModel::RawRole and MeasuredRole.
 */
class ScoreBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ScoreBarDelegate)
    explicit ScoreBarDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /** The colour of a score: green for good, amber, red; `invert` for competition. */
    static QColor scoreColor(double score, bool invert = false);
};

} // namespace podtrends::ui
