#include "sortindicatorstyle.h"

#include <QHeaderView>
#include <QStyleOptionHeader>

namespace podtrends::ui {

SortIndicatorStyle::SortIndicatorStyle(QStyle *base)
    : QProxyStyle(base)
{
}

void SortIndicatorStyle::install(QHeaderView *header)
{
    // A proxy over a fresh copy of the application's style (a proxy takes ownership of its base).
    auto *style = new SortIndicatorStyle(nullptr);
    style->setParent(header);
    header->setStyle(style);
}

void SortIndicatorStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const
{
    const auto *header = qstyleoption_cast<const QStyleOptionHeader *>(option);
    if (element != PE_IndicatorHeaderArrow || !header || header->sortIndicator == QStyleOptionHeader::None) {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        return;
    }
    // QHeaderView: ascending -> SortDown, descending -> SortUp.
    const bool descending = header->sortIndicator == QStyleOptionHeader::SortUp;
    QStyleOption arrow(*option);
    QProxyStyle::drawPrimitive(descending ? PE_IndicatorArrowDown : PE_IndicatorArrowUp, &arrow, painter, widget);
}

} // namespace podtrends::ui
