#include "designgallerydelegate.h"

#include <ui/models/designlistmodel.h>

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace podtrends::ui {

DesignGalleryDelegate::DesignGalleryDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QSize DesignGalleryDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(CardWidth + 12, ImageHeight + option.fontMetrics.height() * 2 + 24);
}

void DesignGalleryDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setRenderHint(QPainter::SmoothPixmapTransform);
    const QRectF card = QRectF(option.rect).adjusted(6, 6, -6, -6);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    QPainterPath shape;
    shape.addRoundedRect(card, 8, 8);
    p->fillPath(shape, pal.base());
    p->setPen(QPen(selected ? pal.highlight().color() : pal.mid().color(), selected ? 2.5 : 1));
    p->drawPath(shape);

    const QRectF imageRect(card.left() + 6, card.top() + 6, card.width() - 12, ImageHeight - 12);
    const QImage img = index.data(Qt::DecorationRole).value<QImage>();
    if (img.isNull()) {
        p->fillRect(imageRect, pal.alternateBase());
        p->setPen(pal.placeholderText().color());
        p->drawText(imageRect, Qt::AlignCenter, tr("Loading…"));
    } else {
        QSizeF s = img.size();
        s.scale(imageRect.size(), Qt::KeepAspectRatio);
        const QRectF target(imageRect.center().x() - s.width() / 2, imageRect.center().y() - s.height() / 2, s.width(), s.height());
        p->drawImage(target, img);
    }

    // Status chip over the image's corner.
    const auto designStatus = core::designStatusFromKey(index.data(DesignListModel::StatusRole).toString()).value_or(core::DesignStatus::Draft);
    const QString status = core::displayName(designStatus);
    const QColor chip = designStatus == core::DesignStatus::Published ? QColor(0x2e7d32)
                        : designStatus == core::DesignStatus::Ready   ? QColor(0x1565c0)
                                                                      : QColor(0x6d6d6d);
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    small.setBold(true);
    p->setFont(small);
    const QFontMetrics sfm(small);
    const QRectF chipRect(imageRect.left() + 6, imageRect.top() + 6, sfm.horizontalAdvance(status) + 14, sfm.height() + 4);
    QPainterPath chipPath;
    chipPath.addRoundedRect(chipRect, chipRect.height() / 2, chipRect.height() / 2);
    p->fillPath(chipPath, chip);
    p->setPen(Qt::white);
    p->drawText(chipRect, Qt::AlignCenter, status);
    if (!index.data(DesignListModel::WarningRole).toString().isEmpty()) {
        const QRectF warn(imageRect.right() - 26, imageRect.top() + 6, 20, 20);
        p->setBrush(QColor(0xe65100));
        p->setPen(Qt::NoPen);
        p->drawEllipse(warn);
        p->setPen(Qt::white);
        p->drawText(warn, Qt::AlignCenter, QStringLiteral("!"));
    }

    p->setFont(option.font);
    p->setPen(pal.text().color());
    const QRectF textRect(card.left() + 8, imageRect.bottom() + 6, card.width() - 16, option.fontMetrics.height() * 2 + 4);
    const QString title = option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, int(textRect.width()));
    p->drawText(textRect, Qt::AlignLeft | Qt::AlignTop, title);
    p->setPen(pal.placeholderText().color());
    const QString style = index.data(DesignListModel::StyleRole).toString().replace(QLatin1Char('_'), QLatin1Char(' '));
    p->drawText(textRect.adjusted(0, option.fontMetrics.height(), 0, 0), Qt::AlignLeft | Qt::AlignTop,
                tr("#%1 · %2").arg(index.data(DesignListModel::IdRole).toLongLong()).arg(style));
    p->restore();
}

} // namespace podtrends::ui
