#pragma once

#include <QStyledItemDelegate>

namespace podtrends::ui {

/** Paints a progress bar in a cell whose ProgressRole is set (percent, or -1 for busy). */
class SourceProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(SourceProgressDelegate)
    explicit SourceProgressDelegate(int progressRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace podtrends::ui
