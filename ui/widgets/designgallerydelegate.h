#pragma once

#include <QStyledItemDelegate>

namespace podtrends::ui {

/** Paints a gallery card: the thumbnail scaled into the cell, the title, a status chip and a warning mark. */
class DesignGalleryDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(DesignGalleryDelegate)
    explicit DesignGalleryDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static constexpr int CardWidth = 200;
    static constexpr int ImageHeight = 200;
};

} // namespace podtrends::ui
