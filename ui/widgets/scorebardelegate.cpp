#include "scorebardelegate.h"

#include <ui/models/trendtablemodel.h>

#include <QApplication>
#include <QPainter>

namespace podtrends::ui {

ScoreBarDelegate::ScoreBarDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor ScoreBarDelegate::scoreColor(double score, bool invert)
{
    const double good = invert ? 100.0 - score : score;
    if (good >= 66)
        return QColor(0x2e, 0x9d, 0x5b);
    if (good >= 40)
        return QColor(0xe0, 0x9b, 0x2d);
    return QColor(0xd0, 0x4a, 0x3c);
}

void ScoreBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    if (index.data(TrendTableModel::NoDataRole).toBool()) {
        // No data: the words, no bar (a bar would read as a measured 0).
        painter->save();
        painter->setPen(opt.palette.color(QPalette::PlaceholderText));
        painter->drawText(opt.rect.adjusted(6, 0, -8, 0), Qt::AlignVCenter | Qt::AlignRight, text);
        painter->restore();
        return;
    }
    const double score = std::clamp(index.data(TrendTableModel::RawRole).toDouble(), 0.0, 100.0);
    const bool measured = index.data(TrendTableModel::MeasuredRole).toBool();
    const bool invert = index.column() == TrendTableModel::Competition;
    QRect bar = opt.rect.adjusted(4, 5, -4, -5);
    bar.setWidth(int(bar.width() * score / 100.0));
    QColor color = scoreColor(score, invert);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    color.setAlpha(index.column() == TrendTableModel::Opportunity ? 200 : 150);
    if (measured || index.column() == TrendTableModel::Opportunity) {
        painter->setBrush(color);
    } else {
        // Estimated: hatched, so the eye sees which numbers are proxies.
        QBrush hatch(color, Qt::BDiagPattern);
        painter->setBrush(hatch);
    }
    painter->setPen(QPen(color.darker(115), 1));
    painter->drawRoundedRect(bar, 3, 3);
    painter->setPen(opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText) : opt.palette.color(QPalette::Text));
    QFont f = opt.font;
    if (index.column() == TrendTableModel::Opportunity)
        f.setBold(true);
    painter->setFont(f);
    painter->drawText(opt.rect.adjusted(6, 0, -8, 0), Qt::AlignVCenter | Qt::AlignRight, text);
    painter->restore();
}

QSize ScoreBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 92));
    return s;
}

} // namespace podtrends::ui
